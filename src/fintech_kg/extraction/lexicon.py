"""The shipped lexicon: names of institutions, platforms, regulators and technologies.

The data lives in ``fintech_kg/data/lexicon/`` as TSV files (``name, type, aliases,
attributes, needs_context``), plus ``collectives.tsv`` (BAT -> members) and
``stopnames.txt`` (strings that contain a name but are not it, e.g. 中国银行业) and
``products.tsv`` (花呗 -> 蚂蚁集团: a product is no mention of its provider; each product is an
entry of its own with ``role=product`` and ``provider``). ``media.tsv`` marks news outlets
and data sites with ``role=media``. The bare authority words (警方, 公安局, 金融办) are generic
entries (``generic=true``); a place's own body ("深圳警方", "杭州市公安局江干区分局") is
recognised from its place by :mod:`fintech_kg.extraction.entities.authorities`. Generated
files (from public lists, by ``tools/build_lexicon.py``) load first; hand-curated files load
after them and win: a canonical name seen again merges aliases and attributes, its type is
the later one's.

Matching runs one Aho-Corasick automaton over the *folded* text (full-width ASCII to ASCII,
A-Z to a-z; one character for one, so offsets stay valid) and keeps leftmost-longest,
non-overlapping hits.

Example::

    >>> lexicon = load_lexicon()
    >>> lexicon.entries["中国工商银行"].type
    <EntityType.BANK: 'Bank'>
    >>> [(h.start, h.end, h.entry.name) for h in lexicon.find(fold("工行和BAT"))]
    [(0, 2, '中国工商银行'), (3, 6, 'BAT')]
"""

from __future__ import annotations

import tomllib
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import NamedTuple

import ahocorasick
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from fintech_kg.errors import FintechKGError
from fintech_kg.vocabulary import EntityType

__all__ = [
    "GENERATED_FILES",
    "HAND_FILES",
    "BrandSuffix",
    "Lexicon",
    "LexiconEntry",
    "LexiconError",
    "LexiconHit",
    "NamePatterns",
    "NameRejects",
    "fold",
    "load_common_words",
    "load_generic_words",
    "load_lexicon",
    "load_name_patterns",
    "load_name_rejects",
    "load_products",
]

# Load order: later files win a name's type, so an A-share company that is also a bank of
# the official list is a Bank.
GENERATED_FILES = (
    "a_share_companies.tsv",
    "p2p_platforms.tsv",
    "nfra_institutions.tsv",
    "nfra_regulators.tsv",
    "local_institutions.tsv",
    "insurers.tsv",
    "central_financial_enterprises.tsv",
    "village_banks.tsv",
)
HAND_FILES = (
    "notable_companies.tsv",
    "notable_platforms.tsv",
    "financial_institutions.tsv",
    "banks.tsv",
    "regulators.tsv",
    "tech_companies.tsv",
    "technologies.tsv",
    "media.tsv",
)
_COLUMNS = ("name", "type", "aliases", "attributes", "needs_context")

_FOLD = {code: ord(chr(code - 0xFEE0).lower()) for code in range(0xFF01, 0xFF5F)}
_FOLD.update({code: code + 32 for code in range(ord("A"), ord("Z") + 1)})
_FOLD[0x3000] = ord(" ")


def fold(text: str) -> str:
    """Fold full-width ASCII to ASCII and upper to lower case, keeping the length.

    Example: ``fold("ＢＡＴ与P2P")`` -> ``'bat与p2p'``
    """
    return text.translate(_FOLD)


class LexiconError(FintechKGError):
    """A lexicon data file is malformed; names the file and line."""


@dataclass(slots=True)
class LexiconEntry:
    """One canonical name with its type, aliases and facts.

    ``members`` is set for collectives (BAT); ``needs_context`` marks names that are also
    ordinary words and fire only with context (see :mod:`fintech_kg.extraction.entities`);
    ``context_aliases`` (written ``?钱宝`` in the aliases column) are aliases that need it.
    """

    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    context_aliases: list[str] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    needs_context: bool = False
    members: tuple[str, ...] = ()
    source: str = ""


