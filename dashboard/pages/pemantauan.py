"""Isolation monitoring board: episodes by flag and region, a 14-day adherence grid, vital-sign charts."""

from __future__ import annotations

from typing import Any

import dash
from dash import ALL, Input, Output, State, callback, ctx, dcc, html, no_update

from dashboard import data, figures
from dashboard.components import console_gate, demo_accounts_banner, logout_form
from dashboard.labels import label

dash.register_page(__name__, path="/satgas/pemantauan", name="Pemantauan", title="Pemantauan isolasi · Sumbar Siaga")

GRID_MARK = {"reported": "✓", "missed": "✗", "today": "○", "future": "·", "not_monitored": "–"}


def layout(**query: Any) -> html.Div:
    user = data.console_user()
    gate = console_gate(user, query, next_page="/satgas/pemantauan")
    if gate is not None or user is None:
        return gate or html.Div()
    regions = data.regions_in_scope()
    return html.Div(
        [
            demo_accounts_banner(user),
            html.Div([html.H1(id="monitoring-title"), logout_form()], className="console-head"),
            html.Div(
                [
                    dcc.Dropdown(id="monitoring-flag", clearable=True, placeholder="flag", className="filter"),
                    dcc.Dropdown(
                        id="monitoring-region",
                        options=[{"label": name, "value": code} for code, name in regions],
                        clearable=True,
                        placeholder="kabupaten/kota",
                        className="filter",
                    ),
                ],
                className="filters",
            ),
            dcc.Interval(id="monitoring-tick", interval=30_000),
            html.Div(id="episode-board", className="table-wrap"),
            dcc.Store(id="episode-selected"),
            html.Div(id="episode-detail"),
        ],
        className="console",
    )


@callback(
    Output("monitoring-title", "children"),
    Output("monitoring-flag", "options"),
    Input("lang", "data"),
    Input("monitoring-title", "id"),
)
def monitoring_labels(lang: str | None, _page: str) -> tuple[str, list[dict[str, str]]]:
    lang = lang or "id"
    options = [{"label": label(f"flag_{flag}", lang), "value": flag} for flag in ("urgent", "silent", "escalated")]
    return label("monitoring_title", lang), options


def grid_cells(grid: list[dict[str, Any]], lang: str) -> html.Div:
    return html.Div(
        [
            html.Span(
                GRID_MARK[cell["state"]],
                className=f"cell cell-{cell['state']}",
                title=f"{cell['date']}: {label(cell['state'], lang)}",
                **{"aria-label": f"{cell['date']} {label(cell['state'], lang)}"},
            )
            for cell in grid
        ],
        className="grid",
    )


def board(rows: list[dict[str, Any]], lang: str, regions: dict[str, str]) -> Any:
    if not rows:
        return html.P(label("no_episodes", lang))
    header = html.Tr(
        [
            html.Th(label(k, lang))
            for k in (
                "col_person",
                "col_region_name",
                "col_reason",
                "col_day",
                "col_flags",
                "col_adherence",
                "col_grid",
                "col_last",
            )
        ]
        + [html.Th("")]
    )
    body = [
        html.Tr(
            [
                html.Td(row["name"] or "–"),
                html.Td(regions.get(row["region"] or "", "–")),
                html.Td(label(row["reason"], lang)),
                html.Td(f"{row['day']}/{row['total_days']}", className="num"),
                html.Td([html.Span(label(f"flag_{f}", lang), className=f"flag flag-{f}") for f in row["flags"]]),
                html.Td(f"{row['adherence']['days_reported']} / {row['adherence']['days_missed']}", className="num"),
                html.Td(grid_cells(row["adherence"]["grid"], lang)),
                html.Td((row["last_checkin_at"] or label("never", lang))[:16].replace("T", " ")),
                html.Td(html.Button(label("open", lang), id={"type": "episode-open", "id": row["id"]})),
            ],
            id=f"episode-{row['id']}",
        )
        for row in rows
    ]
    return html.Table([html.Thead(header), html.Tbody(body)], className="table", id="episode-table")


@callback(
    Output("episode-board", "children"),
    Input("monitoring-flag", "value"),
    Input("monitoring-region", "value"),
    Input("monitoring-tick", "n_intervals"),
    Input("lang", "data"),
)
def refresh_board(flag: str | None, region: str | None, _tick: Any, lang: str | None) -> Any:
    return board(data.monitoring_board(flag, region), lang or "id", data.region_names())


@callback(
    Output("episode-selected", "data"),
    Input({"type": "episode-open", "id": ALL}, "n_clicks"),
    prevent_initial_call=True,
)
def select_episode(clicks: list[int | None]) -> Any:
    if not ctx.triggered_id or not any(clicks):
        return no_update
    return ctx.triggered_id["id"]


@callback(
    Output("episode-detail", "children"),
    Input("episode-selected", "data"),
    Input("monitoring-tick", "n_intervals"),
    State("lang", "data"),
)
def show_episode(episode_id: str | None, _tick: Any, lang: str | None) -> Any:
    lang = lang or "id"
    if not episode_id:
        return html.P(label("choose_episode", lang))
    episode = data.episode_detail(episode_id, lang)
    history = episode["history"]
    day_text = f"{episode['day']}/{episode['total_days']}"
    titles = {field: label(field, lang) for field in ("spo2", "temperature_c", "respiratory_rate")}
    latest = history[-1] if history else {}
    caption = label("vitals_alt", lang).format(
        n=len(history),
        spo2=latest.get("spo2", "–"),
        temp=latest.get("temperature_c", "–"),
        rr=latest.get("respiratory_rate", "–"),
        triage=latest.get("triage", "–"),
    )
    return html.Div(
        [
            html.H2(" · ".join([episode.get("name") or "–", label(episode["reason"], lang), day_text])),
            dcc.Graph(
                id="vitals-chart", figure=figures.vitals_chart(history, titles), config={"displayModeBar": False}
            ),
            html.P(caption, id="vitals-alt", className="sr-caption"),
            html.Ul(
                [
                    html.Li(f"{e['at'][:16].replace('T', ' ')} · {e['action']} · {e['note'] or ''}")
                    for e in episode["events"]
                ]
            ),
        ],
        id="episode-detail-body",
    )
