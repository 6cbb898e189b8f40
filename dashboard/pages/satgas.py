"""Satgas console: sign-in, the live alert queue with SLA timers, claim/dispatch/resolve, history, map, response
times, and the alarm that wakes the officer (assets/console.js)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import dash
from dash import ALL, ClientsideFunction, Input, Output, State, callback, ctx, dcc, html, no_update
from dash.exceptions import PreventUpdate

from dashboard import console_queue, data, figures, inputs
from dashboard.click_relay import click_store, relay_clicks
from dashboard.components import (
    console_gate,
    demo_accounts_banner,
    demo_password_banner,
    duration,
    local_stamp,
    logout_form,
    more_notice,
)
from dashboard.isolation_card import isolation_facts
from dashboard.labels import label
from screening.alert_workflow import OPEN_STATUSES, OUTCOMES

dash.register_page(__name__, path="/satgas", name="Satgas", title="Konsol Satgas · Sumbar Siaga")

# The workflow's own names (screening.alert_workflow), not copies of them.
OPEN = OPEN_STATUSES
SEVERITY_CLASS = {0: "sev-high", 1: "sev-medium", 2: "sev-low"}


# How the task force names its units (Satgas is a proper name, the same on English pages).
ROLE_TITLES = {"admin": "Admin", "satgas_provinsi": "Satgas Provinsi Sumatera Barat", "editor": "Editor data"}


def staff_title(role: str, region: str | None) -> str:
    """ "Satgas Kota Padang" for a kab/kota officer, the unit's name for other roles, never the raw role code."""
    if role == "satgas_kabkota" and region:
        return f"Satgas {data.region_names().get(region, region)}"
    return ROLE_TITLES.get(role, role.replace("_", " ").title())


def layout(**query: Any) -> html.Div:
    user = data.console_user()
    gate = console_gate(user, query, next_page="/satgas")
    if gate is not None or user is None:
        return gate or html.Div()
    since = data.latest_alert_event()
    return html.Div(
        [
            demo_accounts_banner(user),
            demo_password_banner(user),
            html.Div(
                [
                    html.H1(id="console-title"),
                    html.Span(f"{user['username']} · {staff_title(user['role'], user['region'])}", className="who"),
                    logout_form(),
                ],
                className="console-head",
            ),
            # The live stream (assets/console.js) starts after `data-since`; `data-applied` is the last event the
            # queue below includes, so the browser stops sending the ones before it.
            html.Div(id="console-live", hidden=True, **{"data-since": str(since), "data-applied": str(since)}),
            dcc.Store(id="console-region", data=user["region"]),
            # The alarm (assets/console.js) reads the unclaimed count and its texts here and writes its state back.
            # Browsers play no sound before a click on the page: a console reloaded at night would stay silent.
            # The warning and the alarm stay in view together, one block (two at the top would cover each other).
            html.Div(
                [
                    html.P(id="sound-off", className="sound-off", role="alert", hidden=True),
                    html.Div(
                        [
                            html.Button(id="alarm-enable", className="wake-enable", n_clicks=0),
                            html.Button(
                                id="alarm-mute", className="secondary", n_clicks=0, **{"aria-pressed": "false"}
                            ),
                            html.Span(id="alarm-status", role="status", **{"aria-live": "polite"}),
                        ],
                        id="console-alarm",
                        className="alarm",
                        **{"data-unclaimed": "0"},
                    ),
                ],
                className="alarm-bar",
            ),
            # On duty, and this browser's push subscription (assets/console.js subscribes and fills the store).
            html.Div(
                [
                    html.Button(id="duty-toggle", className="secondary", n_clicks=0, **{"aria-pressed": "false"}),
                    html.Button(id="push-enable", className="secondary", n_clicks=0),
                    html.Span(id="push-status", role="status", **{"aria-live": "polite"}),
                    dcc.Store(id="push-subscription"),
                ],
                id="console-push",
                className="console-controls",
            ),
            # Stream events not yet applied (assets/console.js), their cards with where they go, and the open
            # queue's order as the list shows it (kept in the browser between full refreshes).
            dcc.Store(id="alert-events"),
            dcc.Store(id="alert-moves"),
            dcc.Store(id="alert-order"),
            dcc.Store(id="action-done"),
            click_store("alert-action"),
            dcc.Store(id="resolve-pending"),
            dcc.ConfirmDialog(id="resolve-confirm"),
            dcc.Interval(id="console-tick", interval=10_000),
            html.Div(id="action-message", role="status", **{"aria-live": "polite"}),
            html.P(id="episode-flags", className="episode-flags"),
            dcc.Tabs(
                id="queue-tabs",
                value="open",
                children=[dcc.Tab(id="tab-open", value="open"), dcc.Tab(id="tab-history", value="history")],
            ),
            html.Div([html.Ul(id="alert-list"), html.Div(id="alert-queue-more")], id="alert-queue", className="queue"),
            html.H2(id="alert-map-title"),
            dcc.Graph(id="alert-map", config=figures.graph_config("id")),
            dcc.Store(id="map-selected"),
            html.P(id="map-alt", className="sr-caption"),
            html.H2(id="response-title"),
            # A phone scrolls the table sideways: keyboard users reach it too.
            html.Div(
                id="response-times",
                className="table-wrap",
                tabIndex="0",
                role="region",
                **{"aria-labelledby": "response-title"},
            ),
            html.Details([html.Summary(id="help-title"), html.P(id="help-sound"), html.P(id="help-colours")]),
        ],
        className="console",
    )