class LexiconHit(NamedTuple):
    """A match of a lexicon surface in folded text; ``entry`` is None for a stop name."""

    start: int
    end: int
    entry: LexiconEntry | None
    needs_context: bool


class Lexicon:
    """Entries by canonical name and a compiled matcher over all their surfaces."""

    def __init__(self, entries: dict[str, LexiconEntry], stopnames: list[str]) -> None:
        self.entries = entries
        self._automaton = ahocorasick.Automaton()
        surfaces: dict[str, tuple[LexiconEntry | None, bool]] = {}
        entry: LexiconEntry | None
        for entry in entries.values():
            for surface in (entry.name, *entry.aliases):
                key = fold(surface)
                if key:
                    surfaces[key] = (entry, entry.needs_context)
            for surface in entry.context_aliases:
                surfaces.setdefault(fold(surface), (entry, True))
        for name in stopnames:
            surfaces[fold(name)] = (None, False)
        for key, (entry, needs_context) in surfaces.items():
            self._automaton.add_word(key, (len(key), entry, needs_context))
        self._automaton.make_automaton()
        self.surface_count = len(surfaces)

    def find(self, folded: str) -> list[LexiconHit]:
        """Leftmost-longest, non-overlapping hits in ``folded`` (see :func:`fold`).

        An ASCII name only matches as a whole word ("AI" not inside "MAIL").
        """
        hits = []
        for end, (length, entry, needs_context) in self._automaton.iter_long(folded):
            start = end + 1 - length
            if _word_bounded(folded, start, end + 1):
                hits.append(LexiconHit(start, end + 1, entry, needs_context))
        return hits

    def surface_entries(self) -> Iterator[tuple[str, LexiconEntry]]:
        """Every (surface, entry) pair, canonical names first; for tests and reports."""
        for entry in self.entries.values():
            yield entry.name, entry
            for alias in entry.aliases:
                yield alias, entry


