"""Data: each dataset's source, licence and last update; where each area's figures come from; CSV downloads,
the codebook of every field, the errata, and the reference table of regions."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import dash
from dash import Input, Output, callback, html

from dashboard import data
from dashboard.components import demo_tag, lang_of, local_stamp, thousands
from dashboard.labels import label
from surveillance import formats

dash.register_page(__name__, path="/data", name="Data", title="Data · Sumbar Siaga")


def layout(**_query: Any) -> html.Div:
    return html.Div(id="data-page")


def table(
    head: list[str],
    rows: list[list[Any]],
    table_id: str,
    name: str,
    numeric: tuple[int, ...] = (),
    stacked: bool = False,
) -> html.Div:
    """A table in a box that scrolls sideways on a phone when it must, reachable by keyboard and named `name`;
    a `stacked` one (long texts) shows each row as a card on a phone instead, every cell under its heading."""
    return html.Div(
        html.Table(
            [
                html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
                html.Tbody(
                    [
                        html.Tr(
                            [
                                html.Td(cell, className="num" if i in numeric else None, **{"data-label": head[i]})
                                for i, cell in enumerate(row)
                            ]
                        )
                        for row in rows
                    ]
                ),
            ],
            className="table stack" if stacked else "table",
            id=table_id,
        ),
        className="table-wrap",
        tabIndex="0",
        role="region",
        **{"aria-label": name},
    )


BREAK_AFTER = re.compile(r"(?<=[_/.\-])(?=\w)")


def breakable(text: str) -> list[Any]:
    """A text whose long names (prov_detail_SUMATERA_BARAT.json, owner/repository) may wrap after _ / . or -
    on a phone instead of running out of the table."""
    parts: list[Any] = []
    for index, piece in enumerate(BREAK_AFTER.split(text)):
        if index:
            parts.append(html.Wbr())
        parts.append(piece)
    return parts


def updated(value: dt.date | dt.datetime | None, lang: str) -> str:
    if value is None:
        return "–"
    if isinstance(value, dt.datetime):
        return local_stamp(data.local_time(value), lang)
    return formats.date(value, lang)


def origin(source: str, lang: str) -> str:
    if source.startswith("import:"):
        return label("origin_import", lang).format(file=source.removeprefix("import:"))
    key = f"origin_{source}"
    return label(key, lang) if key in ("origin_demo", "origin_staff", "origin_pull") else source


def datasets_table(lang: str) -> html.Div:
    suffix = "en" if lang == "en" else "id"
    rows = [
        [d[f"name_{suffix}"], breakable(d[f"source_{suffix}"]), d[f"licence_{suffix}"], updated(d["updated"], lang)]
        for d in data.datasets()
    ]
    head = [label(k, lang) for k in ("col_dataset", "source", "col_licence", "col_updated")]
    return table(head, rows, "datasets", label("datasets", lang), stacked=True)


def origins_table(areas: list[dict[str, Any]], lang: str) -> html.Div:
    sources = data.case_sources()
    rows = []
    for area in areas:
        found = sources.get(area["region"], {"sources": [], "updated": None})
        name = label("province", lang) if area["region"] == data.PROVINCE else area["name"]
        rows.append(
            [
                [name, " ", demo_tag(lang) if area["demo"] else None],
                breakable(", ".join(origin(s, lang) for s in found["sources"]) or "–"),
                updated(found["updated"], lang),
            ]
        )
    head = [label(k, lang) for k in ("col_region_name", "source", "col_updated")]
    return table(head, rows, "case-origins", label("case_origins", lang), stacked=True)


@callback(Output("data-page", "children"), Input("lang", "data"), Input("data-page", "id"))
def render_data(lang: str | None, _page: str) -> list[Any]:
    lang = lang_of(lang)
    areas = data.case_summary()["areas"]
    names = {a["region"]: (label("province", lang) if a["region"] == data.PROVINCE else a["name"]) for a in areas}
    downloads = [html.Li(html.A(label("download_summary", lang), href="/api/v1/cases/summary?format=csv"))]
    downloads += [
        html.Li(
            [
                html.A(
                    label("download_series", lang).format(name=names[a["region"]]),
                    href=f"/api/v1/cases?region={a['region']}&format=csv",
                ),
                " ",
                demo_tag(lang) if a["demo"] else None,
            ]
        )
        for a in areas
    ]
    codebook = table(
        [label("field", lang), label("meaning", lang)],
        [[html.Code(f), i if lang == "id" else e] for f, i, e in data.codebook()],
        "codebook",
        label("codebook", lang),
    )
    errata = data.errata()
    errata_view: Any = (
        table(
            [label(k, lang) for k in ("date", "col_region_name", "fig_new_cases")],
            [
                [
                    formats.date(e["date"], lang),
                    [names.get(e["region"], e["region"]), " ", demo_tag(lang) if e["demo"] else None],
                    thousands(e["new_cases"], lang),
                ]
                for e in errata
            ],
            "errata",
            label("errata", lang),
            numeric=(2,),
        )
        if errata
        else html.P(label("no_errata", lang), id="errata")
    )
    regions = data.regions_table()
    reference = table(
        [label(k, lang) for k in ("col_code", "col_name", "col_capital", "col_population", "col_area")],
        [
            [
                r["code"],
                r["name"],
                r["capital"],
                thousands(r["population_2020"], lang),
                thousands(r["area_km2"], lang, 1),
            ]
            for r in regions
        ],
        "regions-table",
        label("home_title", lang),
        numeric=(3, 4),
    )
    return [
        html.H1(label("data_title", lang)),
        html.H2(label("datasets", lang)),
        datasets_table(lang),
        html.H2(label("case_origins", lang)),
        origins_table(areas, lang),
        html.H2(label("downloads", lang)),
        html.Ul(downloads, id="downloads"),
        html.H2(label("codebook", lang)),
        codebook,
        html.H2(label("errata", lang)),
        errata_view,
        html.H2(label("home_title", lang)),
        html.P(label("home_intro", lang)),
        reference,
    ]
