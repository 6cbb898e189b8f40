/* The shell in the browser: <html lang> follows the language switch; the menu button opens and closes the
   menu on phones and any navigation closes it again. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    shell: {
        setLang: function (lang) {
            document.documentElement.lang = lang === "en" ? "en" : "id";
            return window.dash_clientside.no_update;
        },
        toggleMenu: function (clicks, path, current) {
            const triggered = window.dash_clientside.callback_context.triggered || [];
            const byButton = triggered.some(function (t) { return t.prop_id === "menu-toggle.n_clicks"; });
            const open = byButton && !(current || "").split(" ").includes("open");
            return [open ? "nav open" : "nav", open ? "true" : "false"];
        }
    }
});
