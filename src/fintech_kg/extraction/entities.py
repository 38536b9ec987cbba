"""Entities of one article: lexicon names, unknown names found by pattern, persons.

Pure functions over the cleaned text and its sentences; the ``fkg_entities`` pipeline
component calls :func:`find_entities`. What is found, in order of trust:

1. Lexicon names (confidence 0.95). Names that are also ordinary words (``needs_context``)
   count only next to a context word (平台, 网贷, P2P, 爆雷, 逾期 ...) or in quotes; once one
   occurrence counts, all do.
2. Collectives: "BAT" gives 百度, 阿里巴巴 and 腾讯 (each with a mention at "BAT") and the
   collective itself, with ``MEMBER_OF`` member -> collective. A regulator named with its
   successor gives ``SUCCEEDS`` successor -> predecessor (银保监会 -> 银监会).
3. Sector words enumerated together ("银行、证券、保险") give the sector entities 银行业,
   证券业, 保险业 (attribute ``kind=sector``).
4. Names missing from the lexicon (confidence 0.5-0.75): registered company names
   ("XX有限公司"; one that starts with a lexicon name becomes its alias, and its trade name
   "XX" an alias too), short company names ("XX公司"), names after "网贷平台"/"名为", quoted
   or hashtagged names before a platform word, brand-like names before a risk word
   ("XX贷爆雷") or ending in a strong suffix (金服/钱包/财富/贷 ...; the stem no ordinary
   word), a suffix-less name opening a clause before 爆雷/跑路/平台 ..., names followed by a
   stock code, the other items of a list with known platforms ("A、B、C"), and aliases
   tied in the text ("XX（以下简称“YY”）", "XX（YY）"). A place written before a name
   ("上海" in "上海网格金服") and 公司/集团 after it belong to its mention.
5. Persons: foreign names (transliteration characters joined by "·" or "-": 凯文·凯利)
   and a title before a Chinese name (董事长/创始人/实控人 + 2-3 characters).

The word lists behind 4 and 5 are data: ``data/lexicon/name_patterns.json``.

Example::

    >>> result = find_entities("BAT都在布局区块链。", [(0, 12)])
    >>> sorted(e.id for e in result.entities)
    ['BAT', '区块链', '百度', '腾讯', '阿里巴巴']
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache

from fintech_kg.extraction.evidence import make_evidence
from fintech_kg.extraction.lexicon import (
    Lexicon,
    LexiconEntry,
    NamePatterns,
    fold,
    load_common_words,
    load_generic_words,
    load_lexicon,
    load_name_patterns,
)
from fintech_kg.models import Entity, Evidence, Mention, Relation
from fintech_kg.vocabulary import EntityType, RelationType

__all__ = ["EXTRACTOR", "EntityResult", "canonical_id", "find_entities"]

EXTRACTOR = "fkg_entities"
_LISTABLE = (EntityType.P2P_PLATFORM, EntityType.COMPANY, EntityType.FINANCIAL_INSTITUTION)

CONF_LEXICON = 0.95
CONF_COLLECTIVE_MEMBER = 0.9
CONF_IN_CONTEXT = 0.85
CONF_SECTOR = 0.8
CONF_REGISTERED = 0.75
CONF_CONTEXT_NAME = 0.65
CONF_EXTERNAL = 0.6
CONF_SUFFIX_NAME = 0.5
CONF_FOREIGN_PERSON = 0.8
CONF_TITLED_PERSON = 0.65

_QUOTES_OPEN = "“「『《\"'‘"
_QUOTES_CLOSE = "”」』》\"'’"
_NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_DATE_LIKE = re.compile(r"\d+[年月日号]|[年月日]\d")
_NUMBERED = re.compile(r"^[（(]\d{1,3}[)）]")
_ASCII_LEAD = re.compile(r"^[A-Za-z0-9]{3,}(?=[\u4e00-\u9fff])")
_STOCK_CODE = re.compile(
    r"([\u4e00-\u9fffA-Za-z]{2,8})[（(](?:\d{6}|\d{4,5})(?:\.(?:SH|SZ|HK|sh|sz|hk))?[)）]"
)
_ENUMERATION = re.compile(
    r"[\u4e00-\u9fffA-Za-z0-9]{2,8}(?:([、,，])[\u4e00-\u9fffA-Za-z0-9]{2,8}){2,}"
)
_ALIAS_TIE = re.compile(
    r"[（(](?:以下|下文)?(?:简称|下称|又称|即|品牌名?[:：]?)?[“\"「]?"
    r"([\u4e00-\u9fffA-Za-z0-9]{2,8})[”\"」]?[)）]"
)


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


class _Patterns:
    """``name_patterns.json`` compiled into regular expressions and sets."""

    def __init__(self, data: NamePatterns) -> None:
        self.data = data
        self.stop = set(data.stop_chars)
        self.registered_chars = frozenset(f"()（）{data.registered_name_chars}")
        self.name_end = set(data.name_end_chars)
        self.generic = load_generic_words()
        self.common = load_common_words()
        self.leading_junk = re.compile(f"(?:{_alternation(data.leading_junk)})+")
        self.generic_ending = tuple(data.generic_endings)
        self.registered = re.compile(_alternation(data.registered_suffixes))
        self.brand = re.compile(_alternation(b.suffix for b in data.brand_suffixes))
        self.brand_by_suffix = {b.suffix: b for b in data.brand_suffixes}
        self.before = re.compile(f'(?:{_alternation(data.platform_context_before)})[:：“"「]?')
        self.risk_after = re.compile(_alternation([*data.risk_after, *data.name_before_alone]))
        self.before_alone = frozenset(data.name_before_alone)
        self.quoted = re.compile(
            f'[“「"]([\u4e00-\u9fffA-Za-z0-9]{{2,8}})[”」"](?={_alternation(data.quote_followers)})'
        )
        self.location = re.compile(_alternation(data.locations))
        self.places = frozenset(data.locations)
        self.location_prefix = re.compile(
            f"[（(]?(?:{_alternation([*data.locations, '中国'])})?(?:省|市)?[)）]?"
        )
        surnames = f"(?:{_alternation(data.compound_surnames)}|[{data.surnames}])"
        self.titled_person = re.compile(
            f"(?:{_alternation(data.person_titles)})[:：]?({surnames})([\u4e00-\u9fff]{{1,2}})"
        )
        self.sector_enum = re.compile(
            f"(?:{_alternation(data.sector_words)})(?:[、和与及,，/](?:{_alternation(data.sector_words)}))+"
        )
        self.sector_word = re.compile(_alternation(data.sector_words))
        self.industry_tail = re.compile(f"(?:{_alternation(data.industry_words)})+$")
        self.continuation = tuple(data.suffix_continuations)
        self.hashtag = re.compile(
            f"#([\u4e00-\u9fffA-Za-z0-9]{{2,10}})#(?={_alternation(data.hashtag_followers)})"
        )
        foreign = f"[{data.transliteration_chars}]"
        self.foreign_person = re.compile(f"{foreign}{{1,6}}[·•・\\-－‐]{foreign}{{1,8}}")
        self.type_by_suffix = sorted(
            ((b.suffix, b.type) for b in data.brand_suffixes), key=lambda p: -len(p[0])
        )


@cache
def _patterns() -> _Patterns:
    return _Patterns(load_name_patterns())


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    confidence: float


@dataclass(slots=True)
class _Found:
    """An entity being assembled: its definition and mentions."""

    name: str
    type: EntityType
    confidence: float
    aliases: list[str] = field(default_factory=list)
    attributes: dict[str, str] = field(default_factory=dict)
    spans: list[_Span] = field(default_factory=list)


@dataclass(slots=True)
class EntityResult:
    """Entities of an article, and the relations the entity stage itself knows (MEMBER_OF,
    SUCCEEDS)."""

    entities: list[Entity]
    relations: list[Relation]


def canonical_id(name: str) -> str:
    """The entity id for a canonical name: NFKC-normalised, trimmed.

    Example: ``canonical_id("ＢＡＴ")`` -> ``'BAT'``
    """
    return unicodedata.normalize("NFKC", name).strip()


class _Collector:
    """Accepts spans that do not overlap accepted ones and groups them by entity id."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.taken = bytearray(len(text))
        self.found: dict[str, _Found] = {}

    def free(self, start: int, end: int) -> bool:
        return start < end and not any(self.taken[start:end])

    def take(self, start: int, end: int) -> None:
        self.taken[start:end] = b"\x01" * (end - start)

    def release(self, span: _Span) -> None:
        self.taken[span.start : span.end] = bytes(span.end - span.start)

    def add(self, found: _Found, span: _Span, *, overlap: bool = False) -> None:
        if not overlap and not self.free(span.start, span.end):
            return
        self.take(span.start, span.end)
        known = self.found.get(found.name)
        if known is None:
            self.found[found.name] = known = found
        else:
            known.confidence = max(known.confidence, found.confidence)
            if found.aliases:
                have = set(known.aliases)
                known.aliases.extend(a for a in found.aliases if a not in have)
        known.spans.append(span)

    def add_entry(
        self, entry: LexiconEntry, span: _Span, confidence: float, *, overlap: bool = False
    ) -> None:
        """A mention of a lexicon entry (its definition copied once per article)."""
        known = self.found.get(entry.name)  # lexicon names are NFKC-normalised on load
        if known is None:
            self.add(_from_entry(entry, confidence), span, overlap=overlap)
        elif overlap or self.free(span.start, span.end):
            self.take(span.start, span.end)
            known.confidence = max(known.confidence, confidence)
            known.spans.append(span)

    def new_name(
        self, start: int, end: int, confidence: float, entity_type: EntityType, dot: bool = False
    ) -> None:
        """A name found by pattern; "北京金领贷" also answers to "金领贷". ``dot``: a foreign
        person's name, whose parts are joined by "·" in the id whatever the text used."""
        name = canonical_id(self.text[start:end])
        if dot:
            name = re.sub(r"[-－‐•・]", "·", name)
        found = _Found(name, entity_type, confidence)
        place = _patterns().location_prefix.match(name)
        if place and place.end() and len(name) - place.end() >= 2:
            found.aliases.append(name[place.end() :])
        self.add(found, _Span(start, end, confidence))

    def merge(self, gone: _Found, keep: _Found) -> None:
        """``gone`` is another name of ``keep``: its mentions and names move over."""
        keep.spans.extend(gone.spans)
        gone.spans.clear()
        keep.aliases.extend(
            a for a in (gone.name, *gone.aliases) if a not in keep.aliases and a != keep.name
        )
        keep.confidence = max(keep.confidence, gone.confidence)

    def inner(self, start: int, end: int) -> list[tuple[_Found, _Span]]:
        """Accepted spans inside [start, end), in text order."""
        pairs = [
            (found, span)
            for found in self.found.values()
            for span in found.spans
            if start <= span.start and span.end <= end
        ]
        return sorted(pairs, key=lambda pair: pair[1].start)


