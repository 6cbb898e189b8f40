"""The resident's alert sentences follow the alert's state and promise a call only with a number."""

from __future__ import annotations

import datetime as dt

import pytest

from screening.alert_messages import AlertState, status_message

AT = dt.datetime(2021, 7, 10, 9, 0)
LATER = dt.datetime(2021, 7, 10, 9, 4)


@pytest.mark.parametrize(
    ("state", "says", "never"),
    [
        (AlertState("new", AT, has_phone=True), "waiting for a task-force officer", "Taken"),
        (AlertState("new", AT), "no phone number for you", "will call"),
        (AlertState("acknowledged", AT, LATER, has_phone=True), "Taken by a task-force officer at 09:04", "waiting"),
        (AlertState("acknowledged", AT, LATER), "cannot call you back", "will call"),
        (AlertState("acknowledged", AT, LATER, officer="Rina"), "Taken by Rina at 09:04", "waiting"),
        (AlertState("dispatched", AT, LATER, LATER), "on the way since 09:04", "waiting"),
        (AlertState("resolved", AT, LATER, closed_at=LATER), "closed at 09:04", "waiting"),
        (AlertState("cancelled", AT, closed_at=LATER), "cancelled at 09:04", "waiting"),
        (AlertState("expired", AT, closed_at=LATER), "without activity", "waiting"),
        (AlertState("new", AT, outside_province=True), "Call 112 now", "waiting"),
        (AlertState("new", AT, monitoring=True), "Your report has been sent", "received"),
    ],
)
def test_each_state_has_its_own_sentence(state: AlertState, says: str, never: str) -> None:
    message = status_message(state, "en", 5)
    assert says in message
    assert never not in message


def test_indonesian_times_use_a_dot() -> None:
    state = AlertState("acknowledged", AT, LATER, has_phone=True)
    assert status_message(state, "id", 5).startswith("Diterima oleh petugas Satgas pukul 09.04 WIB.")
