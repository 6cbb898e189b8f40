"""Failures the services report; api/errors.py turns them into HTTP replies."""

from __future__ import annotations

from typing import Any

Text = dict[str, str]


class ServiceError(Exception):
    """Base class: `message` is bilingual text, `errors` optional per-field details."""

    def __init__(self, message: Text, errors: dict[str, Any] | None = None) -> None:
        super().__init__(message.get("en", ""))
        self.message = message
        self.errors = errors


class NotFound(ServiceError):
    pass


class Conflict(ServiceError):
    pass


class InvalidInput(ServiceError):
    """Input that passed the schema but breaks a rule; `errors` maps fields to bilingual messages."""


class AuthenticationFailed(ServiceError):
    pass


class PermissionDenied(ServiceError):
    pass


class TooManyRequests(ServiceError):
    """Refused for now: try again after `retry_after` seconds."""

    def __init__(self, message: Text, retry_after: int, errors: dict[str, Any] | None = None) -> None:
        super().__init__(message, errors)
        self.retry_after = retry_after
