"""Isolation monitoring board: episodes by flag and region (emergencies first), a 14-day adherence grid, vital-sign
charts, and the follow-up an officer does from here: a note, "contacted" (a flag lowered), closing."""

from __future__ import annotations

import uuid
from typing import Any

import dash
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from dashboard import data, figures, inputs
from dashboard.click_relay import click_store, relay_clicks
from dashboard.components import (
    console_gate,
    demo_accounts_banner,
    demo_password_banner,
    local_stamp,
    logout_form,
    more_notice,
)
from dashboard.isolation_card import place
from dashboard.labels import label
from screening import isolation_events
from screening.isolation import CLOSING_OUTCOMES
from screening.isolation_monitoring import FLAGS
from surveillance import formats

dash.register_page(__name__, path="/satgas/pemantauan", name="Pemantauan", title="Pemantauan isolasi · Sumbar Siaga")

GRID_MARK = {"reported": "✓", "missed": "✗", "today": "○", "future": "·", "not_monitored": "–"}


def _uuid_or_none(value: Any) -> str | None:
    try:
        return str(uuid.UUID(str(value))) if value else None
    except ValueError:
        return None


def layout(**query: Any) -> html.Div:
    user = data.console_user()
    episode = _uuid_or_none(query.get("episode"))
    # After signing in, the officer lands on the episode the link named.
    gate = console_gate(user, query, next_page="/satgas/pemantauan" + (f"?episode={episode}" if episode else ""))
    if gate is not None or user is None:
        return gate or html.Div()
    regions = data.regions_in_scope()
    flag = query.get("flag") if query.get("flag") in FLAGS else None
    return html.Div(
        [
            demo_accounts_banner(user),
            demo_password_banner(user),
            html.Div([html.H1(id="monitoring-title"), logout_form()], className="console-head"),
            html.Div(
                [
                    dcc.Dropdown(
                        id="monitoring-flag", value=flag, clearable=True, placeholder="flag", className="filter"
                    ),
                    dcc.Dropdown(
                        id="monitoring-region",
                        options=[{"label": name, "value": code} for code, name in regions],
                        clearable=True,
                        placeholder=label("filter_region", "id"),
                        className="filter",
                    ),
                ],
                className="filters",
            ),
            dcc.Interval(id="monitoring-tick", interval=30_000),
            html.Div(id="episode-board", className="table-wrap"),
            # An episode linked from the console's alert card opens at once.
            dcc.Store(id="episode-selected", data=episode),
            dcc.Store(id="episode-changed"),
            dcc.Store(id="close-pending"),
            click_store("episode-open"),
            click_store("episode-action"),
            dcc.ConfirmDialog(id="close-confirm"),
            html.P(id="episode-message", role="status", **{"aria-live": "polite"}),
            html.Div(id="episode-detail"),
        ],
        className="console",
    )


@callback(
    Output("monitoring-title", "children"),
    Output("monitoring-flag", "options"),
    Output("monitoring-flag", "placeholder"),
    Output("monitoring-region", "placeholder"),
    Input("lang", "data"),
    Input("monitoring-title", "id"),
)
def monitoring_labels(lang: str | None, _page: str) -> tuple[str, list[dict[str, str]], str, str]:
    lang = inputs.language(lang)
    options = [{"label": label(f"flag_{flag}", lang), "value": flag} for flag in FLAGS]
    return label("monitoring_title", lang), options, label("col_flags", lang), label("filter_region", lang)


def stamp(moment: str | None, lang: str) -> str:
    """An instant as the province reads it: 29 Nov 2026 01.36 WIB (29 Nov 2026 01:36 WIB in English)."""
    if not moment:
        return label("never", lang)
    return local_stamp(data.local_time(moment), lang)


def tel_link(phone: str | None) -> Any:
    if not phone:
        return "–"
    return html.A(phone, href="tel:" + "".join(ch for ch in phone if ch.isdigit() or ch == "+"), className="tel")


