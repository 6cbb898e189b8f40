/* The maps draw only the product's own boundaries (GeoJSON) on an invisible base map, yet plotly still asks a
   CDN for its world outline before drawing a choropleth. Give it an empty outline here, so the maps draw
   with no request leaving the server (and draw at all where that CDN is unreachable). */
(function () {
    var empty = { type: "GeometryCollection", geometries: [] };
    var assets = window.PlotlyGeoAssets = window.PlotlyGeoAssets || { topojson: {} };
    assets.topojson = assets.topojson || {};
    assets.topojson.world_110m = {
        type: "Topology",
        arcs: [],
        objects: { land: empty, ocean: empty, lakes: empty, rivers: empty, countries: empty, subunits: empty, coastlines: empty }
    };
})();
