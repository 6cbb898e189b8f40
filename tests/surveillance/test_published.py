"""What is published of a series: map values on a date, Rt input with corrections, the summary's flat rows."""

from __future__ import annotations

from surveillance.published import all_dates, flat_summary_row, map_columns, rt_windows, value_on

ROWS = {
    "13": [{"date": "2021-07-01", "active": 9}],
    "13.71": [{"date": "2021-07-01", "active": 4}, {"date": "2021-07-03", "active": 5}],
    "13.72": [{"date": "2021-07-02", "active": 1}],
}


def test_a_map_shows_each_areas_latest_day_up_to_the_date_and_leaves_the_province_out() -> None:
    columns = map_columns("active", ROWS, skip="13")
    assert set(columns) == {"13.71", "13.72"}
    assert value_on(*columns["13.71"], "2021-07-02") == (4, "2021-07-01")
    assert value_on(*columns["13.71"], None) == (5, "2021-07-03")
    assert value_on(*columns["13.72"], "2021-07-01") == (None, None)
    assert all_dates(ROWS.values()) == ["2021-07-01", "2021-07-02", "2021-07-03"]


def test_a_correction_counts_as_a_day_without_new_cases_for_rt() -> None:
    days = [{"new_cases": n} for n in (5, 8, 10, 12, 15, 14, 18, 20, 22, 25, 30, 28, 35, 40)]
    corrected = [*days[:-1], {"new_cases": -7}]
    without_cases = [*days[:-1], {"new_cases": 0}]
    assert rt_windows(corrected) == rt_windows(without_cases)
    assert rt_windows([]) == []


def test_the_summary_flattens_each_figure_into_its_value_and_change() -> None:
    head = {
        "region": "13.71",
        "name": "Kota Padang",
        "demo": False,
        "date": "2021-07-03",
        "last_updated": None,
        "cumulative_cases": 120,
    }
    figures = {"cumulative_cases": {"value": 120, "change": 10}, "active": {"value": 5, "change": -1}}
    assert flat_summary_row({**head, "figures": figures}) == {
        **head,
        "cumulative_cases_change_7d": 10,
        "active": 5,
        "active_change_7d": -1,
    }
