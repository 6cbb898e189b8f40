"""What the console shows of a resident's isolation: where they isolate, age, risk factors, the last readings."""

from __future__ import annotations

from typing import Any

from dash import html

from dashboard.labels import label
from screening.questionnaire import get_questionnaire
from screening.text import Text, localize


def _risk_texts() -> dict[str, Text]:
    """The self-screening's comorbidity options by code, in both languages (the resident ticked these words);
    the definitions are read once per process by screening.questionnaire."""
    [question] = [q for q in get_questionnaire("self-screening").questions if q.key == "comorbidities"]
    return {option.value: option.text for option in question.options}


def risk_text(code: str, lang: str) -> str:
    text = _risk_texts().get(code)
    return localize(text, lang) if text else code


def place(address: str | None, maps_url: str | None, lang: str) -> list[Any]:
    """The address in the resident's words and, when they shared a pin, a link that opens it in maps."""
    parts: list[Any] = [
        html.Span(address, className="address") if address else html.Span(label("no_address", lang), className="muted")
    ]
    if maps_url:
        link = html.A(label("home_pin", lang), href=maps_url, target="_blank", rel="noopener", className="maps")
        parts += [" · ", link]
    return parts


def _reading(reading: dict[str, Any] | None, stamp: str, lang: str) -> str:
    if not reading:
        return label("no_readings", lang)
    shown = {key: "–" if reading.get(key) is None else reading[key] for key in ("temperature_c", "spo2")}
    return label("last_reading", lang).format(temp=shown["temperature_c"], spo2=shown["spo2"], t=stamp)


def isolation_facts(isolation: dict[str, Any], lang: str, stamp: str) -> html.Div:
    """An alert card's lines about the episode behind it; `stamp` is the last reading's time as the page writes it."""
    who: list[str] = [label("isolation_day", lang).format(day=isolation["day"], total=isolation["total_days"])]
    if isolation.get("age") is not None:
        who.append(label("age_years", lang).format(n=isolation["age"]))
    if isolation.get("pregnant"):
        who.append(label("pregnant", lang))
    risks = [risk_text(code, lang) for code in isolation.get("risk_factors") or []]
    who.append(label("risk_factors", lang).format(items=", ".join(risks)) if risks else label("no_risk_factors", lang))
    return html.Div(
        [
            html.Div(place(isolation.get("address"), isolation.get("maps_url"), lang), className="alert-address"),
            html.Div(" · ".join(who), className="alert-person"),
            html.Div(_reading(isolation.get("last_reading"), stamp, lang), className="alert-reading"),
        ],
        className="alert-isolation",
    )
