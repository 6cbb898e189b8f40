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
