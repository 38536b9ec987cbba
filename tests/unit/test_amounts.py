"""find_amounts / parse_amount: Arabic and Chinese numerals, 万/亿, approximate words, and the
numbers that are not money."""

from __future__ import annotations

import pytest

from fintech_kg.extraction.amounts import AmountMention, find_amounts, parse_amount


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("逾期金额四亿多", 400_000_000.0),
        ("涉案金额1.2亿元", 120_000_000.0),
        ("3000余万元", 30_000_000.0),
        ("待还余额为5.6亿", 560_000_000.0),
        ("借款本金一千二百万元", 12_000_000.0),
        ("融资十二亿三千万元", 1_230_000_000.0),
        ("两千万元人民币", 20_000_000.0),
        ("累计成交1,450.00万元", 14_500_000.0),
        ("交易总额12，345，678.5元", 12_345_678.5),
        ("1亿2000万元", 120_000_000.0),
        ("人民币5亿元", 500_000_000.0),
        ("借了一万五千元", 15_000.0),
        ("借了一万五元", 15_000.0),
        ("借了3万", 30_000.0),
        ("罚款三千五元", 3_500.0),
        ("涉案约4.4个亿", 440_000_000.0),
        ("奖励1296元", 1_296.0),
        ("罚没款壹佰万元", 1_000_000.0),
    ],
)
def test_parse_amount(text: str, value: float) -> None:
    assert parse_amount(text) == value


@pytest.mark.parametrize(
    ("text", "approximate"),
    [
        ("四亿多", True),
        ("3000余万元", True),
        ("近500亿", True),
        ("超10亿元", True),
        ("约2亿元", True),
        ("逾3亿元", True),
        ("5亿元左右", True),
        ("十余万元", True),
        ("数十亿元", True),
        ("几十万元", True),
        ("1.2亿元", False),
    ],
)
def test_approximate_words(text: str, approximate: bool) -> None:
    (mention,) = find_amounts(f"平台涉案{text}，已立案。")
    assert mention.approximate is approximate
    assert mention.text == text


@pytest.mark.parametrize(
    "text",
    [
        "出借人超过30万人",
        "募资800万美元",
        "股价10元/股",
        "持有100万股",
        "千万不要投资",
        "3万多名投资人",
        "5亿多家企业",
        "2019年1月25日",
        "增长6.2%",
        "注册用户4,019,702人",
        "共计1500",
        "三万出借人",
        "3万多受害人",
        "不怕一万，就怕万一",
    ],
)
def test_numbers_that_are_not_money(text: str) -> None:
    assert find_amounts(text) == []
    assert parse_amount(text) is None


def test_several_amounts_with_offsets() -> None:
    text = "该平台逾期金额四亿多，涉案金额1.2亿元，另有3000余万元待还。"
    mentions = find_amounts(text)
    assert [(text[m.start : m.end], m.value_cny) for m in mentions] == [
        ("四亿多", 400_000_000.0),
        ("1.2亿元", 120_000_000.0),
        ("3000余万元", 30_000_000.0),
    ]
    assert all(isinstance(m, AmountMention) for m in mentions)


def test_price_with_currency_before_a_counter_word_keeps_the_currency() -> None:
    (mention,) = find_amounts("8.2亿元股票质押纠纷")
    assert (mention.text, mention.value_cny) == ("8.2亿元", 820_000_000.0)