def flag_badges(row: dict[str, Any], lang: str) -> list[html.Span]:
    """The flags in words; an emergency (an open alert) first, in red."""
    badges = [html.Span(label("flag_emergency", lang), className="flag flag-emergency")] if row.get("emergency") else []
    return badges + [html.Span(label(f"flag_{f}", lang), className=f"flag flag-{f}") for f in row["flags"]]


def grid_cells(grid: list[dict[str, Any]], lang: str) -> html.Div:
    return html.Div(
        [
            html.Span(
                GRID_MARK[cell["state"]],
                className=f"cell cell-{cell['state']}",
                title=f"{formats.date(cell['date'], lang)}: {label(cell['state'], lang)}",
                **{"aria-label": f"{formats.date(cell['date'], lang)} {label(cell['state'], lang)}"},
            )
            for cell in grid
        ],
        className="grid",
    )


def row_class(row: dict[str, Any]) -> str:
    if row.get("emergency"):
        return "episode-row row-emergency"
    return "episode-row row-urgent" if "urgent" in row["flags"] else "episode-row"


def board(rows: list[dict[str, Any]], lang: str, regions: dict[str, str]) -> Any:
    if not rows:
        return html.P(label("no_episodes", lang))
    keys = (
        "col_person",
        "col_phone",
        "col_region_name",
        "col_reason",
        "col_day",
        "col_flags",
        "col_adherence",
        "col_grid",
        "col_last",
    )
    header = html.Tr([html.Th(label(k, lang)) for k in keys] + [html.Th("")])

    def cells(row: dict[str, Any]) -> list[tuple[Any, str]]:
        return [
            # One block, so that a phone's card does not set name, address and link side by side in columns.
            (html.Div([row["name"] or "–", html.Br(), *place(row.get("address"), row.get("maps_url"), lang)]), "name"),
            (tel_link(row.get("phone")), "nowrap"),
            (regions.get(row["region"] or "", "–"), ""),
            (label(row["reason"], lang), ""),
            (f"{row['day']}/{row['total_days']}", "num"),
            (flag_badges(row, lang), "flags"),
            (f"{row['adherence']['days_reported']} / {row['adherence']['days_missed']}", "num"),
            (grid_cells(row["adherence"]["grid"], lang), ""),
            (stamp(row["last_checkin_at"], lang), ""),
            (html.Button(label("open", lang), id={"type": "episode-open", "id": row["id"]}), "open"),
        ]

    # On a phone each row is a card and each cell shows its column's name (data-label) beside it.
    names = [label(k, lang) for k in keys] + [""]
    body = [
        html.Tr(
            [
                html.Td(value, className=kind or None, **{"data-label": name})
                for name, (value, kind) in zip(names, cells(row), strict=True)
            ],
            id=f"episode-{row['id']}",
            className=row_class(row),
        )
        for row in rows
    ]
    return html.Table([html.Thead(header), html.Tbody(body)], className="table board", id="episode-table")


@callback(
    Output("episode-board", "children"),
    Input("monitoring-flag", "value"),
    Input("monitoring-region", "value"),
    Input("monitoring-tick", "n_intervals"),
    Input("episode-changed", "data"),
    Input("lang", "data"),
)
def refresh_board(flag: str | None, region: str | None, _tick: Any, _changed: Any, lang: str | None) -> Any:
    flag = flag if flag in FLAGS else None
    region = region if isinstance(region, str) else None  # the dropdown only ever sends a code
    lang = inputs.language(lang)
    page = data.monitoring_board(flag, region)
    return [board(page.rows, lang, data.region_names()), more_notice(len(page.rows), page.total, "more_episodes", lang)]


@callback(
    Output("episode-selected", "data"),
    relay_clicks("episode-open", ("id",)),
    prevent_initial_call=True,
)
def select_episode(click: Any) -> Any:
    return inputs.uuid_text(inputs.clicked_button(click, "episode-open", ("id",))["id"])


