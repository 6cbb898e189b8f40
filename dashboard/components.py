"""Shared pieces of the dashboard: navigation, numbers and dates in the page's language, key-figure cards,
demo labels, the hospital list, and the console sign-in form."""

from __future__ import annotations

import datetime as dt
from typing import Any

from dash import dcc, html

from dashboard import data
from dashboard.labels import LANGS, both, label
from surveillance import formats
from surveillance.freshness import data_until, is_stale

NAV_ITEMS = (
    ("nav_home", "/"),
    ("nav_region", "/wilayah"),
    ("nav_map", "/peta"),
    ("nav_levels", "/level"),
    ("nav_hospitals", "/rumah-sakit"),
    ("nav_warning", "/peringatan"),
    ("nav_instructions", "/instruksi"),
    ("nav_data", "/data"),
)
# Shown to signed-in staff only; every other visitor gets one discreet "For staff" link to the sign-in instead.
STAFF_NAV_ITEMS = (
    ("nav_console", "/satgas"),
    ("nav_monitoring", "/satgas/pemantauan"),
    ("nav_duty", "/satgas/bertugas"),
)


DROPDOWN_WORDS = (
    "select_all",
    "deselect_all",
    "selected_count",
    "search",
    "clear_search",
    "clear_selection",
    "no_options_found",
)


def dropdown_labels(lang: str) -> dict[str, str]:
    """A dcc.Dropdown's own words (its search box, buttons, "nothing found") in the page's language."""
    return {word: label(f"dropdown_{word}", lang) for word in DROPDOWN_WORDS}


def lang_of(value: Any) -> str:
    """The page's language from a store or input value; Indonesian for anything unexpected."""
    return value if isinstance(value, str) and value in LANGS else "id"


def navigation(lang: str, my_region: str | None = None, path: str | None = None) -> list[html.A]:
    """The menu; "Wilayah" opens the visitor's own region when one was chosen; the staff pages only for staff
    signed in to the console, a small "Untuk petugas" link for everyone else."""
    links = []
    staff = data.staff_signed_in()
    for key, href in NAV_ITEMS + (STAFF_NAV_ITEMS if staff else ()):
        target = f"/wilayah/{my_region}" if key == "nav_region" and my_region else href
        here = path == href or (href not in ("/", "/satgas") and bool(path) and str(path).startswith(href))
        extra = {"aria-current": "page"} if here else {}
        links.append(html.A(label(key, lang), href=target, className="nav-link", **extra))
    if not staff:
        extra = {"aria-current": "page"} if path == "/satgas" else {}
        links.append(html.A(label("nav_staff", lang), href="/satgas", className="nav-link staff-link", **extra))
    return links


def thousands(value: float, lang: str, decimals: int = 0) -> str:
    """A number as the page's language writes it (1.234,5 / 1,234.5)."""
    return formats.number(value, lang, decimals)


def local_stamp(moment: dt.datetime, lang: str) -> str:
    """30 Sep 2022 17.05 WIB: a moment already in the province's time zone, named by its abbreviation."""
    return f"{formats.date(moment.date(), lang)} {formats.time_of_day(moment, lang)} {moment.tzname() or ''}".strip()


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
    if user["role"] == "rumah_sakit":
        # A hospital's staff report beds; the page they came to is not theirs, their form is.
        return html.Div(
            [
                html.P(both("hospital_account").format(hospital=user["hospital"]), id="hospital-account"),
                html.P(html.A(both("open_bed_form"), href="/satgas/rumah-sakit")),
                logout_form(),
            ]
        )
    if not user["can_respond"]:
        return html.Div([html.P(both("not_responder")), logout_form()])
    return None


def demo_accounts_banner(user: dict[str, Any]) -> html.Div | None:
    """While accounts with the published demo password exist, every console page says so."""
    if not user.get("demo_accounts"):
        return None
    return html.Div(both("demo_accounts_warning"), id="demo-accounts-warning", className="banner warning", role="alert")


def demo_password_banner(user: dict[str, Any]) -> html.Div | None:
    """Admins see, on every console page, each real account that still has the demo password, until it changes."""
    names = user.get("demo_password_accounts") or []
    if not names:
        return None
    text = f"{both('demo_password_warning')} {', '.join(names)}"
    return html.Div(text, id="demo-password-warning", className="banner warning", role="alert")


def more_notice(shown: int, total: int, key: str, lang: str) -> html.P | None:
    """Says that a console list shows only its first `shown` of `total` rows (None when it shows them all)."""
    if total <= shown:
        return None
    return html.P(label(key, lang).format(shown=shown, total=total), className="more-rows", role="status")


def demo_tag(lang: str) -> html.Span:
    return html.Span(label("demo_tag", lang), className="demo-tag")


def demo_banner(lang: str, every_area: bool = True) -> html.P:
    return html.P(label("demo_banner" if every_area else "demo_some", lang), className="demo-banner", role="note")


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


def age_text(last_day: dt.date | str | None, today: dt.date, lang: str) -> str:
    """How old an area's figures are: "per 5 Des 2026" while current, "Data sampai 30 Sep 2022; publikasi
    berhenti" once publication has stopped (surveillance.freshness)."""
    if not last_day:
        return label("as_of", lang).format(date="–")
    day = dt.date.fromisoformat(last_day[:10]) if isinstance(last_day, str) else last_day
    if not is_stale(day, today):
        return label("as_of", lang).format(date=formats.date(day, lang))
    text = data_until(day, today, lang)
    return text[:1].upper() + text[1:]


def stale(last_day: dt.date | str | None, today: dt.date) -> bool:
    if not last_day:
        return False
    return is_stale(dt.date.fromisoformat(last_day[:10]) if isinstance(last_day, str) else last_day, today)


