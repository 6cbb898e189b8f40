"""Epidemic intelligence: Rt per area, weekly transmission levels, early-warning signals."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import jsonify
from flask.views import MethodView

from api.auth import bearer_token
from api.i18n import request_lang
from api.schemas.intelligence import LevelQuerySchema, RtQuerySchema, SignalQuerySchema
from api.services import intelligence as service
from api.services.accounts import staff_for_token
from api.smorest import Blueprint

blp = Blueprint("intelligence", __name__, url_prefix="/api/v1", description="Rt, transmission levels, early warning")


@blp.route("/regions/<string:code>/rt")
class RegionRt(MethodView):
    @blp.arguments(RtQuerySchema, location="query")
    @blp.response(200)
    def get(self, query: dict[str, Any], code: str) -> Any:
        """Rt by weekly sliding windows with its 95 % credible interval (Cori et al. 2013, as EpiEstim)

        Serial interval: discretised gamma, default mean 4.7 and standard deviation 2.9 days (Nishiura
        et al. 2020). Windows before 12 cumulative cases are listed with `reported: false` and no value.
        """
        return jsonify(service.region_rt(code, query["si_mean"], query["si_std"], request_lang()))


@blp.route("/levels")
class Levels(MethodView):
    @blp.arguments(LevelQuerySchema, location="query")
    @blp.response(200)
    def get(self, query: dict[str, Any]) -> Any:
        """Weekly transmission level (KMK 4805/2021), response capacity and situational level per area

        Hospital admissions are not recorded yet, so they are listed as missing; capacity needs
        positivity or bed occupancy. Nothing missing is guessed.
        """
        week: dt.date | None = query["week"]
        return jsonify(service.levels(week - dt.timedelta(days=week.weekday()) if week else None))


@blp.route("/signals")
class Signals(MethodView):
    @blp.arguments(SignalQuerySchema, location="query")
    @blp.response(200)
    def get(self, query: dict[str, Any]) -> Any:
        """Early warning: the share of suspect or symptomatic self-screenings per region and day, EARS C2

        Counts under 5 are shown as "<5" (and their share hidden) unless the caller is task-force staff.
        """
        token = bearer_token()
        staff = staff_for_token(token) if token else None
        full = staff is not None and staff.role in ("admin", "satgas_provinsi", "satgas_kabkota")
        rows = service.signals(query["days"], suppress=not full)
        if staff is not None and staff.role == "satgas_kabkota":
            rows = [r for r in rows if r["region"] == staff.region_code]
        return jsonify(rows)
