"""One error body everywhere, an RFC 9457 problem (type, title, status, detail) that also carries the API's own
code, message, errors and request_id, in the caller's language."""

from __future__ import annotations

from typing import Any

from werkzeug.exceptions import HTTPException
from werkzeug.http import HTTP_STATUS_CODES

from api.i18n import request_lang, translate_messages
from api.request_ids import current_request_id
from screening.text import bilingual

PROBLEM_JSON = "application/problem+json"
# No problem types of our own: the status code says what kind of problem it is, `errors` says which fields.
PROBLEM_TYPE = "about:blank"

DEFAULT_MESSAGES = {
    400: bilingual("Permintaan tidak dapat dibaca.", "The request could not be read."),
    401: bilingual(
        "Perlu masuk (token tidak ada atau tidak berlaku).", "Authentication required (missing or invalid token)."
    ),
    403: bilingual("Anda tidak berwenang untuk tindakan ini.", "You are not allowed to do this."),
    404: bilingual("Tidak ditemukan.", "Not found."),
    405: bilingual("Metode tidak diizinkan untuk alamat ini.", "Method not allowed for this URL."),
    409: bilingual("Bertentangan dengan keadaan data saat ini.", "Conflicts with the current state."),
    413: bilingual("Isi permintaan terlalu besar (maksimal 64 KiB).", "Request body too large (64 KiB at most)."),
    415: bilingual("Jenis isi tidak didukung; kirim JSON.", "Unsupported content type; send JSON."),
    422: bilingual("Isian tidak valid. Lihat rincian per kolom.", "Invalid input. See the details per field."),
    429: bilingual("Terlalu banyak percobaan. Coba lagi nanti.", "Too many attempts. Try again later."),
    500: bilingual("Terjadi kesalahan di server. Coba lagi.", "Something went wrong on the server. Please retry."),
    503: bilingual(
        "Layanan sedang tidak tersedia sebentar. Coba lagi sesaat lagi; data Anda belum tersimpan.",
        "The service is briefly unavailable. Retry in a moment; nothing was stored.",
    ),
}


def http_error_reply(error: HTTPException) -> tuple[dict[str, Any], int, dict[str, str]]:
    """The body, status and headers for any HTTP error, in the caller's language."""
    code = error.code or 500
    data = getattr(error, "data", None) or {}
    message = (
        data.get("message")
        or DEFAULT_MESSAGES.get(code)
        or bilingual(error.description or error.name, error.description or error.name)
    )
    # The headers the error itself carries (Allow on 405, WWW-Authenticate on 401), then any the code added.
    headers = {name: value for name, value in error.get_headers() if name.lower() != "content-type"}
    headers.update(data.get("headers") or {})
    retry_after = getattr(error, "retry_after", None) or (
        error.response.headers.get("Retry-After") if error.response is not None else None
    )
    if code == 429 and retry_after:
        headers["Retry-After"] = str(retry_after)
    return error_reply(code, message, data.get("errors", data.get("messages")), headers, title=error.name)


def error_reply(
    code: int, message: Any, errors: Any = None, headers: dict[str, str] | None = None, title: str | None = None
) -> tuple[dict[str, Any], int, dict[str, str]]:
    """An error reply as Flask takes it: the problem body, the status and headers (with the problem media type)."""
    return error_body(code, message, errors, title), code, {**(headers or {}), "Content-Type": PROBLEM_JSON}


def error_body(code: int, message: Any, errors: Any = None, title: str | None = None) -> dict[str, Any]:
    """{type, title, status, detail, code, message, errors, request_id}: bilingual texts are chosen and library
    messages translated here. `detail` and `message` are the same text, `status` and `code` the same number:
    `message` and `code` are what clients read before the body followed RFC 9457."""
    lang = request_lang()
    detail = translate_messages(message, lang)
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE,
        "title": title or HTTP_STATUS_CODES.get(code, "Error"),
        "status": code,
        "detail": detail,
        "code": code,
        "message": detail,
    }
    if errors:
        body["errors"] = translate_messages(errors, lang)
    # Quoted by a resident reporting a problem, it finds the request's log lines.
    request_id = current_request_id()
    if request_id:
        body["request_id"] = request_id
    return body