def _from_entry(entry: LexiconEntry, confidence: float) -> _Found:
    return _Found(
        name=canonical_id(entry.name),
        type=entry.type,
        confidence=confidence,
        aliases=list(entry.aliases),
        attributes=dict(entry.attributes),
    )


def _has_context(p: _Patterns, folded: str, start: int, end: int) -> bool:
    quoted = start > 0 and end < len(folded) and folded[start - 1] in _QUOTES_OPEN
    if quoted and folded[end] in _QUOTES_CLOSE:
        return True
    before = folded[max(0, start - p.data.context_window) : start]
    after = folded[end : end + p.data.context_window]  # the name itself is no context
    return any(word in before or word in after for word in p.data.context_words)


def _place_before(col: _Collector, p: _Patterns, start: int) -> int:
    """Start of "上海" in "上海网格金服": a place written before a platform's or company's
    name belongs to the mention."""
    for size in (3, 2):
        if (
            start >= size
            and col.text[start - size : start] in p.places
            and col.free(start - size, start)
        ):
            return start - size
    return start


def _whole_place(col: _Collector, p: _Patterns, start: int) -> int:
    """Start of the place a length-capped name was cut in: "京正聚源通鼎公司" of
    "北京正聚源通鼎公司" starts at 北 (a company name never starts inside a place name)."""
    for size in (3, 2):
        for inside in range(1, size):
            place = start - size + inside
            if place >= 0 and col.text[place : place + size] in p.places:
                return place if col.free(place, start) else start
    return start


