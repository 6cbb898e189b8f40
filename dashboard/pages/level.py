"""Level: the weekly transmission level per kabupaten/kota on a map, any week since the first figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

import dash
from dash import Input, Output, callback, dcc, html
from dash.exceptions import PreventUpdate

from dashboard import data, figures
from dashboard.case_data_replies import case_data_only
from dashboard.components import demo_banner, demo_tag, dropdown_labels, lang_of, thousands
from dashboard.labels import LANGS, label
from surveillance import formats
from surveillance.freshness import data_until

dash.register_page(__name__, path="/level", name="Level", title="Level transmisi · Sumbar Siaga")


def week_name(sunday: str, lang: str) -> str:
    """A week by its days, Monday to Sunday: 2–8 Agu 2021."""
    end = dt.date.fromisoformat(sunday)
    return formats.date_range(end - dt.timedelta(days=6), end, lang)


def week_options(weeks: list[str], lang: str) -> list[dict[str, str]]:
    return [{"label": week_name(week, lang), "value": week} for week in weeks]


def opening_week(weeks: list[str]) -> str | None:
    """The province's newest week with figures (other areas' series may run on, or stop earlier)."""
    return data.latest_level_week(data.PROVINCE) or (weeks[0] if weeks else None)


def layout(**_query: Any) -> html.Div:
    weeks = data.level_weeks()
    return html.Div(
        [
            html.H1(id="levels-title"),
            html.P(id="levels-intro"),
            html.Div(id="levels-banner"),
            html.Div(id="levels-ages", className="meta"),
            html.Label(
                [
                    html.Span(id="week-label"),
                    dcc.Dropdown(
                        id="levels-week",
                        options=week_options(weeks, "id"),
                        value=opening_week(weeks),
                        clearable=False,
                        labels=dropdown_labels("id"),
                    ),
                ],
                className="filter",
            ),
            html.Div(dcc.Graph(id="levels-map", config=figures.graph_config("id")), className="area-map"),
            # A table wider than a phone scrolls: reachable and named for keyboards and screen readers.
            html.Div(
                id="levels-table",
                className="table-wrap",
                tabIndex="0",
                role="region",
                **{"aria-labelledby": "levels-title"},
            ),
        ]
    )


def level_text(level: int | None, lang: str) -> str:
    return label("level_unknown", lang) if level is None else label("level_n", lang).format(n=level)


def missing_words(missing: list[str], lang: str) -> str:
    return ", ".join(label(f"input_{name}", lang) for name in missing)


def hover_line(area: dict[str, Any], lang: str) -> str:
    rate = area["cases_per_100k"]
    figures_text = (
        "" if rate is None else f" · {thousands(rate, lang, 1)} {label('fig_cases_7day_per_100k', lang).lower()}"
    )
    demo = f" · {label('demo_tag', lang)}" if area["demo"] else ""
    return f"<b>{area['name']}</b><br>{level_text(area['transmission_level'], lang)}{figures_text}{demo}"


def ages(today: dt.date, lang: str) -> html.Div:
    """How old each area's figures are: the province's, then the others', grouped when they end together."""
    areas = data.case_summary()["areas"]
    groups: dict[str | None, list[str]] = {}
    for area in areas:
        if area["region"] != data.PROVINCE:
            groups.setdefault(area["date"], []).append(area["name"])
    province = next((a for a in areas if a["region"] == data.PROVINCE), None)
    lines = [(label("province", lang), province["date"])] if province else []
    for last, names in groups.items():
        who = label("n_areas", lang).format(n=len(names)) if len(groups) == 1 else ", ".join(names)
        lines.append((who, last))
    items = [
        html.Li(
            f"{who}: {data_until(dt.date.fromisoformat(last[:10]), today, lang) if last else label('no_data', lang)}"
        )
        for who, last in lines
    ]
    return html.Div([html.Span(label("ages_title", lang)), html.Ul(items)], id="levels-age-list")


def levels_copy_key(week: Any, lang: Any) -> tuple[str | None, str, str] | None:
    """A week the page lists (or none: the province's last), in a language it offers, on the day asked (the
    figures' age is told against it)."""
    if lang not in LANGS or not (week is None or (isinstance(week, str) and week in data.level_weeks())):
        return None
    return week, lang, data.today().isoformat()


@callback(
    Output("levels-title", "children"),
    Output("levels-intro", "children"),
    Output("week-label", "children"),
    Output("levels-week", "options"),
    Output("levels-map", "figure"),
    Output("levels-table", "children"),
    Output("levels-banner", "children"),
    Output("levels-map", "config"),
    Output("levels-ages", "children"),
    Output("levels-week", "labels"),
    Input("levels-week", "value"),
    Input("lang", "data"),
)
@case_data_only(levels_copy_key)
def render_levels(week: Any, lang: str | None) -> tuple[Any, ...]:
    lang = lang_of(lang)
    weeks = data.level_weeks()
    if week is not None and week not in weeks:
        raise PreventUpdate
    result = data.transmission_levels(week if week is not None else opening_week(weeks))
    areas = [{**a, "text": hover_line(a, lang)} for a in result["areas"]]
    names = {level: level_text(level, lang) for level in (1, 2, 3, 4, None)}
    regions = [a for a in areas if a["region"] != data.PROVINCE]
    figure = figures.level_map(regions, data.boundaries_geojson(), names, lang)
    columns = ("col_region_name", "fig_cases_7day_per_100k", "level", "capacity", "situation", "missing_inputs")
    header = html.Tr([html.Th(label(k, lang), scope="col") for k in columns])
    body = [
        html.Tr(
            [
                html.Td(
                    [
                        label("province", lang) if a["region"] == data.PROVINCE else a["name"],
                        " ",
                        demo_tag(lang) if a["demo"] else None,
                    ]
                ),
                html.Td(
                    "–" if a["cases_per_100k"] is None else thousands(a["cases_per_100k"], lang, 1), className="num"
                ),
                html.Td(level_text(a["transmission_level"], lang)),
                html.Td(label(f"capacity_{a['capacity']}", lang) if a["capacity"] else label("unknown", lang)),
                html.Td(level_text(a["situational_level"], lang)),
                html.Td(missing_words(a["missing"], lang)),
            ]
        )
        for a in areas
    ]
    shown_week = week_name(result["week_end"], lang) if result["week_end"] else "–"
    title = f"{label('levels_title', lang)} · {shown_week}"
    table = html.Table([html.Thead(header), html.Tbody(body)], className="table wide", id="levels-values")
    demo = [a["demo"] for a in areas]
    banner = demo_banner(lang, all(demo)) if any(demo) else None
    return (
        title,
        label("levels_intro", lang),
        label("week", lang),
        week_options(weeks, lang),
        figure,
        table,
        banner,
        figures.graph_config(lang),
        ages(data.today(), lang),
        dropdown_labels(lang),
    )
