"""Case statistics: public series, summary, errata, codebook and CSV downloads; staff entry and removal of
one day's figures."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence
from typing import Any

from flask import Response
from flask.views import MethodView
from flask_smorest import abort

from api.auth import EDITORS, current_scope, current_staff, staff_required
from api.resources.freshness import conditional
from api.schemas.cases import (
    CSV_REPLY,
    CaseDaySchema,
    CodebookEntrySchema,
    DeletedDaySchema,
    ErratumSchema,
    FormatQuerySchema,
    SavedDaySchema,
    SeriesQuerySchema,
    SeriesRangeSchema,
    SeriesRowSchema,
    SummarySchema,
)
from api.services import case_import, case_stats
from api.smorest import Blueprint
from screening.text import bilingual
from surveillance.case_files import FIELDS

blp = Blueprint("cases", __name__, url_prefix="/api/v1", description="COVID-19 case statistics per kabupaten/kota")
# Case figures are entered by editors, and by a kabupaten/kota task force for its own region.
CASE_EDITORS = (*EDITORS, "satgas_kabkota")


def _cell(value: Any) -> Any:
    """CSV cells as spreadsheets and R read them: true/false, at most 2 decimals, empty for unknown."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return round(value, 2)
    return value


def csv_download(rows: Iterable[dict[str, Any]], columns: Sequence[str], name: str) -> Response:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return Response(
        buffer.getvalue(), mimetype="text/csv", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@blp.route("/cases")
class Cases(MethodView):
    @conditional(blp, case_stats.data_version)
    @blp.arguments(SeriesQuerySchema, location="query")
    @blp.response(200, SeriesRowSchema(many=True))
    @blp.doc(responses={200: {"content": CSV_REPLY}})
    def get(self, query: dict[str, Any]) -> Any:
        """Daily series for one area: new, cumulative, active, 7-day averages, per 100,000 (?format=csv)

        Every column is explained at `/api/v1/cases/codebook`; the CSV has the same columns and values.
        """
        rows = case_stats.series_rows(query["region"], query["from_"], query["to"])
        if query["format"] == "csv":
            return _series_csv(rows, query["region"])
        return rows


def _series_csv(rows: list[dict[str, Any]], region: str) -> Response:
    return csv_download(SeriesRowSchema(many=True).dump(rows), case_stats.series_columns(), f"cases-{region}.csv")


@blp.route("/cases.csv")
class CasesCsv(MethodView):
    @conditional(blp, case_stats.data_version)
    @blp.arguments(SeriesRangeSchema, location="query")
    @blp.response(200)
    @blp.doc(responses={200: {"content": CSV_REPLY}})
    def get(self, query: dict[str, Any]) -> Any:
        """The daily series of one area as a CSV file (the rows and columns of GET /api/v1/cases)

        One operation per media type, so that a client generated from this document reads the reply as text.
        """
        return _series_csv(case_stats.series_rows(query["region"], query["from_"], query["to"]), query["region"])


@blp.route("/cases/summary")
class CasesSummary(MethodView):
    @conditional(blp, case_stats.data_version)
    @blp.arguments(FormatQuerySchema, location="query")
    @blp.response(200, SummarySchema)
    @blp.doc(responses={200: {"content": CSV_REPLY}})
    def get(self, query: dict[str, Any]) -> Any:
        """Latest key figures for the province and each kabupaten/kota, with the change over 7 days

        Each figure says its trend and whether that trend is good news; each area when it was last
        updated and whether its figures are demo data (`demo`).
        """
        if query["format"] == "csv":
            rows = case_stats.summary_rows()
            return csv_download(rows, list(rows[0]) if rows else ["region"], "cases-summary.csv")
        return {"areas": case_stats.summary()}


@blp.route("/cases/errata")
class CasesErrata(MethodView):
    @conditional(blp, case_stats.data_version)
    @blp.response(200, ErratumSchema(many=True))
    def get(self) -> Any:
        """Days whose figures correct earlier reports (negative daily values)"""
        return case_stats.errata()


@blp.route("/cases/codebook")
class CasesCodebook(MethodView):
    @conditional(blp, lambda: "codebook")
    @blp.response(200, CodebookEntrySchema(many=True))
    def get(self) -> Any:
        """Every column of the series and its meaning, in Indonesian and English"""
        return list(case_stats.codebook())


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        abort(
            422,
            errors={
                "path": {"date": [bilingual("Tanggal tidak valid (YYYY-MM-DD).", "Not a valid date (YYYY-MM-DD).")]}
            },
        )
        raise  # abort never returns


def _check_scope(code: str) -> None:
    if current_staff().role == "satgas_kabkota" and not current_scope().allows(code):
        abort(403, message=bilingual(f"Wilayah {code} di luar wewenang Anda.", f"Region {code} is outside your area."))


@blp.route("/regions/<string:code>/cases/<string:day>")
class RegionCaseDay(MethodView):
    @staff_required(blp, *CASE_EDITORS)
    @blp.arguments(CaseDaySchema)
    @blp.response(200, SavedDaySchema)
    def put(self, body: dict[str, Any], code: str, day: str) -> Any:
        """Enter or correct one day's figures (editor; satgas_kabkota for its own region), audited

        Whole numbers only, within plausible sizes; dates from 2020-01-01 to tomorrow. The province
        (`13`) is a series of its own: an entry changes that one day. Real figures for an area whose
        series is demo data replace that demo series (`replaced_demo_days`).
        """
        _check_scope(code)
        entry = case_import.put_day(code, _day(day), body, current_staff())
        record = entry.record
        return {
            "region": record.region_code,
            "date": record.date.isoformat(),
            "correction": record.correction,
            **{name: getattr(record, name) for name in FIELDS},
            "replaced_demo_days": entry.replaced_demo_days,
        }

    @staff_required(blp, *CASE_EDITORS)
    @blp.response(200, DeletedDaySchema)
    def delete(self, code: str, day: str) -> Any:
        """Remove a wrong day (editor; satgas_kabkota for its own region); the audit trail keeps what it was"""
        _check_scope(code)
        return {**case_import.delete_day(code, _day(day), current_staff()), "deleted": True}