def _listed_next(folded: str, start: int, end: int, listed: set[int]) -> bool:
    """Whether the name at start:end and a known name are neighbours in a "、" list."""
    after = folded[end : end + 1] == "、" and end in listed
    return after or (folded[start - 1 : start] == "、" and start - 1 in listed)


def _lexicon_names(
    col: _Collector, p: _Patterns, lexicon: Lexicon, folded: str
) -> list[tuple[str, int, int]]:
    """Accept lexicon hits; return the collectives hit as (name, start, end)."""
    pending: dict[str, list[tuple[int, int, LexiconEntry]]] = {}
    confirmed: set[str] = set()
    listed: set[int] = set()  # where a known listable name ends, or the position before it
    collectives = []
    for hit in lexicon.find(folded):
        entry = hit.entry
        if entry is None:  # a stop name: it is not the name it contains
            col.take(hit.start, hit.end)
            continue
        if hit.needs_context:
            pending.setdefault(entry.name, []).append((hit.start, hit.end, entry))
            if _has_context(p, folded, hit.start, hit.end):
                confirmed.add(entry.name)
            continue
        if entry.members:
            collectives.append((entry.name, hit.start, hit.end))
        start = _place_before(col, p, hit.start) if entry.type in _LISTABLE else hit.start
        col.add_entry(entry, _Span(start, hit.end, CONF_LEXICON), CONF_LEXICON)
        if entry.type in _LISTABLE:
            listed.update((hit.start - 1, hit.end))
    confirmed.update(name for name in pending if canonical_id(name) in col.found)
    confirmed.update(  # "投之家、天天财富、…": listed next to a known platform or company
        name
        for name, hits in pending.items()
        for start, end, _ in hits
        if _listed_next(folded, start, end, listed)
    )
    for name in confirmed:  # the name is meant here: every occurrence counts
        for start, end, entry in pending[name]:
            col.add_entry(entry, _Span(start, end, CONF_IN_CONTEXT), CONF_IN_CONTEXT)
    return collectives


def _collective_members(
    col: _Collector, lexicon: Lexicon, collectives: list[tuple[str, int, int]]
) -> list[tuple[str, str, int, int]]:
    """Each member of a collective is mentioned where the collective is; (member, of, span)."""
    links = []
    for name, start, end in collectives:
        for member_name in lexicon.entries[name].members:
            member = lexicon.entries[member_name]
            span = _Span(start, end, CONF_COLLECTIVE_MEMBER)
            col.add_entry(member, span, CONF_COLLECTIVE_MEMBER, overlap=True)
            links.append((member.name, name, start, end))
    return links


def _sectors(col: _Collector, p: _Patterns, lexicon: Lexicon, text: str) -> None:
    """Sector words enumerated together ("银行、证券、保险") name the sectors."""
    for match in p.sector_enum.finditer(text):
        for word in p.sector_word.finditer(match.group()):
            start, end = match.start() + word.start(), match.start() + word.end()
            entry = lexicon.entries.get(p.data.sector_words[word.group()])
            if entry is not None:
                col.add_entry(entry, _Span(start, end, CONF_SECTOR), CONF_SECTOR)