def _location(alert: dict[str, Any], lang: str) -> list[Any]:
    if alert.get("lat") is None:
        return [html.Span(label("no_location", lang))]
    where = label("location", lang).format(lat=f"{alert['lat']:.5f}", lon=f"{alert['lon']:.5f}")
    if alert.get("accuracy_m") is not None:
        where += " " + label("accuracy", lang).format(m=round(alert["accuracy_m"]))
    outside = (
        [html.Strong(label("outside_province", lang), className="outside-province")]
        if alert.get("outside_province")
        else []
    )
    return [
        *outside,
        html.Span(where, className="coords"),
        html.A(label("open_in_maps", lang), href=alert["maps_url"], target="_blank", rel="noopener", className="maps"),
        html.A(label("open_in_app", lang), href=alert["geo_uri"], className="geo"),
    ]


def _contact(alert: dict[str, Any], lang: str) -> list[Any]:
    name = alert.get("resident_name") or label("name_unknown", lang)
    parts: list[Any] = [html.Strong(name, className="resident")]
    if alert.get("channel"):
        parts.append(html.Span(label(f"channel_{alert['channel']}", lang), className="channel"))
    if alert.get("phone"):
        tel = "tel:" + "".join(ch for ch in alert["phone"] if ch.isdigit() or ch == "+")
        parts.append(html.A(label("call", lang).format(phone=alert["phone"]), href=tel, className="tel"))
        if alert.get("whatsapp_url"):
            link = html.A(label("whatsapp_chat", lang), href=alert["whatsapp_url"], target="_blank", rel="noopener")
            parts.append(link)
    else:
        parts.append(html.Span(label("no_phone", lang)))
    return parts


def _isolation(alert: dict[str, Any], lang: str) -> list[Any]:
    """The resident's isolation behind the alert, when there is one: address, who they are, the last readings."""
    isolation = alert.get("isolation")
    if not isolation:
        return []
    reading = isolation.get("last_reading")
    stamp = local_stamp(data.local_time(reading["measured_at"]), lang) if reading else ""
    return [isolation_facts(isolation, lang, stamp)]


def _actions(alert: dict[str, Any], lang: str) -> list[Any]:
    key = alert["id"]
    actions: list[Any] = []
    if alert["status"] == "new":
        actions.append(html.Button(label("claim", lang), id={"type": "alert-action", "action": "claim", "id": key}))
    if alert["status"] == "acknowledged":
        actions.append(
            html.Button(label("dispatch", lang), id={"type": "alert-action", "action": "dispatch", "id": key})
        )
    if alert["status"] in ("acknowledged", "dispatched"):
        actions.append(
            html.Fieldset(
                [
                    html.Legend(label("outcome_label", lang)),
                    # Nothing chosen beforehand: the officer says what happened.
                    dcc.RadioItems(
                        id={"type": "alert-outcome", "id": key},
                        options=[{"label": label(o, lang), "value": o} for o in OUTCOMES],
                        value=None,
                        inline=True,
                    ),
                ],
                className="outcome",
            )
        )
        actions.append(html.Button(label("resolve", lang), id={"type": "alert-action", "action": "resolve", "id": key}))
    return actions


