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

    figure = make_subplots(rows=3, cols=1, shared_xaxes=True, vertical_spacing=0.06,
                           subplot_titles=[titles.get(field, field) for field, _, _ in VITALS])  # fmt: skip
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
