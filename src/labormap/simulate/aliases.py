"""Aliases of simulated employers (the ``employers.aliases`` column, issue 18).

Real reports name employers by abbreviations («ТШО»), Latin spellings («Kazakhmys») and former names
(«АрселорМиттал Темиртау» for Qarmet). A few simulated employers get such aliases so the media linking
and the demo exercise them: about 3 % an abbreviation plus a Latin spelling, about 1 % a former name
(the employer was renamed; the former name is kept in ``aliases``). Deterministic in the BIN, so the
world stays reproducible without touching the random stream other generators use.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

_RU_LAT = str.maketrans(
    {
        "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
        "и": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
        "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
        "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    }
)  # fmt: skip
_QUOTED = re.compile(r"«([^«»]+)»")
_FORMER_PREFIXES = ("Казахстан", "Сары-Арка", "Восток", "Батыс", "Ертіс")


def _core(name: str) -> str:
    m = _QUOTED.search(name)
    return (m.group(1) if m else name).strip()


def latin(name: str) -> str:
    """A Latin spelling of a Cyrillic name («Жанаозен Мунай» → «Zhanaozen Munai»)."""
    return " ".join(w.lower().translate(_RU_LAT).capitalize() for w in name.split())


def aliases_for(bins: Sequence[str], names: Sequence[str]) -> list[str | None]:
    """The ``aliases`` column: ``;``-separated, or None for most employers."""
    out: list[str | None] = []
    for b, n in zip(bins, names, strict=True):
        core = _core(n)
        words = [w for w in re.split(r"[\s-]+", core) if w[:1].isalpha()]
        h = zlib.crc32(b.encode()) % 1000
        if h < 30 and len(words) >= 2:
            abbr = "".join(w[0] for w in words).upper()
            out.append(f"{abbr};{latin(core)}" if len(abbr) >= 3 else latin(core))
        elif h < 40:
            out.append(f"ТОО «{_FORMER_PREFIXES[h % len(_FORMER_PREFIXES)]} {core}»")
        else:
            out.append(None)
    return out
