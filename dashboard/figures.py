"""Pure builders: data in, Plotly figure out."""

from __future__ import annotations

from typing import Any

import plotly.graph_objects as go

# Okabe–Ito colours: distinguishable with the common forms of colour blindness.
STATUS_COLOURS = {
    "new": "#D55E00",
    "acknowledged": "#E69F00",
    "dispatched": "#0072B2",
    "resolved": "#009E73",
    "cancelled": "#999999",
}
SUMBAR_CENTER = {"lat": -0.75, "lon": 100.55}


def alert_map(alerts: list[dict[str, Any]], labels: dict[str, str]) -> go.Figure:
    """Open alerts with a location, coloured by status, over an OpenStreetMap base."""
    figure = go.Figure()
    located = [a for a in alerts if a.get("lat") is not None and a["status"] in ("new", "acknowledged", "dispatched")]
    for status in ("new", "acknowledged", "dispatched"):
        points = [a for a in located if a["status"] == status]
        figure.add_trace(
            go.Scattermap(
                lat=[a["lat"] for a in points],
                lon=[a["lon"] for a in points],
                mode="markers",
                marker={"size": 14, "color": STATUS_COLOURS[status]},
                name=labels.get(status, status),
                text=[f"{a['category']} · {a.get('region') or '13'} · x{a['press_count']}" for a in points],
                hoverinfo="text",
            )
        )
    figure.update_layout(
        map={"style": "open-street-map", "center": SUMBAR_CENTER, "zoom": 6.3},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=360,
        legend={"orientation": "h", "y": 0.01, "x": 0.01},
    )
    return figure


VITALS = (
    # (field, title, thresholds as (value, label)), thresholds of the check-in triage rules
    ("spo2", "SpO2 (%)", ((94, "≤ 94 urgent"), (90, "< 90 emergency"))),
    ("temperature_c", "°C", ((38.0, "≥ 38 fever"),)),
    ("respiratory_rate", "/min", ((24, "> 24 urgent"), (30, "> 30 emergency"))),
)


def vitals_chart(history: list[dict[str, Any]], titles: dict[str, str]) -> go.Figure:
    """SpO2, temperature and respiratory rate over time, one panel each, with the triage thresholds drawn."""
    from plotly.subplots import make_subplots

    figure = make_subplots(
        rows=3,
        cols=1,
        shared_xaxes=True,
        vertical_spacing=0.06,
        subplot_titles=[titles.get(field, field) for field, _, _ in VITALS],
    )
    for row, (field, unit, thresholds) in enumerate(VITALS, start=1):
        points = [c for c in history if c.get(field) is not None]
        figure.add_trace(
            go.Scatter(
                x=[c["measured_at"] for c in points],
                y=[c[field] for c in points],
                mode="lines+markers",
                name=titles.get(field, field),
                marker={"color": [TRIAGE_COLOURS[c["triage"]] for c in points], "size": 9},
                line={"color": "#0072B2"},
                showlegend=False,
            ),
            row=row,
            col=1,
        )
        for value, text in thresholds:
            figure.add_hline(y=value, line_dash="dash", line_color="#D55E00", annotation_text=text, row=row, col=1)
        figure.update_yaxes(title_text=unit, row=row, col=1)
    figure.update_layout(height=620, margin={"l": 50, "r": 20, "t": 40, "b": 30})
    return figure


TRIAGE_COLOURS = {"stable": "#009E73", "urgent": "#E69F00", "emergency": "#D55E00"}


CASE_COLOURS = {"bars": "#9ecae1", "line": "#0072B2", "active": "#E69F00", "deaths": "#555555", "province": "#999999"}


def _layout(figure: go.Figure, title: str, height: int = 300) -> go.Figure:
    figure.update_layout(
        title={"text": title, "x": 0.01, "font": {"size": 15}},
        height=height,
        margin={"l": 45, "r": 10, "t": 40, "b": 30},
        legend={"orientation": "h", "y": -0.15},
        hovermode="x unified",
        plot_bgcolor="#fff",
    )
    figure.update_yaxes(gridcolor="#e5e5e5", rangemode="tozero")
    return figure


def daily_chart(
    rows: list[dict[str, Any]], field: str, average: str | None, names: dict[str, str], title: str
) -> go.Figure:
    """Daily values as bars with their 7-day average as a line (OWID-style smoothing)."""
    dates = [r["date"] for r in rows]
    figure = go.Figure(
        go.Bar(x=dates, y=[r[field] for r in rows], name=names["daily"], marker_color=CASE_COLOURS["bars"])
    )
    if average:
        figure.add_trace(
            go.Scatter(
                x=dates,
                y=[r[average] for r in rows],
                name=names["average"],
                line={"color": CASE_COLOURS["line"], "width": 2.5},
            )
        )
    return _layout(figure, title)


def line_chart(rows: list[dict[str, Any]], field: str, name: str, title: str, colour: str) -> go.Figure:
    figure = go.Figure(
        go.Scatter(
            x=[r["date"] for r in rows],
            y=[r[field] for r in rows],
            name=name,
            line={"color": colour, "width": 2.5},
            fill="tozeroy",
        )
    )
    return _layout(figure, title)


