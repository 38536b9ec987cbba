"""``name_patterns.json`` compiled, and the tests of a name's shape every pattern shares:
where a name starts and ends in the text, and whether a string can be a name at all.

Example::

    >>> plausible(patterns(), "甜橙猫贷", "甜橙猫")
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

from fintech_kg.extraction.lexicon import (
    NamePatterns,
    load_common_words,
    load_generic_words,
    load_name_patterns,
)
from fintech_kg.vocabulary import EntityType

if TYPE_CHECKING:
    from fintech_kg.extraction.entities.found import Collector


__all__ = [
    "ASCII_LEAD",
    "DATE_LIKE",
    "NAME_CHAR",
    "NUMBERED",
    "QUOTES_CLOSE",
    "QUOTES_OPEN",
    "Patterns",
    "alternation",
    "brand_plausible",
    "brand_start",
    "cut_tail",
    "extend_back",
    "extend_forward",
    "is_name_char",
    "patterns",
    "place_before",
    "plausible",
    "trim",
    "type_for",
    "whole_place",
]


QUOTES_OPEN = "“「『《\"'‘"


QUOTES_CLOSE = "”」』》\"'’"


NAME_CHAR = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")


DATE_LIKE = re.compile(r"\d+[年月日号]|[年月日]\d")


NUMBERED = re.compile(r"^[（(]\d{1,3}[)）]")


ASCII_LEAD = re.compile(r"^[A-Za-z0-9]{3,}(?=[\u4e00-\u9fff])")


def alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


class Patterns:
    """``name_patterns.json`` compiled into regular expressions and sets."""

    def __init__(self, data: NamePatterns) -> None:
        self.data = data
        self.stop = set(data.stop_chars)
        self.registered_chars = frozenset(f"()（）{data.registered_name_chars}")
        self.name_end = set(data.name_end_chars)
        self.generic = load_generic_words()
        self.common = load_common_words()
        self.leading_junk = re.compile(f"(?:{alternation(data.leading_junk)})+")
        self.generic_ending = tuple(data.generic_endings)
        self.registered = re.compile(alternation(data.registered_suffixes))
        self.brand = re.compile(alternation(b.suffix for b in data.brand_suffixes))
        self.brand_by_suffix = {b.suffix: b for b in data.brand_suffixes}
        self.before = re.compile(f'(?:{alternation(data.platform_context_before)})[:：“"「]?')
        self.risk_after = re.compile(alternation([*data.risk_after, *data.name_before_alone]))
        self.before_alone = frozenset(data.name_before_alone)
        self.quoted = re.compile(
            f'[“「"]([\u4e00-\u9fffA-Za-z0-9]{{2,8}})[”」"](?={alternation(data.quote_followers)})'
        )
        self.location = re.compile(alternation(data.locations))
        self.places = frozenset(data.locations)
        self.location_prefix = re.compile(
            f"[（(]?(?:{alternation([*data.locations, '中国'])})?(?:省|市)?[)）]?"
        )
        surnames = f"(?:{alternation(data.compound_surnames)}|[{data.surnames}])"
        self.surname = re.compile(surnames)
        self.person_title_words = frozenset(
            [*data.person_titles, *data.person_titles_after, "总", "董", "老师", "博士", "经理"]
        )
        self.titled_person = re.compile(
            # "董事长：王某", "法人为王某", "实控人是王某": the title, a colon or a linking verb
            f"(?:{alternation(data.person_titles)})(?:[:：]|为|是|[，,]?分别为)?[ \u3000]?"
            f"({surnames})([\u4e00-\u9fff]{{1,2}})"
        )
        self.next_person = re.compile(f"、({surnames})([\u4e00-\u9fff]{{1,2}})")
        person = f"(?:{surnames})[\u4e00-\u9fff]{{1,2}}?"
        self.person_before_title = re.compile(
            f"({person})(?=[（(]?(?:{alternation(data.person_titles_after)}|"
            f"{alternation(data.person_followers)}|等\\d{{1,4}}[名人]))"
        )
        self.person_list = re.compile(
            f"(?:{person})(?:、(?:{person})){{1,}}(?=(?:{alternation(data.person_list_enders)})|[，。；,;])"
        )
        self.sector_enum = re.compile(
            f"(?:{alternation(data.sector_words)})(?:[、和与及,，/](?:{alternation(data.sector_words)}))+"
        )
        self.sector_word = re.compile(alternation(data.sector_words))
        self.industry_tail = re.compile(f"(?:{alternation(data.industry_words)})+$")
        self.continuation = tuple(data.suffix_continuations)
        self.hashtag = re.compile(
            f"#([\u4e00-\u9fffA-Za-z0-9]{{2,10}})#(?={alternation(data.hashtag_followers)})"
        )
        foreign = f"[{data.transliteration_chars}]"
        self.foreign_person = re.compile(f"{foreign}{{1,6}}[·•・\\-－‐]{foreign}{{1,8}}")
        self.type_by_suffix = sorted(
            ((b.suffix, b.type) for b in data.brand_suffixes), key=lambda p: -len(p[0])
        )


@cache
def patterns() -> Patterns:
    return Patterns(load_name_patterns())


def is_name_char(p: Patterns, char: str) -> bool:
    return bool(NAME_CHAR.match(char)) and char not in p.stop


def extend_back(col: Collector, p: Patterns, end: int, max_len: int, parens: bool = False) -> int:
    """Start of the name that ends at ``end``: back over name characters; a short name never
    reaches into a name already found, a registered name (``parens``) may contain one."""
    text, start = col.text, end
    while start > 0 and end - start < max_len and (parens or not col.taken[start - 1]):
        char = text[start - 1]
        if not (is_name_char(p, char) or (parens and char in p.registered_chars)):
            break
        start -= 1
    return start


def extend_forward(p: Patterns, text: str, start: int, max_len: int) -> int:
    end = start
    while end < len(text) and end - start < max_len and is_name_char(p, text[end]):
        if end - start >= 2 and p.risk_after.match(text, end):
            break
        end += 1
    return end


def trim(p: Patterns, text: str, start: int, end: int, registered: bool = False) -> int:
    """New start of a candidate name: leading junk words, numbering and stray brackets off."""
    name = text[start:end]
    if registered:
        numbered = NUMBERED.match(name) or ASCII_LEAD.match(name)
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
    if junk and text[start : junk.end()] in _CONJUNCTIONS and _opens_clause(text, start):
        junk = None  # "据悉，和耕X有限公司": 和 joins nothing here, so it starts the name
    if junk and end - junk.end() >= 2:
        start = junk.end()
    while start < end and text[start] in ")）":
        start += 1
    return start


_CONJUNCTIONS = frozenset("和与及跟同")


def _opens_clause(text: str, start: int) -> bool:
    """Whether ``start`` opens a clause: the text start, or after a punctuation mark or a
    space (a conjunction there has nothing before it to join)."""
    before = text[:start].rstrip(" \u3000")
    return not before or not (before[-1].isalnum() or before[-1] in ")）")


def plausible(p: Patterns, name: str, stem: str) -> bool:
    if len(name) < 2 or len(stem) < 2 or name in p.generic or stem in p.generic:
        return False
    if stem.isdigit() or DATE_LIKE.search(name) or "某" in name:
        return False
    return not all(char in p.stop for char in stem)


def brand_plausible(p: Patterns, name: str, stem: str) -> bool:
    if not plausible(p, name, stem) or name.endswith(p.generic_ending):
        return False
    return not any(word in stem for word in ("平台", "网贷", "公司"))


def type_for(p: Patterns, name: str) -> EntityType:
    for suffix, entity_type in p.type_by_suffix:
        if name.endswith(suffix):
            return entity_type
    return EntityType.P2P_PLATFORM


def brand_start(
    col: Collector, p: Patterns, stem_end: int, end: int, strict: bool = False
) -> int | None:
    """Start of a brand name whose stem ends at ``stem_end`` (a place before it allowed:
    "上海网格金服"), or None when the run of name characters before it is too long to be one
    name ("改造传统金融": a clause, not a name). When the suffix also ends ordinary phrases,
    the stem may not be an ordinary word ("实现金融"), nor, with ``strict`` (no other
    context), end with one ("真正实现金融")."""
    limit = p.data.max_brand_stem + 6
    raw = extend_back(col, p, stem_end, limit)
    if stem_end - raw >= limit:
        return None
    start = trim(p, col.text, raw, end)
    if stem_end - start > p.data.max_brand_stem:  # "陶某和华润银行": the name follows 和
        joint = max(col.text.rfind(char, start, stem_end) for char in "和与及跟同或")
        if joint >= 0:
            start = trim(p, col.text, joint + 1, end)
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


def place_before(col: Collector, p: Patterns, start: int) -> int:
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


def whole_place(col: Collector, p: Patterns, start: int) -> int:
    """Start of the place a length-capped name was cut in: "京正聚源通鼎公司" of
    "北京正聚源通鼎公司" starts at 北 (a company name never starts inside a place name)."""
    for size in (3, 2):
        for inside in range(1, size):
            place = start - size + inside
            if place >= 0 and col.text[place : place + size] in p.places:
                return place if col.free(place, start) else start
    return start


def cut_tail(p: Patterns, text: str, start: int, end: int) -> int:
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
