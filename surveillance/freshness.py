"""How old a series' figures are: whether publication has stopped, and "data until ..." in each language."""

from __future__ import annotations

import datetime as dt

from surveillance import formats

# Figures are published daily, weekly at worst with a week's delay; a series whose last day is more than two
# weeks back has stopped, and what it says is history, not the present.
STALE_AFTER_DAYS = 14

_UNTIL = {"id": "data sampai {date}", "en": "data until {date}"}
_STOPPED = {"id": "publikasi berhenti", "en": "publication stopped"}


def is_stale(last_day: dt.date, today: dt.date, stale_after_days: int = STALE_AFTER_DAYS) -> bool:
    """Whether the last day with figures lies more than `stale_after_days` before `today`."""
    return (today - last_day).days > stale_after_days


def data_until(last_day: dt.date, today: dt.date, lang: str) -> str:
    """The phrase "data until 30 Sep 2022", followed by "; publication stopped" once the series is stale."""
    lang = "en" if lang == "en" else "id"
    text = _UNTIL[lang].format(date=formats.date(last_day, lang))
    return f"{text}; {_STOPPED[lang]}" if is_stale(last_day, today) else text
