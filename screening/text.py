"""Bilingual text (Indonesian first, English second) and the choice of language."""

from __future__ import annotations

from collections.abc import Mapping

Text = dict[str, str]

DEFAULT_LANG = "id"
SUPPORTED_LANGS = ("id", "en")


def pick_lang(*candidates: str | None) -> str:
    """The first supported language among the candidates (e.g. body field, Accept-Language)."""
    for candidate in candidates:
        if not candidate:
            continue
        primary = candidate.strip().lower().replace("_", "-").split("-")[0]
        if primary in SUPPORTED_LANGS:
            return primary
    return DEFAULT_LANG


def localize(text: Mapping[str, str], lang: str) -> str:
    """The text in `lang`, falling back to Indonesian, the language every text has."""
    return text.get(lang) or text[DEFAULT_LANG]


def bilingual(id_text: str, en_text: str) -> dict[str, str]:
    return {"id": id_text, "en": en_text}
