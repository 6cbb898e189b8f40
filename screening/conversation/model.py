"""What goes in and out of the conversation engine: inbound messages, replies, effects and the step they make."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

InboundKind = Literal["text", "choice", "location", "other"]
State = dict[str, Any]


@dataclass(frozen=True)
class Inbound:
    """One message from the resident: typed text, a tapped button or list row (its id), a shared location, or a
    kind the engine does not read (picture, voice note, sticker)."""

    kind: InboundKind
    text: str = ""
    choice: str = ""
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Choice:
    id: str
    title: str


@dataclass(frozen=True)
class Reply:
    """One message to the resident: text, and the choices offered (buttons or a list on WhatsApp, numbered lines by
    SMS; a reply of the number picks the choice on either)."""

    text: str
    choices: tuple[Choice, ...] = ()
    # Ask the phone for its location (WhatsApp shows a "send location" button).
    wants_location: bool = False


@dataclass(frozen=True)
class Submit:
    """Store answers to a questionnaire through the same use case as the API."""

    questionnaire_id: str
    answers: dict[str, Any]


@dataclass(frozen=True)
class StartIsolation:
    response_id: str
    region_code: str


@dataclass(frozen=True)
class CheckIn:
    temperature_c: float | None
    spo2: int | None
    symptoms: tuple[str, ...]
    danger_signs: tuple[str, ...]


@dataclass(frozen=True)
class Panic:
    category: str
    lat: float | None = None
    lon: float | None = None


@dataclass(frozen=True)
class Stop:
    """No more messages of any kind to this number until it writes MULAI/START."""


@dataclass(frozen=True)
class Resume:
    pass


@dataclass(frozen=True)
class Erase:
    """Erase the number's data as DELETE /devices/me does."""


@dataclass(frozen=True)
class Export:
    """Tell the number what is stored for it, as GET /devices/me/export lists it."""


Effect = Submit | StartIsolation | CheckIn | Panic | Stop | Resume | Erase | Export


@dataclass(frozen=True)
class Step:
    state: State
    replies: list[Reply] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)
    # A new conversation began (the menu after idling or a fresh number): counted against the hourly cap.
    started: bool = False
