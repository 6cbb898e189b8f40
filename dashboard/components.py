"""Shared pieces of the dashboard: navigation, number formats, key-figure cards, the console sign-in form."""

from __future__ import annotations

from typing import Any

from dash import dcc, html

from dashboard.labels import both, label

NAV_ITEMS = (
    ("nav_home", "/"),
    ("nav_map", "/peta"),
    ("nav_levels", "/level"),
    ("nav_region", "/wilayah/13.71"),
    ("nav_instructions", "/instruksi"),
    ("nav_data", "/data"),
    ("nav_warning", "/peringatan"),
    ("nav_console", "/satgas"),
    ("nav_monitoring", "/satgas/pemantauan"),
)


def navigation(lang: str) -> list[html.A]:
    return [html.A(label(key, lang), href=href, className="nav-link") for key, href in NAV_ITEMS]


def thousands(value: float, lang: str, decimals: int = 0) -> str:
    """Indonesian uses a dot for thousands and a comma for decimals."""
    text = f"{value:,.{decimals}f}"
    if lang == "id":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text


def duration(seconds: float) -> str:
    """A short human duration: 45 s, 3 min, 2 h 05 min."""
    seconds = int(abs(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min"
    return f"{seconds // 3600} h {seconds % 3600 // 60:02d} min"


def console_gate(user: dict[str, Any] | None, query: dict[str, Any], next_page: str) -> html.Div | None:
    """What a console page shows instead of itself: the sign-in form, or a refusal for other roles; None to go on."""
    if user is None:
        wait = str(query.get("tunggu", ""))
        return login_form(failed="gagal" in query, next_page=next_page, wait=int(wait) if wait.isdigit() else None)
    if not user["can_respond"]:
        return html.Div([html.P(both("not_responder")), logout_form()])
    return None


def demo_accounts_banner(user: dict[str, Any]) -> html.Div | None:
    """While accounts with the published demo password exist, every console page says so."""
    if not user.get("demo_accounts"):
        return None
    return html.Div(both("demo_accounts_warning"), id="demo-accounts-warning", className="banner warning", role="alert")


def login_form(failed: bool, next_page: str, wait: int | None = None) -> html.Div:
    """The console sign-in form; both languages at once, since the language switch needs no session."""
    minutes = max(1, -(-wait // 60)) if wait else 0
    return html.Div(
        [
            html.H1(id="login-title", children=both("login_title")),
            html.P(both("login_failed"), className="error") if failed else None,
            html.P(both("login_wait").format(n=minutes), id="login-wait", className="error", role="alert")
            if wait
            else None,
            html.Form(
                [
                    html.Label(
                        [
                            both("username"),
                            dcc.Input(
                                id="login-username",
                                name="username",
                                type="text",
                                required=True,
                                autoComplete="username",
                            ),
                        ]
                    ),
                    html.Label(
                        [
                            both("password"),
                            dcc.Input(
                                id="login-password",
                                name="password",
                                type="password",
                                required=True,
                                autoComplete="current-password",
                            ),
                        ]
                    ),
                    dcc.Input(type="hidden", name="next", value=next_page),
                    html.Button(both("sign_in"), id="login-submit", type="submit"),
                ],
                action="/satgas/login",
                method="POST",
                className="login-form",
            ),
        ],
        className="login",
    )


def logout_form() -> html.Form:
    return html.Form(
        html.Button(both("sign_out"), type="submit"), action="/satgas/logout", method="POST", className="logout"
    )


def key_card(name: str, figure: dict[str, Any], lang: str, decimals: int = 0) -> html.Div:
    """A key figure: value, change on 7 days ago, and whether that change is good news, in words and colour."""
    value = figure["value"]
    change = figure["change"]
    if change is None:
        trend_text, tone = "", "unknown"
    else:
        sign = "+" if change > 0 else "−" if change < 0 else "±"
        verdict = (
            label("no_change", lang)
            if figure["good"] is None
            else label("good_news" if figure["good"] else "bad_news", lang)
        )
        arrow = {"up": "▲", "down": "▼"}.get(figure["trend"], "■")
        trend_text = (
            f"{arrow} "
            + label("vs_week", lang).format(sign=sign, change=thousands(abs(change), lang, decimals))
            + f" ({verdict})"
        )
        tone = "neutral" if figure["good"] is None else "good" if figure["good"] else "bad"
    return html.Div(
        [
            html.Div(label(f"fig_{name}", lang), className="card-label"),
            html.Div("–" if value is None else thousands(value, lang, decimals), className="card-value"),
            html.Div(trend_text, className=f"card-trend trend-{tone}"),
        ],
        className="card",
        role="group",
        **{"aria-label": label(f"fig_{name}", lang)},
    )


def when(item: dict[str, Any], lang: str) -> str:
    """When an instruction was issued and when it is in force."""
    parts = []
    if item["issued_on"]:
        parts.append(f"{label('issued', lang)} {item['issued_on']}")
    if item["effective_from"]:
        until = f" – {item['effective_until']}" if item["effective_until"] else ""
        parts.append(f"{label('effective', lang)} {item['effective_from']}{until}")
    return " · ".join(parts)