def alert_card(alert: dict[str, Any], lang: str, now: dt.datetime, regions: dict[str, str]) -> html.Li:
    created = dt.datetime.fromisoformat(alert["created_at"])
    is_open = alert["status"] in OPEN
    lines: list[Any] = [
        html.Strong(label(alert["category"], lang)),
        html.Span(label(alert["status"], lang), className=f"status status-{alert['status']}"),
        html.Span(regions.get(alert["region"] or "", label("province_queue", lang))),
        html.Span(
            label("first_opened" if alert["category"] == "monitoring" else "first_press", lang).format(
                t=duration((now - created).total_seconds())
            )
        ),
    ]
    if alert["press_count"] > 1:
        lines.append(html.Span(label("presses", lang).format(n=alert["press_count"])))
    if alert["status"] == "new":
        left = (dt.datetime.fromisoformat(alert["sla_deadline"]) - now).total_seconds()
        text = label("due_in" if left >= 0 else "overdue", lang).format(t=duration(left))
        lines.append(html.Span(text, className="sla" + (" late" if left < 0 else "")))
    if alert["escalated"] and is_open:
        lines.append(html.Span(label("escalated", lang), className="escalated"))
    if alert.get("acknowledged_by"):
        lines.append(html.Span(label("by", lang).format(who=alert["acknowledged_by"])))
    if not is_open:
        closed_at = (
            alert.get("resolved_at") or alert.get("cancelled_at") or alert.get("expired_at") or alert["updated_at"]
        )
        lines.append(
            html.Span(
                label("closed_at", lang).format(
                    t=duration((now - dt.datetime.fromisoformat(closed_at)).total_seconds())
                )
            )
        )
        if alert.get("outcome"):
            lines.append(html.Span(label("outcome_is", lang).format(outcome=label(alert["outcome"], lang))))
    body: list[Any] = [
        html.Div(lines, className="alert-line"),
        html.Div(_contact(alert, lang), className="alert-contact"),
        *_isolation(alert, lang),
        html.Div(_location(alert, lang), className="alert-location"),
        html.Div(label("routed", lang).format(how=alert["routed_by_text"]), className="alert-routed"),
    ]
    if alert.get("reason_texts"):
        body.append(html.Ul([html.Li(text) for text in alert["reason_texts"]], className="reasons"))
    elif alert.get("note"):
        body.append(html.Div(label("note", lang).format(text=alert["note"]), className="alert-note"))
    if alert.get("episode"):
        body.append(
            html.A(
                label("open_episode", lang), href=f"/satgas/pemantauan?episode={alert['episode']}", className="episode"
            )
        )
    if is_open:
        body.append(html.Div(_actions(alert, lang), className="alert-actions"))
    severity = SEVERITY_CLASS.get(alert.get("severity", 2), "sev-low")
    return html.Li(
        body,
        className=f"alert-card {severity}" + (" open" if is_open else " closed"),
        id=f"alert-{alert['id']}",
        **{"data-status": alert["status"]},
    )


def response_table(rows: list[dict[str, Any]], lang: str, regions: dict[str, str]) -> html.Table:
    def fmt(seconds: float | None) -> str:
        return "–" if seconds is None else duration(seconds)

    heads = [label(k, lang) for k in ("col_region_name", "col_alerts", "col_median", "col_p90")]
    body = [
        html.Tr(
            [
                html.Td(name, className=kind, **{"data-label": head})
                for head, name, kind in zip(
                    heads,
                    (
                        label("all_regions", lang)
                        if r["region"] is None
                        else regions.get(r["region"], label("province_queue", lang)),
                        r["count"],
                        fmt(r["median_seconds"]),
                        fmt(r["p90_seconds"]),
                    ),
                    (None, "num", "num", "num"),
                    strict=True,
                )
            ]
        )
        for r in rows
    ]
    # Four columns do not fit a phone beside each other: there each region is a card, every figure under its
    # heading (.table.stack), rather than a table that scrolls sideways.
    header = html.Tr([html.Th(head, scope="col") for head in heads])
    return html.Table([html.Thead(header), html.Tbody(body)], className="table stack")


def episode_flags(counts: dict[str, int], lang: str) -> list[Any]:
    """Beside the panic alerts: isolations in scope that are emergencies or flagged urgent, linked to the board."""
    return [
        html.Span(label("episodes_flagged", lang).format(**counts)),
        " · ",
        html.A(label("episodes_link", lang), href="/satgas/pemantauan", id="episodes-link"),
    ]


