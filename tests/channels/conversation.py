"""Driving a whole questionnaire through WhatsApp as a resident would, from the state the engine keeps."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask.testing import FlaskClient

from api.extensions import db
from api.models import ChannelContact
from screening.questionnaire import get_questionnaire
from tests.channels.phone import button, send, text

# More answers than any questionnaire has questions: a conversation stuck on one question fails the test.
MOST_QUESTIONS = 40


def contact(number: str) -> ChannelContact:
    found = db.session.scalar(
        sa.select(ChannelContact).where(ChannelContact.address == number).execution_options(populate_existing=True)
    )
    assert found is not None
    return found


def reply_for(questionnaire_id: str, key: str, answers: dict[str, Any]) -> dict[str, Any]:
    """The message that gives `answers[key]`: a tapped button, a typed number or date, "-" to skip."""
    question = get_questionnaire(questionnaire_id).question(key)
    assert question is not None
    value = answers.get(key)
    if question.type == "boolean":
        return button("skip") if value is None else button("yes" if value else "no")
    if value is None:
        return text("-")
    if question.type == "multi_choice":
        values = [o.value for o in question.options]
        return text(",".join(str(values.index(v) + 1) for v in value) or "0")
    return text(str(value))


def answer_questionnaire(
    client: FlaskClient, number: str, answers: dict[str, Any], keyword: str = "skrining", pick: str | None = None
) -> None:
    """Start the questionnaire with its keyword (and the risk test's id) and answer every question asked."""
    send(client, text(keyword), number=number)
    if pick:
        send(client, button(pick), number=number)
    for _ in range(MOST_QUESTIONS):
        state = contact(number).state
        if state.get("flow") != "questions":
            return
        send(client, reply_for(state["q"], state["key"], answers), number=number)
    raise AssertionError(f"still asking after {MOST_QUESTIONS} answers: {state.get('key')}")