def _is_ascii_alnum(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _word_bounded(text: str, start: int, end: int) -> bool:
    if _is_ascii_alnum(text[start]) and start > 0 and _is_ascii_alnum(text[start - 1]):
        return False
    return not (_is_ascii_alnum(text[end - 1]) and end < len(text) and _is_ascii_alnum(text[end]))


def _nfkc(value: str) -> str:
    return unicodedata.normalize("NFKC", value).strip()


def _data_lines(filename: str) -> Iterator[tuple[int, list[str]]]:
    """(line number, tab-separated cells) of a data file, skipping comments and the header."""
    text = resources.files("fintech_kg.data.lexicon").joinpath(filename).read_text("utf-8")
    header_seen = False
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        yield number, line.split("\t")


def _parse_entry(filename: str, number: int, cells: list[str]) -> LexiconEntry:
    where = f"lexicon file {filename}:{number}"
    if len(cells) != len(_COLUMNS):
        raise LexiconError(
            f"{where}: expected {len(_COLUMNS)} tab-separated columns "
            f"({', '.join(_COLUMNS)}), found {len(cells)}"
        )
    name, type_, aliases, attributes, needs_context = cells
    try:
        entity_type = EntityType(type_)
    except ValueError:
        allowed = ", ".join(t.value for t in EntityType)
        raise LexiconError(f"{where}: unknown type {type_!r}; use one of {allowed}") from None
    if needs_context not in ("0", "1"):
        raise LexiconError(f"{where}: needs_context must be 0 or 1, not {needs_context!r}")
    attrs: dict[str, str] = {}
    for pair in filter(None, attributes.split(";")):
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise LexiconError(f"{where}: attribute {pair!r} is not key=value")
        attrs[key.strip()] = value.strip()
    canonical = _nfkc(name)
    if not canonical:
        raise LexiconError(f"{where}: empty name")
    # the generated files hold 14,000 rows: each alias is normalised once
    forms = [_nfkc(a) for a in aliases.split("|")] if aliases else []
    return LexiconEntry(
        name=canonical,
        type=entity_type,
        aliases=[a for a in forms if a and not a.startswith("?")],
        context_aliases=[a[1:] for a in forms if a.startswith("?")],
        attributes=attrs,
        needs_context=needs_context == "1",
        source=filename,
    )


def _merge(entries: dict[str, LexiconEntry], entry: LexiconEntry) -> None:
    known = entries.get(entry.name)
    if known is None:
        entries[entry.name] = entry
        return
    known.type = entry.type
    known.aliases = list(dict.fromkeys([*known.aliases, *entry.aliases]))
    known.context_aliases = list(dict.fromkeys([*known.context_aliases, *entry.context_aliases]))
    known.attributes = {**known.attributes, **entry.attributes}
    known.needs_context = entry.needs_context
    known.source = entry.source


def _product_lines() -> Iterator[tuple[int, str, str, list[str]]]:
    """(line number, product, provider, aliases) of ``products.tsv``."""
    for number, cells in _data_lines("products.tsv"):
        if len(cells) != 3:
            raise LexiconError(
                f"lexicon file products.tsv:{number}: expected 3 columns (product, provider, "
                f"aliases), found {len(cells)}"
            )
        product, provider, aliases = (_nfkc(c) for c in cells)
        if not product or not provider:
            raise LexiconError(f"lexicon file products.tsv:{number}: empty product or provider")
        yield number, product, provider, [a for a in aliases.split("|") if a]


@cache
def load_products() -> dict[str, str]:
    """Every product's canonical name -> its provider's canonical name.

    Example: ``load_products()["京东白条"]`` -> ``'京东数科'``
    """
    return {product: provider for _, product, provider, _ in _product_lines()}


def _load_products(entries: dict[str, LexiconEntry]) -> None:
    """Products as entries of their own (the provider is an attribute, not the mention)."""
    for number, product, provider, aliases in _product_lines():
        if provider not in entries:
            raise LexiconError(
                f"lexicon file products.tsv:{number}: the provider {provider!r} of {product!r} "
                "is not a canonical name of the lexicon; add it or fix the spelling"
            )
        # Typed as the gold and the press treat a consumer-finance product: a tech service.
        _merge(
            entries,
            LexiconEntry(
                name=product,
                type=EntityType.TECH_COMPANY,
                aliases=aliases,
                attributes={"role": "product", "provider": provider},
                source="products.tsv",
            ),
        )


def _load_collectives(entries: dict[str, LexiconEntry]) -> None:
    for number, cells in _data_lines("collectives.tsv"):
        if len(cells) != 3:
            raise LexiconError(
                f"lexicon file collectives.tsv:{number}: expected 3 columns (name, members, "
                f"aliases), found {len(cells)}"
            )
        name, members, aliases = (_nfkc(c) for c in cells)
        member_names = tuple(m for m in members.split("|") if m)
        unknown = [m for m in member_names if m not in entries]
        if unknown:
            raise LexiconError(
                f"lexicon file collectives.tsv:{number}: members {unknown} are not canonical "
                "names of the lexicon; add them or fix the spelling"
            )
        entries[name] = LexiconEntry(
            name=name,
            type=EntityType.COLLECTIVE,
            aliases=[a for a in aliases.split("|") if a],
            attributes={"kind": "collective", "members": "|".join(member_names)},
            members=member_names,
            source="collectives.tsv",
        )


class BrandSuffix(BaseModel):
    """A word that ends brand names ("金服", "贷"); ``alone``: enough without context;
    ``ordinary_tail``: it also ends ordinary phrases ("实现金融"), so the stem before it may
    not be an ordinary word; ``place_name``: a place alone may be its stem ("江西信托")."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    suffix: str
    type: EntityType
    alone: bool
    ordinary_tail: bool = False
    place_name: bool = False


class NamePatterns(BaseModel):
    """Word lists behind the patterns for names missing from the lexicon and for persons.

    Loaded from ``name_patterns.json`` (see :mod:`fintech_kg.extraction.entities` for how
    each list is used).
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str = ""
    context_words: list[str]
    context_window: int = Field(ge=1)
    stop_chars: str
    registered_name_chars: str
    leading_junk: list[str]
    generic_endings: list[str]
    registered_suffixes: list[str]
    industry_words: list[str]
    suffix_continuations: list[str]
    hashtag_followers: list[str]
    quote_followers: list[str]
    short_name_suffixes: list[str]
    core_keeps: list[str]
    transliteration_chars: str
    brand_suffixes: list[BrandSuffix]
    max_brand_stem: int = Field(ge=1)
    max_registered_stem: int = Field(ge=1)
    platform_context_before: list[str]
    risk_after: list[str]
    name_before_alone: list[str]
    platform_followers: list[str]
    person_titles: list[str]
    person_titles_after: list[str]
    person_followers: list[str]
    person_list_enders: list[str]
    compound_surnames: list[str]
    surnames: str
    name_end_chars: str
    locations: list[str]
    sector_words: dict[str, str]
    financial_institution_words: list[str]
    p2p_operator_words: list[str]
    authority_suffixes: list[str]
    authority_kinds: dict[str, str]
    generic_authorities: dict[str, str]
    authority_bare_stem: list[str]
    authority_formal: dict[str, tuple[str, str]]
    authority_informal: list[str]
    place_units: list[str]


@cache
def load_name_patterns() -> NamePatterns:
    """The validated ``name_patterns.json``; raises :class:`LexiconError` naming the problem.

    Example: ``"爆雷" in load_name_patterns().risk_after`` -> ``True``
    """
    path = resources.files("fintech_kg.data.lexicon").joinpath("name_patterns.json")
    try:
        return NamePatterns.model_validate_json(path.read_text("utf-8"))
    except ValidationError as exc:
        raise LexiconError(f"lexicon file name_patterns.json: {exc}") from None


@cache
def load_common_words() -> frozenset[str]:
    """Ordinary words (from jieba's dictionary) that a brand-name pattern must not take for
    a brand's stem.

    Example: ``"实现" in load_common_words()`` -> ``True``
    """
    return frozenset(cells[0] for _, cells in _data_lines("common_words.txt"))


@cache
def load_generic_words() -> frozenset[str]:
    """Category and ordinary words the name patterns must not take for names.

    Example: ``"互联网" in load_generic_words()`` -> ``True``
    """
    return frozenset(_nfkc(cells[0]) for _, cells in _data_lines("generic_words.txt"))


@cache
def load_lexicon() -> Lexicon:
    """Load and compile the shipped lexicon once per process (about 0.5 s for 14,000 entries).

    Example: ``load_lexicon().entries["BAT"].members`` -> ``('百度', '阿里巴巴', '腾讯')``
    """
    entries: dict[str, LexiconEntry] = {}
    for filename in (*GENERATED_FILES, *HAND_FILES):
        for number, cells in _data_lines(filename):
            _merge(entries, _parse_entry(filename, number, cells))
    _load_collectives(entries)
    _load_products(entries)
    stopnames = [_nfkc(cells[0]) for _, cells in _data_lines("stopnames.txt")]
    return Lexicon(entries, stopnames)


class NameRejects(BaseModel):
    """What a pattern-found name may not be (``name_rejects.toml``; see the file's comments
    and :mod:`fintech_kg.extraction.entities.validation`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    not_names: list[str]
    not_inside: list[str]
    cut_after: list[str]
    person_not_given: str


@cache
def load_name_rejects() -> NameRejects:
    """The validated ``name_rejects.toml``; raises :class:`LexiconError` naming the problem.

    Example: ``"跑路" in load_name_rejects().not_names`` -> ``True``
    """
    path = resources.files("fintech_kg.data.lexicon").joinpath("name_rejects.toml")
    try:
        return NameRejects.model_validate(tomllib.loads(path.read_text("utf-8")))
    except (tomllib.TOMLDecodeError, ValidationError) as exc:
        raise LexiconError(
            f"lexicon file name_rejects.toml: {exc}; fix the file (lists of words)"
        ) from None
