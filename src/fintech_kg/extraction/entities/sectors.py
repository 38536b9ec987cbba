"""Sector words enumerated together ("银行、证券、保险") give the sector entities 银行业,
证券业, 保险业 (attribute ``kind=sector``).

Example::

    >>> from fintech_kg.extraction.entities import find_entities
    >>> sorted(e.id for e in find_entities("银行、证券都在转型。", [(0, 10)]).entities)
    ['证券业', '银行业']
"""

from __future__ import annotations

from fintech_kg.extraction.entities.found import CONF_SECTOR, Collector, Span

__all__ = ["sectors"]


def sectors(col: Collector) -> None:
    """Sector words enumerated together ("银行、证券、保险") name the sectors."""
    p, lexicon, text = col.patterns, col.lexicon, col.text
    for match in p.sector_enum.finditer(text):
        for word in p.sector_word.finditer(match.group()):
            start, end = match.start() + word.start(), match.start() + word.end()
            entry = lexicon.entries.get(p.data.sector_words[word.group()])
            if entry is not None:
                col.add_entry(entry, Span(start, end, CONF_SECTOR), CONF_SECTOR)
