"""Referral hospitals and their bed reports: the public list and detail, a hospital's daily report, the import
of many hospitals' reports, and the hospitals the task force must call for a report."""

from __future__ import annotations

import hashlib
from typing import Any

from flask import Response, current_app, request
from flask.views import MethodView

from api.auth import current_staff, staff_required
from api.extensions import cache
from api.resources.freshness import conditional
from api.schemas.hospitals import (
    BedCountsSchema,
    BedImportResultSchema,
    BedImportSchema,
    HospitalQuerySchema,
    HospitalSchema,
    SavedBedReportSchema,
    SilentHospitalSchema,
)
from api.services import bed_reports, hospitals
from api.services.exceptions import InvalidInput
from api.smorest import Blueprint
from screening.text import bilingual

# A list is kept for the hour its data version names (the version changes with the hour and every bed report).
LIST_SECONDS = 3600
VERSION_KEY = "sumbar.hospitals_version"

blp = Blueprint(
    "hospitals", __name__, url_prefix="/api/v1/hospitals", description="Referral hospitals and their daily bed reports"
)


def list_version() -> str:
    """The hospitals' data version, read once per request: the ETag and the list's cache key both need it."""
    if VERSION_KEY not in request.environ:
        request.environ[VERSION_KEY] = hospitals.data_version()
    return str(request.environ[VERSION_KEY])


@blp.route("")
class Hospitals(MethodView):
    @conditional(blp, list_version)
    @blp.arguments(HospitalQuerySchema, location="query")
    @blp.response(200, HospitalSchema(many=True))
    def get(self, query: dict[str, Any]) -> Any:
        """Referral hospitals with their latest bed report, its time and age (`stale` after 24 hours)

        `near=lat,lon` sorts nearest first and gives each distance; `has_free=isolation|icu` keeps the
        hospitals whose latest report shows such a free bed (stale ones too, marked).
        """
        region, near, free = query.get("region"), hospitals.listing_point(query.get("near")), query.get("has_free")
        # Hashed: a key names no resident's neighbourhood to whoever lists the cache's keys.
        what = repr((list_version(), region, near, free)).encode()
        key = f"hospital-list:{hashlib.sha256(what).hexdigest()}"
        body = cache.get(key)
        if body is None:
            body = current_app.json.dumps(HospitalSchema(many=True).dump(hospitals.list_hospitals(region, near, free)))
            cache.set(key, body, timeout=LIST_SECONDS)
        return Response(body, mimetype="application/json")


@blp.route("/silent")
class SilentHospitals(MethodView):
    @staff_required(blp, *bed_reports.PROVINCIAL)
    @blp.response(200, SilentHospitalSchema(many=True))
    def get(self) -> Any:
        """Hospitals with no bed report for 3 days (or none ever), longest silent first (provincial task force)"""
        return bed_reports.silent_hospitals()


@blp.route("/beds/import")
class BedImport(MethodView):
    @staff_required(blp, *bed_reports.PROVINCIAL)
    @blp.arguments(BedImportSchema)
    @blp.response(200, BedImportResultSchema)
    def post(self, body: dict[str, Any]) -> Any:
        """Import a day's (or several days') reports of many hospitals from CSV text, all or nothing

        Every row is checked first; when any is bad, each problem is listed under `errors.rows` by row number
        (the header is row 1) and field, and nothing is written. Rows replace earlier reports of their day.
        """
        user = current_staff()
        result = bed_reports.import_bed_file(body["csv"], f"import:{user.username}", user)
        if result.problems:
            rows: dict[str, dict[str, list[dict[str, str]]]] = {}
            for problem in result.problems:
                rows.setdefault(str(problem["row"]), {}).setdefault(problem["field"], []).append(problem["message"])
            raise InvalidInput(
                bilingual(
                    "Berkas berisi kesalahan; tidak ada yang disimpan.", "The file has errors; nothing was saved."
                ),
                {"rows": rows},
            )
        return {"inserted": result.inserted, "replaced": result.replaced}


@blp.route("/<string:code>")
class HospitalByCode(MethodView):
    @conditional(blp, hospitals.data_version)
    @blp.response(200, HospitalSchema)
    def get(self, code: str) -> Any:
        """One hospital by its Ministry of Health code (kode RS, e.g. 1371015), with its latest bed report"""
        return hospitals.hospital_detail(code)


@blp.route("/<string:code>/beds")
class HospitalBeds(MethodView):
    @staff_required(blp, *bed_reports.REPORTERS)
    @blp.arguments(BedCountsSchema)
    @blp.response(200, SavedBedReportSchema)
    def put(self, body: dict[str, Any], code: str) -> Any:
        """Report a day's beds (rumah_sakit for its own hospital; satgas_provinsi and admins for any), audited

        Occupied beds may not exceed their total; a second report for the same day replaces the first.
        """
        day = body.pop("day")
        report, replaced = bed_reports.put_report(code, day, body, current_staff())
        view = hospitals.report_view(report, report.reported_at)
        return {**(view or {}), "hospital": code, "replaced": replaced}
