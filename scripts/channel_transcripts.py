"""Transcripts of every WhatsApp/SMS conversation in both languages, written by the engine itself: docs/channels.md
holds this output between its markers, and a test keeps the two the same (python -m scripts.channel_transcripts
--write refreshes the file)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from screening.conversation.engine import SELF_SCREENING, Context, step
from screening.conversation.model import CheckIn, Effect, Export, Inbound, StartIsolation, State, Submit
from screening.conversation.results import follow
from screening.evaluate import evaluate
from screening.isolation import ADVICE, Reading, planned_end, start_from_self_screening, triage
from screening.outcome import localized_hotlines
from screening.questionnaire import get_questionnaire
from screening.reasons import reason_text
from screening.text import localize
from scripts.answers import self_screening_answers

DOC = Path(__file__).resolve().parent.parent / "docs" / "channels.md"
BEGIN, END = "<!-- transcripts: begin -->", "<!-- transcripts: end -->"
NOW = dt.datetime(2021, 7, 15, 2, 0, tzinfo=dt.UTC)
REGIONS = [("13.71", "Kota Padang"), ("13.06", "Kabupaten Agam")]
NO = ["2"] * 11
# What the resident sends in each conversation; ("location", lat, lon) is a shared location, ("wait", minutes) silence.
CONVERSATIONS: dict[str, list[Any]] = {
    "Menu and language": ["halo", "5"],
    "SKRINING, a suspect, starting home isolation": [
        "skrining",
        "1",
        "1",
        *["2"] * 9,
        "2021-07-12",
        *["2"] * 5,
        "38,4",
        "-",
        "-",
        "1",
        "2021-07-10",
        "2",
        "-",
        "-",
        "0",
        "1",
        "Padang",
    ],
    "RISIKO (the workplace test)": ["risiko", "1", "1", "2", "2", "2", "1", "2"],
    "LAPOR with SpO2 88": ["lapor", "37,9", "88", "1,2", "0"],
    "TOLONG with a shared location": ["tolong", "2", ("location", -0.9471, 100.4172)],
    "BERHENTI, then MULAI": ["berhenti", "skrining", "mulai"],
    "DATA (what is stored)": ["data"],
    "HAPUS": ["hapus", "1"],
    "A conversation that idles out": ["skrining", "1", ("wait", 31), "1"],
    "A sticker": [("sticker",)],
}


def _outcome(effect: Effect, lang: str, today: dt.date) -> dict[str, Any]:
    """What the API's use cases answer, from the same pure rules (the transcript needs no database)."""
    if isinstance(effect, Submit):
        questionnaire = get_questionnaire(effect.questionnaire_id)
        evaluation = evaluate(questionnaire, effect.answers, today=today, lang=lang)
        return {"result": evaluation.result, "response_id": "00000000-0000-0000-0000-000000000001"}
    if isinstance(effect, StartIsolation):
        implied = start_from_self_screening("suspect", {"symptom_onset_date": "2021-07-12"}, today)
        assert implied is not None
        return {"end_date": planned_end(*implied).isoformat()}
    if isinstance(effect, CheckIn):
        reading = Reading(NOW, effect.temperature_c, effect.spo2, None, effect.symptoms, effect.danger_signs)
        found = triage(reading, [])
        return {
            "triage": found.level,
            "advice": localize(ADVICE[found.level], lang),
            "reason_texts": [localize(reason_text(code), lang) for code in found.reasons],
            "alert": found.level == "emergency",
            "hotlines": localized_hotlines(lang),
        }
    if isinstance(effect, Export):
        # A number that screened twice and is in home isolation, as the export would count it.
        last = evaluate(get_questionnaire(SELF_SCREENING), self_screening_answers(), today=today, lang=lang).result
        return {
            "export": {
                "since": "2021-07-10",
                "screenings": 2,
                "last_screening": {"date": today.isoformat(), "what": last["title"]},
                "episodes": 1,
                "isolation_until": "2021-07-24",
                "checkins": 5,
                "alerts": 0,
                "last_alert": None,
            }
        }
    return {}  # TOLONG, BERHENTI, MULAI, HAPUS: the reply does not depend on what the use case answered


def _inbound(sent: Any) -> tuple[Inbound, str]:
    if isinstance(sent, str):
        return Inbound("text", text=sent), sent
    if sent[0] == "location":
        return Inbound("location", lat=sent[1], lon=sent[2]), f"📍 ({sent[1]}, {sent[2]})"
    return Inbound("other"), "[sticker]"


def transcript(messages: list[Any], lang: str) -> list[str]:
    state: State = {"lang": lang} if lang != "id" else {}
    now = NOW
    lines: list[str] = []
    in_isolation = messages[0] == "lapor"
    for sent in messages:
        if isinstance(sent, tuple) and sent[0] == "wait":
            now += dt.timedelta(minutes=sent[1])
            lines.append(f"*({sent[1]} minutes pass)*")
            continue
        inbound, shown = _inbound(sent)
        context = Context(now, now.date(), dt.timedelta(minutes=30), REGIONS, in_isolation=in_isolation)
        turn = step(state, inbound, context)
        replies = list(turn.replies)
        state = turn.state
        for effect in turn.effects:
            after = follow(state, effect, _outcome(effect, str(state.get("lang") or "id"), now.date()))
            state = after.state
            replies += after.replies
        lines.append(f"> **{shown}**")
        for reply in replies:
            text = reply.text.replace("\n", "  \n")
            choices = "".join(f"  \n`{n}` {c.title}" for n, c in enumerate(reply.choices, start=1))
            lines.append(f"{text}{choices}")
    return lines


def render() -> str:
    parts = []
    for title, messages in CONVERSATIONS.items():
        for lang, name in (("id", "Bahasa Indonesia"), ("en", "English")):
            parts.append(f"### {title} ({name})\n")
            parts.append("\n\n".join(transcript(messages, lang)) + "\n")
    return "\n".join(parts)


def with_transcripts(document: str) -> str:
    head, rest = document.split(BEGIN, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{BEGIN}\n\n{render()}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="refresh docs/channels.md")
    args = parser.parse_args(argv)
    document = DOC.read_text("utf-8")
    fresh = with_transcripts(document)
    if args.write:
        DOC.write_text(fresh, "utf-8")
        return 0
    sys.stdout.write(render())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
