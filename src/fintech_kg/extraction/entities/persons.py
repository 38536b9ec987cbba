"""Persons: foreign names (transliteration characters joined by "·" or "-": 凯文·凯利) and
Chinese names (a surname of ``name_patterns.json`` and one or two given characters) after or
before a title (董事长, 创始人, 实控人 ...), in lists of suspects ("甲、乙等人") or before 涉嫌.

Example::

    >>> from fintech_kg.extraction.entities import find_entities
    >>> [e.id for e in find_entities("董事长王大明称。", [(0, 8)]).entities]
    ['王大明']
"""

from __future__ import annotations

from fintech_kg.extraction.entities.found import CONF_FOREIGN_PERSON, CONF_TITLED_PERSON, Collector
from fintech_kg.vocabulary import EntityType

__all__ = ["persons"]


def persons(col: Collector) -> None:
    """Foreign names (transliteration characters joined by a middle dot or a hyphen), and
    Chinese names after a title."""
    p, text = col.patterns, col.text
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