def event_text(event: dict[str, Any], lang: str) -> str:
    """One audit entry in the page's language: when, what happened (the same words the API gives), by whom, and
    the note a staff member wrote."""
    what = isolation_events.event_text(event["action"], event.get("details"), lang)
    who = event.get("staff") or label(f"by_{event['actor']}", lang)
    return " · ".join(part for part in (stamp(event["at"], lang), what, who, event.get("note")) if part)


def follow_up(episode: dict[str, Any], lang: str) -> html.Div:
    """A note, "contacted" (a flag lowered with the note) and closing with an outcome, all audited."""
    key = episode["id"]
    raised = episode["flags"]
    contacted: list[Any] = (
        [
            dcc.RadioItems(
                id={"type": "episode-flag", "id": key},
                options=[{"label": label(f"flag_{f}", lang), "value": f} for f in raised],
                value=raised[0] if len(raised) == 1 else None,
                inline=True,
                className="choices",
            ),
            html.Button(label("contacted", lang), id={"type": "episode-action", "action": "contacted", "id": key}),
        ]
        if raised
        else [html.P(label("no_flags", lang))]
    )
    return html.Section(
        [
            html.H3(label("episode_actions", lang)),
            html.Label(
                [label("note_field", lang), dcc.Textarea(id={"type": "episode-note", "id": key}, maxLength=2000)],
                className="note-field",
            ),
            html.Div(
                [html.Button(label("add_note", lang), id={"type": "episode-action", "action": "note", "id": key})],
                className="episode-buttons",
            ),
            html.Fieldset([html.Legend(label("flag_to_lower", lang)), *contacted], className="outcome"),
            html.Fieldset(
                [
                    html.Legend(label("close_outcome", lang)),
                    dcc.RadioItems(
                        id={"type": "episode-outcome", "id": key},
                        options=[{"label": label(o, lang), "value": o} for o in CLOSING_OUTCOMES],
                        value=None,
                        inline=True,
                        className="choices",
                    ),
                    *_early_close(episode, lang),
                    html.Button(
                        label("close_episode", lang),
                        id={"type": "episode-action", "action": "close", "id": key},
                        className="danger",
                    ),
                ],
                className="outcome",
            ),
        ],
        className="follow-up",
    )


def days_early(episode: dict[str, Any]) -> int:
    """Days a completion today comes before the release date: day N of M is M - N + 1 days early."""
    return max(0, int(episode["total_days"]) - int(episode["day"]) + 1)


def _early_close(episode: dict[str, Any], lang: str) -> list[Any]:
    """Before the release date: what completing now means, and the reason the API requires for it."""
    early = days_early(episode)
    key = episode["id"]
    if not early:
        return []
    warning = label("early_close_warning", lang).format(day=episode["day"], total=episode["total_days"], n=early)
    return [
        html.P(warning, className="early-close", id="early-close-warning"),
        dcc.Store(id={"type": "episode-early", "id": key}, data=early),
        html.Label(
            [
                label("early_reason", lang),
                dcc.Input(id={"type": "episode-early-reason", "id": key}, type="text", maxLength=1000),
            ],
            className="note-field",
        ),
    ]


@callback(
    Output("episode-detail", "children"),
    Input("episode-selected", "data"),
    Input("monitoring-tick", "n_intervals"),
    Input("episode-changed", "data"),
    Input("lang", "data"),
    State({"type": "episode-note", "id": ALL}, "value"),
    State({"type": "episode-early-reason", "id": ALL}, "value"),
    # Not the flag to lower: the only raised one is chosen beforehand.
    State({"type": "episode-outcome", "id": ALL}, "value"),
)
def refresh_episode(episode_id: str | None, tick: Any, changed: Any, lang: str | None, *form: Any) -> Any:
    """The episode's panel, read afresh on the timer too, but never under an officer's half-written follow-up."""
    if ctx.triggered_id == "monitoring-tick" and _filled_in(form):
        raise PreventUpdate
    return show_episode(episode_id, tick, changed, lang)


