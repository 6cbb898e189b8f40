/* The shell in the browser: <html lang> (and the sumbar_lang cookie) follow the language switch; the menu button
   opens and closes the menu on phones and any navigation closes it again; a list's buttons pass their clicks on to
   a store (dashboard/click_relay.py). */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    shell: {
        setLang: function (lang) {
            const chosen = lang === "en" ? "en" : "id";
            document.documentElement.lang = chosen;
            // For the server, which then writes the first paint of the next visit in this language.
            document.cookie = "sumbar_lang=" + chosen + "; Path=/; Max-Age=31536000; SameSite=Lax" +
                (location.protocol === "https:" ? "; Secure" : "");
            return window.dash_clientside.no_update;
        },
        toggleMenu: function (clicks, path, current) {
            const triggered = window.dash_clientside.callback_context.triggered || [];
            const byButton = triggered.some(function (t) { return t.prop_id === "menu-toggle.n_clicks"; });
            const open = byButton && !(current || "").split(" ").includes("open");
            return [open ? "nav open" : "nav", open ? "true" : "false"];
        }
    },
    relay: {
        // The newest click among the buttons, passed on once: a redraw of their list asks again with old times.
        newestClick: function (_times, last) {
            const buttons = window.dash_clientside.callback_context.inputs_list[0] || [];
            let newest = null;
            buttons.forEach(function (button) {
                if (typeof button.value === "number" && (newest === null || button.value > newest.value)) {
                    newest = button;
                }
            });
            const before = last && typeof last.at === "number" ? last.at : 0;
            if (newest === null || newest.value <= before) { return window.dash_clientside.no_update; }
            return { id: newest.id, at: newest.value };
        }
    }
});
