"""Where the tests find shared real data and the optional PostgreSQL database."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"
PG_URL = os.environ.get("SUMBAR_TEST_DATABASE_URL")

REAL_JSON = SHARED_DATA / "prov_detail_SUMATERA_BARAT.json"
REAL_CSV = SHARED_DATA / "sumbar_covid_daily_covid19goid.csv"
BOUNDARY_FILE = SHARED_DATA / "sumbar_kabkota.geojson"

needs_real = pytest.mark.skipif(not REAL_JSON.exists(), reason="shared real data not present")
needs_boundaries = pytest.mark.skipif(not BOUNDARY_FILE.exists(), reason="shared boundary file not present")
