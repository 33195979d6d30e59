"""Linking publications to employers of the warehouse's ``employers`` registry.

The index holds every employer's Russian and Kazakh names without legal forms and quotes, as light
stems (so «Жанаозен Мунай», «Жанаозен Мунайа», «Жаңаөзен Мұнай» АҚ-ның all meet), plus initials
aliases of long names («ПТЗ» for «Петропавловский трансформаторный завод»). A publication links to an
employer when

1. it mentions a valid BIN of the registry (confidence 1.0),
2. its words contain a full name (0.95 for names of two words or more; a one-word name needs support:
   capitals plus quotes, a legal form, a named-entity span, or a word no dictionary knows — 0.85),
3. an initials alias in capitals (0.8), or
4. a quoted or named-entity organisation is close to a name under rapidfuzz (0.6–0.9).

Town and region names in the text move the confidence up (the employer is registered there) or down
(registered elsewhere), and choose between employers that share a name.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import duckdb
from rapidfuzz import fuzz

from labormap.identifiers import is_valid_kz_id
from labormap.media.gazetteer import Gazetteer
from labormap.media.morph import LEMMATISER, analyzer
from labormap.media.places import TOWNS, region_names
from labormap.media.text import TOKEN_RE, fold

# Legal forms in Russian and Kazakh, abbreviated and spelled out (folded, lower case).
LEGAL_FORM_WORDS = frozenset(
    fold(w)
    for w in (
        "тоо",
        "ао",
        "нао",
        "ип",
        "гп",
        "гкп",
        "ргп",
        "гу",
        "кгу",
        "ргу",
        "пк",
        "кх",
        "фх",
        "оо",
        "жшс",
        "ақ",
        "мкк",
        "ммк",
        "мм",
        "кмм",
        "кмк",
        "рмк",
        "жк",
        "шқ",
        "филиал",
        "ооо",
        "llp",
        "jsc",
        "llc",
        "ltd",
    )
)
LEGAL_FORM_PHRASES = tuple(
    fold(p)
    for p in (
        "товарищество с ограниченной ответственностью",
        "некоммерческое акционерное общество",
        "акционерное общество",
        "государственное коммунальное предприятие на праве хозяйственного ведения",
        "государственное коммунальное предприятие",
        "республиканское государственное предприятие",
        "коммунальное государственное учреждение",
        "государственное учреждение",
        "жауапкершілігі шектеулі серіктестігі",
        "жауапкершілігі шектеулі серіктестік",
        "акционерлік қоғамы",
        "акционерлік қоғам",
    )
)
# Kazakh case and plural endings (folded). Kazakh has no maintained morphological analyser among our
# dependencies (pymorphy3 is Russian only), so these few suffixes stay a list; Russian inflection is
# pymorphy3's (see :func:`stem`).
_KK_ENDINGS = tuple(
    sorted(
        {
            fold(e)
            for e in (
                "ның",
                "нің",
                "дың",
                "дің",
                "тың",
                "тің",
                "ға",
                "ге",
                "қа",
                "ке",
                "на",
                "не",
                "да",
                "де",
                "та",
                "те",
                "нда",
                "нде",
                "дан",
                "ден",
                "тан",
                "тен",
                "нан",
                "нен",
                "ды",
                "ді",
                "ты",
                "ті",
                "ны",
                "ні",
                "сы",
                "сі",
                "дағы",
                "дегі",
                "тағы",
                "тегі",
                "ндағы",
                "ндегі",
                "мен",
                "бен",
                "пен",
                "лар",
                "лер",
                "дар",
                "дер",
                "тар",
                "тер",
            )
        },
        key=len,
        reverse=True,
    )
)
# Latin letters onto Cyrillic (digraphs first) so «Kazakhmys», «KEZBI», «Qarmet» meet «Казахмыс», «Кезби»,
# «Кармет», and Cyrillic texts meet Latin registered names («Shymkent Bus»). Applied to lower-case words.
_LAT_DIGRAPHS = (
    ("shch", "щ"),
    ("kh", "х"),
    ("sh", "ш"),
    ("ch", "ч"),
    ("zh", "ж"),
    ("ts", "ц"),
    ("yu", "ю"),
    ("ya", "я"),
)
_LAT = str.maketrans(
    {
        "a": "а", "b": "б", "c": "к", "d": "д", "e": "е", "f": "ф", "g": "г", "h": "х", "i": "и",
        "j": "ж", "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "q": "к", "r": "р",
        "s": "с", "t": "т", "u": "у", "v": "в", "w": "в", "x": "кс", "y": "ы", "z": "з",
    }
)  # fmt: skip
_LATIN_RE = re.compile(r"[a-z]")


def cyrillic(word: str) -> str:
    """A lower-case word with its Latin letters transliterated to Cyrillic (others kept)."""
    if not _LATIN_RE.search(word):
        return word
    for a, b in _LAT_DIGRAPHS:
        word = word.replace(a, b)
    return word.translate(_LAT)


def canon(stem_: str) -> str:
    """Russian and Kazakh spellings of one name on one skeleton: Kazakh «қ» (folded «к») stands for Russian
    «х» (Қазақмыс / Казахмыс), «ң» (folded «н») for «нг» (Теңізшевройл / Тенгизшевройл), «й» for «и»
    of transliterations (Ozenmunaigas)."""
    return stem_.replace("х", "к").replace("нг", "н").replace("й", "и")


# More employers than this sharing a name (after the town hints) make the name too common to link.
MAX_NAMESAKES = 3
_BIN_RE = re.compile(r"(?<!\d)(\d{12})(?!\d)")


def _by_length(endings: tuple[str, ...]) -> tuple[tuple[int, frozenset[str]], ...]:
    lengths = sorted({len(e) for e in endings}, reverse=True)
    return tuple((n, frozenset(e for e in endings if len(e) == n)) for n in lengths)


# Kazakh endings, longest first: set look-ups by length.
_KK_ENDING_SETS = _by_length(_KK_ENDINGS)


def _strip_kazakh(word: str) -> str:
    """Up to two Kazakh endings off a folded word, never below three letters."""
    for _ in range(2):
        if len(word) < 5:
            break
        for n, ends in _KK_ENDING_SETS:
            if len(word) - n >= 3 and word[-n:] in ends:
                word = word[:-n]
                break
        else:
            break
    return word


@lru_cache(maxsize=200_000)
def _guessed_noun_lemma(word: str) -> str:
    """pymorphy3's lemma of a word it does not know, when it confidently reads it as an inflected noun
    whose lemma differs only in the ending (≤2 letters); else the word itself."""
    best = analyzer().parse(word)[0]
    if best.score < 0.5 or "NOUN" not in best.tag:
        return word
    lemma = str(best.normal_form).replace("ё", "е")
    common = next(
        (i for i, (x, y) in enumerate(zip(word, lemma, strict=False)) if x != y), min(len(word), len(lemma))
    )
    return lemma if common >= 3 and len(word) - common <= 2 and len(lemma) - common <= 2 else word


def stem(word: str) -> str:
    """The form a folded name word is indexed and matched under.

    A Russian dictionary word becomes its pymorphy3 lemma («трансформаторного», «заводе» → «трансформаторный»,
    «завод»). A word no dictionary knows — most company and place names, and Kazakh words — first loses
    Kazakh endings («мунайдын» → «мунай»); if it has none, pymorphy3's guess is used only when it reads the
    word as an inflected noun and changes just the ending («казмысстроя» → «казмысстрой»): its guesses for
    other names change the stem itself («жанаозен» → «жанаозный»). What remains between two forms of one
    name («жанаозена», «жанаозен») is bridged by :func:`compatible`.
    """
    if "-" in word:
        return "-".join(stem(p) for p in word.split("-"))
    if len(word) < 4 or not word.isalpha():
        return word
    if LEMMATISER.is_dictionary_word(word):
        return LEMMATISER.lemma(word)
    kk = _strip_kazakh(word)
    return kk if kk != word else _guessed_noun_lemma(word)


def compatible(a: str, b: str) -> bool:
    """Two stems of the same name word: equal, or one extends the other by at most two letters."""
    if a == b:
        return True
    if a.isdigit() or b.isdigit():
        return False
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 3 and long_.startswith(short) and len(long_) - len(short) <= 2


def name_tokens(name: str) -> tuple[str, ...]:
    """A name's words without legal forms, quotes and punctuation, as folded stems on the skeleton of
    :func:`canon` (Latin letters transliterated)."""
    low = fold(name.lower())
    for p in LEGAL_FORM_PHRASES:
        low = low.replace(p, " ")
    words = [cyrillic(w) for w in TOKEN_RE.findall(low) if w not in LEGAL_FORM_WORDS]
    return tuple(canon(stem(w)) for w in words if w not in LEGAL_FORM_WORDS)


def initials(name: str) -> str | None:
    """Initials alias of a name of three or more words («Петропавловский трансформаторный завод» → «птз»)."""
    low = fold(name)
    for p in LEGAL_FORM_PHRASES:
        low = low.replace(p, " ")
    words = [cyrillic(w) for w in TOKEN_RE.findall(low) if w not in LEGAL_FORM_WORDS]
    letters = [canon(w[0]) for w in words if not w[0].isdigit()]
    if len(letters) < 3:
        return None
    digits = [w for w in words if w.isdigit()]
    return "".join(letters) + ("" if not digits else " " + " ".join(digits))


@dataclass(frozen=True, slots=True)
class NameEntry:
    bin: str
    tokens: tuple[str, ...]
    alias: bool  # an initials alias: must be written in capitals


@dataclass(slots=True)
class Employer:
    bin: str
    name: str
    kato: str
    names: list[tuple[str, ...]] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Link:
    bin: str
    confidence: float
    how: str  # bin | name | single | alias | fuzzy


class EmployerIndex:
    """An in-memory index of employer names for linking (built once per run)."""

    def __init__(
        self,
        rows: Iterable[Sequence[object]],
        contractors: Iterable[tuple[str, str]] = (),
    ) -> None:
        """``rows``: ``(bin, name, name_kk, legal_form, kato, holding[, aliases])`` as in the ``employers``
        view; ``aliases`` is ``;``-separated (former names, brands, Latin names, abbreviations). The same
        BIN may come in several rows (its superseded names from ``employers_history``): all are indexed.
        ``contractors``: ``(contractor bin, customer bin)`` pairs of the ``contractor_links`` registry."""
        self.employers: dict[str, Employer] = {}
        # Names by the keys of their first word (one-word names) or of their first two words; under each,
        # the employers by (name words, alias) so namesakes are checked once.
        self._single: dict[str, dict[tuple[tuple[str, ...], bool], list[str]]] = {}
        self._multi: dict[tuple[str, str], dict[tuple[tuple[str, ...], bool], list[str]]] = {}
        self._block: dict[str, set[tuple[str, str]]] = {}  # 3-letter block -> {(joined name, bin)}
        for row in rows:
            bin_, name, name_kk, _form, kato = (str(x) if x is not None else "" for x in row[:5])
            if not bin_ or not name:
                continue
            emp = self.employers.setdefault(bin_, Employer(bin_, name, kato))
            aliases = [a.strip() for a in str(row[6] or "").split(";")] if len(row) > 6 else []
            for a in aliases:
                if _is_abbreviation(a):
                    # «ТШО», «TCO», «АМТ»: an abbreviation counts only written in capitals, like initials.
                    self._add(NameEntry(bin_, (canon(cyrillic(fold(a.lower()))),), True))
            for variant in [name, name_kk, *(a for a in aliases if a and not _is_abbreviation(a))]:
                if not variant:
                    continue
                toks = name_tokens(variant)
                if toks and toks not in emp.names:
                    emp.names.append(toks)
                    self._add(NameEntry(bin_, toks, False))
                    joined = " ".join(toks)
                    for t in toks:
                        self._block.setdefault(t[:5], set()).add((joined, bin_))
                ini = initials(variant)
                if ini:
                    self._add(NameEntry(bin_, tuple(ini.split()), True))
        self._customers: dict[str, set[str]] = {}
        for contractor, customer in contractors:
            if contractor in self.employers:
                self._customers.setdefault(customer, set()).add(contractor)
        self._institutions = _institution_index(self.employers.values())
        self._places = Gazetteer(
            [(n, k) for k, names in TOWNS.items() for n in names]
            + [(n, k) for k, names in region_names().items() for n in names]
        )
        if len(self.employers) > 10_000:
            # A national index is millions of small objects that never die: keep the garbage
            # collector from scanning them again and again.
            gc.freeze()

    def _add(self, e: NameEntry) -> None:
        # Filed under the stems' shortenings by one and two letters too, so a text word finds every
        # compatible name in a few look-ups.
        key = (e.tokens, e.alias)
        if len(e.tokens) == 1:
            for k in _keys(e.tokens[0]):
                self._single.setdefault(k, {}).setdefault(key, []).append(e.bin)
            return
        # Compatible words share their first three letters, so those of the second word suffice.
        for k1 in _keys(e.tokens[0]):
            self._multi.setdefault((k1, e.tokens[1][:3]), {}).setdefault(key, []).append(e.bin)

    def _candidates(self, stems: Sequence[str], i: int) -> dict[tuple[tuple[str, ...], bool], list[str]]:
        out: dict[tuple[tuple[str, ...], bool], list[str]] = {}
        k1s = _keys(stems[i])
        for k1 in k1s:
            out.update(self._single.get(k1, {}))
        if i + 1 < len(stems):
            second = stems[i + 1][:3]
            for k1 in k1s:
                out.update(self._multi.get((k1, second), {}))
        return out

    def __len__(self) -> int:
        return len(self.employers)

    @classmethod
    def from_warehouse(cls, wh: object) -> EmployerIndex:
        from labormap.warehouse import Warehouse

        assert isinstance(wh, Warehouse)
        con = wh.connect()
        try:
            cols = {r[0] for r in con.execute("describe employers").fetchall()}
            alias_col = "aliases" if "aliases" in cols else "NULL"
            rows = con.execute(
                f"select bin, name, name_kk, legal_form, kato, holding, {alias_col} from employers"
            ).fetchall()
            # Every name an employer has had: superseded versions keep former names (a rename is a new
            # version of the same BIN), indexed under the current employer.
            current = {r[0]: r for r in rows}
            try:
                old = con.execute(
                    "select distinct bin, name, name_kk from employers_history where name is not null"
                ).fetchall()
            except duckdb.Error:  # a warehouse without history views (a bare test database)
                old = []
            for b, n, nk in old:
                cur = current.get(b)
                if cur is not None and (n != cur[1] or (nk or "") != (cur[2] or "")):
                    rows.append((b, n, nk, cur[3], cur[4], cur[5], None))
            try:
                links = con.execute(
                    "select distinct employer_bin, customer_bin from contractor_links"
                ).fetchall()
            except duckdb.Error:
                links = []
        finally:
            con.close()
        return cls(rows, contractors=[(str(a), str(b)) for a, b in links])

    # --- linking ---------------------------------------------------------------------------------
    def regions(self, folded_tokens: Sequence[str]) -> set[str]:
        """KATO region prefixes of the towns and regions a text names."""
        return {k for k, _ in self._places.find(folded_tokens)}

    def link(
        self,
        text: str,
        tokens: Sequence[tuple[str, str, int, int]],
        org_spans: Sequence[tuple[int, int]] = (),
        regions: set[str] | None = None,
    ) -> list[Link]:
        """Employers a publication names.

        ``tokens``: ``(as written, folded, start, end)`` for every word and number of the text;
        ``org_spans``: character spans of organisations found by named-entity recognition.
        """
        folded = [t[1] for t in tokens]
        if regions is None:
            regions = self.regions(folded)
        stems = [
            canon(stem(cyrillic(fold(_base(t[0]).lower())) if _LATIN_RE.search(t[0].lower()) else _base(f)))
            for t, f in zip(tokens, folded, strict=True)
        ]
        found: dict[str, Link] = {}

        def put(bin_: str, conf: float, how: str) -> None:
            emp = self.employers.get(bin_)
            if emp is None:
                return
            if regions:
                conf += 0.04 if emp.kato[:2] in regions else -0.1
            conf = max(0.0, min(1.0, conf))
            old = found.get(bin_)
            if old is None or conf > old.confidence:
                found[bin_] = Link(bin_, round(conf, 3), how)

        for bm in _BIN_RE.finditer(text):
            if is_valid_kz_id(bm.group(1)) and bm.group(1) in self.employers:
                found[bm.group(1)] = Link(bm.group(1), 1.0, "bin")

        quoted = _quoted_spans(text)
        # (start, length, confidence, how, name words, employers) of every name found in the text
        matches: list[tuple[int, int, float, str, tuple[str, ...], list[str]]] = []
        for i in range(len(stems)):
            for (words, alias), emp_bins in self._candidates(stems, i).items():
                n = len(words)
                if i + n > len(stems) or not all(compatible(stems[i + j], words[j]) for j in range(n)):
                    continue
                graded = self._grade(words, alias, i, tokens, folded, quoted, org_spans)
                if graded is not None:
                    matches.append((i, n, graded[0], graded[1], words, emp_bins))
        # A longer name wins over the names inside it («Батыс Бургы Сервис» over «Сервис»).
        covered: set[int] = set()
        for length in sorted({m[1] for m in matches}, reverse=True):
            for i, n, conf, how, _words, emp_bins in matches:
                if n != length or covered & set(range(i, i + n)):
                    continue
                bins = set(emp_bins)
                if len(bins) > MAX_NAMESAKES and regions:
                    # A name many employers share identifies one only together with the town.
                    bins = {b for b in bins if self.employers[b].kato[:2] in regions}
                if not bins or len(bins) > MAX_NAMESAKES:
                    continue
                for b in bins:
                    put(b, conf, how)
            covered.update(j for i, n, *_ in matches if n == length for j in range(i, i + n))

        # An institution named by type and town («станция скорой помощи Темиртау», «школа Темиртау»).
        if self._institutions:
            for b in self._institution_links(stems, regions):
                if b not in found:
                    put(b, 0.7, "institution")
        # «A contractor of TCO»: the customer's contractors, at a confidence below the pipeline's threshold
        # (0.5) — candidates to review, never an automatic link.
        if self._customers and any(s_.startswith(_CONTRACTOR_WORDS) for s_ in stems):
            for cust in [b for b in found if b in self._customers]:
                for c in sorted(self._customers[cust]):
                    if c not in found:
                        found[c] = Link(c, 0.45, "contractor")

        # Fuzzy: organisations in quotes or found by NER that no exact name covered.
        for qa, qb in list(quoted) + list(org_spans):
            idx = [
                k for k, t in enumerate(tokens) if t[2] >= qa and t[3] <= qb and t[1] not in LEGAL_FORM_WORDS
            ]
            if not idx or any(k in covered for k in idx) or len(idx) > 6:
                continue
            mention = " ".join(stems[k] for k in idx)
            best = self._fuzzy(mention)
            if best:
                put(best[0], best[1], "fuzzy")
        return sorted(found.values(), key=lambda lk: (-lk.confidence, lk.bin))

    def _grade(
        self,
        words: tuple[str, ...],
        alias: bool,
        i: int,
        tokens: Sequence[tuple[str, str, int, int]],
        folded: Sequence[str],
        quoted: Sequence[tuple[int, int]],
        org_spans: Sequence[tuple[int, int]],
    ) -> tuple[float, str] | None:
        """Confidence and kind of a name found at token ``i``, or None when the evidence is too weak."""
        written = _base(tokens[i][0])
        n = len(words)
        if alias:
            return (0.8, "alias") if written.isupper() and len(written) >= 3 else None
        if n >= 2 and not (n == 2 and words[1].isdigit()):
            return 0.95, "name"
        if n == 2:
            # «школа-лицей №88»: a generic noun with a number; towns decide between namesakes.
            return 0.75, "numbered"
        if not written[:1].isupper():
            return None
        start = tokens[i][2]
        support = (
            _inside(start, quoted)
            or _inside(start, org_spans)
            or (i > 0 and folded[i - 1] in LEGAL_FORM_WORDS)
            or not LEMMATISER.is_dictionary_word(written.lower())
        )
        return (0.85, "single") if support else None

    def _institution_links(self, stems: Sequence[str], regions: set[str]) -> set[str]:
        """Public bodies a text names by type and town: the type's words must occur; among the employers of
        that type in the text's regions, those whose name has a word of the text (the town) win, else the
        one employer of that type whose name names no town."""
        words = set(stems)
        heads = {x[:5] for x in words}
        out: set[str] = set()
        for kind, emps in self._institutions.items():
            if not any(
                all(any(w.startswith(k) for w in words) for k in alt) for alt in _INSTITUTION_TYPES[kind]
            ):
                continue
            cands = [(b, own) for b, own in emps if self.employers[b].kato[:2] in regions]
            strong = [b for b, own in cands if any(w[:5] in heads for w in own)]
            if strong:
                # Many bodies of one type in one town («школа Темиртау») name none of them.
                if len(strong) <= MAX_NAMESAKES:
                    out.update(strong)
            else:
                plain = [b for b, own in cands if not own]
                if len(plain) == 1:
                    out.add(plain[0])
        return out

    def _fuzzy(self, mention: str) -> tuple[str, float] | None:
        cands: set[tuple[str, str]] = set()
        for t in mention.split():
            cands |= self._block.get(t[:5], set())
        best: tuple[str, float] | None = None
        flat = mention.replace(" ", "")
        for joined, bin_ in cands:
            score = max(fuzz.ratio(flat, joined.replace(" ", "")), fuzz.token_sort_ratio(mention, joined))
            if score >= 88 and (best is None or score > best[1]):
                best = (bin_, score)
        if best is None:
            return None
        return best[0], 0.6 + 0.3 * (best[1] - 88) / 12


def _keys(word: str) -> list[str]:
    """The stem itself and its shortenings by one and two letters (never below three letters)."""
    if word.isdigit() or len(word) <= 3:
        return [word]
    return [word[:n] for n in range(len(word), max(2, len(word) - 3), -1)]


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(1), m.end(1)) for m in re.finditer(r"«([^«»\n]{2,80})»", text)]


def _inside(pos: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(a <= pos < b for a, b in spans)


# Words that make a text's workers the contractors of a named customer («подрядчик ТШО», «мердігер»).
_CONTRACTOR_WORDS = ("подрядчик", "подрядн", "субподряд", "мердiгер", "мердигер")
# Institution types: alternatives of word prefixes (canonical stems) that must all occur.
_INSTITUTION_TYPES: dict[str, tuple[tuple[str, ...], ...]] = {
    # «скорая» alone (lemma «скорый») but never «скоро»: a prefix of the full lemma.
    "ambulance": (("скор", "помощ"), ("скорыи",), ("жедел", "жардем"), ("неотложк",)),
    "school": (("школ",), ("мектеп",)),
    "bus_park": (("автопарк",), ("автобус", "парк")),
    "hospital": (("больниц",), ("аурукана",)),
}
_GENERIC_NAME_WORDS = frozenset(
    ("станция", "скорыи", "медицинскии", "помощь", "город", "областнои", "обл", "общеобразовательныи",
     "школа", "автобусныи", "парк", "больница", "государственныи", "коммунальныи", "предприятие")
)  # fmt: skip


def _institution_index(emps: Iterable[Employer]) -> dict[str, list[tuple[str, list[str]]]]:
    """Employers by institution type, each with its town words (name words that are a town of
    :data:`TOWNS`)."""
    # Region names («Мангистауская областная станция») are not towns: such a body serves the region.
    regions = {canon(stem(fold(t)))[:5] for names in region_names().values() for t in names}
    towns = {canon(stem(fold(t))) for names in TOWNS.values() for t in names} - {""}
    towns = {t for t in towns if t[:5] not in regions}
    out: dict[str, list[tuple[str, list[str]]]] = {}
    for e in emps:
        if not e.names:
            continue
        words = set(e.names[0])
        for kind, alts in _INSTITUTION_TYPES.items():
            if any(all(any(w.startswith(k) for w in words) for k in alt) for alt in alts):
                own = [
                    w
                    for w in words
                    if w[:5] not in regions and any(w[:5] == t[:5] for t in towns if len(t) >= 5)
                ]
                out.setdefault(kind, []).append((e.bin, own))
                break
    return out


def _is_abbreviation(alias: str) -> bool:
    """«ТШО», «TCO», «KMG»: one word of 2–6 capitals."""
    return 2 <= len(alias) <= 6 and alias.isalpha() and alias.isupper()


def _base(word: str) -> str:
    """A name written with a Kazakh case ending after a hyphen («АМТ-ның», «Qarmet-тің») without it."""
    head, sep, tail = word.partition("-")
    if sep and "-" not in tail and fold(tail.lower()) in _KK_ENDINGS:
        return head
    return word