@callback(
    Output("console-title", "children"),
    Output("tab-open", "label"),
    Output("tab-history", "label"),
    Output("alert-map-title", "children"),
    Output("response-title", "children"),
    Output("alarm-enable", "children"),
    Output("console-alarm", "data-texts"),
    Output("help-title", "children"),
    Output("help-sound", "children"),
    Output("help-colours", "children"),
    Input("lang", "data"),
    Input("console-title", "id"),
)
def console_titles(lang: str | None, _page: str) -> tuple[Any, ...]:
    lang = inputs.language(lang)
    # The alarm's own words (title, notifications, mute button, state), in the page's language.
    texts = {
        key: label(key, lang)
        for key in (
            "console_short",
            "wake_new",
            "wake_escalated",
            "wake_mute",
            "wake_unmute",
            "wake_state_quiet",
            "wake_state_ringing",
            "wake_state_muted",
            "wake_state_needs_enable",
            "wake_sound_off",
        )
    }
    return (
        label("console_title", lang),
        label("queue", lang),
        label("history", lang),
        label("map", lang),
        label("response_times", lang),
        label("wake_enable", lang),
        json.dumps(texts, ensure_ascii=False),
        label("help_title", lang),
        label("help_sound", lang),
        label("help_colours", lang),
    )


@callback(
    Output("duty-toggle", "children"),
    Output("duty-toggle", "aria-pressed"),
    Output("push-enable", "children"),
    Input("duty-toggle", "n_clicks"),
    Input("lang", "data"),
)
def duty(clicks: int | None, lang: str | None) -> tuple[str, str, str]:
    lang = inputs.language(lang)
    on_duty = data.console_duty(switch=ctx.triggered_id == "duty-toggle" and bool(clicks))
    return label("duty_on" if on_duty else "duty_off", lang), str(on_duty).lower(), label("phone_push_enable", lang)


@callback(
    Output("push-status", "children"),
    Input("push-subscription", "data"),
    State("lang", "data"),
    prevent_initial_call=True,
)
def keep_push_subscription(subscription: Any, lang: str | None) -> str:
    lang = inputs.language(lang)
    kept = (
        isinstance(subscription, dict) and "error" not in subscription and data.console_push_subscription(subscription)
    )
    return label("phone_push_on" if kept else "phone_push_failed", lang)


def empty_list(empty: str) -> list[Any]:
    return [html.Li(empty, className="queue-empty")]


def card_list(shown: list[dict[str, Any]], lang: str, empty: str) -> list[Any]:
    if not shown:
        return empty_list(empty)
    now, regions = data.now(), data.region_names()
    return [alert_card(a, lang, now, regions) for a in shown]


@callback(
    Output("alert-list", "children"),
    Output("alert-queue-more", "children"),
    Output("alert-order", "data"),
    Output("console-live", "data-applied"),
    Output("console-alarm", "data-unclaimed"),
    Output("episode-flags", "children"),
    Output("alert-map", "figure"),
    Output("map-alt", "children"),
    Output("response-times", "children"),
    Input("console-tick", "n_intervals"),
    Input("action-done", "data"),
    Input("queue-tabs", "value"),
    Input("lang", "data"),
    State("console-region", "data"),
)
def refresh_console(_tick: Any, _done: Any, tab: Any, lang: Any, region: Any) -> tuple[Any, ...]:
    """The whole console read afresh: on opening, on the timer (map, statistics and the SLA clocks), after the
    officer's own action and on a change of tab or language. Stream events between ticks only move their own
    card (render_alert_events)."""
    lang = inputs.language(lang)
    tab = inputs.optional_choice(tab, ("open", "history")) or "open"
    region = region if isinstance(region, str) else None
    applied = data.latest_alert_event()  # read first: an event after it is applied again, which is harmless
    page = data.open_alerts(lang)
    queue = page.rows
    more = None
    if tab == "history":
        cards = card_list(data.alert_history(lang), lang, label("history_empty", lang))
    else:
        cards = card_list(queue, lang, label("queue_empty", lang))
        more = more_notice(len(queue), page.total, "more_alerts", lang)
    order = console_queue.order_of(queue, applied)
    map_labels = {key: label(key, lang) for key in (*OPEN, "breathing", "medical", "other", "monitoring")}
    located = sum(1 for a in queue if a.get("lat") is not None)
    return (
        cards,
        more,
        order,
        str(applied),
        str(sum(1 for entry in order["entries"] if entry[2])),
        episode_flags(data.flagged_episodes(), lang),
        figures.alert_map(queue, data.boundaries_geojson(), map_labels, region, data.map_tiles(), lang),
        label("map_alt_one" if located == 1 else "map_alt", lang).format(n=located),
        response_table(data.response_time_table(), lang, data.region_names()),
    )