def _is_name_char(p: _Patterns, char: str) -> bool:
    return bool(_NAME_CHAR.match(char)) and char not in p.stop


def _extend_back(
    col: _Collector, p: _Patterns, end: int, max_len: int, parens: bool = False
) -> int:
    """Start of the name that ends at ``end``: back over name characters; a short name never
    reaches into a name already found, a registered name (``parens``) may contain one."""
    text, start = col.text, end
    while start > 0 and end - start < max_len and (parens or not col.taken[start - 1]):
        char = text[start - 1]
        if not (_is_name_char(p, char) or (parens and char in p.registered_chars)):
            break
        start -= 1
    return start


def _extend_forward(p: _Patterns, text: str, start: int, max_len: int) -> int:
    end = start
    while end < len(text) and end - start < max_len and _is_name_char(p, text[end]):
        if end - start >= 2 and p.risk_after.match(text, end):
            break
        end += 1
    return end


def _trim(p: _Patterns, text: str, start: int, end: int, registered: bool = False) -> int:
    """New start of a candidate name: leading junk words, numbering and stray brackets off."""
    name = text[start:end]
    if registered:
        numbered = _NUMBERED.match(name) or _ASCII_LEAD.match(name)
        if numbered:
            start += numbered.end()
        opened = [i for i, char in enumerate(text[start:end]) if char in "(（"]
        closed = sum(char in ")）" for char in text[start:end])
        if len(opened) > closed:  # "平台X(公司全称…" : the name starts after the bracket
            start += opened[len(opened) - closed - 1] + 1
        place = p.location.search(text, start, end)  # the first only: "深圳前海X" keeps 深圳
        if (
            place
            and place.start() > start
            and text[place.start() - 1] not in "(（"
            and (p.leading_junk.fullmatch(text, start, place.start()) or place.start() - start <= 4)
        ):
            start = place.start()
    junk = None if p.location.match(text, start, end) else p.leading_junk.match(text, start, end)
    if junk and end - junk.end() >= 2:
        start = junk.end()
    while start < end and text[start] in ")）":
        start += 1
    return start


def _plausible(p: _Patterns, name: str, stem: str) -> bool:
    if len(name) < 2 or len(stem) < 2 or name in p.generic or stem in p.generic:
        return False
    if stem.isdigit() or _DATE_LIKE.search(name) or "某" in name:
        return False
    return not all(char in p.stop for char in stem)


def _brand_plausible(p: _Patterns, name: str, stem: str) -> bool:
    if not _plausible(p, name, stem) or name.endswith(p.generic_ending):
        return False
    return not any(word in stem for word in ("平台", "网贷", "公司"))


def _type_for(p: _Patterns, name: str) -> EntityType:
    for suffix, entity_type in p.type_by_suffix:
        if name.endswith(suffix):
            return entity_type
    return EntityType.P2P_PLATFORM


def _registered_type(p: _Patterns, name: str) -> EntityType:
    core = re.sub(r"(股份有限公司|有限责任公司|有限公司|集团公司|集团)$", "", name)
    if "银行" in core:
        return EntityType.BANK
    for word in ("小额贷款", "消费金融", "证券", "保险", "基金", "信托", "支付", "融资担保"):
        if word in core:
            return EntityType.FINANCIAL_INSTITUTION
    return EntityType.COMPANY


def _brand_core(p: _Patterns, name: str) -> list[str]:
    """The trade name (字号) of a company name, and with its first industry word when that
    is how brands are called: "上海中赢金融信息服务有限公司" -> ["中赢", "中赢金融"]
    (place + trade name + industry + legal form, as Chinese company names are built)."""
    core = p.registered.sub("", name)
    core = re.sub(r"[（(][^)）]*[)）]", "", core)
    core = core[p.location_prefix.match(core).end() :]  # type: ignore[union-attr]
    tail = p.industry_tail.search(core)
    if tail is None:
        return [core] if 2 <= len(core) <= 5 and core != name else []
    core, industry = core[: tail.start()], tail.group()
    if not (2 <= len(core) <= 5 and _plausible(p, core, core)):
        return []
    kept = next((word for word in p.data.core_keeps if industry.startswith(word)), None)
    return [core, core + kept] if kept else [core]


def _short_company(p: _Patterns, stem: str) -> bool:
    """Whether "XX" of "XX公司"/"XX集团" is a name: not a place alone, an ordinary word
    ("联营公司", "减少集团") or a part of a company ("分公司")."""
    place = p.location_prefix.match(stem)
    core = stem[place.end() :] if place else stem
    industry = p.industry_tail.search(core)  # "君盛投资公司": the name is 君盛
    if industry and industry.start() >= 2:
        core = stem = core[: industry.start()]
    if len(core) < 2 or core in p.common or core[-2:] in p.common or core[:2] in p.common:
        return False
    if core[-1] in "分子总母" or any(char in "和与及跟同或" for char in core):
        return False
    return _brand_plausible(p, stem, stem)