def comparison_chart(
    region_rows: list[dict[str, Any]],
    province_rows: list[dict[str, Any]],
    field: str,
    names: tuple[str, str],
    title: str,
) -> go.Figure:
    """A region's rate beside the province's, on the same per-100,000 scale."""
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=[r["date"] for r in province_rows],
            y=[r[field] for r in province_rows],
            name=names[1],
            line={"color": CASE_COLOURS["province"], "dash": "dot"},
        )
    )
    figure.add_trace(
        go.Scatter(
            x=[r["date"] for r in region_rows],
            y=[r[field] for r in region_rows],
            name=names[0],
            line={"color": CASE_COLOURS["line"], "width": 2.5},
        )
    )
    return _layout(figure, title)


def region_map(values: list[dict[str, Any]], geojson: dict[str, Any] | None, measure_name: str) -> go.Figure:
    """Choropleth over the boundary polygons when there are any, else circles sized by value at the centroids.

    The base map is blank (no tiles), so it draws without network access; colours are colour-blind safe.
    """
    present = [v for v in values if v["value"] is not None]
    top = max((v["value"] for v in present), default=0) or 1
    hover = [f"{v['name']}: {'–' if v['value'] is None else round(v['value'], 1)}" for v in values]
    if geojson is not None:
        trace: Any = go.Choroplethmap(
            geojson=geojson,
            locations=[v["code"] for v in values],
            z=[v["value"] for v in values],
            featureidkey="properties.code",
            colorscale="Cividis",
            reversescale=True,
            marker_line_color="#fff",
            marker_line_width=1,
            text=hover,
            hoverinfo="text",
            colorbar={"title": measure_name},
        )
    else:
        trace = go.Scattermap(
            lat=[v["lat"] for v in values],
            lon=[v["lon"] for v in values],
            mode="markers+text",
            marker={
                "size": [8 + 42 * ((v["value"] or 0) / top) ** 0.5 for v in values],
                "color": "#0072B2",
                "opacity": 0.7,
            },
            text=[v["name"].replace("Kabupaten ", "").replace("Kota ", "") for v in values],
            textposition="top center",
            hovertext=hover,
            hoverinfo="text",
        )
    return province_map(trace)


LEVEL_COLOURS = {1: "#009E73", 2: "#F0E442", 3: "#E69F00", 4: "#D55E00"}


def rt_chart(estimates: list[dict[str, Any]], names: dict[str, str], title: str) -> go.Figure:
    """Rt at the end of each weekly window with its 95 % credible band, and the line at 1."""
    shown = [e for e in estimates if e["reported"]]
    dates = [e["date_end"] for e in shown]
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=dates + dates[::-1],
            y=[e["q975"] for e in shown] + [e["q025"] for e in shown][::-1],
            fill="toself",
            fillcolor="rgba(0,114,178,0.2)",
            line={"width": 0},
            name=names["band"],
            hoverinfo="skip",
        )
    )
    figure.add_trace(
        go.Scatter(x=dates, y=[e["mean"] for e in shown], name=names["rt"], line={"color": CASE_COLOURS["line"]})
    )
    figure.add_hline(y=1, line_dash="dash", line_color="#D55E00", annotation_text="Rt = 1")
    figure = _layout(figure, title)
    figure.update_yaxes(range=[0, min(4, max([e["q975"] for e in shown], default=2) * 1.05)])
    return figure


def level_map(
    areas: list[dict[str, Any]],
    geojson: dict[str, Any] | None,
    centroids: dict[str, tuple[float, float]],
    level_name: str,
) -> go.Figure:
    """Situational or transmission level per kabupaten/kota in four colours (1 green ... 4 red)."""
    rows = [a for a in areas if a["region"] != "13"]
    levels = [a.get("transmission_level") for a in rows]
    colours = [LEVEL_COLOURS.get(level or 0, "#cccccc") for level in levels]
    hover = [f"{a['name']}: {level_name} {a.get('transmission_level') or '–'}" for a in rows]
    if geojson is not None:
        scale = [[0, LEVEL_COLOURS[1]], [0.33, LEVEL_COLOURS[2]], [0.66, LEVEL_COLOURS[3]], [1, LEVEL_COLOURS[4]]]
        trace: Any = go.Choroplethmap(
            geojson=geojson,
            locations=[a["region"] for a in rows],
            z=levels,
            zmin=1,
            zmax=4,
            featureidkey="properties.code",
            colorscale=scale,
            text=hover,
            hoverinfo="text",
            marker_line_color="#fff",
            colorbar={"title": level_name, "tickvals": [1, 2, 3, 4]},
        )
    else:
        trace = go.Scattermap(
            lat=[centroids[a["region"]][0] for a in rows],
            lon=[centroids[a["region"]][1] for a in rows],
            mode="markers",
            marker={"size": 22, "color": colours},
            hovertext=hover,
            hoverinfo="text",
        )
    return province_map(trace)


def province_map(trace: Any) -> go.Figure:
    """One map trace over the province on a blank base (no tiles, so it draws offline)."""
    figure = go.Figure(trace)
    figure.update_layout(
        map={"style": "white-bg", "center": {"lat": -1.0, "lon": 100.3}, "zoom": 6.0},
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=480,
    )
    return figure
