"""Who is on duty: every officer goes on and off duty here; admins and the provincial task force see each region's
officers and put them on or off duty (the same use cases as the API's /users/on-duty and /users/<id>/duty)."""

from __future__ import annotations

from typing import Any

import dash
from dash import Input, Output, callback, ctx, dcc, html
from dash.exceptions import PreventUpdate

from dashboard import data, inputs
from dashboard.click_relay import click_store, relay_clicks
from dashboard.components import console_gate, demo_accounts_banner, demo_password_banner, lang_of, logout_form
from dashboard.labels import label

dash.register_page(__name__, path="/satgas/bertugas", name="Petugas bertugas", title="Petugas bertugas · Sumbar Siaga")

# The roster is read afresh this often: officers switch themselves from their own phones.
REFRESH_MS = 30_000


def layout(**query: Any) -> html.Div:
    user = data.console_user()
    gate = console_gate(user, query, next_page="/satgas/bertugas")
    if gate is not None or user is None:
        return gate or html.Div()
    return html.Div(
        [
            demo_accounts_banner(user),
            demo_password_banner(user),
            html.Div(
                [html.H1(id="duty-title"), html.Span(user["username"], className="who"), logout_form()],
                className="console-head",
            ),
            html.P(id="duty-intro"),
            html.Div(id="duty-message", role="status", **{"aria-live": "polite"}),
            click_store("duty-set"),
            html.Section(id="duty-own", className="duty-own"),
            html.Div(id="duty-roster", className="duty-roster"),
            dcc.Interval(id="duty-tick", interval=REFRESH_MS),
        ],
        className="console duty-page",
    )


def switch(officer: dict[str, Any], lang: str, own: bool = False) -> html.Button:
    """The button that turns `officer` the other way; its id says which officer, to what, and where it is (an
    officer who keeps the roster is on it too)."""
    to = "off" if officer["on_duty"] else "on"
    text = label(f"duty_go_{to}" if own else f"duty_set_{to}", lang)
    return html.Button(
        text,
        id={"type": "duty-set", "officer": officer["id"], "to": to, "own": own},
        className="secondary" if officer["on_duty"] else "primary",
        **({} if own else {"aria-label": f"{text}: {officer['username']}"}),
    )


def officer_item(officer: dict[str, Any], lang: str) -> html.Li:
    state = label("duty_state_on" if officer["on_duty"] else "duty_state_off", lang)
    listening = [" · ", html.Span(label("duty_listening", lang), className="listening")] if officer["listening"] else []
    return html.Li(
        [
            html.Span([html.Strong(officer["username"]), " · ", html.Span(state, className="duty-state"), *listening]),
            switch(officer, lang),
        ],
        className="on-duty" if officer["on_duty"] else "off-duty",
    )


def region_section(title: str, officers: list[dict[str, Any]], lang: str, nobody_key: str) -> html.Section:
    on_duty = sum(1 for officer in officers if officer["on_duty"])
    if on_duty:
        status = html.P(label("duty_count", lang).format(n=on_duty), className="duty-count")
    else:
        status = html.P(label(nobody_key, lang), className="duty-nobody")
    items = [officer_item(officer, lang) for officer in officers]
    return html.Section(
        [
            html.H2(title),
            status,
            html.Ul(items, className="duty-list") if items else html.P(label("duty_no_accounts", lang)),
        ],
        className="duty-region" + ("" if on_duty else " unattended"),
    )


def roster_sections(officers: list[dict[str, Any]], lang: str) -> list[html.Section]:
    """The province's officers first, then every kabupaten/kota, those without accounts too."""
    sections = [
        region_section(
            label("duty_province", lang),
            [o for o in officers if o["role"] == "satgas_provinsi"],
            lang,
            "duty_nobody_province",
        )
    ]
    for code, name in data.region_names().items():
        mine = [o for o in officers if o["role"] == "satgas_kabkota" and o["region_code"] == code]
        sections.append(region_section(name, mine, lang, "duty_nobody"))
    return sections


@callback(
    Output("duty-title", "children"),
    Output("duty-intro", "children"),
    Output("duty-own", "children"),
    Output("duty-roster", "children"),
    Input("lang", "data"),
    Input("duty-message", "children"),
    Input("duty-tick", "n_intervals"),
)
def roster(lang: Any, _saved: Any, _tick: Any) -> tuple[Any, ...]:
    lang = lang_of(lang)
    user = data.console_user()
    if user is None:
        raise PreventUpdate
    own = html.P([label("duty_you_on" if user["on_duty"] else "duty_you_off", lang), " ", switch(user, lang, own=True)])
    sections = roster_sections(data.duty_roster(), lang) if user["keeps_duty"] else None
    return label("duty_title", lang), label("duty_intro", lang), own, sections


@callback(
    Output("duty-message", "children"),
    relay_clicks("duty-set", ("officer", "to", "own")),
    Input("lang", "data"),
    prevent_initial_call=True,
)
def set_duty(click: Any, lang: Any) -> Any:
    """A switch was pressed; a language change clears the message, which was written in the other language."""
    lang = lang_of(lang)
    if ctx.triggered_id == "lang":
        return None
    target = inputs.clicked_button(click, "duty-set", ("officer", "to", "own"))
    officer, to = inputs.integer(target["officer"], 1, 2**31 - 1), inputs.choice(target["to"], ("on", "off"))
    try:
        done = data.set_duty(officer, to == "on")
    except data.ServiceError as error:
        return error.message[lang]
    return label("duty_saved_on" if done["on_duty"] else "duty_saved_off", lang).format(name=done["username"])
