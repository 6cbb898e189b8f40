/* The hospitals page asks the phone for its location only when the visitor taps the button; the position goes
   to the page's own server callback to sort the list, never anywhere else. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    hospitals: {
        locate: function (clicks) {
            if (!clicks) { return window.dash_clientside.no_update; }
            return new Promise(function (resolve) {
                if (!navigator.geolocation) { resolve("unavailable"); return; }
                navigator.geolocation.getCurrentPosition(
                    function (p) { resolve(p.coords.latitude.toFixed(4) + "," + p.coords.longitude.toFixed(4)); },
                    function () { resolve("unavailable"); },
                    { enableHighAccuracy: false, timeout: 15000, maximumAge: 600000 }
                );
            });
        }
    }
});
