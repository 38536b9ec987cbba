"""Money amounts in Chinese news, in CNY: "涉案金额1.2亿元", "3000余万元", "逾期金额四亿多".

A number in Arabic or Chinese numerals (or both: "1亿2000万") counts as money when it ends in
元, or carries 亿, or 万 after Arabic digits, and is not followed by a counter such as 人, 家 or
股 ("30万人" is people) or by a foreign currency ("800万美元"). Approximate words (约, 近,
超, 逾, 多, 余, 左右 …) keep the number and set ``approximate``.

Example::

    >>> [(m.text, m.value_cny) for m in find_amounts("待还余额为5.6亿，涉案3000余万元。")]
    [('5.6亿', 560000000.0), ('3000余万元', 30000000.0)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["AmountMention", "find_amounts", "parse_amount"]


@dataclass(frozen=True, slots=True)
class AmountMention:
    """An amount of money found in text: its span, matched text, value in CNY and whether the
    text gives it as approximate ("四亿多", "近500亿")."""

    start: int
    end: int
    text: str
    value_cny: float
    approximate: bool = False


_DIGITS = {"零": 0, "〇": 0, "一": 1, "壹": 1, "二": 2, "两": 2, "贰": 2, "三": 3, "叁": 3}
_DIGITS |= {"四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7}
_DIGITS |= {"八": 8, "捌": 8, "九": 9, "玖": 9}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_WAN, _YI = 10_000, 100_000_000

_ARABIC = r"\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_CN_DIGIT = "零〇一壹二两贰三叁四肆五伍六陆七柒八捌九玖"
_CN_UNIT = "十拾百佰千仟万亿"
_COUNTERS = (
    "人|名|位|户|家|个(?!亿|万)|次|笔|件|条|股|份|台|辆|套|张|只|头|吨|平方|公里|千米|米|克|公斤"
    "|斤|亩|间|座|项|单|篇|封|部|倍|年|月|天|日|小时|分钟|字|页|行|级|岁"
    # people counted without a measure word: "3万多受害人", "三万出借人"
    "|出借人|受害|投资人|投资者|借款人|债权人|用户|百姓|老百姓|会员|客户|员工|网友|粉丝|储户|股民"
)
_FOREIGN = "美元|美金|港元|港币|欧元|日元|英镑|澳元|加元|韩元|新加坡元|台币|卢布"

_AMOUNT = re.compile(
    rf"(?P<before>约合?|大约|将近|接近|近|超过|超|逾|多达|数|几)?"
    # the number starts with a digit (not a bare unit: "千万不要" is not money)
    rf"(?<![\d.])(?P<number>(?:{_ARABIC}|[{_CN_DIGIT}]|[十拾])"
    rf"(?:{_ARABIC}|[{_CN_DIGIT}{_CN_UNIT}]|多|余(?!额)|来(?=[万亿千百])|个(?=[亿万]))*+)"
    # 元/股 is a price per share, not an amount
    rf"(?:(?P<currency>元|块钱|人民币)(?![/每])|(?!{_FOREIGN}|{_COUNTERS}))"
    rf"(?P<after>左右|以上|上下)?"
)
# Without 元, a number is taken for money only with 亿, or with 万 after Arabic digits: a bare
# "三万" is more often people ("三万受害人") or an idiom ("不怕一万，就怕万一").
_MONEY_SIZED = re.compile(r"亿|\d[^万]*万")
_TOKENS = re.compile(rf"{_ARABIC}|[{_CN_DIGIT}{_CN_UNIT}]|[多余来]")
_APPROXIMATE_INSIDE = re.compile(r"[多余来]")


def find_amounts(text: str) -> list[AmountMention]:
    """Find the amounts of money in ``text``, in order, with their value in CNY.

    Example: ``find_amounts("逾期金额四亿多")[0].value_cny`` -> ``400000000.0``
    """
    mentions: list[AmountMention] = []
    for match in _AMOUNT.finditer(text):
        number = match.group("number")
        if match.group("currency") is None and not _MONEY_SIZED.search(number):
            continue
        value = _number_value(number)
        if value is None or value <= 0:
            continue
        approximate = bool(
            match.group("before") or match.group("after") or _APPROXIMATE_INSIDE.search(number)
        )
        mentions.append(
            AmountMention(match.start(), match.end(), match.group(), round(value, 2), approximate)
        )
    return mentions


def parse_amount(text: str) -> float | None:
    """Return the value in CNY of the first amount in ``text``, else None.

    Example: ``parse_amount("涉案金额1.2亿元")`` -> ``120000000.0``
    """
    mentions = find_amounts(text)
    return mentions[0].value_cny if mentions else None


def _number_value(number: str) -> float | None:
    """Value of a mixed Arabic/Chinese numeral: "1.2亿", "十二亿三千万", "3000余万", "一万五"."""
    total = 0.0  # everything already multiplied by 亿
    below_yi = 0.0  # the part between 亿 and 万, already multiplied by 万
    section = 0.0  # the part below 万 built from 十/百/千
    current: float | None = None  # a number not yet given a unit
    last_unit = 0
    for token in _TOKENS.findall(number):
        if token in "多余来":
            continue
        if token[0].isdigit():
            if current is not None:
                return None  # two Arabic numbers in a row: not one amount
            current = float(token.replace(",", "").replace("，", ""))
            last_unit = 0
        elif token in _DIGITS:
            digit = _DIGITS[token]
            current = digit if current is None else current * 10 + digit
        elif token in _SMALL_UNITS:
            unit = _SMALL_UNITS[token]
            section += (1.0 if current is None else current) * unit
            current, last_unit = None, unit
        elif token == "万":
            below_yi += (section + (current or 0.0)) * _WAN
            section, current, last_unit = 0.0, None, _WAN
        else:  # 亿
            total += (below_yi + section + (current or 0.0)) * _YI
            below_yi, section, current, last_unit = 0.0, 0.0, None, _YI
    if current is not None and last_unit >= 100 and current < 10:
        # Colloquial "一万五" (15,000) and "三千五" (3,500): a trailing digit is one unit down.
        current *= last_unit / 10
    return total + below_yi + section + (current or 0.0)
