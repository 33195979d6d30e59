"""Renamed employers for the demo (issue 18): a rename is a new version of the same BIN.

Real employers change names (АрселорМиттал Темиртау → Qarmet) while the press keeps using the old one.
The demo renames a few employers that the registry of conflicts names — the simulated press wrote about
them under their old names — by ingesting an ``employers`` drop with a new name and the old one in
``aliases``, through the ordinary ingest. The superseded version stays in ``employers_history``, and media
linking (which indexes every name an employer has had) still finds the old name.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import duckdb

from labormap.registries import REGISTRIES

# New names in the style of real rebrandings: a short Latin brand («Qarmet», «KEZBI»).
_BRANDS = ("Qarmet", "Tau Ken", "Steppe Works", "Dala Service", "Ertis Group", "Altyn Zhol")


def rename_some(warehouse_path: Path, n: int = 5) -> list[tuple[str, str, str]]:
    """Rename up to ``n`` employers that have conflicts: ``(bin, old name, new name)``."""
    from labormap.ingest import ingest_drop
    from labormap.warehouse import Warehouse

    wh = Warehouse(warehouse_path)
    cols = [c.name for c in REGISTRIES["employers"].columns]
    con = wh.connect()
    try:
        have = {r[0] for r in con.execute("describe employers").fetchall()}
        sel = ", ".join(c if c in have else f"NULL AS {c}" for c in cols)
        try:
            rows = con.execute(
                f"select {sel} from employers e where e.status = 'active' and exists "
                "(select 1 from conflicts c where c.employer_bin = e.bin) order by e.bin limit ?",
                [n],
            ).fetchall()
        except duckdb.Error:  # no conflicts registry loaded: any active employers
            rows = []
        if not rows:
            rows = con.execute(
                f"select {sel} from employers e where e.status = 'active' order by e.bin limit ?", [n]
            ).fetchall()
    finally:
        con.close()
    if not rows:
        return []
    out: list[tuple[str, str, str]] = []
    recs: list[dict[str, Any]] = []
    for i, row in enumerate(rows):
        rec = dict(zip(cols, row, strict=True))
        old = str(rec["name"])
        form = old.split("«", 1)[0].strip() or "ТОО"
        new = f"{form} «{_BRANDS[i % len(_BRANDS)]}{'' if i < len(_BRANDS) else ' ' + str(i)}»"
        rec["aliases"] = ";".join(a for a in (rec.get("aliases") or "", old) if a)
        rec["name"] = new
        recs.append(rec)
        out.append((str(rec["bin"]), old, new))
    with tempfile.TemporaryDirectory() as tmp:
        drop = Path(tmp)
        with open(drop / "employers.jsonl", "w", encoding="utf-8") as f:
            for rec in recs:
                f.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
        ingest_drop(drop, wh)
    return out
