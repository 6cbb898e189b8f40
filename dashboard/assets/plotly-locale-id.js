/* Indonesian for the charts: month and day names, and "1.234,5" numbers (chosen with config.locale = "id"). */
(function () {
    var locale = {
        moduleType: "locale",
        name: "id",
        dictionary: {},
        format: {
            days: ["Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"],
            shortDays: ["Min", "Sen", "Sel", "Rab", "Kam", "Jum", "Sab"],
            months: ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                "Oktober", "November", "Desember"],
            shortMonths: ["Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"],
            date: "%d/%m/%Y",
            decimal: ",",
            thousands: "."
        }
    };
    if (typeof Plotly === "undefined") {
        window.PlotlyLocales = window.PlotlyLocales || [];
        window.PlotlyLocales.push(locale);
    } else {
        Plotly.register(locale);
    }
})();
