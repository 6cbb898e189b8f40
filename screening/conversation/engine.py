"""The conversation state machine: menu, SKRINING, RISIKO, LAPOR, TOLONG, BERHENTI, HAPUS, language, idling out."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from screening.conversation import texts
from screening.conversation.model import (
    CheckIn,
    Choice,
    Effect,
    Erase,
    Export,
    Inbound,
    Panic,
    Reply,
    Resume,
    StartIsolation,
    State,
    Step,
    Stop,
    Submit,
)
from screening.conversation.questions import (
    ask,
    check,
    next_question,
    numbered_options,
    pick_several,
    read_answer,
    skipped,
)
from screening.isolation import DANGER_SIGNS, SYMPTOMS
from screening.questionnaire import UnknownQuestionnaire, all_questionnaires, get_questionnaire
from screening.text import Text, localize

SELF_SCREENING = "self-screening"
# Typed keywords, Indonesian and English, and what they start. Button and list ids are the same words.
COMMANDS = {
    "menu": "menu",
    "halo": "menu",
    "hai": "menu",
    "hi": "menu",
    "hello": "menu",
    "help": "menu",
    "bantuan": "menu",
    "batal": "menu",
    "cancel": "menu",
    "skrining": "skrining",
    "screening": "skrining",
    "periksa": "skrining",
    "risiko": "risiko",
    "risk": "risiko",
    "lapor": "lapor",
    "report": "lapor",
    "checkin": "lapor",
    "tolong": "tolong",
    "sos": "tolong",
    "darurat": "tolong",
    "english": "english",
    "inggris": "english",
    "indonesia": "indonesia",
    "bahasa": "indonesia",
    "lang": "lang",
    "berhenti": "berhenti",
    "stop": "berhenti",
    "unsubscribe": "berhenti",
    "hapus": "hapus",
    "delete": "hapus",
    "data": "data",
    "ekspor": "data",
    "export": "data",
    "mulai": "mulai",
    "start": "mulai",
}
PANIC_CATEGORIES = tuple(texts.PANIC_CATEGORIES)


@dataclass(frozen=True)
class Context:
    """What the engine is told about the world: the clock, the idle time, the regions, whether the number is in
    home isolation monitoring now."""

    now: dt.datetime
    today: dt.date
    idle: dt.timedelta
    regions: Sequence[tuple[str, str]] = ()
    in_isolation: bool = False


def _choices(pairs: dict[str, Text], lang: str) -> tuple[Choice, ...]:
    return tuple(Choice(key, localize(text, lang)) for key, text in pairs.items())


def menu(lang: str) -> Reply:
    text = f"{localize(texts.MENU, lang)}\n\n{localize(texts.MENU_FOOTER, lang)}"
    return Reply(text, _choices(texts.MENU_CHOICES, lang))


class _Turn:
    """One step being built: the state copy, the replies, the effects."""

    def __init__(self, state: State, context: Context) -> None:
        self.state: State = dict(state)
        self.context = context
        self.replies: list[Reply] = []
        self.effects: list[Effect] = []
        self.started = False

    @property
    def lang(self) -> str:
        return str(self.state.get("lang") or "id")

    def say(self, text: Text | str, choices: tuple[Choice, ...] = (), *, wants_location: bool = False) -> None:
        body = text if isinstance(text, str) else localize(text, self.lang)
        self.replies.append(Reply(body, choices, wants_location))

    def reply(self, reply: Reply) -> None:
        self.replies.append(reply)

    def reset(self) -> None:
        for key in ("flow", "q", "key", "answers", "checkin", "category", "response_id", "region_options"):
            self.state.pop(key, None)

    def finish(self) -> Step:
        last = self.replies[-1] if self.replies else None
        self.state["offer"] = [c.id for c in last.choices] if last else self.state.get("offer", [])
        return Step(self.state, self.replies, self.effects, self.started)


def step(state: State, message: Inbound, context: Context) -> Step:
    """The next state, replies and effects for one inbound message."""
    turn = _Turn(state, context)
    message = resolve_choice(state, message)
    previous = state.get("at")
    turn.state["at"] = context.now.isoformat()
    command = _command(message)
    if turn.state.get("stopped"):
        # A stopped number hears nothing until it writes MULAI/START again (HAPUS still works).
        if command == "mulai":
            turn.state.pop("stopped")
            turn.effects.append(Resume())
            turn.say(texts.RESUMED)
            turn.reply(menu(turn.lang))
        elif command == "hapus":
            _erase_confirm(turn)
        elif turn.state.get("flow") == "erase":
            _erase(turn, message)
        return turn.finish()
    if previous is None:
        turn.started = True
    elif context.now - dt.datetime.fromisoformat(previous) > context.idle:
        turn.started = True
        if turn.state.get("flow"):
            turn.reset()
            turn.say(texts.IDLE)
    if message.kind == "other":
        turn.say(texts.UNSUPPORTED)
        return turn.finish()
    if command is not None:
        _run_command(turn, command)
        return turn.finish()
    handler = _FLOWS.get(str(turn.state.get("flow")))
    if handler is None:
        turn.reply(menu(turn.lang))
    else:
        handler(turn, message)
    return turn.finish()


def _command(message: Inbound) -> str | None:
    """A keyword typed or a menu entry picked; typed words in the middle of a questionnaire are answers unless they
    are keywords (no answer is one)."""
    if message.kind == "choice":
        return COMMANDS.get(message.choice)
    if message.kind != "text":
        return None
    return COMMANDS.get(message.text.strip().lower())


def resolve_choice(state: State, message: Inbound) -> Inbound:
    """A typed number picks from the choices last offered (SMS, or a WhatsApp user typing instead of tapping)."""
    typed = message.text.strip()
    offer = state.get("offer") or []
    if message.kind == "text" and typed.isdigit() and 1 <= int(typed) <= len(offer):
        return Inbound("choice", text=message.text, choice=offer[int(typed) - 1])
    return message


def _run_command(turn: _Turn, command: str) -> None:
    turn.reset()
    if command == "menu":
        turn.reply(menu(turn.lang))
    elif command in ("english", "indonesia", "lang"):
        if command == "lang":
            command = "indonesia" if turn.lang == "en" else "english"
        turn.state["lang"] = "en" if command == "english" else "id"
        turn.reply(menu(turn.lang))
    elif command == "skrining":
        _start_questions(turn, SELF_SCREENING)
    elif command == "risiko":
        risk_tests = [q for q in all_questionnaires() if q.kind == "score"]
        turn.state["flow"] = "risk_pick"
        turn.say(texts.RISK_PICK, tuple(Choice(q.id, localize(q.title, turn.lang)) for q in risk_tests))
    elif command == "lapor":
        if not turn.context.in_isolation:
            turn.say(texts.NO_EPISODE)
            return
        turn.state["flow"], turn.state["checkin"] = "checkin", {}
        turn.say(texts.ASK_TEMPERATURE)
    elif command == "tolong":
        turn.state["flow"] = "panic_category"
        turn.say(texts.PANIC_CATEGORY, _choices(texts.PANIC_CATEGORIES, turn.lang))
    elif command == "berhenti":
        turn.state["stopped"] = True
        turn.effects.append(Stop())
        turn.say(texts.STOPPED)
    elif command == "hapus":
        _erase_confirm(turn)
    elif command == "data":
        turn.effects.append(Export())
    else:  # "mulai" on a number that never stopped
        turn.reply(menu(turn.lang))


def _start_questions(turn: _Turn, questionnaire_id: str) -> None:
    questionnaire = get_questionnaire(questionnaire_id)
    first = next_question(questionnaire, {}, None)
    if first is None:
        raise ValueError(f"questionnaire {questionnaire_id} has no questions")
    turn.state.update(flow="questions", q=questionnaire_id, key=first.key, answers={})
    turn.say(localize(questionnaire.title, turn.lang))
    turn.reply(ask(questionnaire, first, turn.lang))


def _pick_risk_test(turn: _Turn, message: Inbound) -> None:
    choice = message.choice
    try:
        questionnaire = get_questionnaire(choice)
    except UnknownQuestionnaire:
        questionnaire = None
    if questionnaire is None or questionnaire.kind != "score":
        turn.say(texts.NOT_UNDERSTOOD, _risk_choices(turn.lang))
        return
    _start_questions(turn, questionnaire.id)


def _risk_choices(lang: str) -> tuple[Choice, ...]:
    return tuple(Choice(q.id, localize(q.title, lang)) for q in all_questionnaires() if q.kind == "score")


def _answer(turn: _Turn, message: Inbound) -> None:
    choice, text = message.choice, message.text
    questionnaire = get_questionnaire(str(turn.state["q"]))
    question = questionnaire.question(str(turn.state["key"]))
    if question is None:  # the definition changed under a running conversation
        turn.reset()
        turn.reply(menu(turn.lang))
        return
    answers: dict[str, Any] = dict(turn.state.get("answers") or {})
    if not skipped(question, choice, text):
        value, problem = read_answer(question, choice, text)
        problem = problem or check(questionnaire, answers, question, value, turn.context.today)
        if problem is not None:
            turn.say(problem)
            turn.reply(ask(questionnaire, question, turn.lang))
            return
        answers[question.key] = value
    turn.state["answers"] = answers
    following = next_question(questionnaire, answers, question.key)
    if following is not None:
        turn.state["key"] = following.key
        turn.reply(ask(questionnaire, following, turn.lang))
        return
    turn.reset()
    turn.state["flow"] = "submitting"
    turn.effects.append(Submit(questionnaire.id, answers))


def _isolation_offer(turn: _Turn, message: Inbound) -> None:
    if message.choice != "isolate":
        turn.reset()
        turn.reply(menu(turn.lang))
        return
    turn.state["flow"] = "region"
    turn.say(texts.ASK_REGION)


def match_regions(text: str, regions: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """Regions whose name is the typed one, or else contains it ("solok" names three)."""

    def plain(name: str) -> str:
        words = name.lower().replace(".", " ").split()
        return " ".join(w for w in words if w not in ("kabupaten", "kab", "kota", "kepulauan"))

    typed = plain(text)
    if not typed:
        return []
    exact = [r for r in regions if plain(r[1]) == typed or r[1].lower() == text.strip().lower()]
    return exact if len(exact) == 1 else [r for r in regions if typed in plain(r[1])]


def _region(turn: _Turn, message: Inbound) -> None:
    choice, text = message.choice, message.text
    codes = {code for code, _ in turn.context.regions}
    if choice.startswith("region:") and choice.removeprefix("region:") in codes:
        found = [(choice.removeprefix("region:"), "")]
    else:
        found = match_regions(text, turn.context.regions)
    if len(found) == 1:
        response_id = str(turn.state.get("response_id"))
        turn.reset()
        turn.state["flow"] = "starting"
        turn.effects.append(StartIsolation(response_id, found[0][0]))
    elif found:
        turn.say(texts.WHICH_REGION, tuple(Choice(f"region:{code}", name[:24]) for code, name in found[:10]))
    else:
        turn.say(texts.UNKNOWN_REGION)


_CHECKIN_STEPS = ("temperature_c", "spo2", "symptoms", "danger_signs")


def _checkin(turn: _Turn, message: Inbound) -> None:
    choice, text = message.choice, message.text
    answers: dict[str, Any] = dict(turn.state.get("checkin") or {})
    field = next(f for f in _CHECKIN_STEPS if f not in answers)
    screening = get_questionnaire(SELF_SCREENING)
    typed = text.strip().lower()
    if field in ("temperature_c", "spo2"):
        question = screening.question(field)
        assert question is not None
        if typed in ("-", "lewati", "skip") or choice == "skip":
            answers[field] = None
        else:
            value, problem = read_answer(question, "", text)
            problem = problem or check(screening, {}, question, value, turn.context.today)
            if problem is not None:
                turn.say(problem)
                turn.say(texts.ASK_TEMPERATURE if field == "temperature_c" else texts.ASK_SPO2)
                return
            answers[field] = value
    else:
        values = list(SYMPTOMS if field == "symptoms" else DANGER_SIGNS)
        picked = pick_several(typed, values)
        if picked is None:
            turn.say(texts.NOT_UNDERSTOOD)
            _ask_checkin(turn, field)
            return
        answers[field] = picked
    turn.state["checkin"] = answers
    remaining = [f for f in _CHECKIN_STEPS if f not in answers]
    if remaining:
        _ask_checkin(turn, remaining[0])
        return
    turn.reset()
    turn.effects.append(
        CheckIn(answers["temperature_c"], answers["spo2"], tuple(answers["symptoms"]), tuple(answers["danger_signs"]))
    )


def _ask_checkin(turn: _Turn, field: str) -> None:
    if field == "spo2":
        turn.say(texts.ASK_SPO2)
        return
    screening = get_questionnaire(SELF_SCREENING)
    keys = SYMPTOMS if field == "symptoms" else DANGER_SIGNS
    labels: list[Text] = []
    for key in keys:
        question = screening.question(key)
        labels.append((question.label or question.text) if question else {"id": key})
    heading = localize(texts.ASK_SYMPTOMS if field == "symptoms" else texts.ASK_DANGER, turn.lang)
    turn.say("\n".join([heading, *numbered_options(labels, turn.lang)]))


def _panic_category(turn: _Turn, message: Inbound) -> None:
    choice = message.choice
    if choice not in PANIC_CATEGORIES:
        turn.say(texts.PANIC_CATEGORY, _choices(texts.PANIC_CATEGORIES, turn.lang))
        return
    turn.state.update(flow="panic_location", category=choice)
    _ask_location(turn)


def _ask_location(turn: _Turn) -> None:
    skip = Choice("no_location", localize(texts.NO_LOCATION, turn.lang))
    turn.say(texts.PANIC_LOCATION, (skip,), wants_location=True)


def _panic_location(turn: _Turn, message: Inbound) -> None:
    category = str(turn.state.get("category") or "other")
    if message.kind == "location" and message.lat is not None and message.lon is not None:
        panic = Panic(category, message.lat, message.lon)
    elif message.choice == "no_location" or message.text.strip().lower() in ("lewati", "skip", "-", "tanpa lokasi"):
        panic = Panic(category)
    else:
        _ask_location(turn)
        return
    turn.reset()
    turn.effects.append(panic)


def _erase_confirm(turn: _Turn) -> None:
    turn.state["flow"] = "erase"
    no = Choice("no", localize(texts.NO, turn.lang))
    turn.say(texts.ERASE_CONFIRM, (Choice("erase", localize(texts.ERASE_YES, turn.lang)), no))


def _erase(turn: _Turn, message: Inbound) -> None:
    turn.reset()
    if message.choice == "erase":
        turn.effects.append(Erase())
    else:
        turn.say(texts.CANCELLED)
        if not turn.state.get("stopped"):
            turn.reply(menu(turn.lang))


# What a message means depends on what the conversation was doing.
_FLOWS: dict[str, Callable[[_Turn, Inbound], None]] = {
    "questions": _answer,
    "risk_pick": _pick_risk_test,
    "isolation_offer": _isolation_offer,
    "region": _region,
    "checkin": _checkin,
    "panic_category": _panic_category,
    "panic_location": _panic_location,
    "erase": _erase,
}