def show_episode(episode_id: str | None, _tick: Any, _changed: Any, lang: str | None) -> Any:
    lang = inputs.language(lang)
    if not _uuid_or_none(episode_id):
        return html.P(label("choose_episode", lang))
    try:
        episode = data.episode_detail(str(episode_id), lang)
    except data.ServiceError as error:
        return html.P(error.message.get(lang) or error.message["id"], className="error")
    history = [{**c, "measured_at": data.local_time(c["measured_at"]).replace(tzinfo=None)} for c in episode["history"]]
    day_text = f"{episode['day']}/{episode['total_days']}"
    keys = (
        "spo2",
        "temperature_c",
        "respiratory_rate",
        "th_spo2_urgent",
        "th_spo2_emergency",
        "th_fever",
        "th_rr_urgent",
        "th_rr_emergency",
    )
    titles = {key: label(key, lang) for key in keys}
    caption = vitals_caption(history, lang)
    active = episode["status"] == "active"
    return html.Div(
        [
            html.H2(" · ".join([episode.get("name") or "–", label(episode["reason"], lang), day_text])),
            html.P([tel_link(episode.get("phone")), " ", *flag_badges(episode, lang)], className="episode-contact"),
            html.P(place(episode.get("address"), episode.get("maps_url"), lang), className="episode-address"),
            follow_up(episode, lang) if active else html.P(label(episode["status"], lang)),
            dcc.Graph(
                id="vitals-chart",
                figure=figures.vitals_chart(history, titles),
                config=figures.graph_config(lang),
            ),
            html.P(caption, id="vitals-alt", className="sr-caption"),
            html.H3(label("events_title", lang)),
            html.Ul([html.Li(event_text(e, lang)) for e in episode["events"]], id="episode-events"),
        ],
        id="episode-detail-body",
    )


def vitals_caption(history: list[dict[str, Any]], lang: str) -> str:
    """The vitals chart in words, for screen readers: how many check-ins and the latest readings."""
    latest = history[-1] if history else {}

    def shown(field: str) -> Any:
        return "–" if latest.get(field) is None else latest[field]

    return label("vitals_alt_one" if len(history) == 1 else "vitals_alt", lang).format(
        n=len(history),
        spo2=shown("spo2"),
        temp=shown("temperature_c"),
        rr=shown("respiratory_rate"),
        triage=label(f"triage_{latest['triage']}", lang) if latest.get("triage") else "–",
    )


def _filled_in(fields: tuple[Any, ...]) -> bool:
    """Whether any of the follow-up's fields (each a list of values, one per field drawn) holds something."""
    return any(
        isinstance(value, str) and value.strip() for values in fields if isinstance(values, list) for value in values
    )


def _typed_text(states: list[dict[str, Any]], kind: str, key: str, longest: int) -> str | None:
    """What the officer typed in the field of `kind` of episode `key` (as long as the field allows), or None."""
    value = _typed(states, kind, key)
    return None if value is None else inputs.text(value, longest).strip() or None


def _typed(states: list[dict[str, Any]], kind: str, key: str) -> Any:
    """The value of the pattern-matched field of `kind` that belongs to episode `key`."""
    for group in states:
        for state in group if isinstance(group, list) else [group]:
            state_id = state.get("id")
            if isinstance(state_id, dict) and state_id.get("type") == kind and state_id.get("id") == key:
                return state.get("value")
    return None


