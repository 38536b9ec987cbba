"""Names missing from the lexicon found by their context: after "网贷平台"/"名为", quoted or
hashtagged before a platform word, brand-like before a risk word ("XX贷爆雷") or ending in a
strong suffix (金服/钱包/财富/贷 ...; the stem no ordinary word), a suffix-less name opening a
clause before 爆雷/跑路/平台, names followed by a stock code, and the other items of a list
with known platforms ("A、B、C").

Example::

    >>> from fintech_kg.extraction.entities import find_entities
    >>> [e.id for e in find_entities("甜橙猫贷爆雷了。", [(0, 8)]).entities]
    ['甜橙猫贷']
"""

from __future__ import annotations

import re

from fintech_kg.extraction.entities.found import (
    CONF_CONTEXT_NAME,
    CONF_SUFFIX_NAME,
    LISTABLE,
    Collector,
    Found,
    Span,
)
from fintech_kg.extraction.entities.patterns import (
    NAME_CHAR,
    Patterns,
    brand_plausible,
    brand_start,
    cut_tail,
    extend_forward,
    plausible,
    trim,
    type_for,
)
from fintech_kg.vocabulary import EntityType

__all__ = ["context_names", "enumerated_names", "listed_companies", "suffixed_names"]


_STOCK_CODE = re.compile(
    r"([\u4e00-\u9fffA-Za-z]{2,8})[（(](?:\d{6}|\d{4,5})(?:\.(?:SH|SZ|HK|sh|sz|hk))?[)）]"
)


_ENUMERATION = re.compile(
    r"[\u4e00-\u9fffA-Za-z0-9]{2,8}(?:([、,，])[\u4e00-\u9fffA-Za-z0-9]{2,8}){2,}"
)


def _bare_name_before(col: Collector, p: Patterns, end: int, word: str) -> None:
    """A name with no brand suffix right before a strong word ("爱福家非法集资", "某某汇平台"):
    only when it starts a clause and is no ordinary word."""
    if word not in p.before_alone:
        return
    start = brand_start(col, p, end, end, strict=True)
    if start is None or end - start > p.data.max_brand_stem + 1:
        return
    before = col.text[start - 1] if start > 0 else "。"
    if NAME_CHAR.match(before) or col.taken[start - 1 : start] == b"\x01":
        return  # a clause starts here only after punctuation
    name = col.text[start:end]
    if len(name) < 3 or name[0].isdigit() or p.risk_after.search(name) or name in p.generic:
        return
    if brand_plausible(p, name, name) and col.free(start, end):
        kind = EntityType.P2P_PLATFORM if word in p.data.platform_followers else EntityType.COMPANY
        col.new_name(start, end, CONF_SUFFIX_NAME, kind)


def _marked_name(col: Collector, p: Patterns, start: int, end: int) -> None:
    """A quoted or hashtagged name before a platform word: no ordinary word or phrase."""
    name = col.text[start:end]
    ordinary = name in p.common or name[-2:] in p.common or p.risk_after.search(name)
    if not ordinary and brand_plausible(p, name, name) and col.free(start, end):
        col.new_name(start, end, CONF_CONTEXT_NAME, type_for(p, name))


def context_names(col: Collector) -> None:
    """Names after '网贷平台'/'名为', and brand-like names before a risk word ('XX贷爆雷')."""
    p, text = col.patterns, col.text
    for match in p.before.finditer(text):
        end = cut_tail(p, text, match.end(), extend_forward(p, text, match.end(), 8))
        start = trim(p, text, match.end(), end)
        name = text[start:end]
        if brand_plausible(p, name, name) and col.free(start, end):
            col.new_name(start, end, CONF_CONTEXT_NAME, type_for(p, name))
    for match in p.hashtag.finditer(text):
        _marked_name(col, p, *match.span(1))
    for match in p.risk_after.finditer(text):
        end = match.start()
        stem_start = brand_start(col, p, end, end)
        if stem_start is None:
            continue
        start = stem_start
        suffix = p.brand.search(text, start, end)
        while suffix is not None and suffix.end() != end:
            suffix = p.brand.search(text, suffix.end(), end)
        name = text[start:end]
        if suffix is None:
            _bare_name_before(col, p, end, match.group())
            continue
        # before a risk word, "XX资产"/"XX投资" are names too: no generic-ending test
        if plausible(p, name, text[start : suffix.start()]) and col.free(start, end):
            col.new_name(start, end, CONF_CONTEXT_NAME, type_for(p, name))
    for match in p.quoted.finditer(text):
        _marked_name(col, p, *match.span(1))


def suffixed_names(col: Collector) -> None:
    """Brand-like names with no context: 2-4 characters before a strong suffix ("XX金服")."""
    p, text = col.patterns, col.text
    for match in p.brand.finditer(text):
        if not p.brand_by_suffix[match.group()].alone:
            continue
        end = match.end()
        if text.startswith(p.continuation, end):
            continue  # "金融服务", "理财产品": the word goes on, it is not a name's end
        stem_start = brand_start(col, p, match.start(), end, strict=True)
        if stem_start is None:
            continue
        start = stem_start
        name = text[start:end]
        if brand_plausible(p, name, text[start : match.start()]) and col.free(start, end):
            col.new_name(start, end, CONF_SUFFIX_NAME, type_for(p, name))


def listed_companies(col: Collector) -> None:
    """A name followed by a stock code is a listed company: "某某股份(600123)"."""
    p, text = col.patterns, col.text
    for match in _STOCK_CODE.finditer(text):
        start = trim(p, text, match.start(1), match.end(1))
        end = match.end(1)
        name = text[start:end]
        if plausible(p, name, name) and name not in p.common and col.free(start, end):
            col.new_name(start, end, CONF_CONTEXT_NAME, EntityType.COMPANY)


def enumerated_names(col: Collector) -> None:
    """In a list "A、B、C" where some items are known platforms or companies (two, when
    commas separate them), the other items are of their kind ("快易借、速贷宝、天天花")."""
    p, text = col.patterns, col.text
    starts: dict[int, tuple[Found, Span]] | None = None
    for match in _ENUMERATION.finditer(text):
        if starts is None:  # built on the first list: most texts have none
            starts = {s.start: (found, s) for found in col.found.values() for s in found.spans}
        separator = match.group(1)
        if len(set(re.findall(r"[、,，]", match.group()))) > 1:
            continue  # "A、B，C": a list inside a sentence, not one list
        items, position = [], match.start()
        for item in match.group().split(separator):
            start, end = trim(p, text, position, position + len(item)), position + len(item)
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
        if len(known) < needed or len(kinds) != 1 or not kinds <= set(LISTABLE):
            continue
        kind = kinds.pop()
        for start, end in items:
            name = text[start:end]
            plausible = (
                brand_plausible(p, name, name)
                and name not in p.common
                and len(name) <= p.data.max_brand_stem + 2
                and not any(char in p.stop for char in name)
            )
            if plausible and col.free(start, end):
                col.new_name(start, end, CONF_SUFFIX_NAME, kind)
