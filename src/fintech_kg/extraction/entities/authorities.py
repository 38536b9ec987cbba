"""Local authorities named by their place: "南京市公安局", "江干区人民检察院",
"杭州市公安局余杭区分局", "南山金融办". The lexicon knows 公安局, 检察院 and 法院 only as the
generic bodies; a place before them makes a body of its own, which takes the mention.

Example::

    >>> from fintech_kg.extraction.entities import find_entities
    >>> text = "甲乙市公安局已立案。"
    >>> [(e.id, e.type.value) for e in find_entities(text, [(0, len(text))]).entities]
    [('甲乙市公安局', 'Regulator')]
"""

from __future__ import annotations

import re
from functools import cache

from fintech_kg.extraction.entities.found import CONF_REGISTERED, Collector, Found, Span
from fintech_kg.extraction.entities.patterns import Patterns, alternation
from fintech_kg.extraction.entities.validation import name_check
from fintech_kg.extraction.triggers import load_triggers
from fintech_kg.vocabulary import EntityType

__all__ = ["local_authorities"]

_HAN = "\u4e00-\u9fff"
_NOT_A_PLACE_START = "和与及跟同或经由向"  # "经武昌区工商局": the place starts after 经


@cache
def _authority_pattern(p: Patterns) -> re.Pattern[str]:
    data = p.data
    units = alternation(data.place_units)
    places = alternation([*data.locations, "中国"])
    # one to three place parts: "江苏省南京市", "上海松江", "杭州市"
    part = f"(?:(?:{places})(?:{units})?|[{_HAN}]{{2,4}}?(?:{units}))"
    suffix = alternation(data.authority_suffixes)
    bare = alternation(data.authority_bare_stem)
    # "杭州市公安局余杭区分局": a district's branch after the city's bureau
    branch = f"(?:[{_HAN}]{{2,3}}?(?:区|县)?分局)?"
    boundary = f"(?:(?<![{_HAN}])|(?<=[{re.escape(data.stop_chars)}]))"
    district = f"(?:(?:{places})(?:{units})?)?[{_HAN}]{{2}}"  # "南山", "上海松江"
    return re.compile(
        f"((?:{part}){{1,3}})(?:{suffix}){branch}|{boundary}({district})(?:{bare}){branch}"
    )


def local_authorities(col: Collector) -> None:
    """A place and an authority word: a Regulator of its own, with the short forms the
    press uses (兰州市公安局 -> 兰州公安局; 江苏省南京市检察院 -> 南京市检察院)."""
    p, text = col.patterns, col.text
    bodies: dict[tuple[str, str], Found] = {}
    for match in _authority_pattern(p).finditer(text):
        start, end = match.span()
        place = match.group(1) or match.group(2)
        located = _place(p, text, place, start, end)
        if located is None:
            continue
        place, start = located
        inner = col.inner(start, end)
        if any(found.type != EntityType.REGULATOR for found, _ in inner):
            continue  # a company or platform name inside: not an authority's name
        if inner and inner[0][1].start == start and inner[0][1].end - start > len(place):
            continue  # a known body already starts here ("中国人民银行…")
        for found, span in inner:  # the generic 公安局 inside is this body's word
            found.spans.remove(span)
            col.release(span)
        name = text[start:end]
        key = _body_key(p, place, name[len(place) :])
        found = bodies.get(key) or Found(
            _formal_name(p, place, name[len(place) :]) or name,
            EntityType.REGULATOR,
            CONF_REGISTERED,
            attributes={"kind": "local"},
        )
        bodies.setdefault(key, found)
        for alias in (name, *_short_forms(p, name, place)):
            if alias != found.name and alias not in found.aliases:
                found.aliases.append(alias)
        if col.free(start, end):
            col.add(found, Span(start, end, CONF_REGISTERED))
    _generic_mentions(col, bodies)


def _place(p: Patterns, text: str, place: str, start: int, end: int) -> tuple[str, int] | None:
    """The place an authority's name starts with, and where, once the words the pattern
    took before it are off; None when what is left is no place."""
    cut = max(
        (i for i, char in enumerate(place) if char in p.stop or char in _NOT_A_PLACE_START),
        default=-1,
    )
    place, start = place[cut + 1 :], start + cut + 1  # "名义被北京市…": the place is 北京市
    checked = name_check().start(text, start, end)
    if checked is None or checked - start >= len(place):
        return None
    place, start = place[checked - start :], checked  # "移交", "关注" … cut off
    located = p.location.search(place)
    if located and located.start() >= 2:  # "关注杭州公安": the place is 杭州
        place, start = place[located.start() :], start + located.start()
    while len(place) >= 5 and place[:2] in p.common and not p.location.match(place):
        place, start = place[2:], start + 2  # "移送西湖区检察院": the place is 西湖区
    if place in p.common or place in p.generic or len(place) < 2:
        return None
    if place[-1] in "市省" and len(place) <= 2:  # "本市公安局", "全省法院": no place
        return None
    return place, start


def _formal_name(p: Patterns, place: str, rest: str) -> str | None:
    """The canonical name of a body the text names informally after a whole place
    ("深圳警方" -> 深圳市公安局, "浙江警方" -> 浙江省公安厅, "上海金融办" ->
    上海市地方金融监督管理局); None when the name is formal or the place is not a whole one."""
    data = p.data
    kind = data.authority_kinds.get(rest)
    full = load_triggers().place_forms.get(place)
    if full is None or kind not in data.authority_formal or rest not in data.authority_informal:
        return None
    city, province = data.authority_formal[kind]
    return full + (province if full.endswith(("省", "自治区")) else city)


def _generic_mentions(col: Collector, bodies: dict[tuple[str, str], Found]) -> None:
    """ "警方" in an article that names one local police ("南京市公安局") is that police:
    the generic body's mentions move to the article's only local body of its kind."""
    p = col.patterns
    for generic_name, kind in p.data.generic_authorities.items():
        generic = col.found.get(generic_name)
        local = [found for (_, body_kind), found in bodies.items() if body_kind == kind]
        if generic is None or len({id(found) for found in local}) != 1:
            continue
        local[0].spans.extend(generic.spans)
        generic.spans.clear()


def _body_key(p: Patterns, place: str, rest: str) -> tuple[str, str]:
    """One key for the names of one body: its own place (the last part: 武昌 of
    "武汉市武昌区") without 市/区/县, and the kind of body."""
    parts = re.findall(f"[{_HAN}]{{2,}}?(?:省|市|区|县)", place)
    own = parts[-1] if parts and "".join(parts) == place else place
    return re.sub("[省市区县]$", "", own), p.data.authority_kinds.get(rest, rest)


def _short_forms(p: Patterns, name: str, place: str) -> list[str]:
    rest = name[len(place) :]
    forms = []
    province = re.match(f"[{_HAN}]{{2,3}}?省", place)
    if province and len(place) > province.end():  # "江苏省南京市检察院": "南京市检察院"
        place = place[province.end() :]
        forms.append(place + rest)
    if place[-1] in "市区县" and len(place) >= 3:  # "兰州市公安局" is also "兰州公安局"
        forms.append(place[:-1] + rest)
    return [form for form in forms if form != name and len(form) > len(rest) + 1]
