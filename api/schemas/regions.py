"""The kabupaten/kota reference records."""

from __future__ import annotations

import marshmallow as ma


class RegionSchema(ma.Schema):
    code = ma.fields.String(metadata={"description": "Kemendagri code, e.g. 13.71", "example": "13.71"})
    bps_code = ma.fields.String(metadata={"description": "BPS code, e.g. 1371"})
    name = ma.fields.String()
    short_name = ma.fields.String()
    type = ma.fields.String(metadata={"description": "Kabupaten or Kota"})
    capital = ma.fields.String()
    population_2020 = ma.fields.Integer(metadata={"description": "BPS Sensus Penduduk 2020"})
    area_km2 = ma.fields.Float()
    centroid_lat = ma.fields.Float()
    centroid_lon = ma.fields.Float()
