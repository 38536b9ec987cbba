"""The checks every name found by pattern passes before it is accepted (the lexicon's names
need none): leading words cut off, then no trigger word, verb or generic noun as a name, and
no name cut out of a word (the character before it and its first one are a word).

The words are data: ``data/lexicon/name_rejects.toml``.

Example::

    >>> from fintech_kg.extraction.entities import find_entities
    >>> text = "回顾甲乙丙金融信息服务有限公司的历史。"
    >>> [e.id for e in find_entities(text, [(0, len(text))]).entities]
    ['甲乙丙金融信息服务有限公司']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from fintech_kg.extraction.lexicon import load_common_words, load_name_rejects

__all__ = ["NameCheck", "name_check"]

_SUFFIX_ROOM = 2  # the last characters (有限公司, 金服 …) are never cut


@dataclass(frozen=True, slots=True)
class NameCheck:
    """``name_rejects.toml`` compiled."""

    not_names: frozenset[str]
    not_inside: re.Pattern[str]
    cut_after: re.Pattern[str]
    person_not_given: frozenset[str]
    common: frozenset[str]
    never_inside: frozenset[str]  # the words of ``not_inside``, for the word-crossing test

    def start(self, text: str, start: int, end: int, *, person: bool = False) -> int | None:
        """Where the name at ``text[start:end]`` starts once leading words are cut off
        ("回顾", "官网显示", "扫黑除恶(北京)"), or None when what is left is no name.
        A ``person``'s name may start where a word of two characters ends ("行长于学忠").

        Example: ``name_check().start("曝光甲乙贷", 0, 5)`` -> ``2``
        """
        last = None
        for match in self.cut_after.finditer(text, start, max(start, end - _SUFFIX_ROOM)):
            last = match
        if last is not None:
            start = last.end()
            bracket = re.match(r"[（(][^()（）]{1,8}[)）]", text[start:end])
            if bracket:  # "扫黑除恶(北京)X…": a place in brackets starts no name
                start += bracket.end()
        name = text[start:end]
        if len(name) < 2 or name in self.not_names or self.not_inside.search(name):
            return None
        if not person and self._inside_word(text, start):
            return None  # cut inside a word: "解信贷" of "了解信贷", "人登记" of "投资人登记"
        if re.fullmatch(r"[\u4e00-\u9fff]\d+", name):
            return None  # "暴133" of "暴133个雷": a character and a number
        if not person and len(name) == 4 and name[:2] in self.common and name[2:] in self.common:
            return None  # two ordinary words: "舆情追踪", "转移资产", "加入投资"
        return start

    def _inside_word(self, text: str, start: int) -> bool:
        """Whether an ordinary word of two to four characters, or a word that is never a
        name ("投资人", "接二连三"), runs across ``start``."""
        for size in (2, 3, 4):
            for before in range(1, size):
                word = text[start - before : start - before + size] if start >= before else ""
                if word in self.common or word in self.not_names or word in self.never_inside:
                    return True
        return False


@cache
def name_check() -> NameCheck:
    """The compiled checks, built once per process."""
    data = load_name_rejects()

    def alternation(words: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)))

    return NameCheck(
        not_names=frozenset(data.not_names),
        not_inside=alternation(data.not_inside),
        cut_after=alternation(data.cut_after),
        person_not_given=frozenset(data.person_not_given),
        common=load_common_words(),
        never_inside=frozenset(data.not_inside),
    )
