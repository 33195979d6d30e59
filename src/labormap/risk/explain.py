"""Top reasons per employer: contributions grouped by reason, the five largest positive ones, each with
its sentence in Russian, Kazakh and English, as an Arrow ``LIST<STRUCT<…>>`` column."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import numpy as np
import pyarrow as pa

from labormap.features.catalog import FEATURE_NAMES
from labormap.risk.reasons import REASON_OF_FEATURE, REASONS_BY_CODE

TOP_REASONS = 5

REASON_TYPE = pa.struct(
    [
        ("code", pa.string()),
        ("contribution", pa.float64()),
        ("value", pa.float64()),
        ("text_ru", pa.string()),
        ("text_kk", pa.string()),
        ("text_en", pa.string()),
    ]
)


def group_by_reason(
    contrib: np.ndarray, names: tuple[str, ...] = FEATURE_NAMES
) -> tuple[list[str], np.ndarray]:
    """Sum per-feature contributions (employers × features) into reasons (employers × reasons)."""
    codes = sorted({REASON_OF_FEATURE[n] for n in names})
    idx = {c: k for k, c in enumerate(codes)}
    out = np.zeros((contrib.shape[0], len(codes)))
    for j, n in enumerate(names):
        out[:, idx[REASON_OF_FEATURE[n]]] += contrib[:, j]
    return codes, out


class _Row(Mapping[str, float | None]):
    """One employer's features, read from per-feature Python lists (NaN → None)."""

    __slots__ = ("_cols", "_i")

    def __init__(self, cols: dict[str, list[float]], i: int) -> None:
        self._cols, self._i = cols, i

    def __getitem__(self, k: str) -> float | None:
        v = self._cols[k][self._i]
        return None if v != v else v

    def __iter__(self) -> Iterator[str]:
        return iter(self._cols)

    def __len__(self) -> int:
        return len(self._cols)


def reasons_column(
    features: pa.Table,
    codes: list[str],
    by_reason: np.ndarray,
    top: int = TOP_REASONS,
    scores: np.ndarray | None = None,
) -> pa.Array:
    """The ``reasons`` column: for each employer, up to ``top`` reasons with a positive contribution
    whose sentence states a risk-raising fact (``Sentence.raises``). An employer whose score shows as 0
    (``scores`` given) has no reasons: nothing raised it.

    Vectorised by reason: a sentence depends only on its reason's own features (tested), so each distinct
    combination of those values is rendered once and shared by every employer that has it.
    """
    if scores is not None:
        by_reason = np.where((np.round(np.asarray(scores, dtype=float)) <= 0)[:, None], 0.0, by_reason)
    n = by_reason.shape[0]
    k = min(top, by_reason.shape[1])
    if n == 0 or k == 0:
        return pa.array([[] for _ in range(n)], pa.list_(REASON_TYPE))
    # the top k per row by contribution, largest first
    part = np.argpartition(-by_reason, k - 1, axis=1)[:, :k]
    vals = np.take_along_axis(by_reason, part, axis=1)
    order = np.argsort(-vals, axis=1, kind="stable")
    top_idx = np.take_along_axis(part, order, axis=1)
    top_val = np.take_along_axis(vals, order, axis=1)
    valid = top_val > 1e-9  # a prefix of each row, as the row is sorted
    rows = np.repeat(np.arange(n), k).reshape(n, k)[valid]
    code_i = top_idx[valid]
    contrib = top_val[valid]
    offsets = np.concatenate([[0], np.cumsum(valid.sum(axis=1))]).astype(np.int32)
    m = len(rows)
    cols = {
        name: features.column(name).to_numpy(zero_copy_only=False).astype(np.float64)
        for name in FEATURE_NAMES
    }
    lists: dict[str, list[float]] = {}
    ru = np.empty(m, dtype=object)
    kk = np.empty(m, dtype=object)
    en = np.empty(m, dtype=object)
    value = np.full(m, np.nan)
    keep = np.ones(m, dtype=bool)
    code_names = np.asarray(codes, dtype=object)[code_i]
    for c_idx, code in enumerate(codes):
        pos = np.flatnonzero(code_i == c_idx)
        if not len(pos):
            continue
        reason = REASONS_BY_CODE[code]
        r = rows[pos]
        value[pos] = cols[reason.value_of][r]
        inputs = np.column_stack([cols[f][r] for f in reason.features])
        key = np.where(np.isnan(inputs), np.inf, inputs)  # NaN never equals itself: give it one key
        _, first, inverse = np.unique(key, axis=0, return_index=True, return_inverse=True)
        for f in reason.features:
            if f not in lists:
                lists[f] = cols[f].tolist()
        texts = [reason.render(_Row(lists, int(r[i]))) for i in first]
        raising = np.asarray([reason.raises(_Row(lists, int(r[i]))) for i in first], dtype=bool)
        keep[pos] = raising[inverse.ravel()]
        ru[pos] = [texts[j][0] for j in inverse.ravel()]
        kk[pos] = [texts[j][1] for j in inverse.ravel()]
        en[pos] = [texts[j][2] for j in inverse.ravel()]
    if not keep.all():
        # drop the sentences that state no risk fact; each employer keeps its order of the rest
        code_names, contrib, value = code_names[keep], contrib[keep], value[keep]
        ru, kk, en = ru[keep], kk[keep], en[keep]
        counts = np.bincount(rows[keep], minlength=n)
        offsets = np.concatenate([[0], np.cumsum(counts)]).astype(np.int32)
    structs = pa.StructArray.from_arrays(
        [
            pa.array(code_names, pa.string()),
            pa.array(contrib, pa.float64()),
            pa.array(value, pa.float64(), from_pandas=True),
            pa.array(ru, pa.string()),
            pa.array(kk, pa.string()),
            pa.array(en, pa.string()),
        ],
        fields=list(REASON_TYPE),
    )
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), structs)