@callback(
    Output("alert-moves", "data"),
    Input("alert-events", "data"),
    State("console-live", "data-applied"),
    State("lang", "data"),
    prevent_initial_call=True,
)
def render_alert_events(sent: Any, applied: Any, lang: Any) -> dict[str, Any]:
    """Live-stream events move only their own cards: each carries its alert's staff view, made into a card here
    and placed by the browser (assets/console.js applyAlertMoves), which keeps the queue's order and compares
    the keys made here. Neither the queue nor its order comes to the server, so an event costs the same with
    any number of open alerts; the map and the statistics follow on the timer (refresh_console)."""
    lang = inputs.language(lang)
    events = console_queue.events(sent, inputs.event_id(applied))
    if not events:
        raise PreventUpdate
    now, regions = data.now(), data.region_names()
    moves = []
    for event in events:
        alert = event.alert if lang == data.STREAM_LANG else data.alert_view(event.alert["id"], lang)
        card = alert_card(alert, lang, now, regions) if alert is not None and alert["status"] in OPEN else None
        moves.append(console_queue.move(event, alert, card))
    return {"applied": events[-1].id, "moves": moves, "empty": empty_list(label("queue_empty", lang))}


dash.clientside_callback(
    ClientsideFunction(namespace="console", function_name="applyAlertMoves"),
    Output("alert-list", "children", allow_duplicate=True),
    Output("alert-order", "data", allow_duplicate=True),
    Output("console-live", "data-applied", allow_duplicate=True),
    Output("console-alarm", "data-unclaimed", allow_duplicate=True),
    Input("alert-moves", "data"),
    State("alert-order", "data"),
    State("queue-tabs", "value"),
    prevent_initial_call=True,
)


def _chosen_outcome(trigger_id: str) -> str | None:
    """The outcome chosen on the card of alert `trigger_id` (the states as the request sent them)."""
    states = ctx.states_list[0] if isinstance(ctx.states_list[0], list) else []
    for state in states:
        state_id = state.get("id") if isinstance(state, dict) else None
        if isinstance(state_id, dict) and state_id.get("id") == trigger_id:
            return state.get("value")
    return None


@callback(
    Output("action-message", "children"),
    Output("action-done", "data"),
    Output("resolve-pending", "data"),
    Output("resolve-confirm", "displayed"),
    Output("resolve-confirm", "message"),
    relay_clicks("alert-action", ("action", "id")),
    State({"type": "alert-outcome", "id": ALL}, "value"),
    State("lang", "data"),
    prevent_initial_call=True,
)
def act(click: Any, _outcomes: list[str | None], lang: str | None) -> tuple[Any, ...]:
    lang = inputs.language(lang)
    trigger = inputs.clicked_button(click, "alert-action", ("action", "id"))
    if trigger["action"] == "resolve":
        outcome = _chosen_outcome(trigger["id"])
        if outcome not in OUTCOMES:
            return html.Span(label("choose_outcome", lang), className="error"), no_update, None, False, no_update
        # Resolving closes the alert for good: ask once more, naming the outcome.
        question = label("confirm_resolve", lang).format(outcome=label(outcome, lang))
        return no_update, no_update, {"id": trigger["id"], "outcome": outcome}, True, question
    return (*_apply(str(trigger["id"]), str(trigger["action"]), None, lang), no_update, no_update, no_update)


@callback(
    Output("action-message", "children", allow_duplicate=True),
    Output("action-done", "data", allow_duplicate=True),
    Input("resolve-confirm", "submit_n_clicks"),
    State("resolve-pending", "data"),
    State("lang", "data"),
    prevent_initial_call=True,
)
def confirm_resolve(submitted: int | None, pending: Any, lang: str | None) -> tuple[Any, Any]:
    lang = inputs.language(lang)
    if not submitted or not isinstance(pending, dict) or pending.get("outcome") not in OUTCOMES:
        return no_update, no_update
    return _apply(str(pending.get("id")), "resolve", pending["outcome"], lang)


def _apply(alert_id: str, action: str, outcome: str | None, lang: str) -> tuple[Any, Any]:
    try:
        alert = data.act_on_alert(alert_id, action, outcome)
    except data.ServiceError as error:
        return html.Span(error.message.get(lang) or error.message["id"], className="error"), no_update
    except ValueError:
        # An action or id the page never offered (a crafted request): refused without a server error.
        return html.Span(label("action_failed", lang), className="error"), no_update
    return label("done", lang).format(action=label(action, lang)), alert["updated_at"]


# Choosing a marker on the map highlights and scrolls to its card (assets/console.js).
dash.clientside_callback(
    ClientsideFunction(namespace="console", function_name="selectCard"),
    Output("map-selected", "data"),
    Input("alert-map", "clickData"),
    prevent_initial_call=True,
)
