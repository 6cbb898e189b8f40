"""The kabupaten/kota of Sumatera Barat."""

from __future__ import annotations

from typing import Any

from flask.views import MethodView

from api.resources.freshness import conditional
from api.schemas.regions import RegionSchema
from api.services.case_store import regions_version
from api.services.regions import get_region, list_regions
from api.smorest import Blueprint

blp = Blueprint("regions", __name__, url_prefix="/api/v1/regions", description="Kabupaten/kota (reference data)")


@blp.route("")
class Regions(MethodView):
    @conditional(blp, regions_version)
    @blp.response(200, RegionSchema(many=True))
    def get(self) -> Any:
        """The 19 kabupaten/kota, by Kemendagri code"""
        return list_regions()


@blp.route("/<string:code>")
class RegionByCode(MethodView):
    @conditional(blp, regions_version)
    @blp.response(200, RegionSchema)
    def get(self, code: str) -> Any:
        """One kabupaten/kota by its Kemendagri code (e.g. 13.71)"""
        return get_region(code)
