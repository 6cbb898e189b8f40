"""What the resident is told once an effect was carried out: the API's result, in the conversation's words."""

from __future__ import annotations

from typing import Any

from screening.conversation import texts
from screening.conversation.engine import SELF_SCREENING, menu
from screening.conversation.model import (
    CheckIn,
    Choice,
    Effect,
    Erase,
    Export,
    Panic,
    Reply,
    StartIsolation,
    State,
    Step,
    Submit,
)
from screening.text import localize


def _lines(heading: dict[str, str], items: list[str], lang: str) -> list[str]:
    return ["", localize(heading, lang), *(f"- {item}" for item in items)] if items else []


def result_text(result: dict[str, Any], lang: str) -> str:
    """Category title, advice, reasons, next steps and hotlines, as the API's result gives them."""
    lines = [f"*{result['title']}*", result["advice"]]
    if result.get("score") is not None:
        lines.append(localize(texts.SCORE, lang).format(score=result["score"], max_score=result["max_score"]))
    lines += _lines(texts.RESULT_REASONS, list(result.get("reason_texts") or []), lang)
    lines += _lines(texts.RESULT_NEXT, list(result.get("next_steps") or []), lang)
    hotlines = [f"{h['name']}: {h['number']}" for h in result.get("hotlines") or []]
    lines += _lines(texts.RESULT_HOTLINES, hotlines, lang)
    return "\n".join(lines)


def checkin_text(outcome: dict[str, Any], lang: str) -> str:
    lines = [str(outcome["advice"])]
    lines += _lines(texts.RESULT_REASONS, list(outcome.get("reason_texts") or []), lang)
    if outcome.get("alert"):
        lines += ["", localize(texts.ALERT_OPENED, lang)]
    hotlines = [f"{h['name']}: {h['number']}" for h in outcome.get("hotlines") or []]
    if outcome.get("triage") in ("urgent", "emergency"):
        lines += _lines(texts.RESULT_HOTLINES, hotlines, lang)
    return "\n".join(lines)


def export_text(summary: dict[str, Any], lang: str) -> str:
    """What is stored for the number, as counts and dates (the summary the export effect gives)."""
    last = summary["last_screening"]
    return localize(texts.EXPORT, lang).format(
        since=summary["since"],
        screenings=summary["screenings"],
        last_screening=localize(texts.EXPORT_LAST, lang).format(**last) if last else "",
        episodes=summary["episodes"],
        isolation=localize(texts.EXPORT_UNTIL, lang).format(date=summary["isolation_until"])
        if summary["isolation_until"]
        else "",
        checkins=summary["checkins"],
        alerts=summary["alerts"],
        last_alert=localize(texts.EXPORT_LAST_ALERT, lang).format(date=summary["last_alert"])
        if summary["last_alert"]
        else "",
    )


def follow(state: State, effect: Effect, outcome: dict[str, Any]) -> Step:
    """The replies (and state) after `effect` was carried out with `outcome`; an outcome with "error" (a bilingual
    text) says what went wrong instead."""
    new: State = {k: v for k, v in state.items() if k not in ("flow", "response_id")}
    lang = str(state.get("lang") or "id")
    replies: list[Reply] = []
    if "error" in outcome:
        replies += [Reply(localize(outcome["error"], lang)), menu(lang)]
    elif isinstance(effect, Submit):
        replies.append(Reply(result_text(outcome["result"], lang)))
        if effect.questionnaire_id == SELF_SCREENING and outcome["result"].get("home_isolation_reason"):
            new.update(flow="isolation_offer", response_id=str(outcome["response_id"]))
            choices = (
                Choice("isolate", localize(texts.START_ISOLATION, lang)),
                Choice("menu", localize(texts.BACK_TO_MENU, lang)),
            )
            replies.append(Reply(localize(texts.OFFER_ISOLATION, lang), choices))
    elif isinstance(effect, StartIsolation):
        replies.append(Reply(localize(texts.ISOLATION_STARTED, lang).format(end_date=outcome["end_date"])))
    elif isinstance(effect, CheckIn):
        replies.append(Reply(checkin_text(outcome, lang)))
    elif isinstance(effect, Panic):
        replies.append(Reply(localize(texts.PANIC_RAISED, lang)))
    elif isinstance(effect, Erase):
        replies.append(Reply(localize(texts.ERASED, lang)))
    elif isinstance(effect, Export):
        replies.append(Reply(export_text(outcome["export"], lang)))
    new["offer"] = [c.id for c in replies[-1].choices] if replies else []
    return Step(new, replies)


def status_text(kind: str, lang: str, **values: str) -> str:
    """An update the resident did not ask for in this turn: their alert taken, a reminder, isolation changes."""
    return localize(texts.STATUS[kind], lang).format(**values)
