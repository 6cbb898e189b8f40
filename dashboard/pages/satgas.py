"""Satgas console: sign-in, the live alert queue with SLA timers, claim/dispatch/resolve, map, response times."""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard import data, figures
from dashboard.components import console_gate, demo_accounts_banner, duration, logout_form
from dashboard.labels import label

dash.register_page(__name__, path="/satgas", name="Satgas", title="Konsol Satgas · Sumbar Siaga")

OUTCOMES = ("helped", "referred", "false_alarm", "unreachable")


def layout(**query: Any) -> html.Div:
    user = data.console_user()
    gate = console_gate(user, query, next_page="/satgas")
    if gate is not None or user is None:
        return gate or html.Div()
    area = user["region"] or "13"
    return html.Div(
        [
            demo_accounts_banner(user),
            html.Div(
                [
                    html.H1(id="console-title"),
                    html.Span(f"{user['username']} · {user['role']} · {area}", className="who"),
                    logout_form(),
                ],
                className="console-head",
            ),
            html.Div(id="console-live", hidden=True, **{"data-since": str(data.latest_alert_event())}),
            dcc.Store(id="alert-events"),
            dcc.Store(id="action-done"),
            dcc.Interval(id="console-tick", interval=10_000),
            html.Div(id="action-message", role="status", **{"aria-live": "polite"}),
            html.H2(id="queue-title"),
            html.Div(id="alert-queue", className="queue"),
            html.H2(id="alert-map-title"),
            dcc.Graph(id="alert-map", config={"displayModeBar": False}),
            html.P(id="map-alt", className="sr-caption"),
            html.H2(id="response-title"),
            html.Div(id="response-times", className="table-wrap"),
        ],
        className="console",
    )


def alert_card(alert: dict[str, Any], lang: str, now: dt.datetime, regions: dict[str, str]) -> html.Li:
    created = dt.datetime.fromisoformat(alert["created_at"])
    lines: list[Any] = [
        html.Strong(label(alert["category"], lang)),
        html.Span(label(alert["status"], lang), className=f"status status-{alert['status']}"),
        html.Span(regions.get(alert["region"] or "", label("province_queue", lang))),
        html.Span(label("age", lang).format(t=duration((now - created).total_seconds()))),
    ]
    if alert["press_count"] > 1:
        lines.append(html.Span(label("presses", lang).format(n=alert["press_count"])))
    if alert["status"] == "new":
        left = (dt.datetime.fromisoformat(alert["sla_deadline"]) - now).total_seconds()
        text = label("due_in" if left >= 0 else "overdue", lang).format(t=duration(left))
        lines.append(html.Span(text, className="sla" + (" late" if left < 0 else "")))
    if alert["escalated"]:
        lines.append(html.Span(label("escalated", lang), className="escalated"))
    if alert.get("acknowledged_by"):
        lines.append(html.Span(label("by", lang).format(who=alert["acknowledged_by"])))
    details = [part for part in (alert.get("phone"), alert.get("note")) if part]
    actions: list[Any] = []
    key = alert["id"]
    if alert["status"] == "new":
        actions.append(html.Button(label("claim", lang), id={"type": "alert-action", "action": "claim", "id": key}))
    if alert["status"] == "acknowledged":
        actions.append(
            html.Button(label("dispatch", lang), id={"type": "alert-action", "action": "dispatch", "id": key})
        )
    if alert["status"] in ("acknowledged", "dispatched"):
        actions.append(
            dcc.Dropdown(
                id={"type": "alert-outcome", "id": key},
                options=[{"label": label(o, lang), "value": o} for o in OUTCOMES],
                value="helped",
                clearable=False,
                className="outcome",
            )
        )
        actions.append(html.Button(label("resolve", lang), id={"type": "alert-action", "action": "resolve", "id": key}))
    return html.Li(
        [
            html.Div(lines, className="alert-line"),
            html.Div(" · ".join(details), className="alert-details"),
            html.Div(actions, className="alert-actions"),
        ],
        className="alert-card" + (" open" if alert["status"] in ("new", "acknowledged", "dispatched") else " closed"),
        id=f"alert-{key}",
    )


def response_table(rows: list[dict[str, Any]], lang: str, regions: dict[str, str]) -> html.Table:
    def fmt(seconds: float | None) -> str:
        return "–" if seconds is None else duration(seconds)

    header = html.Tr([html.Th(label(k, lang)) for k in ("col_region_name", "col_alerts", "col_median", "col_p90")])
    body = [
        html.Tr(
            [
                html.Td(
                    label("all_regions", lang)
                    if r["region"] is None
                    else regions.get(r["region"], label("province_queue", lang))
                ),
                html.Td(r["count"], className="num"),
                html.Td(fmt(r["median_seconds"]), className="num"),
                html.Td(fmt(r["p90_seconds"]), className="num"),
            ]
        )
        for r in rows
    ]
    return html.Table([html.Thead(header), html.Tbody(body)], className="table")


@callback(
    Output("console-title", "children"),
    Output("queue-title", "children"),
    Output("alert-map-title", "children"),
    Output("response-title", "children"),
    Input("lang", "data"),
    Input("console-title", "id"),
)
def console_titles(lang: str | None, _page: str) -> tuple[str, str, str, str]:
    lang = lang or "id"
    return label("console_title", lang), label("queue", lang), label("map", lang), label("response_times", lang)


@callback(
    Output("alert-queue", "children"),
    Output("alert-map", "figure"),
    Output("map-alt", "children"),
    Output("response-times", "children"),
    Input("alert-events", "data"),
    Input("console-tick", "n_intervals"),
    Input("action-done", "data"),
    Input("lang", "data"),
)
def refresh_console(_event: Any, _tick: Any, _done: Any, lang: str | None) -> tuple[Any, Any, str, Any]:
    lang = lang or "id"
    queue = data.alert_queue()
    regions = data.region_names()
    now = data.now()
    cards = [alert_card(a, lang, now, regions) for a in queue] or [html.Li(label("queue_empty", lang))]
    status_labels = {s: label(s, lang) for s in ("new", "acknowledged", "dispatched")}
    located = sum(1 for a in queue if a.get("lat") is not None and a["status"] in status_labels)
    return (
        html.Ul(cards, id="alert-list"),
        figures.alert_map(queue, status_labels),
        label("map_alt", lang).format(n=located),
        response_table(data.response_time_table(), lang, regions),
    )


@callback(
    Output("action-message", "children"),
    Output("action-done", "data"),
    Input({"type": "alert-action", "action": ALL, "id": ALL}, "n_clicks"),
    State({"type": "alert-outcome", "id": ALL}, "value"),
    State("lang", "data"),
    prevent_initial_call=True,
)
def act(clicks: list[int | None], _outcomes: list[str], lang: str | None) -> tuple[Any, Any]:
    lang = lang or "id"
    trigger = ctx.triggered_id
    if not trigger or not any(clicks) or not ctx.triggered or not ctx.triggered[0]["value"]:
        return no_update, no_update
    outcome = next((s["value"] for s in ctx.states_list[0] if s["id"]["id"] == trigger["id"]), None)
    try:
        alert = data.act_on_alert(trigger["id"], trigger["action"], outcome)
    except data.ServiceError as error:
        return html.Span(error.message.get(lang) or error.message["id"], className="error"), no_update
    return label("done", lang).format(action=label(trigger["action"], lang)), alert["updated_at"]
