"""Numbers and dates as Indonesian and English readers write them: 1.234,5 / 1,234.5 and 31 Des 2022 / 31 Dec 2022."""

from __future__ import annotations

import datetime as dt

MONTHS = {
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}


def _lang(lang: str) -> str:
    return lang if lang in MONTHS else "id"


def number(value: float, lang: str, decimals: int = 0) -> str:
    """Indonesian groups thousands with a dot and writes decimals after a comma; English the other way round."""
    text = f"{value:,.{decimals}f}"
    if _lang(lang) == "id":
        text = text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text.replace("-", "−")


def signed(value: float, lang: str, decimals: int = 0) -> str:
    """A change with its sign: +12, −3, ±0."""
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return sign + number(abs(value), lang, decimals)


def date(day: dt.date | str, lang: str) -> str:
    """31 Des 2022 / 31 Dec 2022."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    return f"{day.day} {MONTHS[_lang(lang)][day.month - 1]} {day.year}"


def month(day: dt.date | str, lang: str) -> str:
    """Des 2022 / Dec 2022."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day[:10])
    return f"{MONTHS[_lang(lang)][day.month - 1]} {day.year}"


def date_range(first: dt.date, last: dt.date, lang: str) -> str:
    """2–8 Agu 2021, 26 Jul – 1 Agu 2021, 27 Des 2021 – 2 Jan 2022."""
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{date(last, lang)}"
    if first.year == last.year:
        return f"{first.day} {MONTHS[_lang(lang)][first.month - 1]} – {date(last, lang)}"
    return f"{date(first, lang)} – {date(last, lang)}"


def time_of_day(moment: dt.datetime, lang: str) -> str:
    """17.05 in Indonesian, 17:05 in English (24-hour clock in both)."""
    separator = "." if _lang(lang) == "id" else ":"
    return f"{moment.hour:02d}{separator}{moment.minute:02d}"