def _grow_mention(col: _Collector, start: int, end: int) -> None:
    """A found name followed by 公司/集团 ("快鹿公司"): that is a mention of it too."""
    if start == 0 or not col.taken[start - 1] or not col.free(start, end):
        return
    for found in col.found.values():
        for span in found.spans:
            if span.end == start and found.type not in (EntityType.TECHNOLOGY, EntityType.PERSON):
                if found.attributes.get("kind") == "sector":
                    return
                span.end = end
                col.take(start, end)
                return


def _registered_names(col: _Collector, p: _Patterns, text: str) -> None:
    """'XX有限公司': an alias of the lexicon name it starts with, else a new Company."""
    for match in p.registered.finditer(text):
        end = match.end()
        if text.startswith(("有限", "股份"), end):  # "集团" of "集团有限公司": wait for it
            continue
        short = match.group() in ("公司", "集团")  # "XX公司": a short name, not a registered one
        if short:
            _grow_mention(col, match.start(), end)
        limit = p.data.max_brand_stem + 2 if short else p.data.max_registered_stem
        industry = p.industry_tail.search(text, max(0, match.start() - 8), match.start())
        if short and industry:  # "湖南X电子商务公司": the industry words are no part of the cap
            limit += industry.end() - industry.start()
        start = _extend_back(col, p, match.start(), limit, parens=not short)
        if match.start() - start == limit:
            start = _whole_place(col, p, start)
        if not short:  # "运营公司X有限公司": the name starts after the first company word
            company = text.rfind("公司", start, match.start())
            start = company + 2 if company >= 0 else start
            start = _after_authority(col, start, match.start())
        start = _trim(p, text, start, end, registered=True)
        name, stem = text[start:end], text[start : match.start()]
        if not (_short_company(p, stem) if short else _plausible(p, name, stem)):
            continue
        inner = col.inner(start, end)
        owner = inner[0][0] if inner else None
        if (
            owner is not None
            and owner.type not in (EntityType.TECHNOLOGY, EntityType.REGULATOR)
            and p.location_prefix.fullmatch(text, start, inner[0][1].start)
        ):
            found = _Found(owner.name, owner.type, CONF_REGISTERED, aliases=[name])
        else:
            found = _Found(canonical_id(name), _registered_type(p, name), CONF_REGISTERED)
            found.aliases.extend(_brand_core(p, name))
        place = p.location_prefix.match(name)
        if (
            not short
            and place
            and p.location.search(place.group())
            and len(name) - place.end() >= 6
        ):
            found.aliases.append(name[place.end() :])  # also written without its place
        for inner_found, span in inner:  # the registered name is the more specific one
            inner_found.spans.remove(span)
            col.release(span)
        if col.free(start, end):
            col.add(found, _Span(start, end, CONF_REGISTERED))


def _after_authority(col: _Collector, start: int, end: int) -> int:
    """Start of a registered name that ran back into a regulator or technology name
    ("法院以X有限公司"): just after that name."""
    for found, span in col.inner(start, end):
        if span.start == start and found.type in (EntityType.REGULATOR, EntityType.TECHNOLOGY):
            return span.end
    return start


def _cut_tail(p: _Patterns, text: str, start: int, end: int) -> int:
    """End of a name read forwards: after its last brand suffix when ordinary words follow
    ("甜橙猫贷昨日" -> "甜橙猫贷")."""
    last = None
    for suffix in p.brand.finditer(text, start, end):
        last = suffix
    if last is None or last.end() == end or last.end() - start < 2:
        return end
    tail = text[last.end() : end]
    if tail[:2] in p.common or tail[:3] in p.common or p.leading_junk.match(tail):
        return last.end()
    return end


def _bare_name_before(col: _Collector, p: _Patterns, end: int, word: str) -> None:
    """A name with no brand suffix right before a strong word ("爱福家非法集资", "某某汇平台"):
    only when it starts a clause and is no ordinary word."""
    if word not in p.before_alone:
        return
    start = _brand_start(col, p, end, end, strict=True)
    if start is None or end - start > p.data.max_brand_stem + 1:
        return
    before = col.text[start - 1] if start > 0 else "。"
    if _NAME_CHAR.match(before) or col.taken[start - 1 : start] == b"\x01":
        return  # a clause starts here only after punctuation
    name = col.text[start:end]
    if len(name) < 3 or name[0].isdigit() or p.risk_after.search(name) or name in p.generic:
        return
    if _brand_plausible(p, name, name) and col.free(start, end):
        kind = EntityType.P2P_PLATFORM if word in p.data.platform_followers else EntityType.COMPANY
        col.new_name(start, end, CONF_SUFFIX_NAME, kind)


def _marked_name(col: _Collector, p: _Patterns, start: int, end: int) -> None:
    """A quoted or hashtagged name before a platform word: no ordinary word or phrase."""
    name = col.text[start:end]
    ordinary = name in p.common or name[-2:] in p.common or p.risk_after.search(name)
    if not ordinary and _brand_plausible(p, name, name) and col.free(start, end):
        col.new_name(start, end, CONF_CONTEXT_NAME, _type_for(p, name))


