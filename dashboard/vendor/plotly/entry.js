// The trace types the dashboard draws (dashboard/figures.py): scatter comes with the core; the console's
// tiled map (scattermap, only with SUMBAR_MAP_TILES) is served the full bundle instead (dashboard/plotly_js.py).
'use strict';
var Plotly = require('plotly.js/lib/core');
Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/heatmap'),
    require('plotly.js/lib/choropleth'),
    require('plotly.js/lib/scattergeo'),
]);
module.exports = Plotly;
