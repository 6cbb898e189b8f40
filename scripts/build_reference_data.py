"""Rebuild data/kabkota.geojson and data/hospitals.csv from their sources (see data/README.md).

    .venv/bin/python -m scripts.build_reference_data SUMBAR_KABKOTA_GEOJSON SUMBAR_HOSPITALS_CSV

The boundaries are simplified as one coverage (shared edges stay shared, the three kota that are holes
in their kabupaten stay holes), wound clockwise as SVG maps draw them, and rounded to 4 decimals (about
11 m); each feature keeps its code, names and a label point inside it. The hospitals keep the facts the
dashboard shows, with the region taken from the coordinates (the source's region text is wrong for about
18 rows).
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping, shape

DATA = Path(__file__).resolve().parents[1] / "data"
# Small enough to change no area by more than 0.2 % and move no hospital into another region.
TOLERANCE_DEGREES = 0.002
HOSPITAL_TYPES = {
    "RS_RUJUKAN_NASIONAL": "national_referral",
    "RS_RUJUKAN_PROVINSI": "provincial_referral",
    "RS": "hospital",
    "": "",
}


def _rounded(geometry: Any) -> Any:
    return json.loads(json.dumps(mapping(geometry)), parse_float=lambda text: round(float(text), 4))


def build_boundaries(source: Path) -> dict[str, Any]:
    collection = json.loads(source.read_text(encoding="utf-8"))
    features = collection["features"]
    simplified = shapely.coverage_simplify(np.array([shape(f["geometry"]) for f in features]), TOLERANCE_DEGREES)
    # Exterior rings clockwise: the winding d3-geo (and so plotly's SVG maps) expects; counter-clockwise rings
    # would be drawn as the whole globe minus the region.
    simplified = shapely.orient_polygons(simplified, exterior_cw=True)
    out = []
    for feature, geometry in zip(features, simplified, strict=True):
        props = feature["properties"]
        label = shapely.point_on_surface(geometry)
        out.append(
            {
                "type": "Feature",
                "id": props["code"],
                "properties": {
                    "code": props["code"],
                    "name": props["name"],
                    "short_name": props["short_name"],
                    "type": props["type"],
                    "label_lon": round(label.x, 4),
                    "label_lat": round(label.y, 4),
                },
                "geometry": _rounded(geometry),
            }
        )
    return {"type": "FeatureCollection", "features": out}


def build_hospitals(source: Path) -> list[dict[str, str]]:
    rows = []
    with source.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if not row["kemendagri_code_by_point"]:
                continue  # no coordinates, so no region to list it under
            rows.append(
                {
                    "region_code": row["kemendagri_code_by_point"],
                    "code": row["kode_rs"],
                    "name": row["nama"].strip(),
                    "type": HOSPITAL_TYPES[row["tipe"]],
                    "beds": row["tempat_tidur"],
                    "phone": row["telepon"].strip(),
                    "address": " ".join(row["alamat"].split()),
                    "lat": row["lat"],
                    "lon": row["lon"],
                }
            )
    return sorted(rows, key=lambda r: (r["region_code"], r["type"] == "", r["name"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("boundaries", type=Path)
    parser.add_argument("hospitals", type=Path)
    args = parser.parse_args()
    geojson = build_boundaries(args.boundaries)
    (DATA / "kabkota.geojson").write_text(json.dumps(geojson, separators=(",", ":")) + "\n", encoding="utf-8")
    hospitals = build_hospitals(args.hospitals)
    with (DATA / "hospitals.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(hospitals[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(hospitals)
    print(f"{len(geojson['features'])} boundaries, {len(hospitals)} hospitals written to {DATA}")


if __name__ == "__main__":
    main()