def _context_names(col: _Collector, p: _Patterns, text: str) -> None:
    """Names after '网贷平台'/'名为', and brand-like names before a risk word ('XX贷爆雷')."""
    for match in p.before.finditer(text):
        end = _cut_tail(p, text, match.end(), _extend_forward(p, text, match.end(), 8))
        start = _trim(p, text, match.end(), end)
        name = text[start:end]
        if _brand_plausible(p, name, name) and col.free(start, end):
            col.new_name(start, end, CONF_CONTEXT_NAME, _type_for(p, name))
    for match in p.hashtag.finditer(text):
        _marked_name(col, p, *match.span(1))
    for match in p.risk_after.finditer(text):
        end = match.start()
        brand_start = _brand_start(col, p, end, end)
        if brand_start is None:
            continue
        start = brand_start
        suffix = p.brand.search(text, start, end)
        while suffix is not None and suffix.end() != end:
            suffix = p.brand.search(text, suffix.end(), end)
        name = text[start:end]
        if suffix is None:
            _bare_name_before(col, p, end, match.group())
            continue
        # before a risk word, "XX资产"/"XX投资" are names too: no generic-ending test
        if _plausible(p, name, text[start : suffix.start()]) and col.free(start, end):
            col.new_name(start, end, CONF_CONTEXT_NAME, _type_for(p, name))
    for match in p.quoted.finditer(text):
        _marked_name(col, p, *match.span(1))


def _brand_start(
    col: _Collector, p: _Patterns, stem_end: int, end: int, strict: bool = False
) -> int | None:
    """Start of a brand name whose stem ends at ``stem_end`` (a place before it allowed:
    "上海网格金服"), or None when the run of name characters before it is too long to be one
    name ("改造传统金融": a clause, not a name). When the suffix also ends ordinary phrases,
    the stem may not be an ordinary word ("实现金融"), nor, with ``strict`` (no other
    context), end with one ("真正实现金融")."""
    limit = p.data.max_brand_stem + 6
    raw = _extend_back(col, p, stem_end, limit)
    if stem_end - raw >= limit:
        return None
    start = _trim(p, col.text, raw, end)
    if stem_end - start > p.data.max_brand_stem:  # "陶某和华润银行": the name follows 和
        joint = max(col.text.rfind(char, start, stem_end) for char in "和与及跟同或")
        if joint >= 0:
            start = _trim(p, col.text, joint + 1, end)
    place = p.location_prefix.match(col.text, start, stem_end)
    stem = col.text[place.end() if place else start : stem_end]
    suffix = p.brand_by_suffix.get(col.text[stem_end:end])
    if not stem and place and place.end() - start >= 2 and suffix and suffix.place_name:
        return start  # "江西信托", "上海银行": a place and an institution word
    if len(stem) > p.data.max_brand_stem or len(stem) < 2:
        return None
    if suffix is None or suffix.ordinary_tail:
        if stem in p.common:
            return None
        ordinary = stem[-2:] in p.common or stem[-3:] in p.common or stem[:2] in p.common
        if strict and len(stem) > 2 and ordinary:
            return None
    return start


def _suffixed_names(col: _Collector, p: _Patterns, text: str) -> None:
    """Brand-like names with no context: 2-4 characters before a strong suffix ("XX金服")."""
    for match in p.brand.finditer(text):
        if not p.brand_by_suffix[match.group()].alone:
            continue
        end = match.end()
        if text.startswith(p.continuation, end):
            continue  # "金融服务", "理财产品": the word goes on, it is not a name's end
        brand_start = _brand_start(col, p, match.start(), end, strict=True)
        if brand_start is None:
            continue
        start = brand_start
        name = text[start:end]
        if _brand_plausible(p, name, text[start : match.start()]) and col.free(start, end):
            col.new_name(start, end, CONF_SUFFIX_NAME, _type_for(p, name))


def _listed_companies(col: _Collector, p: _Patterns, text: str) -> None:
    """A name followed by a stock code is a listed company: "某某股份(600123)"."""
    for match in _STOCK_CODE.finditer(text):
        start = _trim(p, text, match.start(1), match.end(1))
        end = match.end(1)
        name = text[start:end]
        if _plausible(p, name, name) and name not in p.common and col.free(start, end):
            col.new_name(start, end, CONF_CONTEXT_NAME, EntityType.COMPANY)


def _enumerated_names(col: _Collector, p: _Patterns, text: str) -> None:
    """In a list "A、B、C" where some items are known platforms or companies (two, when
    commas separate them), the other items are of their kind ("快易借、速贷宝、天天花")."""
    starts: dict[int, tuple[_Found, _Span]] | None = None
    for match in _ENUMERATION.finditer(text):
        if starts is None:  # built on the first list: most texts have none
            starts = {s.start: (found, s) for found in col.found.values() for s in found.spans}
        separator = match.group(1)
        if len(set(re.findall(r"[、,，]", match.group()))) > 1:
            continue  # "A、B，C": a list inside a sentence, not one list
        items, position = [], match.start()
        for item in match.group().split(separator):
            start, end = _trim(p, text, position, position + len(item)), position + len(item)
            while end > start and text[end - 1] in p.stop:  # "…、某某等"
                end -= 1
            items.append((start, end))
            position += len(item) + 1
        known = [
            starts[start][0]
            for start, end in items
            if start in starts and starts[start][1].end == end
        ]
        kinds = {found.type for found in known if found.attributes.get("kind") != "sector"}
        needed = 1 if separator == "、" else 2  # a comma joins clauses as often as names
        if len(known) < needed or len(kinds) != 1 or not kinds <= set(_LISTABLE):
            continue
        kind = kinds.pop()
        for start, end in items:
            name = text[start:end]
            plausible = (
                _brand_plausible(p, name, name)
                and name not in p.common
                and len(name) <= p.data.max_brand_stem + 2
                and not any(char in p.stop for char in name)
            )
            if plausible and col.free(start, end):
                col.new_name(start, end, CONF_SUFFIX_NAME, kind)


