"""The WhatsApp channel: a conversation reply or an update to one number through the Cloud API, sent with pywa."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import httpx
from pywa.client import WhatsApp
from pywa.errors import WhatsAppError
from pywa.types.callback import Button, Section, SectionList, SectionRow
from pywa.types.templates import BodyText, TemplateLanguage

from api.notify import Delivery, Message, http_outcome

# pywa logs each request's body at DEBUG (a reply to a resident is personal) and, on a refused connection, advice
# to its own users as a warning; the outcome is recorded on the outbox row instead.
logging.getLogger("pywa").setLevel(logging.ERROR)

# The Cloud API's limits: three reply buttons of 20 characters, ten list rows of 24, an interactive body of 1024
# characters and a text body of 4096.
MAX_BUTTONS, BUTTON_CHARS, ROW_CHARS, MAX_ROWS = 3, 20, 24, 10
INTERACTIVE_CHARS, TEXT_CHARS = 1024, 4096
LIST_BUTTON = {"id": "Pilih", "en": "Choose"}


@dataclass
class WhatsAppChannel:
    api_url: str
    phone_number_id: str
    token: str
    timeout_seconds: float = 5.0

    def send(self, message: Message) -> Delivery:
        """Inside the 24-hour window the reply itself; outside it only the approved template the row names."""
        payload, address = message.payload, message.address
        with httpx.Client(timeout=self.timeout_seconds) as session:
            client = WhatsApp(phone_id=self.phone_number_id, token=self.token, session=session, server=None)
            # pywa aims at graph.facebook.com; the base (and version) come from settings, a local receiver in tests.
            session.base_url = httpx.URL(self.api_url.rstrip("/") + "/")
            try:
                if address.get("window_open"):
                    sent = _send_reply(client, str(address["to"]), payload)
                elif payload.get("template"):
                    sent = _send_template(client, str(address["to"]), payload)
                else:
                    return Delivery("failed", error="outside the 24-hour window and no template")
            except WhatsAppError as error:
                status = error.status_code or 500
                return Delivery(http_outcome(status), status, error=f"HTTP {status} code {error.code}")
            except httpx.HTTPError as error:
                return Delivery("retry", error=type(error).__name__)
        return Delivery("sent", 200, provider_id=sent)


def _send_reply(client: WhatsApp, to: str, payload: dict[str, Any]) -> str:
    text, lang = str(payload["text"]), str(payload.get("lang") or "id")
    choices = [(str(c[0]), str(c[1])) for c in payload.get("choices") or []]
    if not choices:
        return str(client.send_message(to=to, text=text[:TEXT_CHARS]).id)
    if len(text) > INTERACTIVE_CHARS:
        # A long result first as plain text, then the question with its buttons.
        client.send_message(to=to, text=text[:TEXT_CHARS])
        text = text[-INTERACTIVE_CHARS:].split("\n")[-1] or "…"
    buttons: Any
    if len(choices) <= MAX_BUTTONS:
        buttons = [Button(title=title[:BUTTON_CHARS], callback_data=key) for key, title in choices]
    else:
        rows = [SectionRow(title=title[:ROW_CHARS], callback_data=key) for key, title in choices[:MAX_ROWS]]
        buttons = SectionList(button_title=LIST_BUTTON.get(lang, "Pilih"), sections=[Section(title="Menu", rows=rows)])
    return str(client.send_message(to=to, text=text, buttons=buttons).id)


def _send_template(client: WhatsApp, to: str, payload: dict[str, Any]) -> str:
    language = TemplateLanguage.ENGLISH if payload.get("lang") == "en" else TemplateLanguage.INDONESIAN
    # pywa documents BodyText.params as called on the class with the values of the template's placeholders.
    params = [BodyText.params(str(payload["text"]))]  # type: ignore[arg-type]
    return str(client.send_template(to=to, name=str(payload["template"]), language=language, params=params).id)
