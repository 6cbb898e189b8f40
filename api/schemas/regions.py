"""The kabupaten/kota reference records."""

from __future__ import annotations

import marshmallow as ma


class RegionSchema(ma.Schema):
    code = ma.fields.String(required=True, metadata={"description": "Kemendagri code, e.g. 13.71", "example": "13.71"})
    bps_code = ma.fields.String(required=True, metadata={"description": "BPS code, e.g. 1371"})
    name = ma.fields.String(required=True)
    short_name = ma.fields.String(required=True)
    type = ma.fields.String(required=True, metadata={"description": "Kabupaten or Kota"})
    capital = ma.fields.String(required=True)
    population_2020 = ma.fields.Integer(required=True, metadata={"description": "BPS Sensus Penduduk 2020"})
    area_km2 = ma.fields.Float(required=True)
    centroid_lat = ma.fields.Float(required=True)
    centroid_lon = ma.fields.Float(required=True)
