"""Sentence splitting for Chinese news: offsets of sentences in the cleaned text.

A sentence ends after 。！？!?；; or …… (closing quotes and brackets that follow stay with
it) and at every line break. Spaces around a sentence are not part of it; empty sentences
are dropped. One regular expression pass, so it costs next to nothing.

Example::

    >>> split_sentences("平台爆雷了！投资人报警。\\n第二段")
    [(0, 6), (6, 12), (13, 16)]
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["sentence_at", "split_sentences"]

_SENTENCE = re.compile(r"[^\n。！？!?；;…]*(?:[。！？!?；;…]+[”’」』）)\"']*|\n|$)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each non-empty sentence, in order, surrounding whitespace excluded."""
    spans: list[tuple[int, int]] = []
    for match in _SENTENCE.finditer(text):
        start, end = match.span()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def sentence_at(sentences: list[tuple[int, int]], starts: list[int], offset: int) -> int:
    """Index of the sentence containing ``offset`` (``starts`` = the sentences' starts).

    An offset between two sentences belongs to the one before it.

    Example: ``sentence_at([(0, 3), (4, 8)], [0, 4], 5)`` -> ``1``
    """
    return max(bisect_right(starts, offset) - 1, 0) if sentences else -1