def _alias_ties(col: _Collector, p: _Patterns, text: str) -> None:
    """'XX（以下简称“YY”）': YY names the entity XX names; when YY is an entity of its own
    (a platform brand and its company), the two are one, named by the lexicon one."""
    ends = {span.end: found for found in col.found.values() for span in found.spans}
    for match in _ALIAS_TIE.finditer(text):
        owner = ends.get(match.start())
        alias = match.group(1)
        if owner is None and canonical_id(alias) in col.found:
            _name_before_brackets(col, p, match.start(), col.found[canonical_id(alias)])
            continue
        if owner is None or owner.type == EntityType.PERSON or alias in p.generic:
            continue
        start, end = match.span(1)
        other = col.found.get(canonical_id(alias))
        if other is not None and other is not owner:
            keep, gone = (other, owner) if other.confidence >= owner.confidence else (owner, other)
            col.merge(gone, keep)
            continue
        if alias not in owner.aliases and alias != owner.name:
            owner.aliases.append(alias)
        if col.free(start, end):
            found = _Found(owner.name, owner.type, CONF_CONTEXT_NAME)
            col.add(found, _Span(start, end, CONF_CONTEXT_NAME))


def _name_before_brackets(col: _Collector, p: _Patterns, end: int, owner: _Found) -> None:
    """'XX（YY）' with YY known and XX not: XX is another name of YY ("资易贷(小资钱包)")."""
    start = _trim(p, col.text, _extend_back(col, p, end, p.data.max_brand_stem + 2), end)
    name = col.text[start:end]
    if _plausible(p, name, name) and col.free(start, end):
        if name not in owner.aliases:
            owner.aliases.append(name)
        found = _Found(owner.name, owner.type, CONF_CONTEXT_NAME)
        col.add(found, _Span(start, end, CONF_CONTEXT_NAME))


def _persons(col: _Collector, p: _Patterns, text: str) -> None:
    """Foreign names (transliteration characters joined by a middle dot or a hyphen), and
    Chinese names after a title."""
    for match in p.foreign_person.finditer(text):  # "凯文·凯利", also "凯文-凯利"
        start, end = match.span()
        if col.free(start, end):
            col.new_name(start, end, CONF_FOREIGN_PERSON, EntityType.PERSON, dot=True)
    for match in p.titled_person.finditer(text):
        start, given = match.start(1), match.group(2)
        end = match.end(1) + len(given)
        if given[0] in p.name_end:
            end = match.end(1)
        elif len(given) == 2 and given[1] in p.name_end:
            end -= 1
        name = text[start:end]
        if len(name) >= 2 and "某" not in name and col.free(start, end):
            col.new_name(start, end, CONF_TITLED_PERSON, EntityType.PERSON)


_SHORT_NAMED = (EntityType.P2P_PLATFORM, EntityType.COMPANY, EntityType.FINANCIAL_INSTITUTION)


def _short_names(col: _Collector, p: _Patterns) -> None:
    """ "钱宝网" is also called "钱宝", "中弘股份" "中弘": the name without its last word."""
    for found in col.found.values():
        if found.type not in _SHORT_NAMED or found.attributes.get("kind") == "sector":
            continue
        for suffix in p.data.short_name_suffixes:
            short = found.name.removesuffix(suffix)
            if short != found.name and _plausible(p, short, short) and short not in p.common:
                if not p.location.fullmatch(short) and short not in found.aliases:
                    found.aliases.append(short)
                break


@lru_cache(maxsize=1 << 16)
def _folded(name: str) -> str:
    return fold(name)


def _repeat_mentions(col: _Collector, folded: str) -> None:
    """Every further occurrence of a found name or alias is a mention too."""
    for found in list(col.found.values()):
        surfaces = {folded[s.start : s.end] for s in found.spans}
        surfaces.update(_folded(alias) for alias in found.aliases)
        # Longest first, so "小诸葛金服" claims its place before "小诸葛" (a set's order
        # would depend on the hash seed and make the output differ from run to run).
        for key in sorted(surfaces, key=lambda k: (-len(k), k)):
            if len(key) < 2:
                continue
            position = folded.find(key)
            while position != -1:
                end = position + len(key)
                if col.free(position, end):
                    col.add(found, _Span(position, end, found.confidence))
                position = folded.find(key, end)


