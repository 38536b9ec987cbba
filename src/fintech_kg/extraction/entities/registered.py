"""Company names by their legal form: registered names ("XX有限公司"; one that starts with
a lexicon name becomes its alias, and its trade name "XX" an alias too) and short names
("XX公司"); a lexicon name followed by 公司/集团 grows to take it.

Example::

    >>> from fintech_kg.extraction.entities import find_entities
    >>> [e.id for e in find_entities("甲乙丙投资有限公司被查。", [(0, 11)]).entities]
    ['甲乙丙投资有限公司']
"""

from __future__ import annotations

import re

from fintech_kg.extraction.entities.found import (
    CONF_REGISTERED,
    Collector,
    Found,
    Span,
    canonical_id,
)
from fintech_kg.extraction.entities.patterns import (
    Patterns,
    brand_plausible,
    extend_back,
    plausible,
    trim,
    whole_place,
)
from fintech_kg.extraction.entities.validation import name_check
from fintech_kg.vocabulary import EntityType

__all__ = ["registered_names"]


def _registered_type(p: Patterns, name: str) -> EntityType:
    core = re.sub(r"(股份有限公司|有限责任公司|有限公司|集团公司|集团)$", "", name)
    if "银行" in core:
        return EntityType.BANK
    if any(word in core for word in p.data.p2p_operator_words):
        return EntityType.P2P_PLATFORM  # the legal form P2P platforms were registered in
    for word in p.data.financial_institution_words:
        if word in core:
            return EntityType.FINANCIAL_INSTITUTION
    return EntityType.COMPANY


def _has_trade_name(p: Patterns, stem: str) -> bool:
    """Whether a registered name's stem has more than a place and industry words."""
    core = re.sub(r"[（(][^)）]*[)）]", "", stem)
    place = p.location_prefix.match(core)
    core = core[place.end() :] if place else core
    return bool(core) and not p.industry_tail.fullmatch(core)


def _brand_core(p: Patterns, name: str) -> list[str]:
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
    if not (2 <= len(core) <= 5 and plausible(p, core, core)):
        return []
    kept = next((word for word in p.data.core_keeps if industry.startswith(word)), None)
    return [core, core + kept] if kept else [core]


def _short_company(p: Patterns, stem: str) -> bool:
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
    return brand_plausible(p, stem, stem)


def _grow_mention(col: Collector, start: int, end: int) -> None:
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


def registered_names(col: Collector) -> None:
    """'XX有限公司': an alias of the lexicon name it starts with, else a new Company."""
    p, text = col.patterns, col.text
    for match in p.registered.finditer(text):
        end = match.end()
        if text.startswith(("有限", "股份"), end):  # "集团" of "集团有限公司": wait for it
            continue
        short = match.group() in ("公司", "集团")  # "XX公司": a short name, not a registered one
        if short and text[match.start() - 1 : match.start()] == "分":
            continue  # "XX有限公司武昌分公司": a branch (see branches.py)
        if short:
            _grow_mention(col, match.start(), end)
        limit = p.data.max_brand_stem + 2 if short else p.data.max_registered_stem
        industry = p.industry_tail.search(text, max(0, match.start() - 8), match.start())
        if short and industry:  # "湖南X电子商务公司": the industry words are no part of the cap
            limit += industry.end() - industry.start()
        start = extend_back(col, p, match.start(), limit, parens=not short)
        if match.start() - start == limit:
            start = whole_place(col, p, start)
        if not short:  # "运营公司X有限公司": the name starts after the first company word
            company = text.rfind("公司", start, match.start())
            start = company + 2 if company >= 0 else start
            start = _after_authority(col, start, match.start())
        start = trim(p, text, start, end, registered=True)
        checked = name_check().start(text, start, end)
        if checked is None:
            continue
        start = trim(p, text, checked, end, registered=True)
        name, stem = text[start:end], text[start : match.start()]
        if not (_short_company(p, stem) if short else plausible(p, name, stem)):
            continue
        if not short and not _has_trade_name(p, stem):
            continue  # "北京金融信息服务有限公司": a place and an industry, the name cut off
        inner = col.inner(start, end)
        owner = inner[0][0] if inner else None
        if (
            owner is not None
            and owner.type not in (EntityType.TECHNOLOGY, EntityType.REGULATOR)
            and p.location_prefix.fullmatch(text, start, inner[0][1].start)
        ):
            found = Found(owner.name, owner.type, CONF_REGISTERED, aliases=[name])
        else:
            found = Found(canonical_id(name), _registered_type(p, name), CONF_REGISTERED)
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
            col.add(found, Span(start, end, CONF_REGISTERED))


def _after_authority(col: Collector, start: int, end: int) -> int:
    """Start of a registered name that ran back into a regulator or technology name
    ("法院以X有限公司"): just after that name."""
    for found, span in col.inner(start, end):
        if span.start == start and found.type in (EntityType.REGULATOR, EntityType.TECHNOLOGY):
            return span.end
    return start
