"""The conversation engine as a table of turns: what a resident types, what they are told, what is done."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from screening.conversation.engine import Context, step
from screening.conversation.model import CheckIn, Erase, Inbound, Panic, Resume, StartIsolation, Step, Stop, Submit
from screening.conversation.results import follow
from screening.questionnaire import get_questionnaire
from screening.validation import NOT_NUMBER

NOW = dt.datetime(2021, 7, 15, 3, 0, tzinfo=dt.UTC)
REGIONS = [("13.71", "Kota Padang"), ("13.06", "Kabupaten Agam"), ("13.02", "Kabupaten Solok"), ("13.72", "Kota Solok")]


def context(minutes: float = 0, **extra: Any) -> Context:
    return Context(
        now=NOW + dt.timedelta(minutes=minutes),
        today=NOW.date(),
        idle=dt.timedelta(minutes=30),
        regions=REGIONS,
        **extra,
    )


def talk(*typed: str, state: dict[str, Any] | None = None, **extra: Any) -> Step:
    """Type each message in turn; the last step."""
    current: dict[str, Any] = state or {}
    result = Step(current)
    for text in typed:
        result = step(current, Inbound("text", text=text), context(**extra))
        current = result.state
    return result


def test_a_new_number_gets_the_menu_in_indonesian_and_starts_a_conversation() -> None:
    result = talk("halo")
    assert result.started
    assert "Pilih layanan" in result.replies[0].text
    assert [c.id for c in result.replies[0].choices] == ["skrining", "risiko", "lapor", "tolong", "lang"]


def test_english_on_request() -> None:
    result = talk("english")
    assert result.state["lang"] == "en"
    assert "Choose a service" in result.replies[0].text
    assert talk("indonesia", state=result.state).state["lang"] == "id"


def test_a_number_picks_the_choice_offered() -> None:
    result = talk("menu", "1")
    assert result.state["flow"] == "questions"
    assert result.state["key"] == "fever"
    assert [c.id for c in result.replies[-1].choices] == ["yes", "no"]


def test_self_screening_skips_what_show_if_hides_and_submits_the_api_answers() -> None:
    questionnaire = get_questionnaire("self-screening")
    result = talk("skrining")
    asked = []
    while result.state.get("flow") == "questions":
        key = result.state["key"]
        asked.append(key)
        question = questionnaire.question(key)
        assert question is not None
        reply = {"boolean": "tidak", "multi_choice": "0"}.get(question.type, "-")
        result = talk(reply, state=result.state)
    assert "symptom_onset_date" not in asked
    assert "last_contact_date" not in asked
    [submit] = result.effects
    assert isinstance(submit, Submit)
    assert submit.answers["fever"] is False
    assert submit.answers["comorbidities"] == []
    assert "age" not in submit.answers  # skipped, as an optional answer left out of the API's body


@pytest.mark.parametrize(
    ("typed", "message"),
    [("hangat", NOT_NUMBER["id"]), ("50", "Nilai harus antara 30 dan 45."), ("29,5", "Nilai harus antara 30 dan 45.")],
)
def test_numbers_are_checked_with_the_api_messages(typed: str, message: str) -> None:
    state = {"flow": "questions", "q": "self-screening", "key": "temperature_c", "answers": {}, "at": NOW.isoformat()}
    result = talk(typed, state=state)
    assert result.replies[0].text == message
    assert result.state["key"] == "temperature_c"


def test_a_future_date_is_refused_with_the_api_message() -> None:
    answers = {"fever": True}
    state = {"flow": "questions", "q": "self-screening", "key": "symptom_onset_date", "answers": answers}
    result = talk("16/07/2021", state=state)
    assert result.replies[0].text == "Tanggal tidak boleh di masa depan."
    assert talk("10/07/2021", state=state).state["answers"]["symptom_onset_date"] == "2021-07-10"


def test_a_result_calling_for_isolation_offers_it_then_asks_the_region() -> None:
    outcome = {
        "result": {"title": "Suspek", "advice": "Isolasi.", "home_isolation_reason": "suspect"},
        "response_id": "r1",
    }
    after = follow({"lang": "id"}, Submit("self-screening", {}), outcome)
    assert after.state["flow"] == "isolation_offer"
    assert after.replies[0].text.startswith("*Suspek*")
    result = talk("1", state=after.state)
    assert result.state["flow"] == "region"
    result = talk("solok", state=result.state)
    assert {c.id for c in result.replies[0].choices} == {"region:13.02", "region:13.72"}
    result = talk("2", state=result.state)
    assert result.effects == [StartIsolation("r1", "13.72")]


def test_a_check_in_asks_four_things_and_is_handed_on() -> None:
    result = talk("lapor", "37,8", "88", "1,2", "0", in_isolation=True)
    assert result.effects == [CheckIn(37.8, 88, ("fever", "cough"), ())]


def test_a_check_in_without_an_isolation_says_so() -> None:
    assert "belum terdaftar" in talk("lapor").replies[0].text


@pytest.mark.parametrize(
    ("last", "panic"),
    [
        (Inbound("location", lat=-0.95, lon=100.35), Panic("breathing", -0.95, 100.35)),
        (Inbound("choice", choice="no_location"), Panic("breathing")),
    ],
)
def test_tolong_takes_the_category_then_a_location_or_none(last: Inbound, panic: Panic) -> None:
    result = talk("tolong", "2")
    assert result.replies[0].wants_location
    assert step(result.state, last, context()).effects == [panic]


def test_berhenti_stops_until_mulai() -> None:
    stopped = talk("berhenti")
    assert stopped.effects == [Stop()]
    assert talk("skrining", state=stopped.state).replies == []
    resumed = talk("mulai", state=stopped.state)
    assert resumed.effects == [Resume()]
    assert "stopped" not in resumed.state


def test_hapus_asks_first() -> None:
    asked = talk("hapus")
    assert asked.effects == []
    assert talk("1", state=asked.state).effects == [Erase()]
    assert talk("2", state=asked.state).effects == []


def test_an_idle_conversation_says_it_ended_and_forgets_the_answers() -> None:
    state = talk("skrining", "ya").state
    result = talk("ya", state=state, minutes=31)
    assert result.started
    assert "lama tidak ada balasan" in result.replies[0].text
    assert "answers" not in result.state


def test_an_unreadable_kind_of_message_gets_a_short_help() -> None:
    result = step({}, Inbound("other"), context())
    assert "tidak bisa dibaca" in result.replies[0].text
