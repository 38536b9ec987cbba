"""Persons: foreign names (transliteration characters joined by "·" or "-": 凯文·凯利) and
Chinese names (a surname of ``name_patterns.json`` and one or two given characters) after a
title (董事长, 副行长, 犯罪嫌疑人 ...), before one (甲乙行长, 甲乙先生) or before a word that
only follows a person (甲乙涉嫌, 甲乙持股), and in lists of them ("甲乙、丙丁等人").

A name is checked against its context: no ordinary word or place, no clause word as a
given name ("孟甲涉嫌" is 孟甲, "王乙参加" 王乙: the second character opens a word).

Example::

    >>> from fintech_kg.extraction.entities import find_entities
    >>> [e.id for e in find_entities("董事长王大明称。", [(0, 8)]).entities]
    ['王大明']
"""

from __future__ import annotations

from fintech_kg.extraction.entities.found import (
    CONF_FOREIGN_PERSON,
    CONF_TITLED_PERSON,
    Collector,
)
from fintech_kg.extraction.entities.patterns import Patterns
from fintech_kg.extraction.entities.validation import name_check
from fintech_kg.vocabulary import EntityType

__all__ = ["persons"]

_HAN_START, _HAN_END = "\u4e00", "\u9fff"


def _han(char: str) -> bool:
    return _HAN_START <= char <= _HAN_END


def persons(col: Collector) -> None:
    """Foreign names, Chinese names next to a title or a person's word, lists of names."""
    p, text = col.patterns, col.text
    for match in p.foreign_person.finditer(text):  # "凯文·凯利", also "凯文-凯利"
        start, end = match.span()
        if col.free(start, end):
            col.new_name(start, end, CONF_FOREIGN_PERSON, EntityType.PERSON, dot=True)
    for match in p.titled_person.finditer(text):
        start = match.start(1)
        end = _given_end(p, text, match.end(1), match.end(2))
        _add_person(col, p, start, end)
        # "股东分别为甲乙、丙丁": the names listed after the title's are persons too
        while end > start and (listed := p.next_person.match(text, end)):
            start, end = listed.start(1), _given_end(p, text, listed.end(1), listed.end(2))
            _add_person(col, p, start, end)
    for match in p.person_before_title.finditer(text):
        start, end = match.span(1)
        glued = start > 0 and _han(text[start - 1]) and text[start - 1] not in p.stop
        if glued and not col.taken[start - 1] and text[start - 2 : start] not in p.common:
            continue  # glued to the word before: "行长" of "分行长", not a name
        _add_person(col, p, start, end)
    for match in p.person_list.finditer(text):
        start = match.start()
        items = match.group().split("、")
        if len(items) < 3 and not text.startswith(tuple(p.data.person_list_enders), match.end()):
            continue  # "甲、乙" alone may be two of anything; three, or "…等人", are persons
        if not all(_person_name(p, item) for item in items):
            continue
        for item in items:
            _add_person(col, p, start, start + len(item))
            start += len(item) + 1


def _given_end(p: Patterns, text: str, surname_end: int, end: int) -> int:
    """End of a Chinese name whose given name may run to ``end``: one character when the
    second is a clause word or opens a word with what follows ("王乙参加" -> 王乙)."""
    given = text[surname_end:end]
    if not given or given[0] in p.name_end or given[0] in name_check().person_not_given:
        return surname_end
    if len(given) == 2:
        second = given[1]
        follows = text[end : end + 1]
        if second in p.name_end or second in name_check().person_not_given:
            return end - 1
        if follows and second + follows in p.common:
            return end - 1
    return end


def _person_name(p: Patterns, name: str) -> bool:
    """Whether a surname and one or two characters can be a person's name here."""
    if not 2 <= len(name) <= 4 or "某" in name or not all(_han(char) for char in name):
        return False
    if name in p.common or name in p.generic or name in p.places or p.location.match(name):
        return False
    if len(name) == 3 and name[:2] in p.common:  # "包括创", "董事兼": a word and a character
        return False
    if name[1:] in p.person_title_words:  # "郭博士", "王总": a title, not a given name
        return False
    surname = p.surname.match(name)
    given = name[surname.end() :] if surname else ""
    # 再, 可, 如 … are stop characters of company names but common in given names (邬再平)
    return bool(given) and not any(char in name_check().person_not_given for char in given)


def _add_person(col: Collector, p: Patterns, start: int, end: int) -> None:
    name = col.text[start:end]
    if _person_name(p, name) and col.free(start, end):
        col.new_name(start, end, CONF_TITLED_PERSON, EntityType.PERSON)