def _merge_variants(col: _Collector, p: _Patterns) -> None:
    """A registered name whose core ("XX" of "XX（北京）…有限公司") another entity has as
    name or alias is that entity: a brand and its company, tied by the text."""
    owners: dict[str, _Found] = {}
    for found in col.found.values():
        for surface in (found.name, *found.aliases):
            owners.setdefault(surface, found)
    for found in list(col.found.values()):
        if not found.spans or not p.registered.search(found.name):
            continue
        core = re.split(r"[（(]", found.name, maxsplit=1)[0]
        if core == found.name:
            core = core[p.location_prefix.match(core).end() :]  # type: ignore[union-attr]
        owner = next(
            (
                owners[core[:size]]
                for size in range(len(core), 1, -1)
                if owners.get(core[:size]) not in (None, found)
            ),
            None,
        )
        if owner is not None:
            col.merge(found, owner)


def find_entities(
    text: str,
    sentences: list[tuple[int, int]],
    lexicon: Lexicon | None = None,
    *,
    external: Iterable[tuple[int, int, EntityType]] = (),
    extractor_version: str | None = None,
) -> EntityResult:
    """Entities (with every mention and its evidence) and MEMBER_OF relations of a text.

    ``sentences`` are (start, end) offsets into ``text`` (see ``split_sentences``);
    ``external`` are (start, end, type) spans of another recogniser (a user's NER), taken
    where no lexicon name is.

    Example: ``find_entities("工行与腾讯合作。", [(0, 8)]).entities[0].id`` -> ``'中国工商银行'``
    """
    if extractor_version is None:
        from fintech_kg.extraction import EXTRACTOR_VERSION

        extractor_version = EXTRACTOR_VERSION
    lexicon = lexicon or load_lexicon()
    p = _patterns()
    folded = fold(text)
    col = _Collector(text)
    collectives = _lexicon_names(col, p, lexicon, folded)
    links = _collective_members(col, lexicon, collectives)
    for start, end, entity_type in external:
        col.new_name(start, end, CONF_EXTERNAL, entity_type)
    _sectors(col, p, lexicon, text)
    _registered_names(col, p, text)
    _persons(col, p, text)
    _context_names(col, p, text)
    _alias_ties(col, p, text)
    _listed_companies(col, p, text)
    _suffixed_names(col, p, text)
    _enumerated_names(col, p, text)
    _short_names(col, p)
    _repeat_mentions(col, folded)
    _merge_variants(col, p)
    evidence = _EvidenceMaker(text, sentences, extractor_version)
    entities = [_to_entity(found, evidence) for found in col.found.values() if found.spans]
    entities.sort(key=lambda e: e.mentions[0].start)
    seen: set[tuple[str, str]] = set()
    relations = []
    for member, collective, start, end in links:
        if (member, collective) not in seen:
            seen.add((member, collective))
            relations.append(
                Relation(
                    type=RelationType.MEMBER_OF,
                    source=member,
                    target=collective,
                    confidence=CONF_COLLECTIVE_MEMBER,
                    evidence=evidence.make(start, end, CONF_COLLECTIVE_MEMBER),
                )
            )
    return EntityResult(entities=entities, relations=relations + _successions(entities, evidence))


def _successions(entities: list[Entity], evidence: _EvidenceMaker) -> list[Relation]:
    """SUCCEEDS successor -> predecessor when an article names both (银保监会, 银监会); the
    lexicon knows who succeeded whom, the evidence is the predecessor's first mention."""
    by_id = {entity.id: entity for entity in entities}
    relations = []
    for entity in entities:
        successor = entity.attributes.get("successor")
        if successor in by_id and entity.mentions:
            mention = entity.mentions[0]
            relations.append(
                Relation(
                    type=RelationType.SUCCEEDS,
                    source=successor,
                    target=entity.id,
                    confidence=CONF_LEXICON,
                    evidence=evidence.make(mention.start, mention.end, CONF_LEXICON),
                )
            )
    return relations


class _EvidenceMaker:
    def __init__(self, text: str, sentences: list[tuple[int, int]], version: str) -> None:
        self.text = text
        self.sentences = sentences
        self.starts = [start for start, _ in sentences]
        self.version = version
        self.made: dict[tuple[int, int, float], Evidence] = {}

    def make(self, start: int, end: int, confidence: float) -> Evidence:
        index = bisect_right(self.starts, start) - 1
        if index >= 0 and self.sentences[index][1] >= end:
            s_start, s_end = self.sentences[index]
        else:  # a mention across sentences (or no sentences given): the mention itself
            s_start, s_end = start, end
        key = (s_start, s_end, confidence)
        evidence = self.made.get(key)
        if evidence is None:
            # Shared by the mentions of one sentence: evidence is the bulk of the output.
            evidence = self.made[key] = make_evidence(
                self.text, s_start, s_end, EXTRACTOR, confidence, self.version
            )
        return evidence


def _to_entity(found: _Found, evidence: _EvidenceMaker) -> Entity:
    spans = sorted(found.spans, key=lambda s: s.start)
    mentions = [
        Mention.model_construct(
            text=evidence.text[s.start : s.end],
            start=s.start,
            end=s.end,
            evidence=evidence.make(s.start, s.end, s.confidence),
        )
        for s in spans
    ]
    return Entity(
        id=found.name,
        name=found.name,
        type=found.type,
        aliases=[a for a in found.aliases if a != found.name],
        confidence=max([found.confidence, *(s.confidence for s in spans)]),
        attributes=found.attributes,
        mentions=mentions,
    )
