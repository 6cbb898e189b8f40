"""The residents' progressive web app at /app: a Flask blueprint that talks to the API only over HTTP."""

from __future__ import annotations

from flask import Flask

from webapp.views import bp


def register_webapp(app: Flask) -> None:
    app.register_blueprint(bp)
