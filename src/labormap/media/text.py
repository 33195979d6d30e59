"""Text normalisation and tokenisation shared by every step of the media pipeline."""

from __future__ import annotations

import html
import re
import unicodedata

# Quotes of every typographic tradition become «» (names of companies are mostly quoted), dashes one dash.
_QUOTES = str.maketrans(
    {
        "“": "«",
        "„": "«",
        "‹": "«",
        "”": "»",
        "›": "»",
        "‟": "«",
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u200b": "",
        "–": "-",
        "—": "-",
        "‑": "-",
        "−": "-",
    }
)
_TAG = re.compile(r"<[^>]{0,2000}>")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_NEWLINES = re.compile(r"\n\s*\n+")
_STRAIGHT_QUOTES = re.compile(r"(^|[\s(\[])[\"'](?=\S)|(?<=\S)[\"'](?=[\s.,;:!?)\]]|$)")

# Kazakh letters folded onto their Russian look-alikes: social media often type Kazakh without them,
# and a Latin «i» often stands for «і». Matching of Kazakh stems is done on folded text.
_KK_FOLD = str.maketrans(
    {
        "ә": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
        "i": "и",
        "ё": "е",
    }
)
KK_LETTERS = frozenset("әғқңөұүһі")

WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
TOKEN_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*|\d+(?:[.,]\d+)*")
_SENT_END = re.compile(r"(?<=[.!?…])\s+(?=[«\"A-ZА-ЯЁӘҒҚҢӨҰҮҺІ0-9⚡‼])|\n+")


def normalise(text: str | None) -> str:
    """Clean a publication's text: HTML entities and tags, Unicode NFC, quotes, spaces."""
    if not text:
        return ""
    t = html.unescape(text)
    if "<" in t and ">" in t:
        t = _TAG.sub(" ", t)
    t = unicodedata.normalize("NFC", t).translate(_QUOTES)
    t = _STRAIGHT_QUOTES.sub(lambda m: (m.group(1) or "") + ("«" if m.group(1) is not None else "»"), t)
    t = _SPACES.sub(" ", t)
    t = _NEWLINES.sub("\n", t)
    return "\n".join(line.strip() for line in t.split("\n")).strip()


def fold(word: str) -> str:
    """Lower-case and fold Kazakh letters (and ё) so stems match however the author typed them."""
    return word.lower().translate(_KK_FOLD)


def words(text: str) -> list[str]:
    """Lower-case words (letters only, hyphenated compounds kept whole), ё → е."""
    return WORD_RE.findall(text.lower().replace("ё", "е"))


def sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of sentences (a cheap splitter: end punctuation before a capital, or a newline)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans
