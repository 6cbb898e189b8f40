// Builds plotly-sumbar.min.js (and its brotli copy) from the pinned plotly.js, as plotly.js's own custom
// bundle does (its esbuild-config.js), without the WebGL and map plugins no trace here needs.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';

const version = JSON.parse(readFileSync('node_modules/plotly.js/package.json', 'utf8')).version;
const out = 'plotly-sumbar.min.js';
await build({
    entryPoints: ['entry.js'],
    outfile: out,
    format: 'iife',
    globalName: 'Plotly',
    bundle: true,
    minify: true,
    target: 'es2016',
    define: { global: 'window', 'define.amd': 'false', 'process.env.NODE_DEBUG': 'false' },
    alias: { stream: 'stream-browserify' },
    // maplibre's stylesheet is asked for only by the map traces, which are not in this bundle.
    loader: { '.css': 'empty' },
    // The third-party licence notices go to plotly-sumbar.min.js.LEGAL.txt, shipped beside the bundle.
    legalComments: 'external',
    banner: { js: `/* plotly.js v${version} (MIT licence, Copyright Plotly, Inc.): a partial bundle with the traces scatter, bar, heatmap, choropleth and scattergeo; see dashboard/vendor/plotly/README.md */` },
    logLevel: 'info',
});
// Compressed once here at the highest level (a fifth smaller than the server's per-process level 4).
const bundle = readFileSync(out);
writeFileSync(out + '.br', brotliCompressSync(bundle, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bundle.length } }));
