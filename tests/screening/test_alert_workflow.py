"""The alert workflow table and the escalation ladder."""

from __future__ import annotations

import datetime as dt

import pytest

from screening.alert_workflow import (
    LEVEL_ADMIN,
    LEVEL_KABKOTA,
    LEVEL_PROVINSI,
    EscalationPolicy,
    arrival_level,
    is_stale,
    queue_key,
    reopens_instead,
    rings,
    severity,
    transition,
)

T0 = dt.datetime(2021, 7, 15, 8, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(
    ("action", "current", "expected"),
    [
        ("claim", "new", "acknowledged"),
        ("claim", "acknowledged", None),
        ("claim", "resolved", None),
        ("dispatch", "acknowledged", "dispatched"),
        ("dispatch", "new", None),
        ("resolve", "acknowledged", "resolved"),
        ("resolve", "dispatched", "resolved"),
        ("resolve", "new", None),
        ("resolve", "resolved", None),
        ("cancel", "new", "cancelled"),
        ("cancel", "dispatched", "cancelled"),
        ("cancel", "resolved", None),
        ("cancel", "cancelled", None),
    ],
)
def test_only_the_documented_transitions_are_legal(action: str, current: str, expected: str | None) -> None:
    assert transition(action, current) == expected


@pytest.mark.parametrize(
    ("waited", "level"),
    [
        (dt.timedelta(minutes=4, seconds=59), LEVEL_KABKOTA),
        (dt.timedelta(minutes=5), LEVEL_PROVINSI),
        (dt.timedelta(minutes=14, seconds=59), LEVEL_PROVINSI),
        (dt.timedelta(minutes=15), LEVEL_ADMIN),
    ],
)
def test_escalation_to_province_after_the_ack_time_and_to_admins_at_three_times_it(
    waited: dt.timedelta, level: int
) -> None:
    assert EscalationPolicy(ack_minutes=5).due_level(T0, T0 + waited) == level


def test_the_queue_puts_unclaimed_then_severe_then_older_alerts_first() -> None:
    alerts = [
        ("other-old", queue_key("new", severity("other"), T0)),
        ("breathing-claimed", queue_key("acknowledged", severity("breathing"), T0)),
        ("breathing-new", queue_key("new", severity("breathing"), T0 + dt.timedelta(minutes=3))),
        ("medical", queue_key("new", severity("medical"), T0 + dt.timedelta(minutes=1))),
        ("breathing-old", queue_key("new", severity("breathing"), T0 + dt.timedelta(minutes=2))),
    ]
    assert [name for name, _ in sorted(alerts, key=lambda a: a[1])] == [
        "breathing-old",
        "breathing-new",
        "medical",
        "other-old",
        "breathing-claimed",
    ]


def test_an_emergency_checkin_ranks_with_trouble_breathing_and_never_below_other() -> None:
    assert severity("monitoring", emergency_checkin=True) == severity("breathing")
    assert severity("monitoring", emergency_checkin=True) < severity("other")
    assert severity("monitoring") == severity("medical") < severity("other")


T0 = dt.datetime(2021, 7, 10, 2, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize(("hours", "stale"), [(71.9, False), (72, True), (500, True)])
def test_an_open_alert_expires_after_the_expiry_time_without_activity(hours: float, stale: bool) -> None:
    assert is_stale(T0, T0 + dt.timedelta(hours=hours), 72) is stale


@pytest.mark.parametrize(("cancels", "reopens"), [(0, False), (2, False), (3, True), (9, True)])
def test_a_device_that_cancelled_three_times_gets_its_last_alert_back(cancels: int, reopens: bool) -> None:
    assert reopens_instead(cancels) is reopens


@pytest.mark.parametrize(("previous_minutes_ago", "ring"), [(None, True), (0, False), (9.9, False), (10, True)])
def test_a_devices_alerts_ring_the_consoles_once_in_ten_minutes(previous_minutes_ago: float | None, ring: bool) -> None:
    previous = None if previous_minutes_ago is None else T0 - dt.timedelta(minutes=previous_minutes_ago)
    assert rings(previous, T0) is ring


@pytest.mark.parametrize(
    ("region", "region_attended", "province_attended", "level"),
    [
        ("13.71", True, False, LEVEL_KABKOTA),
        ("13.71", True, True, LEVEL_KABKOTA),
        ("13.71", False, True, LEVEL_PROVINSI),
        ("13.71", False, False, LEVEL_ADMIN),
        (None, False, False, LEVEL_KABKOTA),
        (None, False, True, LEVEL_KABKOTA),
    ],
)
def test_a_new_alert_starts_up_the_ladder_where_nobody_attends_its_region(
    region: str | None, region_attended: bool, province_attended: bool, level: int
) -> None:
    assert arrival_level(region, region_attended, province_attended) == level
