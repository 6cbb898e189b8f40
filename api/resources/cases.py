"""Case statistics: public series, summary, errata and CSV downloads; staff entry of daily figures."""

from __future__ import annotations

import datetime as dt
from typing import Any

from flask import Response, jsonify
from flask.views import MethodView
from flask_smorest import abort

from api.auth import current_scope, current_staff, staff_required
from api.schemas.cases import CaseDaySchema, FormatQuerySchema, SeriesQuerySchema
from api.services import cases as service
from api.smorest import Blueprint
from screening.text import bilingual

blp = Blueprint("cases", __name__, url_prefix="/api/v1", description="COVID-19 case statistics per kabupaten/kota")


def _csv(text: str, name: str) -> Response:
    return Response(text, mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'})


@blp.route("/cases")
class Cases(MethodView):
    @blp.arguments(SeriesQuerySchema, location="query")
    @blp.response(200)
    def get(self, query: dict[str, Any]) -> Any:
        """Daily series for one area: new, cumulative, active, 7-day averages, per 100,000 (?format=csv)"""
        rows = service.series_rows(query["region"], query["from_"], query["to"])
        if query["format"] == "csv":
            return _csv(service.to_csv(rows, [c for c, _, _ in service.SERIES_COLUMNS]), f"cases-{query['region']}.csv")
        return jsonify(rows)


@blp.route("/cases/summary")
class CasesSummary(MethodView):
    @blp.arguments(FormatQuerySchema, location="query")
    @blp.response(200)
    def get(self, query: dict[str, Any]) -> Any:
        """Latest key figures for the province and each kabupaten/kota, with the change over 7 days

        Each figure says its trend and whether that trend is good news, and each area when it was
        last updated.
        """
        if query["format"] == "csv":
            rows = service.summary_rows()
            return _csv(service.to_csv(rows, list(rows[0]) if rows else ["region"]), "cases-summary.csv")
        return jsonify({"demo": service.is_demo(), "areas": service.summary()})


@blp.route("/cases/errata")
class CasesErrata(MethodView):
    @blp.response(200)
    def get(self) -> Any:
        """Days whose figures correct earlier reports (negative daily values)"""
        return jsonify(service.errata())


@blp.route("/cases/codebook")
class CasesCodebook(MethodView):
    @blp.response(200)
    def get(self) -> Any:
        """Every column of the series and its meaning, in Indonesian and English"""
        return jsonify([{"field": f, "id": i, "en": e} for f, i, e in service.SERIES_COLUMNS])


@blp.route("/regions/<string:code>/cases/<string:day>")
class RegionCaseDay(MethodView):
    @staff_required(blp, "admin", "editor", "satgas_kabkota")
    @blp.arguments(CaseDaySchema)
    @blp.response(200)
    def put(self, body: dict[str, Any], code: str, day: str) -> Any:
        """Enter or correct one day's figures (editor; satgas_kabkota for its own region), audited"""
        user = current_staff()
        if user.role == "satgas_kabkota" and not current_scope().allows(code):
            abort(
                403, message=bilingual(f"Wilayah {code} di luar wewenang Anda.", f"Region {code} is outside your area.")
            )
        try:
            date = dt.date.fromisoformat(day)
        except ValueError:
            abort(422, errors={"path": {"date": ["Not a valid date."]}})
        record = service.put_day(code, date, body, user)
        return jsonify({"region": record.region_code, "date": record.date.isoformat(), "correction": record.correction,
                        **{name: getattr(record, name) for name in service.FIELDS}})  # fmt: skip
