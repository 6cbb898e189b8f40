"""An area's situation in words: current figures name the level and what to do, old ones say they are old."""

from __future__ import annotations

import datetime as dt

import pytest

from surveillance.levels import RESIDENT_PRECAUTIONS
from surveillance.situation import Situation, advice_with_situation, situation_text

TODAY = dt.date(2023, 1, 3)
CURRENT = Situation("13.71", "Kota Padang", dt.date(2022, 12, 25), 3, 85.04, False, dt.date(2022, 12, 31))


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("en", "Kota Padang: level 3 transmission in the week to 25 Dec 2022 (85 cases per 100,000 in 7 days)."),
        (
            "id",
            "Kota Padang: transmisi level 3 pada minggu sampai 25 Des 2022 "
            "(85 kasus per 100.000 penduduk dalam 7 hari).",
        ),
    ],
)
def test_a_current_week_is_told_with_its_level_and_rate(lang: str, text: str) -> None:
    assert situation_text(CURRENT, lang, TODAY) == text


@pytest.mark.parametrize("lang", ["en", "id"])
def test_current_figures_add_what_to_do_at_that_level_to_the_advice(lang: str) -> None:
    mention = {"en": "Kota Padang is at transmission level 3: ", "id": "Kota Padang sedang di transmisi level 3: "}
    advised = advice_with_situation("Rest.", CURRENT, lang, TODAY)
    assert advised == f"Rest. {mention[lang]}{RESIDENT_PRECAUTIONS[3][lang]}"


def test_old_figures_add_nothing_to_the_advice_and_say_they_are_old() -> None:
    years_later = dt.date(2026, 12, 7)
    assert advice_with_situation("Rest.", CURRENT, "en", years_later) == "Rest."
    assert situation_text(CURRENT, "en", years_later).endswith(
        "Data until 31 Dec 2022; publication stopped: the present situation is unknown."
    )


def test_an_area_without_figures_or_with_demo_figures_says_so() -> None:
    empty = Situation("13.71", "Kota Padang", None, None, None, True)
    assert situation_text(empty, "id", TODAY) == "Kota Padang: belum ada data kasus. Data demo, bukan angka resmi."
    assert advice_with_situation("Rest.", empty, "en", TODAY) == "Rest."
