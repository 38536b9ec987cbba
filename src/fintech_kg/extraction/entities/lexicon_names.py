"""Lexicon lookup: every surface of the shipped lexicon, leftmost-longest.

Names that are also ordinary words (``needs_context``) count only next to a context word
(平台, 网贷, P2P, 爆雷, 逾期 ...), in quotes, or listed next to a known platform or company;
once one occurrence counts, all do. A place written before a platform's or company's name
("上海" in "上海网格金服") belongs to its mention.

Example::

    >>> from fintech_kg.extraction.entities import find_entities
    >>> [e.id for e in find_entities("工行放贷。", [(0, 5)]).entities]
    ['中国工商银行']
"""

from __future__ import annotations

import re

from fintech_kg.extraction.entities.found import (
    CONF_IN_CONTEXT,
    CONF_LEXICON,
    LISTABLE,
    Collector,
    Span,
    canonical_id,
)
from fintech_kg.extraction.entities.patterns import (
    QUOTES_CLOSE,
    QUOTES_OPEN,
    Patterns,
    place_before,
)
from fintech_kg.extraction.lexicon import LexiconEntry

__all__ = ["lexicon_names"]


_SHORT = 4  # a registry name this short may be cut out of longer words
# a web address names no one: "z.jd.com/project" is no mention of 京东 (JD.com)
_URL = re.compile(r"(?:https?://|www\.)[!-~]+")
_REGISTRIES = frozenset({"p2p_platforms.tsv", "a_share_companies.tsv"})


def _inside_word(p: Patterns, folded: str, start: int, end: int) -> bool:
    """Whether the text at start:end is cut out of longer words: the character before it
    and its first one are a word, or its last one and the character after it."""
    return folded[max(0, start - 1) : start + 1] in p.common or folded[end - 1 : end + 1] in (
        p.common if end < len(folded) else ()
    )


def _has_context(p: Patterns, folded: str, start: int, end: int) -> bool:
    quoted = start > 0 and end < len(folded) and folded[start - 1] in QUOTES_OPEN
    if quoted and folded[end] in QUOTES_CLOSE:
        return True
    before = folded[max(0, start - p.data.context_window) : start]
    after = folded[end : end + p.data.context_window]  # the name itself is no context
    return any(word in before or word in after for word in p.data.context_words)


def _listed_next(folded: str, start: int, end: int, listed: set[int]) -> bool:
    """Whether the name at start:end and a known name are neighbours in a "、" list."""
    after = folded[end : end + 1] == "、" and end in listed
    return after or (folded[start - 1 : start] == "、" and start - 1 in listed)


def lexicon_names(col: Collector) -> None:
    """Accept lexicon hits; the collectives hit go to ``col.collectives``."""
    p, lexicon, folded = col.patterns, col.lexicon, col.folded
    pending: dict[str, list[tuple[int, int, LexiconEntry]]] = {}
    confirmed: set[str] = set()
    listed: set[int] = set()  # where a known listable name ends, or the position before it
    urls = [m.span() for m in _URL.finditer(folded)]
    for hit in lexicon.find(folded):
        entry = hit.entry
        if any(start <= hit.start and hit.end <= end for start, end in urls):
            continue
        if entry is None:  # a stop name: it is not the name it contains
            col.take(hit.start, hit.end)
            continue
        length = hit.end - hit.start
        # a registry's short names, and any name of two characters ("国网" in "全国网贷")
        short = length == 2 or (length <= _SHORT and entry.source in _REGISTRIES)
        if short and _inside_word(p, folded, hit.start, hit.end):
            continue  # "创新资本" holds 新资本, "小微信贷" 微信贷: no mention of them
        if hit.needs_context:
            pending.setdefault(entry.name, []).append((hit.start, hit.end, entry))
            if _has_context(p, folded, hit.start, hit.end):
                confirmed.add(entry.name)
            continue
        if entry.members:
            col.collectives.append((entry.name, hit.start, hit.end))
        start = place_before(col, p, hit.start) if entry.type in LISTABLE else hit.start
        col.add_entry(entry, Span(start, hit.end, CONF_LEXICON), CONF_LEXICON)
        if entry.type in LISTABLE:
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
            col.add_entry(entry, Span(start, end, CONF_IN_CONTEXT), CONF_IN_CONTEXT)