def trend_text(figure: dict[str, Any], lang: str, decimals: int = 0, old: bool = False) -> tuple[str, str]:
    """The change from 7 days earlier in words, and its tone (good, bad, neutral, unknown); `old` figures (their
    publication stopped) were improving or worsening then, not now."""
    change = figure["change"]
    if change is None:
        return "", "unknown"
    then = "_then" if old else ""
    verdict = (
        label("no_change", lang)
        if figure["good"] is None
        else label(("good_news" if figure["good"] else "bad_news") + then, lang)
    )
    arrow = {"up": "▲", "down": "▼"}.get(figure["trend"], "■")
    sign = "+" if change > 0 else "−" if change < 0 else "±"
    text = f"{arrow} {label('vs_week', lang).format(sign=sign, change=thousands(abs(change), lang, decimals))}"
    if figure["good"] is not None:
        text += f" ({verdict})"
    return text, "neutral" if figure["good"] is None else "good" if figure["good"] else "bad"


def key_card(name: str, figure: dict[str, Any], lang: str, decimals: int = 0, old: bool = False) -> html.Div:
    """A key figure: value, change from 7 days earlier, and whether that change is good news, in words and colour
    (in the past for `old` figures)."""
    value = figure["value"]
    shown = "–" if value is None else thousands(value, lang, decimals)
    trend, tone = trend_text(figure, lang, decimals, old)
    return html.Div(
        [
            html.Div(label(f"fig_{name}", lang), className="card-label"),
            html.Div(shown, className="card-value"),
            html.Div(trend, className=f"card-trend trend-{tone}"),
        ],
        className="card",
        role="group",
        **{"aria-label": f"{label(f'fig_{name}', lang)}: {shown}. {trend.lstrip('▲▼■ ')}"},
    )


def confirmed_card(area: dict[str, Any], lang: str) -> html.Div:
    """The headline: confirmed cases since the start, and how many the latest day added."""
    total = area["cumulative_cases"]
    shown = "–" if total is None else thousands(total, lang)
    new = area["figures"]["new_cases"]["value"]
    change = (
        label("daily_change", lang).format(change=formats.signed(new, lang), date=formats.date(area["date"], lang))
        if new is not None and area["date"]
        else ""
    )
    return html.Div(
        [
            html.Div(label("fig_confirmed", lang), className="card-label"),
            html.Div(shown, className="card-value headline-value"),
            html.Div(change, className="card-trend"),
        ],
        className="card headline",
        role="group",
        **{"aria-label": f"{label('fig_confirmed', lang)}: {shown}. {change}"},
    )


def when(item: dict[str, Any], lang: str) -> str:
    """When an instruction was issued and when it is in force."""
    parts = []
    if item["issued_on"]:
        parts.append(f"{label('issued', lang)} {formats.date(item['issued_on'], lang)}")
    if item["effective_from"]:
        until = f" – {formats.date(item['effective_until'], lang)}" if item["effective_until"] else ""
        parts.append(f"{label('effective', lang)} {formats.date(item['effective_from'], lang)}{until}")
    return " · ".join(parts)


def instruction_summary(item: dict[str, Any], lang: str) -> str | None:
    """The summary in the page's language, else the other one."""
    first, second = ("summary_en", "summary") if lang == "en" else ("summary", "summary_en")
    found: str | None = item.get(first) or item.get(second)
    return found


def bed_availability(report: dict[str, Any] | None, lang: str) -> html.Div:
    """Free isolation and ICU beds of the latest report, and its age; an old report says so in words."""
    if report is None:
        return html.Div(label("no_bed_report", lang), className="beds meta")
    counts = [
        label("beds_isolation", lang).format(free=report["isolation_free"], total=report["isolation_total"]),
        label("beds_icu", lang).format(free=report["icu_free"], total=report["icu_total"]),
    ]
    age = label("reported_ago", lang).format(age=report["age_hours"])
    notes = [label("stale_report", lang)] if report["stale"] else []
    if report["demo"]:
        notes.append(label("demo_report", lang))
    return html.Div(
        [
            html.Div(" · ".join(counts), className="bed-counts"),
            html.Div(" · ".join([age, *notes]), className="meta stale" if report["stale"] else "meta"),
        ],
        className="beds stale" if report["stale"] else "beds",
    )


def hospital_list(hospitals: list[dict[str, Any]], lang: str) -> html.Ul:
    """Each referral hospital: name, type, beds, its latest bed report when it has one, address, its distance
    from the visitor when known, and its phone as a link that calls it."""
    items = []
    for h in hospitals:
        kind = label(f"type_{h['type']}", lang) if h["type"] else None
        facts = [
            part
            for part in (kind, label("beds", lang).format(n=thousands(h["beds"], lang)) if h["beds"] else None)
            if part
        ]
        phone: Any = (
            html.A(label("call", lang).format(phone=h["phone"]), href=f"tel:{h['tel']}", className="tel")
            if h["tel"]
            else html.Span(label("no_phone", lang), className="meta")
        )
        items.append(
            html.Li(
                [
                    html.Div(h["name"], className="hospital-name"),
                    html.Div(" · ".join(facts), className="meta") if facts else None,
                    bed_availability(h["latest_report"], lang) if "latest_report" in h else None,
                    html.Div(h["address"], className="address"),
                    html.Div(
                        label("distance_km", lang).format(km=thousands(h["distance_km"], lang, 1)), className="meta"
                    )
                    if h.get("distance_km") is not None
                    else None,
                    phone,
                ],
                className="hospital",
            )
        )
    return html.Ul(items, className="hospital-list")
