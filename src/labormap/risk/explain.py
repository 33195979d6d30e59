"""Top reasons per employer: contributions grouped by reason, the five largest positive ones, each with
its sentence in Russian, Kazakh and English, as an Arrow ``LIST<STRUCT<…>>`` column."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import numpy as np
import pyarrow as pa

from labormap.features.catalog import FEATURE_NAMES
from labormap.risk.reasons import REASON_OF_FEATURE, REASONS_BY_CODE

TOP_REASONS = 5

REASON_TYPE = pa.struct([
    ("code", pa.string()),
    ("contribution", pa.float64()),
    ("value", pa.float64()),
    ("text_ru", pa.string()),
    ("text_kk", pa.string()),
    ("text_en", pa.string()),
])


def group_by_reason(contrib: np.ndarray, names: tuple[str, ...] = FEATURE_NAMES) -> tuple[list[str], np.ndarray]:
    """Sum per-feature contributions (employers × features) into reasons (employers × reasons)."""
    codes = sorted({REASON_OF_FEATURE[n] for n in names})
    idx = {c: k for k, c in enumerate(codes)}
    out = np.zeros((contrib.shape[0], len(codes)))
    for j, n in enumerate(names):
        out[:, idx[REASON_OF_FEATURE[n]]] += contrib[:, j]
    return codes, out


class _RowView(Mapping[str, float | None]):
    """One employer's features without building a dict per employer."""

    def __init__(self, cols: dict[str, np.ndarray], i: int) -> None:
        self._cols, self._i = cols, i

    def __getitem__(self, k: str) -> float | None:
        v = float(self._cols[k][self._i])
        return None if v != v else v

    def __iter__(self) -> Iterator[str]:
        return iter(self._cols)

    def __len__(self) -> int:
        return len(self._cols)


def reasons_column(features: pa.Table, codes: list[str], by_reason: np.ndarray, top: int = TOP_REASONS) -> pa.Array:
    """The ``reasons`` column: for each employer, up to ``top`` reasons with a positive contribution."""
    n = by_reason.shape[0]
    cols = {name: features.column(name).to_numpy(zero_copy_only=False).astype(np.float64) for name in FEATURE_NAMES}
    k = min(top, by_reason.shape[1])
    # the top k per row by contribution, largest first
    part = np.argpartition(-by_reason, k - 1, axis=1)[:, :k] if k else np.zeros((n, 0), dtype=int)
    vals = np.take_along_axis(by_reason, part, axis=1)
    order = np.argsort(-vals, axis=1, kind="stable")
    top_idx = np.take_along_axis(part, order, axis=1)
    top_val = np.take_along_axis(vals, order, axis=1)
    offsets = [0]
    f_code: list[str] = []
    f_contrib: list[float] = []
    f_value: list[float | None] = []
    ru: list[str] = []
    kk: list[str] = []
    en: list[str] = []
    value_cols = {c: cols[REASONS_BY_CODE[c].value_of] for c in codes}
    renderers = {c: REASONS_BY_CODE[c].render for c in codes}
    for i in range(n):
        row = _RowView(cols, i)
        for j in range(k):
            v = top_val[i, j]
            if not v > 1e-9:
                break
            code = codes[top_idx[i, j]]
            t_ru, t_kk, t_en = renderers[code](row)
            f_code.append(code)
            f_contrib.append(float(v))
            x = float(value_cols[code][i])
            f_value.append(None if x != x else x)
            ru.append(t_ru)
            kk.append(t_kk)
            en.append(t_en)
        offsets.append(len(f_code))
    structs = pa.StructArray.from_arrays(
        [pa.array(f_code, pa.string()), pa.array(f_contrib, pa.float64()), pa.array(f_value, pa.float64()),
         pa.array(ru, pa.string()), pa.array(kk, pa.string()), pa.array(en, pa.string())],
        fields=list(REASON_TYPE),
    )
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), structs)
