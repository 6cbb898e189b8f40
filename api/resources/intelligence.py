"""Epidemic intelligence: Rt per area, weekly transmission levels, early-warning signals."""

from __future__ import annotations

from typing import Any

from flask import request
from flask.views import MethodView

from api.auth import RESPONDERS, bearer_token, optional_staff
from api.i18n import request_lang
from api.models import StaffUser
from api.resources.freshness import conditional
from api.schemas.intelligence import (
    LevelQuerySchema,
    LevelsSchema,
    RtQuerySchema,
    RtSchema,
    SignalQuerySchema,
    SignalSchema,
)
from api.services import case_stats, hospitals
from api.services import intelligence as service
from api.smorest import Blueprint
from screening.text import localize
from surveillance.rt import NOT_REPORTED

blp = Blueprint("intelligence", __name__, url_prefix="/api/v1", description="Rt, transmission levels, early warning")


def _signal_reader() -> StaffUser | None:
    """Task-force staff see full counts (a kabupaten/kota officer, its own region); everyone else the public view."""
    staff = optional_staff()
    return staff if staff is not None and staff.role in RESPONDERS else None


def _signals_version() -> str:
    # Read before the query is validated: keep the window within what the endpoint accepts.
    days = min(max(request.args.get("days", 60, type=int) or 60, 10), 365)
    reader = _signal_reader()
    return f"{service.screening_version(days)}|{reader.id if reader else ''}"


@blp.route("/regions/<string:code>/rt")
class RegionRt(MethodView):
    @conditional(blp, case_stats.data_version)
    @blp.arguments(RtQuerySchema, location="query")
    @blp.response(200, RtSchema)
    def get(self, query: dict[str, Any], code: str) -> Any:
        """Rt by weekly sliding windows with its 95 % credible interval (Cori et al. 2013, as EpiEstim)

        Serial interval: discretised gamma, default mean 4.7 and standard deviation 2.9 days (Nishiura
        et al. 2020). Windows before 12 cumulative cases are listed with `reported: false` and no value.
        """
        rt = service.region_rt(code, query["si_mean"], query["si_std"])
        return {**rt, "not_reported_reason": localize(NOT_REPORTED, request_lang())}


def _levels_version() -> str:
    return f"{case_stats.data_version()}|{hospitals.data_version()}"


@blp.route("/levels")
class Levels(MethodView):
    @conditional(blp, _levels_version)
    @blp.arguments(LevelQuerySchema, location="query")
    @blp.response(200, LevelsSchema)
    def get(self, query: dict[str, Any]) -> Any:
        """Weekly transmission level (KMK 4805/2021), response capacity and situational level per area

        Hospital admissions are not recorded yet, so they are listed as missing; capacity needs both
        positivity and bed occupancy and stays unknown (null) while either is missing. Bed occupancy comes
        from the daily case records, else from the hospitals' bed reports of that week (occupied over total
        isolation beds, each hospital's latest day; `bed_hospitals` names them). Nothing missing
        is guessed. `week` is any day of the week wanted, from 2020-01-01 to tomorrow.
        """
        return service.levels(query["week"])


@blp.route("/signals")
class Signals(MethodView):
    @conditional(blp, _signals_version, private=lambda: bearer_token() is not None)
    @blp.arguments(SignalQuerySchema, location="query")
    @blp.response(200, SignalSchema(many=True))
    def get(self, query: dict[str, Any]) -> Any:
        """Early warning: the share of suspect or symptomatic self-screenings per region and day, EARS C2

        For the public, a region-day with a count of 1 to 4 people is withheld whole (its counts, share,
        statistic and signal are null, `suppressed: true`); task-force staff see every figure.
        """
        reader = _signal_reader()
        # A kabupaten/kota officer sees its own region only (none when the account has no region).
        region = (reader.region_code or "") if reader is not None and reader.role == "satgas_kabkota" else None
        return service.signals(query["days"], suppress=reader is None, region=region)
