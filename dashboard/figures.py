"""Pure builders: data in, Plotly figure out (charts and maps of the public pages, and the console's)."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import plotly.graph_objects as go

from screening.alert_workflow import OPEN_STATUSES

# Okabe–Ito colours: distinguishable with the common forms of colour blindness.
STATUS_COLOURS = {
    "new": "#D55E00",
    "acknowledged": "#E69F00",
    "dispatched": "#0072B2",
    "resolved": "#009E73",
    "cancelled": "#999999",
    "expired": "#CC79A7",
}
SUMBAR_CENTER = {"lat": -0.75, "lon": 100.55}


# Room around the officer's region and the alerts, in degrees, so markers at the edge stay visible.
MAP_PADDING_DEG = 0.08


def _points(geometry: dict[str, Any]) -> list[tuple[float, float]]:
    """Every (lon, lat) of a Polygon or MultiPolygon."""
    rings = (
        geometry["coordinates"] if geometry["type"] == "Polygon" else [r for p in geometry["coordinates"] for r in p]
    )
    return [(point[0], point[1]) for ring in rings for point in ring]


def map_extent(
    geojson: dict[str, Any], region: str | None, alerts: list[dict[str, Any]]
) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """(lon range, lat range) around the officer's region and the open alerts; None: the whole province."""
    points = [(a["lon"], a["lat"]) for a in alerts if a.get("lat") is not None]
    if region:
        for feature in geojson["features"]:
            if feature["properties"].get("code") == region:
                points += _points(feature["geometry"])
    if region is None or not points:
        if not points:
            return None
        points += [p for f in geojson["features"] for p in _points(f["geometry"])]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    pad = MAP_PADDING_DEG
    return (min(lons) - pad, max(lons) + pad), (min(lats) - pad, max(lats) + pad)


def _alert_hover(alert: dict[str, Any], labels: dict[str, str]) -> str:
    return " · ".join(
        part
        for part in (
            labels.get(alert["category"], alert["category"]),
            labels.get(alert["status"], ""),
            alert.get("routed_by_text"),
        )
        if part
    )


