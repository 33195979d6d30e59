"""A boundaries file for the choropleth tests: the shared OSM file when it sits beside the repository,
otherwise a synthetic one (a square around each region's centre) so the tests never depend on data we
did not make."""

from __future__ import annotations

import json
from pathlib import Path

from labormap.reference import REGIONS

SHARED = Path(__file__).resolve().parents[3] / "shared" / "geo" / "kz-regions.geojson"


def boundaries_file(tmp_dir: Path) -> Path:
    if SHARED.exists():
        return SHARED
    half = 0.4
    features = [
        {
            "type": "Feature",
            "properties": {"kato": r.kato, "name_ru": r.name_ru, "name_kk": r.name_kk, "name_en": r.name_en},
            "geometry": {
                "type": "Polygon",
                "coordinates": [
                    [
                        [r.lon - half, r.lat - half],
                        [r.lon + half, r.lat - half],
                        [r.lon + half, r.lat + half],
                        [r.lon - half, r.lat + half],
                        [r.lon - half, r.lat - half],
                    ]
                ],
            },
        }
        for r in REGIONS.values()
    ]
    path = tmp_dir / "synthetic-regions.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return path
