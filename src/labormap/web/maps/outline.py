"""One region's outline for the drill-down view, instead of the whole national boundaries file.

The national file is over a megabyte; a region's view needs one polygon. Each region's outline is cut
out once (per file version), rounded to ~100 m, and served on its own with the region's scope check.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any


def _round(x: Any) -> Any:
    if isinstance(x, list):
        return [_round(v) for v in x]
    return round(x, 3) if isinstance(x, float) else x


@lru_cache(maxsize=2)
def _outlines(path: str, mtime: float) -> dict[str, bytes]:
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    out: dict[str, bytes] = {}
    for feat in data.get("features", []):
        props = feat.get("properties") or {}
        kato = str(props.get("kato") or "")
        if not kato:
            continue
        geom = dict(feat.get("geometry") or {})
        if "coordinates" in geom:
            geom["coordinates"] = _round(geom["coordinates"])
        one = {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {
                        k: props.get(k) for k in ("kato", "name_ru", "name_kk", "name_en") if k in props
                    },
                    "geometry": geom,
                }
            ],
        }
        out[kato] = json.dumps(one, separators=(",", ":")).encode()
    return out


def region_outline(path: Path, kato: str) -> bytes | None:
    """The GeoJSON of region ``kato`` alone, or None when the file has no such region."""
    return _outlines(str(path), path.stat().st_mtime).get(kato)
