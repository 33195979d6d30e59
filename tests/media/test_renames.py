"""The demo's renamed employers (issue 18): a rename through the ordinary ingest keeps the old name linkable."""

from __future__ import annotations

from labormap.media.linking import EmployerIndex
from labormap.media.renames import rename_some
from labormap.media.text import TOKEN_RE, fold
from labormap.warehouse import Warehouse


def test_renamed_employers_link_by_their_old_names(warehouse: Warehouse) -> None:
    renamed = rename_some(warehouse.root, n=2)
    assert len(renamed) == 2
    con = warehouse.connect()
    try:
        names = dict(con.execute("select bin, name from employers").fetchall())
        history = {r[0] for r in con.execute("select name from employers_history").fetchall()}
    finally:
        con.close()
    idx = EmployerIndex.from_warehouse(warehouse)
    for bin_, old, new in renamed:
        assert names[bin_] == new and old in history
        text = f"Работники {old} не вышли на работу."
        toks = [(m.group(), fold(m.group()), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
        assert bin_ in {lk.bin for lk in idx.link(text, toks)}
