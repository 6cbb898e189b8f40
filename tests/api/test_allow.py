"""Allow names exactly the methods an address's own route serves, on every route of the whole server."""

from __future__ import annotations

import uuid

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.routing import IntegerConverter, PathConverter, Rule, UUIDConverter

from dashboard.app import init_dashboard
from tests.module_app import module_app
from webapp import register_webapp

__all__ = ["module_app"]

SAMPLES = ((UUIDConverter, str(uuid.UUID(int=1))), (IntegerConverter, 1), (PathConverter, "x/y"))
WRONG = ("PUT", "PATCH", "DELETE", "POST")


@pytest.fixture(scope="module")
def server(module_app: Flask) -> FlaskClient:
    # Composed as wsgi.py composes it: the API, the residents' app, then the dashboard's pages.
    register_webapp(module_app)
    init_dashboard(module_app)
    return module_app.test_client()


def sample_path(rule: Rule) -> str:
    values = {
        name: next((value for kind, value in SAMPLES if isinstance(converter, kind)), "x")
        for name, converter in rule._converters.items()
    }
    path: str = rule.build(values, append_unknown=False)[1]
    return path


def test_every_route_lists_its_own_methods_on_405_and_options(server: FlaskClient, module_app: Flask) -> None:
    checked = 0
    for rule in module_app.url_map.iter_rules():
        path, methods = sample_path(rule), set(rule.methods or ())
        wrong = next(m for m in WRONG if m not in methods)
        # From the server's own page: the console's forms refuse any other origin before routing is looked at.
        refused = server.open(path, method=wrong, headers={"Origin": "http://localhost"})
        assert refused.status_code == 405, (rule.rule, wrong)
        assert set(refused.headers["Allow"].split(", ")) == methods, rule.rule
        if "OPTIONS" in methods:
            options = server.options(path)
            assert set(options.headers["Allow"].split(", ")) == methods, rule.rule
        checked += 1
    assert checked > 50


def test_a_post_only_route_does_not_advertise_get(server: FlaskClient) -> None:
    refused = server.put("/api/v1/devices")
    assert refused.status_code == 405
    assert refused.headers["Allow"] == "POST, OPTIONS"
    assert server.get("/api/v1/devices").status_code == 404  # what a client trusting a listed GET would find
