"""One error body everywhere, {code, status, message, errors}, and the table from service errors to HTTP."""

from __future__ import annotations

import logging
from typing import Any

import flask_smorest
from flask import Flask
from flask_smorest import abort
from webargs.flaskparser import FlaskParser
from werkzeug.exceptions import HTTPException, InternalServerError

from api.i18n import request_lang, translate_messages
from api.services import exceptions as svc
from screening.evaluate import InvalidAnswers
from screening.text import bilingual

log = logging.getLogger(__name__)

STATUS_FOR = {
    svc.NotFound: 404,
    svc.Conflict: 409,
    svc.InvalidInput: 422,
    svc.AuthenticationFailed: 401,
    svc.PermissionDenied: 403,
}

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
}


class Parser(FlaskParser):
    """Malformed JSON is invalid input like any other: 422 with a message, not a bare 400."""

    DEFAULT_VALIDATION_STATUS = 422

    def _handle_invalid_json_error(self, error: Any, req: Any, *args: Any, **kwargs: Any) -> Any:
        abort(422, errors={"json": ["Invalid JSON body."]})


class RestApi(flask_smorest.Api):  # type: ignore[misc]
    ARGUMENTS_PARSER = Parser()

    def handle_http_exception(self, error: HTTPException) -> tuple[dict[str, Any], int, dict[str, str]]:
        lang = request_lang()
        code = error.code or 500
        data = getattr(error, "data", None) or {}
        message = (
            data.get("message")
            or DEFAULT_MESSAGES.get(code)
            or bilingual(error.description or error.name, error.description or error.name)
        )
        payload: dict[str, Any] = {"code": code, "status": error.name, "message": translate_messages(message, lang)}
        errors = data.get("errors", data.get("messages"))
        if errors:
            payload["errors"] = translate_messages(errors, lang)
        headers = dict(data.get("headers") or {})
        retry_after = getattr(error, "retry_after", None) or (
            error.response.headers.get("Retry-After") if error.response is not None else None
        )
        if code == 429 and retry_after:
            headers["Retry-After"] = str(retry_after)
        return payload, code, headers


def _service_error(error: svc.ServiceError) -> Any:
    status = next(code for cls, code in STATUS_FOR.items() if isinstance(error, cls))
    kwargs: dict[str, Any] = {"message": error.message}
    if error.errors:
        kwargs["errors"] = error.errors
    try:
        abort(status, **kwargs)
    except HTTPException as http_error:
        return rest_api_handler(http_error)


def _invalid_answers(error: InvalidAnswers) -> Any:
    try:
        abort(422, errors={"json": {"answers": error.errors}})
    except HTTPException as http_error:
        return rest_api_handler(http_error)


def _unexpected(error: Exception) -> Any:
    if isinstance(error, HTTPException):
        return rest_api_handler(error)
    log.exception("unhandled error")
    return rest_api_handler(InternalServerError())


def rest_api_handler(error: HTTPException) -> Any:
    from api.extensions import rest_api

    return rest_api.handle_http_exception(error)


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(svc.ServiceError, _service_error)
    app.register_error_handler(InvalidAnswers, _invalid_answers)
    app.register_error_handler(Exception, _unexpected)
