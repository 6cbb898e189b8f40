"""The language of a request and Indonesian wording for the validation library's English messages."""

from __future__ import annotations

import re
from typing import Any

from flask import has_request_context, request
from werkzeug.exceptions import HTTPException

from screening.text import SUPPORTED_LANGS, pick_lang

# Messages marshmallow and webargs produce, with the Indonesian a resident should read (the project's own messages
# are given in both languages where they are written).
LIBRARY_MESSAGES_ID = {
    "Missing data for required field.": "Wajib diisi.",
    "Unknown field.": "Kolom tidak dikenal.",
    "Field may not be null.": "Tidak boleh kosong (null).",
    "Not a valid string.": "Harus berupa teks.",
    "Not a valid integer.": "Harus bilangan bulat.",
    "Not a valid number.": "Harus berupa angka.",
    "Not a valid boolean.": "Harus true atau false.",
    "Not a valid date.": "Tanggal tidak valid (format YYYY-MM-DD).",
    "Not a valid datetime.": "Waktu tidak valid (format ISO 8601).",
    "Not a valid list.": "Harus berupa daftar.",
    "Not a valid mapping type.": "Harus berupa objek JSON.",
    "Invalid input type.": "Isi permintaan harus berupa objek JSON.",
    "Invalid JSON body.": "Isi permintaan bukan JSON yang valid.",
    "Not a valid UUID.": "Bukan UUID yang valid.",
    "Shorter than minimum length 1.": "Tidak boleh kosong.",
    "Not a valid aware datetime.": "Waktu harus memuat zona waktu (mis. +07:00).",
    "Not a valid URL.": "Bukan URL yang valid.",
    "Not a valid email address.": "Bukan alamat email yang valid.",
    "Not a valid utf-8 string.": "Teks tidak valid (bukan UTF-8).",
    "Invalid type.": "Jenis isian salah.",
    "Invalid value.": "Nilai tidak valid.",
    "Number too large.": "Angka terlalu besar.",
    "Special numeric values (nan or infinity) are not permitted.": "Nilai NaN atau tak hingga tidak diterima.",
    "String does not match expected pattern.": "Format tidak sesuai.",
}


# Messages with values in them, by pattern; the values are carried over.
LIBRARY_PATTERNS_ID: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"Must be greater than or equal to (.+) and less than or equal to (.+)\.", r"Harus antara \1 dan \2."),
        (r"Must be greater than (.+) and less than (.+)\.", r"Harus lebih dari \1 dan kurang dari \2."),
        (r"Must be greater than or equal to (.+)\.", r"Harus paling sedikit \1."),
        (r"Must be less than or equal to (.+)\.", r"Harus paling banyak \1."),
        (r"Must be greater than (.+)\.", r"Harus lebih dari \1."),
        (r"Must be less than (.+)\.", r"Harus kurang dari \1."),
        (r"Must be one of: (.+)\.", r"Harus salah satu dari: \1."),
        (r"Must be equal to (.+)\.", r"Harus sama dengan \1."),
        (r"Length must be between (.+) and (.+)\.", r"Panjangnya harus antara \1 dan \2."),
        (r"Length must be (.+)\.", r"Panjangnya harus \1."),
        (r"Longer than maximum length (.+)\.", r"Terlalu panjang: paling banyak \1 karakter."),
        (r"Shorter than minimum length (.+)\.", r"Terlalu pendek: paling sedikit \1 karakter."),
        (r'"(.*)" cannot be formatted as a (.+)\.', r'"\1" tidak dapat dibaca sebagai \2.'),
    )
)


def translate_library_message(message: str) -> str:
    """Indonesian for a message of the validation libraries (unchanged when there is none)."""
    if message in LIBRARY_MESSAGES_ID:
        return LIBRARY_MESSAGES_ID[message]
    for pattern, replacement in LIBRARY_PATTERNS_ID:
        if pattern.fullmatch(message):
            return pattern.sub(replacement, message)
    return message


_LANG_KEY = "sumbar.request_lang"


def request_lang(body_lang: str | None = None) -> str:
    """Body field, then ?lang=, then Accept-Language; Indonesian when none is supported."""
    if not has_request_context():
        return pick_lang(body_lang)
    if body_lang is None:
        # Asked several times a request (the view, its errors, the reply's headers): worked out once. Kept in
        # the request's environ, not in g, which outlives a request where a caller holds the app context.
        lang: str | None = request.environ.get(_LANG_KEY)
        if lang is None:
            lang = request.environ[_LANG_KEY] = _request_lang(None)
        return lang
    return _request_lang(body_lang)


def _request_lang(body_lang: str | None) -> str:
    if body_lang is None and request.is_json:
        try:
            body = request.get_json(silent=True)
        except HTTPException:  # e.g. the body is over the size limit
            body = None
        if isinstance(body, dict) and isinstance(body.get("lang"), str):
            body_lang = body["lang"]
    header = request.accept_languages.best_match(SUPPORTED_LANGS)
    return pick_lang(body_lang, request.args.get("lang"), header)


def translate_messages(errors: Any, lang: str) -> Any:
    """Walk an errors structure, choosing `lang` in bilingual dicts and translating library messages."""
    if isinstance(errors, dict):
        if set(errors) == set(SUPPORTED_LANGS) and all(isinstance(v, str) for v in errors.values()):
            return errors[lang]
        return {key: translate_messages(value, lang) for key, value in errors.items()}
    if isinstance(errors, list):
        return [translate_messages(item, lang) for item in errors]
    if isinstance(errors, str) and lang == "id":
        return translate_library_message(errors)
    return errors
