"""Case files and entries checked before storage: formats, whole numbers, plausible sizes, dates, totals."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from surveillance.case_files import (
    FIRST_DAY,
    LIMITS,
    NotWholeNumber,
    ParsedRow,
    as_day,
    check_records,
    day_problem,
    read_records,
    total_problems,
    value_problems,
    whole_number,
)

TODAY = dt.date(2022, 10, 1)
KNOWN = {"13", "13.71", "13.06"}


@pytest.mark.parametrize(
    ("raw", "number"),
    [(3, 3), ("3", 3), (" 12 ", 12), ("-4", -4), ("+5", 5), (0, 0), (None, None), ("", None), ("  ", None)],
)
def test_whole_numbers_are_read_as_written(raw: object, number: int | None) -> None:
    assert whole_number(raw) == number


@pytest.mark.parametrize("raw", [1.5, 1.0, "1.5", "1.0", "1e3", True, False, "x", "١٢", [1], "--1"])
def test_anything_but_a_whole_number_is_refused(raw: object) -> None:
    with pytest.raises(NotWholeNumber):
        whole_number(raw)


@pytest.mark.parametrize(
    ("day", "allowed"),
    [
        (FIRST_DAY, True),
        (FIRST_DAY - dt.timedelta(days=1), False),
        (dt.date(1, 1, 1), False),
        (TODAY, True),
        (TODAY + dt.timedelta(days=1), True),
        (TODAY + dt.timedelta(days=2), False),
        (dt.date(9999, 12, 31), False),
    ],
)
def test_case_days_run_from_2020_to_tomorrow(day: dt.date, allowed: bool) -> None:
    assert (day_problem(day, TODAY) is None) is allowed


def test_a_refused_day_says_the_allowed_range_in_both_languages() -> None:
    message = day_problem(dt.date(2019, 12, 31), TODAY)
    assert message == {
        "id": "Tanggal di luar 2020-01-01 .. 2022-10-02.",
        "en": "Date outside 2020-01-01 .. 2022-10-02.",
    }


@pytest.mark.parametrize(
    ("values", "problems"),
    [
        ({"new_cases": 1, "new_recovered": 0, "new_deaths": 0}, []),
        ({"new_cases": -3, "new_recovered": 0, "new_deaths": 0}, []),  # a correction
        ({"new_cases": None, "new_recovered": 0, "new_deaths": 0}, ["new_cases"]),
        ({"new_cases": LIMITS["new_cases"] + 1, "new_recovered": 0, "new_deaths": 0}, ["new_cases"]),
        ({"new_cases": -LIMITS["new_cases"] - 1, "new_recovered": 0, "new_deaths": 0}, ["new_cases"]),
        ({"new_cases": 0, "new_recovered": 0, "new_deaths": 10**12}, ["new_deaths"]),
        ({"new_cases": 0, "new_recovered": 0, "new_deaths": 0, "beds_occupied": -1}, ["beds_occupied"]),
        (
            {"new_cases": 0, "new_recovered": 0, "new_deaths": 0, "specimens_tested": 3, "positive_specimens": 4},
            ["positive_specimens"],
        ),
    ],
)
def test_counts_must_be_present_plausible_and_consistent(values: dict[str, int | None], problems: list[str]) -> None:
    assert [name for name, _ in value_problems(values)] == problems


def test_our_csv_is_read_with_its_line_numbers() -> None:
    records, kind = read_records("date,region,new_cases,new_recovered,new_deaths\n2021-07-01,13.71,4,0,0\n", None, "13")
    assert kind == "csv"
    assert records == [
        (2, {"date": "2021-07-01", "region": "13.71", "new_cases": "4", "new_recovered": "0", "new_deaths": "0"})
    ]


def test_the_national_csv_is_for_the_province_unless_told_otherwise() -> None:
    text = "tanggal,KASUS,MENINGGAL,SEMBUH\n2021-07-01,4,1,2\n"
    records, kind = read_records(text, None, "13")
    assert kind == "covid19goid_csv"
    assert records[0][1] == {
        "date": "2021-07-01",
        "new_cases": "4",
        "new_deaths": "1",
        "new_recovered": "2",
        "region": "13",
    }
    assert read_records(text, "13.71", "13")[0][0][1]["region"] == "13.71"


def test_the_national_json_gives_dates_from_epoch_milliseconds() -> None:
    text = json.dumps({"list_perkembangan": [{"tanggal": 1585180800000, "KASUS": 3, "SEMBUH": 0, "MENINGGAL": 1}]})
    records, kind = read_records(text, None, "13")
    assert kind == "prov_detail"
    assert records == [(1, {"date": "2020-03-26", "region": "13", "new_cases": 3, "new_recovered": 0, "new_deaths": 1})]


@pytest.mark.parametrize("text", ['{"hello": 1}', "[1, 2]", "{not json", "name,age\nx,1\n", "just words"])
def test_files_that_are_not_case_files_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r".+"):
        read_records(text, None, "13")


def test_every_bad_row_and_field_is_named_and_good_rows_kept() -> None:
    records = [
        (2, {"date": "2021-07-01", "region": "13.71", "new_cases": "10", "new_recovered": "0", "new_deaths": "0"}),
        (3, {"date": "2021-07-02", "region": "13.99", "new_cases": "4", "new_recovered": "0", "new_deaths": "0"}),
        (4, {"date": "2021-07-32", "region": "13.71", "new_cases": "4", "new_recovered": "0", "new_deaths": "0"}),
        (5, {"date": "2021-07-01", "region": "13.71", "new_cases": "3", "new_recovered": "0", "new_deaths": "0"}),
        (6, {"date": "2021-07-03", "region": "13.71", "new_cases": "1.5", "new_recovered": "0", "new_deaths": "0"}),
        (7, {"date": "0001-01-01", "region": "13.71", "new_cases": "1", "new_recovered": "0", "new_deaths": "0"}),
        (8, {"date": "2021-07-04", "region": "13.71", "new_cases": "1", "new_recovered": "0", "new_deaths": "999999"}),
    ]
    checked = check_records(records, KNOWN, TODAY)
    assert [(p.row, p.field) for p in checked.problems] == [
        (3, "region"),
        (4, "date"),
        (5, "date"),
        (6, "new_cases"),
        (7, "date"),
        (8, "new_deaths"),
    ]
    assert "Duplicate day 2021-07-01 for 13.71 (also row 2)" in checked.problems[2].message["en"]
    assert [row.line for row in checked.rows] == [2]
    assert checked.rows[0].values["new_cases"] == 10


def test_running_totals_may_dip_but_never_below_zero_counting_what_is_stored() -> None:
    day = dt.date(2021, 7, 1)
    stored = {"13.71": [as_day(day, {"new_cases": 2, "new_recovered": 0, "new_deaths": 0})]}
    dip = ParsedRow(9, "13.71", day + dt.timedelta(days=1), {"new_cases": -2, "new_recovered": 0, "new_deaths": 0})
    assert total_problems([dip], stored) == []
    below = ParsedRow(9, "13.71", day + dt.timedelta(days=1), {"new_cases": -3, "new_recovered": 0, "new_deaths": 0})
    [problem] = total_problems([below], stored)
    assert (problem.row, problem.field) == (9, "new_cases")
    assert "drops below zero on 2021-07-02" in problem.message["en"]
