"""HTTP resources: one flask-smorest blueprint per noun, plus health checks and docs assets."""

from __future__ import annotations

from flask import Flask

from api.allow import mark_fallback
from api.extensions import rest_api
from api.resources import (
    alerts,
    auth,
    cases,
    channels,
    console,
    devices,
    health,
    hospitals,
    instructions,
    intelligence,
    isolations,
    notifications,
    privacy,
    push,
    questionnaires,
    regions,
    screening_responses,
    security_events,
    users,
)
from api.resources.docs import docs_assets


def register_resources(app: Flask) -> None:
    for module in (
        regions,
        hospitals,
        cases,
        intelligence,
        instructions,
        questionnaires,
        devices,
        alerts,
        isolations,
        auth,
        users,
        screening_responses,
        privacy,
        security_events,
        notifications,
        push,
        channels,
    ):
        rest_api.register_blueprint(module.blp)
    app.register_blueprint(health.bp)
    app.register_blueprint(console.bp)
    app.register_blueprint(docs_assets)
    mark_fallback(app, "docs_assets.api_not_found")