@callback(
    Output("episode-message", "children"),
    Output("episode-changed", "data"),
    Output("close-pending", "data"),
    Output("close-confirm", "displayed"),
    Output("close-confirm", "message"),
    relay_clicks("episode-action", ("action", "id")),
    State({"type": "episode-note", "id": ALL}, "value"),
    State({"type": "episode-flag", "id": ALL}, "value"),
    State({"type": "episode-outcome", "id": ALL}, "value"),
    State({"type": "episode-early", "id": ALL}, "data"),
    State({"type": "episode-early-reason", "id": ALL}, "value"),
    State("lang", "data"),
    prevent_initial_call=True,
)
def follow_up_action(
    click: Any, _notes: Any, _flags: Any, _outcomes: Any, _early: Any, _reasons: Any, lang: str | None
) -> Any:
    lang = inputs.language(lang)
    trigger = inputs.clicked_button(click, "episode-action", ("action", "id"))
    key, action = str(trigger["id"]), str(trigger["action"])
    note = _typed_text(ctx.states_list, "episode-note", key, 2000)
    if action == "close":
        outcome = _typed(ctx.states_list, "episode-outcome", key)
        if outcome not in CLOSING_OUTCOMES:
            return _error(label("need_close_outcome", lang)), no_update, None, False, no_update
        early = _typed(ctx.states_list, "episode-early", key) if outcome == "completed" else None
        early = early if isinstance(early, int) and early > 0 else 0
        reason = _typed_text(ctx.states_list, "episode-early-reason", key, 1000)
        if early and not reason:
            return _error(label("need_early_reason", lang)), no_update, None, False, no_update
        question = label("confirm_close_early" if early else "confirm_close", lang).format(
            outcome=label(outcome, lang), n=early
        )
        pending = {"id": key, "outcome": outcome, "note": note, "early_reason": reason if early else None}
        return no_update, no_update, pending, True, question
    if action == "note" and not note:
        return _error(label("need_note", lang)), no_update, no_update, no_update, no_update
    flag = _typed(ctx.states_list, "episode-flag", key)
    if action == "contacted" and flag not in FLAGS:
        return _error(label("need_flag", lang)), no_update, no_update, no_update, no_update
    message, changed = _apply(key, action, lang, note=note, flag=flag)
    return message, changed, no_update, no_update, no_update


@callback(
    Output("episode-message", "children", allow_duplicate=True),
    Output("episode-changed", "data", allow_duplicate=True),
    Input("close-confirm", "submit_n_clicks"),
    State("close-pending", "data"),
    State("lang", "data"),
    prevent_initial_call=True,
)
def confirm_close(submitted: int | None, pending: Any, lang: str | None) -> Any:
    lang = inputs.language(lang)
    if not submitted or not isinstance(pending, dict) or pending.get("outcome") not in CLOSING_OUTCOMES:
        return no_update, no_update
    note = pending.get("note") if isinstance(pending.get("note"), str) else None
    reason = pending.get("early_reason") if isinstance(pending.get("early_reason"), str) else None
    return _apply(str(pending.get("id")), "close", lang, note=note, outcome=pending["outcome"], early_reason=reason)


def _error(text: str) -> html.Span:
    return html.Span(text, className="error")


def _apply(
    key: str,
    action: str,
    lang: str,
    *,
    note: str | None,
    flag: str | None = None,
    outcome: str | None = None,
    early_reason: str | None = None,
) -> tuple[Any, Any]:
    try:
        if action == "note" and note:
            data.episode_note(key, note)
            what = isolation_events.event_text("note", None, lang)
        elif action == "contacted" and flag:
            data.episode_contacted(key, flag, note)
            what = isolation_events.event_text(f"unflag_{flag}", None, lang)
        elif action == "close" and outcome:
            data.close_episode(key, outcome, note, early_reason)
            what = isolation_events.event_text(f"close:{outcome}", None, lang)
        else:
            return _error(label("action_failed", lang)), no_update
    except data.ServiceError as error:
        return _error(error.message.get(lang) or error.message["id"]), no_update
    except ValueError:
        return _error(label("action_failed", lang)), no_update
    return label("episode_saved", lang).format(what=what), str(uuid.uuid4())
