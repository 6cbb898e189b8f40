"""A test client that checks every API reply against the OpenAPI document the app publishes (openapi-core)."""

from __future__ import annotations

import json
from typing import Any

from flask.testing import FlaskClient
from openapi_core import Config, OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from werkzeug.test import EnvironBuilder


class CheckedClient:
    """Wraps the Flask test client: each /api/v1 reply must match the operation and status the spec declares."""

    def __init__(self, client: FlaskClient) -> None:
        self.client = client
        # openapi-core reads application/json and a few vendor types; error replies are application/problem+json.
        config = Config(extra_media_type_deserializers={"application/problem+json": json.loads})
        self.openapi = OpenAPI.from_dict(client.get("/api/v1/openapi.json").get_json(), config=config)
        self.checked: list[tuple[str, str, int]] = []

    def open(self, path: str, method: str = "GET", json: Any = None, headers: dict[str, str] | None = None) -> Any:
        reply = self.client.open(path, method=method, json=json, headers=headers or {})
        if path.startswith("/api/v1/") and "stream" not in path:
            # The test client's request has already been read; describe it again for the validator.
            request = EnvironBuilder(path=path, method=method, json=json, headers=headers or {}).get_request()
            self.openapi.validate_response(WerkzeugOpenAPIRequest(request), WerkzeugOpenAPIResponse(reply))
            self.checked.append((method, path.split("?")[0], reply.status_code))
        return reply

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.open(path, "GET", **kwargs)

    def post(self, path: str, **kwargs: Any) -> Any:
        return self.open(path, "POST", **kwargs)

    def put(self, path: str, **kwargs: Any) -> Any:
        return self.open(path, "PUT", **kwargs)

    def patch(self, path: str, **kwargs: Any) -> Any:
        return self.open(path, "PATCH", **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Any:
        return self.open(path, "DELETE", **kwargs)
