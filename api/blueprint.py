"""The Blueprint every resource uses: flask-smorest's, with this API's request parser."""

from __future__ import annotations

import flask_smorest

from api.errors import Parser


class Blueprint(flask_smorest.Blueprint):  # type: ignore[misc]
    ARGUMENTS_PARSER = Parser()
    PAGINATION_ARGUMENTS_PARSER = Parser()
