"""The cleaning rules file is valid, every rule does what its examples say, and make_article
removes boilerplate while keeping the body (sentences written for these tests)."""

from __future__ import annotations

import re
from datetime import date

import pytest

from fintech_kg.reading import article_id, clean_text, load_cleaning_rules, make_article
from fintech_kg.reading.cleaning import guess_title

RULES = load_cleaning_rules()

BODY = (
    "某网贷平台近日宣布良性退出，承诺在两年内兑付出借人本金。\n\n"
    "业内人士认为，以BAT为代表的互联网巨头正在从平台型转向赋能型，"
    "向银行、证券和保险机构输出大数据与区块链技术。"
)


def test_rules_file_loads_with_unique_names_and_a_version() -> None:
    names = [compiled.rule.name for compiled in RULES.rules]
    assert RULES.version >= 1
    assert len(names) == len(set(names))
    assert names[-1] == "blank_lines"


@pytest.mark.parametrize(
    ("name", "index"),
    [
        (compiled.rule.name, index)
        for compiled in RULES.rules
        for index in range(len(compiled.rule.examples))
    ],
)
def test_every_rule_example_holds(name: str, index: int) -> None:
    rule = next(c.rule for c in RULES.rules if c.rule.name == name)
    example = rule.examples[index]
    title = example.title or None
    assert RULES.apply_rule(name, example.before, title) == example.after


def test_title_block_rules_name_a_title_group() -> None:
    for compiled in RULES.rules:
        if compiled.rule.kind == "title_block":
            assert "title" in compiled.regex.groupindex


def test_unknown_rule_name_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        RULES.apply_rule("no_such_rule", "text")


def test_portal_boilerplate_is_removed_and_body_kept() -> None:
    title = "巨头赋能金融机构，网贷平台加速出清"
    raw = (
        f"{title}\n\n原标题:{title}\n\n{BODY}{{IMG:1}}\n\n某某网企业会员\n\n"
        "免责声明:本网站内容仅供参考，不构成投资建议，转载请注明出处。\n\n"
        f"2019-01-25\n{title}\n业内人士认为，互联网巨头正在转向赋能型。\n\n长按扫码 阅读全文"
    )
    article = make_article(raw)
    assert article.text == f"{title}\n\n{BODY}"
    assert article.meta.title == title
    assert article.meta.published_at == date(2019, 1, 25)
    for gone in ("免责声明", "长按扫码", "阅读全文", "原标题", "企业会员", "{IMG"):
        assert gone not in article.text


def test_related_reading_list_and_weibo_markers_are_removed() -> None:
    raw = (
        "#某平台爆雷[超话]#????出借人到场维权[怒]。\n\n"
        "相关阅读：\n某平台宣布清退\n某银行上线存管系统\n\n下一段正文。"
    )
    assert make_article(raw).text == "#某平台爆雷# 出借人到场维权。\n\n下一段正文。"


def test_ideographic_indents_become_paragraphs_and_editor_credit_goes() -> None:
    raw = "第一段正文。 \u3000\u3000第二段正文。 责任编辑：王五"
    assert clean_text(raw) == "第一段正文。\n第二段正文。"


def test_company_statement_in_the_body_is_kept() -> None:
    raw = "某公司昨日发布声明：公司从未开展网贷业务，相关传言不实。"
    assert clean_text(raw) == raw


def test_long_one_line_page_is_not_swallowed_by_the_disclaimer_rule() -> None:
    raw = "免责声明" + "某平台逾期金额四亿多。" * 100
    assert clean_text(raw) == raw


def test_trailing_block_with_another_title_is_kept() -> None:
    raw = "甲平台清退\n\n正文一句。\n\n2019-01-25\n乙平台清退\n另一句摘要。"
    assert clean_text(raw).endswith("乙平台清退\n另一句摘要。")


def test_given_fields_win_and_id_is_deterministic() -> None:
    article = make_article(
        BODY, id="n1", title="给定标题", published_at=date(2020, 5, 6), source="某网", url="u"
    )
    assert article.meta.id == "n1"
    assert article.meta.title == "给定标题"
    assert article.meta.published_at == date(2020, 5, 6)
    assert (article.meta.source, article.meta.url) == ("某网", "u")
    assert article.meta.char_count == len(article.text)
    assert re.fullmatch(r"[0-9a-f]{64}", article.meta.content_sha256)


def test_hash_id_ignores_boilerplate_and_full_width_forms() -> None:
    first = make_article(BODY + "\n\n长按扫码 阅读全文")
    second = make_article(BODY)
    assert first.meta.id == second.meta.id == article_id(BODY)
    assert re.fullmatch(r"a[0-9a-f]{16}", first.meta.id)
    assert article_id("ＢＡＴ赋能银行。") == article_id("BAT赋能银行。")
    assert article_id("甲") != article_id("乙")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("某平台宣布清退\n\n正文。", "某平台宣布清退"),
        ("正文第一句。\n第二句。", ""),
        ("只有一行没有换行", ""),
        ("很" * 81 + "\n正文。", ""),
    ],
)
def test_guess_title(raw: str, expected: str) -> None:
    assert guess_title(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("标题\n\n2019年1月25日 来源：某网\n正文。", date(2019, 1, 25)),
        ("标题\n正文提到2018/6/5的事。", date(2018, 6, 5)),
        ("标题\n" + "正文。" * 100 + "2017-03-04 另有旧事。", None),
        ("正文。" * 100 + "\n2019-01-25\n标题", date(2019, 1, 25)),
    ],
)
def test_publication_date_from_text(raw: str, expected: date | None) -> None:
    assert make_article(raw).meta.published_at == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("某平台数据 2018-05-24 来源：某某网贷 正文。", "某某网贷"),
        ("正文。" * 200 + "（文章来源：某某财经）", "某某财经"),
        ("该平台资金来源：自有资金。", None),
        ("来源：未知 正文。", None),
        ("来源：某网站提现困难用户不满车贷平台遇危机", None),
        ("某数据 来源：某某网贷??? 正文。", "某某网贷"),
        ("正文。\n\n某某网企业会员\n\n免责声明：仅供参考。", "某某网"),
    ],
)
def test_source_credited_in_the_text(raw: str, expected: str | None) -> None:
    assert make_article(raw).meta.source == expected
    assert make_article(raw, source="给定").meta.source == "给定"
