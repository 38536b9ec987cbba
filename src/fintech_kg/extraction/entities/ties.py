"""What ties names together: aliases in the text ("XX（以下简称“YY”）", "XX（YY）"), short
names (钱宝网 -> 钱宝), every further mention of a found name, and a registered name that is
a brand's company ("XX（北京）…有限公司" is XX).

Example::

    >>> from fintech_kg.extraction.entities import find_entities
    >>> text = "甲乙丙金融信息服务有限公司（以下简称“甲乙丙”）称。"
    >>> "甲乙丙" in find_entities(text, [(0, len(text))]).entities[0].aliases
    True
"""

from __future__ import annotations

import re
from functools import lru_cache

from fintech_kg.extraction.entities.found import (
    CONF_CONTEXT_NAME,
    Collector,
    Found,
    Span,
    canonical_id,
)
from fintech_kg.extraction.entities.patterns import Patterns, extend_back, plausible, trim
from fintech_kg.extraction.lexicon import fold
from fintech_kg.vocabulary import EntityType

__all__ = ["alias_ties", "merge_variants", "repeat_mentions", "short_names"]


_ALIAS_TIE = re.compile(
    r"[（(](?:以下|下文)?(?:简称|下称|又称|即|品牌名?[:：]?)?[“\"「]?"
    r"([\u4e00-\u9fffA-Za-z0-9]{2,8})[”\"」]?[)）]"
)


def alias_ties(col: Collector) -> None:
    """'XX（以下简称“YY”）': YY names the entity XX names; when YY is an entity of its own
    (a platform brand and its company), the two are one, named by the lexicon one."""
    p, text = col.patterns, col.text
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
            found = Found(owner.name, owner.type, CONF_CONTEXT_NAME)
            col.add(found, Span(start, end, CONF_CONTEXT_NAME))


def _name_before_brackets(col: Collector, p: Patterns, end: int, owner: Found) -> None:
    """'XX（YY）' with YY known and XX not: XX is another name of YY ("资易贷(小资钱包)")."""
    start = trim(p, col.text, extend_back(col, p, end, p.data.max_brand_stem + 2), end)
    name = col.text[start:end]
    if plausible(p, name, name) and col.free(start, end):
        if name not in owner.aliases:
            owner.aliases.append(name)
        found = Found(owner.name, owner.type, CONF_CONTEXT_NAME)
        col.add(found, Span(start, end, CONF_CONTEXT_NAME))


_SHORT_NAMED = (EntityType.P2P_PLATFORM, EntityType.COMPANY, EntityType.FINANCIAL_INSTITUTION)


def short_names(col: Collector) -> None:
    """ "钱宝网" is also called "钱宝", "中弘股份" "中弘": the name without its last word."""
    p = col.patterns
    for found in col.found.values():
        if found.type not in _SHORT_NAMED or found.attributes.get("kind") == "sector":
            continue
        for suffix in p.data.short_name_suffixes:
            short = found.name.removesuffix(suffix)
            if short.endswith("有限"):  # "X有限公司" less 公司 is no name
                break
            if short != found.name and plausible(p, short, short) and short not in p.common:
                if not p.location.fullmatch(short) and short not in found.aliases:
                    found.aliases.append(short)
                break


@lru_cache(maxsize=1 << 16)
def _folded(name: str) -> str:
    return fold(name)


def repeat_mentions(col: Collector) -> None:
    """Every further occurrence of a found name or alias is a mention too."""
    folded = col.folded
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
                    col.add(found, Span(position, end, found.confidence))
                position = folded.find(key, end)


def merge_variants(col: Collector) -> None:
    """A registered name whose core ("XX" of "XX（北京）…有限公司") another entity has as
    name or alias is that entity: a brand and its company, tied by the text. Several
    registered names on one core ("XX（上海）投资咨询…", "XX（上海）资产管理…") are a group's
    companies, each its own."""
    p = col.patterns
    owners: dict[str, Found] = {}
    for found in col.found.values():
        for surface in (found.name, *found.aliases):
            owners.setdefault(surface, found)
    by_core: dict[str, list[Found]] = {}  # registered names by the known name they start with
    for found in list(col.found.values()):
        if not found.spans or not p.registered.search(found.name):
            continue
        core = re.split(r"[（(]", found.name, maxsplit=1)[0]
        if core == found.name:
            core = core[p.location_prefix.match(core).end() :]  # type: ignore[union-attr]
        known = next((core[:n] for n in range(len(core), 1, -1) if core[:n] in owners), None)
        if known is not None:
            by_core.setdefault(known, []).append(found)
    for known, registered in by_core.items():
        owner = owners[known]
        if len(registered) == 1 and registered[0] is not owner:
            col.merge(registered[0], owner)
