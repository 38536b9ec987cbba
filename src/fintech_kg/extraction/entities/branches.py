"""Branches: a bank or company name followed by a place and 分行, 支行, 分公司 or 营业部
("招商银行郑州分行", "甲乙有限公司武昌分公司") is a branch, an entity of its own of the same
type; the parent keeps its other mentions. "郑州分行" alone later in the text is the branch.

Example::

    >>> from fintech_kg.extraction.entities import find_entities
    >>> text = "招商银行甲乙分行发放了贷款。"
    >>> [e.id for e in find_entities(text, [(0, len(text))]).entities]
    ['招商银行甲乙分行']
"""

from __future__ import annotations

import re

from fintech_kg.extraction.entities.found import CONF_REGISTERED, Collector, Found, Span
from fintech_kg.vocabulary import EntityType

__all__ = ["branches"]

_BRANCH = re.compile(r"([\u4e00-\u9fff]{2,8}?)(分行|支行|分公司|营业部)")
# Bodies a company sets up under its name: "苏宁金融研究院" is no mention of 苏宁金融
_AFFILIATE = re.compile(r"研究院|研究所|研究中心|商学院|基金会")
_PARENTS = (
    EntityType.BANK,
    EntityType.COMPANY,
    EntityType.FINANCIAL_INSTITUTION,
    EntityType.TECH_COMPANY,
)


def branches(col: Collector) -> None:
    """Bank and company branches named after their parent, and bodies such as its
    research institute (XX研究院: a Company with ``of`` = the parent)."""
    p, text = col.patterns, col.text
    ends = {
        span.end: (found, span)
        for found in col.found.values()
        if found.type in _PARENTS and found.attributes.get("kind") != "sector"
        for span in found.spans
    }
    for end, (parent, span) in sorted(ends.items()):
        affiliate = _AFFILIATE.match(text, end)
        if affiliate is not None and col.free(*affiliate.span()):
            parent.spans.remove(span)
            col.release(span)
            name = text[span.start : affiliate.end()]
            found = Found(name, EntityType.COMPANY, CONF_REGISTERED, attributes={"of": parent.name})
            col.add(found, Span(span.start, affiliate.end(), CONF_REGISTERED))
            continue
        match = _BRANCH.match(text, end)
        if match is None or not col.free(*match.span()):
            continue
        place = match.group(1)
        if place in p.common or any(char in p.stop for char in place):
            continue
        parent.spans.remove(span)
        col.release(span)
        name = text[span.start : match.end()]
        found = Found(name, parent.type, CONF_REGISTERED, attributes={"branch_of": parent.name})
        if p.location.fullmatch(place) or len(place) <= 4:
            found.aliases.append(place + match.group(2))  # "郑州分行"
        col.add(found, Span(span.start, match.end(), CONF_REGISTERED))
