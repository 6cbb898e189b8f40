"""The hospital bed form: a hospital's staff report the day's beds from a phone (the provincial task force for
any hospital), see what was last sent and how old it is, and the task force sees who has gone silent."""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash
from dash import Input, Output, State, callback, dcc, html, no_update

from dashboard import data
from dashboard.components import bed_availability, lang_of, login_form, logout_form
from dashboard.labels import both, label

dash.register_page(
    __name__, path="/satgas/rumah-sakit", name="Laporan tempat tidur", title="Laporan tempat tidur · Sumbar Siaga"
)

# The counts in the form's order; the first four are required.
FIELDS = (
    "isolation_total",
    "isolation_occupied",
    "icu_total",
    "icu_occupied",
    "hcu_total",
    "hcu_occupied",
    "ventilators_in_use",
    "admitted_today",
)
REQUIRED = FIELDS[:4]


def count_input(name: str) -> html.Div:
    return html.Div(
        [
            html.Label(id=f"beds-label-{name}", htmlFor=f"beds-{name}"),
            dcc.Input(id=f"beds-{name}", type="number", min=0, step=1, inputMode="numeric", debounce=True),
            html.Div(id=f"beds-error-{name}", className="field-error", role="alert"),
        ],
        className="field",
    )


def layout(**query: Any) -> html.Div:
    reporter = data.bed_reporter()
    if reporter is None:
        if data.console_user() is None:
            return login_form(failed="gagal" in query, next_page="/satgas/rumah-sakit")
        return html.Div([html.P(both("not_bed_reporter")), logout_form()])
    choices = [{"label": name, "value": code} for code, name in reporter["hospitals"]]
    return html.Div(
        [
            html.Div([html.H1(id="beds-title"), logout_form()], className="console-head"),
            html.Label(id="beds-hospital-label", htmlFor="beds-hospital"),
            dcc.Dropdown(
                id="beds-hospital",
                options=choices,
                value=choices[0]["value"] if len(choices) == 1 else None,
                clearable=False,
                disabled=len(choices) == 1,
            ),
            html.Div(id="beds-latest", className="beds-latest"),
            html.Div(
                [
                    html.Label(id="beds-label-day", htmlFor="beds-day"),
                    dcc.Input(id="beds-day", type="text", inputMode="numeric", value=data.local_today().isoformat()),
                    html.Div(id="beds-error-day", className="field-error", role="alert"),
                ],
                className="field",
            ),
            html.Div([count_input(name) for name in FIELDS], className="bed-fields"),
            html.Button(id="beds-send", className="button primary", n_clicks=0),
            html.P(id="beds-message", role="status", **{"aria-live": "polite"}),
            html.Section(id="beds-silent"),
        ],
        className="console bed-form",
    )


@callback(
    Output("beds-title", "children"),
    Output("beds-hospital-label", "children"),
    Output("beds-label-day", "children"),
    Output("beds-send", "children"),
    *[Output(f"beds-label-{name}", "children") for name in FIELDS],
    Input("lang", "data"),
    Input("beds-title", "id"),
)
def form_labels(lang: Any, _page: Any) -> tuple[str, ...]:
    lang = lang_of(lang)
    texts = [label(f"field_{name}", lang) + ("" if name in REQUIRED else label("optional", lang)) for name in FIELDS]
    return (
        label("beds_form_title", lang),
        label("field_hospital", lang),
        label("field_day", lang),
        label("send_report", lang),
        *texts,
    )


@callback(
    Output("beds-latest", "children"),
    Input("beds-hospital", "value"),
    Input("lang", "data"),
    Input("beds-message", "children"),
)
def latest_report(code: Any, lang: Any, _sent: Any) -> Any:
    lang = lang_of(lang)
    found = data.hospital_now(code) if isinstance(code, str) else None
    if found is None:
        return None
    phone = html.A(found["phone"], href=f"tel:{found['tel']}", className="tel") if found["tel"] else None
    return [
        html.H2(found["name"]),
        html.P(label("last_report", lang)),
        bed_availability(found["latest_report"], lang),
        phone,
    ]


def parse_count(value: Any) -> int | None | str:
    """A whole number, None when empty, or "bad" for anything else (a browser may send a decimal)."""
    if value in (None, ""):
        return None
    if isinstance(value, bool):
        return "bad"
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return "bad"


@callback(
    Output("beds-message", "children"),
    Output("beds-error-day", "children"),
    *[Output(f"beds-error-{name}", "children") for name in FIELDS],
    Input("beds-send", "n_clicks"),
    State("beds-hospital", "value"),
    State("beds-day", "value"),
    *[State(f"beds-{name}", "value") for name in FIELDS],
    State("lang", "data"),
    prevent_initial_call=True,
)
def send_report(clicks: int, code: Any, day_text: Any, *values_and_lang: Any) -> tuple[Any, ...]:
    *values, lang = values_and_lang
    lang = lang_of(lang)
    if not clicks:
        return (no_update,) * (2 + len(FIELDS))
    errors: dict[str, str] = {}
    counts: dict[str, int | None] = {}
    for name, value in zip(FIELDS, values, strict=True):
        parsed = parse_count(value)
        if parsed == "bad":
            errors[name] = label("whole_number", lang)
        else:
            counts[name] = parsed if isinstance(parsed, int) else None
    try:
        day = dt.date.fromisoformat(str(day_text).strip())
    except ValueError:
        day = None
        errors["day"] = label("bad_day", lang)
    if not isinstance(code, str):
        return label("choose_hospital", lang), *([None] * (1 + len(FIELDS)))
    if day is not None and not errors:
        try:
            saved = data.submit_bed_report(code, day, counts)
        except data.ServiceError as error:
            fields = (error.errors or {}).get("json", {})
            errors.update({name: messages[0][lang] for name, messages in fields.items()})
            if not fields:
                return error.message[lang], *([None] * (1 + len(FIELDS)))
        else:
            done = label("report_replaced" if saved["replaced"] else "report_saved", lang)
            return done.format(day=saved["day"].isoformat()), *([None] * (1 + len(FIELDS)))
    return (
        label("fix_fields", lang),
        errors.get("day"),
        *[errors.get(name) for name in FIELDS],
    )


@callback(Output("beds-silent", "children"), Input("lang", "data"), Input("beds-message", "children"))
def silent_list(lang: Any, _sent: Any) -> Any:
    lang = lang_of(lang)
    reporter = data.bed_reporter()
    if reporter is None or not reporter["provincial"]:
        return None
    rows = data.silent_hospitals()
    heading = html.H2(label("silent_title", lang))
    if not rows:
        return [heading, html.P(label("silent_none", lang))]
    items = []
    for row in rows:
        since = (
            label("silent_days", lang).format(days=row["days_silent"])
            if row["last_reported_at"]
            else label("never_reported", lang)
        )
        digits = "".join(ch for ch in row["phone"] or "" if ch.isdigit() or ch == "+")
        phone = html.A(row["phone"], href=f"tel:{digits}", className="tel") if digits else None
        items.append(html.Li([html.Strong(row["name"]), " · ", since, " ", phone]))
    return [heading, html.P(label("silent_intro", lang)), html.Ul(items, className="silent-list")]