def alert_map(
    alerts: list[dict[str, Any]],
    geojson: dict[str, Any],
    labels: dict[str, str],
    region: str | None = None,
    tiles: str | None = None,
    lang: str = "id",
) -> go.Figure:
    """Open alerts with a location, coloured by status, over the kabupaten/kota boundaries the product ships.

    Drawn as SVG with nothing fetched, zoomed to the officer's region (`region`, None for the province) and
    to the open alerts. Each marker carries its alert's id (customdata) so that choosing it selects the card.
    With `tiles` (a tile URL template) the map draws those tiles under the boundaries instead.
    """
    located = [a for a in alerts if a.get("lat") is not None and a["status"] in OPEN_STATUSES]
    if tiles:
        return _tiled_alert_map(located, geojson, labels, region, tiles)
    codes = [f["properties"]["code"] for f in geojson["features"]]
    names = [f["properties"].get("name", f["properties"]["code"]) for f in geojson["features"]]
    figure = go.Figure(
        _areas(
            geojson,
            codes,
            [1 if code == region else 0 for code in codes],
            names,
            colorscale=[[0, "#eef2f5"], [1, "#d5e8df"]],
            zmin=0,
            zmax=1,
            showscale=False,
        )
    )
    figure.update_traces(marker_line_color="#8795a1", selector={"type": "choropleth"})
    for status in OPEN_STATUSES:
        points = [a for a in located if a["status"] == status]
        figure.add_trace(
            go.Scattergeo(
                lat=[a["lat"] for a in points],
                lon=[a["lon"] for a in points],
                mode="markers",
                marker={"size": 14, "color": STATUS_COLOURS[status], "line": {"color": "#fff", "width": 1.5}},
                name=labels.get(status, status),
                customdata=[a["id"] for a in points],
                text=[_alert_hover(a, labels) for a in points],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    extent = map_extent(geojson, region, located)
    _map_layout(figure, lang, height=420)
    if extent is not None:
        figure.update_geos(fitbounds=False, lonaxis_range=list(extent[0]), lataxis_range=list(extent[1]))
    figure.update_layout(dragmode="pan", clickmode="event")
    return figure


def _tiled_alert_map(
    located: list[dict[str, Any]], geojson: dict[str, Any], labels: dict[str, str], region: str | None, tiles: str
) -> go.Figure:
    """The same map over raster tiles from `tiles` (needs the network and WebGL; only when configured)."""
    figure = go.Figure()
    for status in OPEN_STATUSES:
        points = [a for a in located if a["status"] == status]
        figure.add_trace(
            go.Scattermap(
                lat=[a["lat"] for a in points],
                lon=[a["lon"] for a in points],
                mode="markers",
                marker={"size": 14, "color": STATUS_COLOURS[status]},
                name=labels.get(status, status),
                customdata=[a["id"] for a in points],
                text=[_alert_hover(a, labels) for a in points],
                hovertemplate="%{text}<extra></extra>",
            )
        )
    extent = map_extent(geojson, region, located)
    center, zoom = SUMBAR_CENTER, 6.3
    if extent is not None:
        (west, east), (south, north) = extent
        center = {"lon": (west + east) / 2, "lat": (south + north) / 2}
        # Web-mercator tiles cover 360 degrees at zoom 0; fit the wider of the two spans in about 2.5 tiles.
        zoom = max(4.0, min(13.0, math.log2(360 * 2.5 / max(east - west, north - south, 0.01))))
    style = {
        "version": 8,
        "sources": {"tiles": {"type": "raster", "tiles": [tiles], "tileSize": 256}},
        "layers": [{"id": "tiles", "type": "raster", "source": "tiles"}],
    }
    figure.update_layout(
        map={
            "style": style,
            "center": center,
            "zoom": zoom,
            "layers": [{"source": geojson, "type": "line", "color": "#52606d", "line": {"width": 1}}],
        },
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        height=420,
        legend={"orientation": "h", "y": 0.01, "x": 0.01},
    )
    return figure


VITALS = (
    # (field, unit, thresholds as (value, label key)), thresholds of the check-in triage rules
    ("spo2", "SpO2 (%)", ((94, "th_spo2_urgent"), (90, "th_spo2_emergency"))),
    ("temperature_c", "°C", ((38.0, "th_fever"),)),
    ("respiratory_rate", "/min", ((24, "th_rr_urgent"), (30, "th_rr_emergency"))),
)


def vitals_chart(history: list[dict[str, Any]], titles: dict[str, str]) -> go.Figure:
    """SpO2, temperature and respiratory rate over time, one panel each, with the triage thresholds drawn.

    `titles` holds each panel's title and each threshold's label (th_*) in the page's language; the check-ins'
    `measured_at` are drawn as given (the page passes local times).
    """
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
        for value, key in thresholds:
            text = titles.get(key, key)
            figure.add_hline(y=value, line_dash="dash", line_color="#D55E00", annotation_text=text, row=row, col=1)
        figure.update_yaxes(title_text=unit, row=row, col=1)
    # Dates on every panel, also one without readings (else it would count 0, 1, 2...).
    figure.update_xaxes(type="date", hoverformat="%d %b %Y %H.%M", **_day_axis([c["measured_at"] for c in history]))
    figure.update_layout(height=620, margin={"l": 50, "r": 20, "t": 40, "b": 30})
    return figure


DAY_MS = 24 * 60 * 60 * 1000
# About as many day labels as fit under a phone-wide panel.
MAX_DAY_TICKS = 8


def _day_axis(times: list[Any]) -> dict[str, Any]:
    """Whole days, the day before the first check-in to the day after the last, one label per day or few.

    Left to itself plotly zooms to the check-ins' own span: one check-in (or a few in one day) gets ticks in
    milliseconds or hours, which tell an officer nothing about the days of an isolation.
    """
    moments = [t if isinstance(t, dt.datetime) else dt.datetime.fromisoformat(str(t)) for t in times]
    if not moments:
        return {}
    first = min(moments).replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    last = max(moments).replace(hour=0, minute=0, second=0, microsecond=0, tzinfo=None)
    start, end = first - dt.timedelta(days=1), last + dt.timedelta(days=2)
    days = (end - start).days
    return {
        "range": [start.isoformat(), end.isoformat()],
        "tick0": start.isoformat(),
        "dtick": DAY_MS * math.ceil(days / MAX_DAY_TICKS),
        # The day's name under the middle of its day, where its check-ins sit, rather than under its midnight.
        "ticklabelmode": "period",
        "tickformat": "%d %b",
    }


TRIAGE_COLOURS = {"stable": "#009E73", "urgent": "#E69F00", "emergency": "#D55E00"}


CASE_COLOURS = {"bars": "#9ecae1", "line": "#0072B2", "active": "#E69F00", "deaths": "#555555", "province": "#999999"}
LEVEL_COLOURS = {1: "#009E73", 2: "#F0E442", 3: "#E69F00", 4: "#D55E00"}
UNKNOWN_COLOUR = "#d9d9d9"
WITHHELD_COLOUR = "#bdbdbd"
SIGNAL_COLOUR = "#8b0000"
# Decimal mark, then thousands separator, as plotly wants them.
SEPARATORS = {"id": ",.", "en": ".,"}
# Where each kota's name sits beside its dot, so neighbours' names do not overlap (Bukittinggi and Padang
# Panjang are 15 km apart, Solok and Sawahlunto 20 km; Padang and Pariaman are on the coast, their names go
# over the sea).
KOTA_TEXT_POSITION = {
    "13.71": "middle left",
    "13.72": "bottom center",
    "13.73": "middle right",
    "13.74": "middle left",
    "13.75": "top left",
    "13.76": "middle right",
    "13.77": "middle left",
}
# Kabupaten names: long ones on two lines, and the one shared with a kota marked; some moved off the kota
# clustered in the highlands to an open part of their own area (lon, lat, inside the boundary).
# A white halo keeps a name readable on any fill, the darkest colours included.
HALO = "0 0 2px #fff, 0 0 2px #fff, 0 0 3px #fff"
KABUPATEN_LABEL = {
    "13.01": "Pesisir<br>Selatan",
    "13.02": "Kab. Solok",
    "13.05": "Padang<br>Pariaman",
    "13.07": "Lima Puluh<br>Kota",
    "13.09": "Kepulauan<br>Mentawai",
    "13.11": "Solok<br>Selatan",
    "13.12": "Pasaman<br>Barat",
    "13.04": "Tanah<br>Datar",
}
KABUPATEN_LABEL_AT = {
    "13.02": (100.9, -1.05),
    "13.03": (101.05, -0.5),
    "13.05": (100.33, -0.75),
    "13.06": (100.05, -0.1),
    "13.07": (100.55, 0.18),
    "13.10": (101.55, -1.05),
}


def _layout(figure: go.Figure, title: str, lang: str, height: int = 300, subtitle: str | None = None) -> go.Figure:
    # The legend sits at the figure's foot, below the axis and its year ticks (placed against the plot area, it
    # would cover them wherever the plot's height differs); titles short enough for a 360-pixel phone, the rest
    # in a subtitle.
    title_box: dict[str, Any] = {"text": title, "x": 0.01, "font": {"size": 15}}
    if subtitle:
        title_box["subtitle"] = {"text": subtitle, "font": {"size": 12}}
    figure.update_layout(
        title=title_box,
        height=height + (35 if subtitle else 0),
        margin={"l": 45, "r": 10, "t": 75 if subtitle else 40, "b": 60},
        legend={"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom", "x": 0},
        hovermode="x unified",
        plot_bgcolor="#fff",
        separators=SEPARATORS.get(lang, SEPARATORS["id"]),
    )
    figure.update_xaxes(hoverformat="%d %b %Y")
    # Whole numbers with the language's thousands separator (12.000), not "12k".
    figure.update_yaxes(gridcolor="#e5e5e5", rangemode="tozero", exponentformat="none", separatethousands=True)
    return figure


def graph_config(lang: str) -> dict[str, Any]:
    """dcc.Graph settings: no toolbar, and month names in the page's language (assets/plotly-locale-id.js)."""
    # topojsonURL: should plotly ever look for a world outline, it asks this server (assets/plotly-geo-offline.js
    # gives it an empty one), never a CDN.
    return {
        "displayModeBar": False,
        "locale": lang if lang in SEPARATORS else "id",
        "responsive": True,
        "topojsonURL": "/assets/",
    }


def daily_chart(
    rows: list[dict[str, Any]], field: str, average: str | None, names: dict[str, str], title: str, lang: str
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
    return _layout(figure, title, lang)


def line_chart(rows: list[dict[str, Any]], field: str, name: str, title: str, colour: str, lang: str) -> go.Figure:
    figure = go.Figure(
        go.Scatter(
            x=[r["date"] for r in rows],
            y=[r[field] for r in rows],
            name=name,
            line={"color": colour, "width": 2.5},
            fill="tozeroy",
        )
    )
    return _layout(figure, title, lang)


def comparison_chart(
    region_rows: list[dict[str, Any]],
    province_rows: list[dict[str, Any]] | None,
    field: str,
    names: tuple[str, str],
    title: str,
    lang: str,
) -> go.Figure:
    """A region's rate beside the province's, on the same per-100,000 scale (the province alone on its own page)."""
    figure = go.Figure()
    if province_rows is not None:
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
    return _layout(figure, title, lang)


def rt_chart(
    estimates: list[dict[str, Any]], names: dict[str, str], title: str, lang: str, subtitle: str | None = None
) -> go.Figure:
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
    figure.add_hline(
        y=1, line_dash="dash", line_color="#D55E00", annotation_text="Rt = 1", annotation_position="top left"
    )
    figure = _layout(figure, title, lang, subtitle=subtitle)
    figure.update_yaxes(range=[0, min(4, max([e["q975"] for e in shown], default=2) * 1.05)])
    return figure


# --- maps: SVG (plotly's geo), drawn without WebGL and without fetching anything ---------------------------


def _kota_labels(geojson: dict[str, Any], hover: dict[str, str]) -> go.Scattergeo:
    """The kota are small: a dot and a name each, so they can be found and hovered."""
    kota = [f["properties"] for f in geojson["features"] if f["properties"].get("type") == "Kota"]
    return go.Scattergeo(
        lon=[k["label_lon"] for k in kota],
        lat=[k["label_lat"] for k in kota],
        text=[k.get("short_name") or k["code"] for k in kota],
        customdata=[hover.get(k["code"], "") for k in kota],
        hovertemplate="%{customdata}<extra></extra>",
        mode="markers+text",
        textposition=[KOTA_TEXT_POSITION.get(k["code"], "top center") for k in kota],
        textfont={"size": 11, "color": "#1f2933", "shadow": HALO},
        marker={"size": 5, "color": "#1f2933"},
        showlegend=False,
    )


def _kabupaten_labels(geojson: dict[str, Any], hover: dict[str, str]) -> go.Scattergeo:
    """Each kabupaten's name inside it, smaller and lighter than the kota's and without a dot, so the two kinds
    read apart (Kabupaten Solok and Kota Solok share a name)."""
    kabupaten = [f["properties"] for f in geojson["features"] if f["properties"].get("type") == "Kabupaten"]
    at = [KABUPATEN_LABEL_AT.get(k["code"], (k["label_lon"], k["label_lat"])) for k in kabupaten]
    return go.Scattergeo(
        lon=[point[0] for point in at],
        lat=[point[1] for point in at],
        text=[KABUPATEN_LABEL.get(k["code"]) or k.get("short_name") or k["code"] for k in kabupaten],
        customdata=[hover.get(k["code"], "") for k in kabupaten],
        hovertemplate="%{customdata}<extra></extra>",
        mode="text",
        textfont={"size": 10, "color": "#1f2933", "style": "italic", "shadow": HALO},
        showlegend=False,
    )


def _area_labels(geojson: dict[str, Any], hover: dict[str, str]) -> list[go.Scattergeo]:
    """All 19 names: the kabupaten's, then the kota's on top."""
    return [_kabupaten_labels(geojson, hover), _kota_labels(geojson, hover)]


def _map_layout(figure: go.Figure, lang: str, height: int | None) -> go.Figure:
    """The province fitted to the figure; `height` None: the page's container sets it (taller on a phone, where
    the map is narrow, so the names keep room)."""
    figure.update_geos(fitbounds="geojson", visible=False, projection_type="mercator", bgcolor="rgba(0,0,0,0)")
    figure.update_layout(
        height=height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        separators=SEPARATORS.get(lang, SEPARATORS["id"]),
        legend={"orientation": "h", "x": 0, "y": 0, "yanchor": "top", "bgcolor": "rgba(255,255,255,0.8)"},
        dragmode=False,
    )
    return figure


def _fill(figure: go.Figure, geojson: dict[str, Any]) -> go.Figure:
    """The boundaries' own extent as the map's axis ranges: plotly's fitbounds keeps a frame of its own shape and
    leaves a narrow phone's map small; ranges give a frame of the province's shape, as large as the figure."""
    points = [p for feature in geojson["features"] for p in _points(feature["geometry"])]
    lons, lats = [p[0] for p in points], [p[1] for p in points]
    pad = MAP_PADDING_DEG / 2
    figure.update_geos(
        fitbounds=False,
        lonaxis_range=[min(lons) - pad, max(lons) + pad],
        lataxis_range=[min(lats) - pad, max(lats) + pad],
    )
    return figure


def _areas(geojson: dict[str, Any], codes: list[str], z: list[float], hover: list[str], **style: Any) -> go.Choropleth:
    return go.Choropleth(
        geojson=geojson,
        featureidkey="properties.code",
        locations=codes,
        z=z,
        customdata=hover,
        hovertemplate="%{customdata}<extra></extra>",
        marker_line_color="#ffffff",
        marker_line_width=0.8,
        **style,
    )


def region_map(values: list[dict[str, Any]], geojson: dict[str, Any], measure_name: str, lang: str) -> go.Figure:
    """One measure per kabupaten/kota: a choropleth (grey where there is no value), the kota named, a colour bar.

    `values` rows carry `code`, `value` and `text` (the hover line, already in the page's language).
    """
    present = [v for v in values if v["value"] is not None]
    absent = [v for v in values if v["value"] is None]
    figure = go.Figure()
    if absent:
        figure.add_trace(
            _areas(
                geojson,
                [v["code"] for v in absent],
                [0] * len(absent),
                [v["text"] for v in absent],
                colorscale=[[0, UNKNOWN_COLOUR], [1, UNKNOWN_COLOUR]],
                showscale=False,
            )
        )
    if present:
        figure.add_trace(
            _areas(
                geojson,
                [v["code"] for v in present],
                [v["value"] for v in present],
                [v["text"] for v in present],
                colorscale="Cividis",
                reversescale=True,
                colorbar={
                    "title": {"text": measure_name, "side": "top"},
                    "orientation": "h",
                    "x": 0.5,
                    "y": 0,
                    "yanchor": "top",
                    "len": 0.9,
                    "thickness": 12,
                },
            )
        )
    figure.add_traces(_area_labels(geojson, {v["code"]: v["text"] for v in values}))
    return _fill(_map_layout(figure, lang, height=None), geojson)


def level_map(areas: list[dict[str, Any]], geojson: dict[str, Any], names: dict[Any, str], lang: str) -> go.Figure:
    """Transmission level per kabupaten/kota in four colours, the legend naming the four levels (and unknown).

    `areas` rows carry `region`, `transmission_level` (1-4 or None) and `text` (the hover line); `names`
    maps 1..4 and None to the legend's words.
    """
    figure = go.Figure()
    for level in (1, 2, 3, 4, None):
        colour = LEVEL_COLOURS.get(level or 0, UNKNOWN_COLOUR)
        members = [a for a in areas if a["transmission_level"] == level]
        if members:
            figure.add_trace(
                _areas(
                    geojson,
                    [a["region"] for a in members],
                    [1] * len(members),
                    [a["text"] for a in members],
                    colorscale=[[0, colour], [1, colour]],
                    showscale=False,
                    legendgroup=str(level),
                    showlegend=False,
                )
            )
        # A legend entry for every level, whether or not an area has it this week.
        figure.add_trace(
            go.Scattergeo(
                lon=[None],
                lat=[None],
                mode="markers",
                marker={"symbol": "square", "size": 14, "color": colour, "line": {"color": "#999", "width": 1}},
                name=names[level],
                legendgroup=str(level),
                hoverinfo="skip",
            )
        )
    figure.add_traces(_area_labels(geojson, {a["region"]: a["text"] for a in areas}))
    return _fill(_map_layout(figure, lang, height=None), geojson)


def warning_chart(
    rows: list[dict[str, Any]], area_names: dict[str, str], words: dict[str, str], lang: str
) -> go.Figure:
    """Regions by day: the published share of suspect or symptomatic results, grey where withheld, and the
    days with a signal marked. `rows` are the public early-warning rows (suppressed ones carry no figures)."""
    dates = sorted({r["date"] for r in rows})
    regions = sorted({r["region"] for r in rows}, key=lambda code: area_names.get(code, code), reverse=True)
    y = {code: area_names.get(code, code) for code in regions}
    share: dict[tuple[str, str], float] = {}
    withheld: set[tuple[str, str]] = set()
    for r in rows:
        if r["suppressed"]:
            withheld.add((r["region"], r["date"]))
        elif r["screenings"]:
            share[(r["region"], r["date"])] = r["share_percent"]
    figure = go.Figure()
    figure.add_trace(
        go.Heatmap(
            x=dates,
            y=[y[c] for c in regions],
            z=[[1 if (c, d) in withheld else None for d in dates] for c in regions],
            colorscale=[[0, WITHHELD_COLOUR], [1, WITHHELD_COLOUR]],
            showscale=False,
            hovertemplate="%{y}, %{x|%d %b %Y}: " + words["withheld"] + "<extra></extra>",
            xgap=1,
            ygap=1,
        )
    )
    figure.add_trace(
        go.Heatmap(
            x=dates,
            y=[y[c] for c in regions],
            z=[[share.get((c, d)) for d in dates] for c in regions],
            colorscale="Cividis",
            reversescale=True,
            zmin=0,
            zmax=100,
            colorbar={
                "title": {"text": words["share"], "side": "top"},
                "orientation": "h",
                "y": -0.12,
                "yanchor": "top",
                "thickness": 10,
                "ticksuffix": "%",
            },
            hovertemplate="%{y}, %{x|%d %b %Y}: %{z:.0f}%<extra></extra>",
            xgap=1,
            ygap=1,
        )
    )
    signals = [r for r in rows if r["signal"]]
    figure.add_trace(
        go.Scatter(
            x=[r["date"] for r in signals],
            y=[y[r["region"]] for r in signals],
            mode="markers",
            marker={"symbol": "triangle-up", "size": 11, "color": SIGNAL_COLOUR, "line": {"color": "#fff", "width": 1}},
            name="⚠ " + words["signal"],
            hovertemplate="%{y}, %{x|%d %b %Y}: " + words["signal"] + "<extra></extra>",
            showlegend=True,
        )
    )
    figure.update_layout(
        height=120 + 22 * max(1, len(regions)),
        margin={"l": 10, "r": 10, "t": 10, "b": 90},
        plot_bgcolor="#fff",
        separators=SEPARATORS.get(lang, SEPARATORS["id"]),
        legend={"orientation": "h", "x": 0, "y": 1.0, "yanchor": "bottom"},
    )
    figure.update_yaxes(automargin=True, tickfont={"size": 11})
    figure.update_xaxes(tickformat="%d %b", hoverformat="%d %b %Y")
    return figure
