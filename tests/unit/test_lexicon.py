"""The shipped lexicon: its data files validate, load fast enough and match as intended."""

from __future__ import annotations

import pytest

from fintech_kg.extraction.entities import find_entities
from fintech_kg.extraction.lexicon import (
    HAND_FILES,
    LexiconError,
    _data_lines,
    _parse_entry,
    fold,
    load_common_words,
    load_generic_words,
    load_lexicon,
    load_name_patterns,
    load_products,
)
from fintech_kg.extraction.sentences import split_sentences
from fintech_kg.extraction.triggers import load_triggers
from fintech_kg.vocabulary import EntityType


def test_every_data_file_validates_and_has_content() -> None:
    lexicon = load_lexicon()
    types = {entry.type for entry in lexicon.entries.values()}
    assert types >= {
        EntityType.TECH_COMPANY,
        EntityType.BANK,
        EntityType.P2P_PLATFORM,
        EntityType.FINANCIAL_INSTITUTION,
        EntityType.REGULATOR,
        EntityType.TECHNOLOGY,
    }
    platforms = [e for e in lexicon.entries.values() if e.type == EntityType.P2P_PLATFORM]
    assert len(platforms) > 5000, "the 2018 platform registry is shipped"
    assert load_name_patterns().risk_after
    assert "互联网" in load_generic_words()
    assert "实现" in load_common_words()


def test_hand_curated_surfaces_name_one_entity_each() -> None:
    owners: dict[str, tuple[str, str]] = {}
    for filename in HAND_FILES:
        for number, cells in _data_lines(filename):
            entry = _parse_entry(filename, number, cells)
            for surface in (entry.name, *entry.aliases):
                key = fold(surface)
                previous = owners.setdefault(key, (entry.name, f"{filename}:{number}"))
                assert previous[0] == entry.name, f"{surface!r}: {previous} and {filename}:{number}"


def test_collectives_resolve_to_lexicon_members() -> None:
    lexicon = load_lexicon()
    assert lexicon.entries["BAT"].members == ("百度", "阿里巴巴", "腾讯")
    assert lexicon.entries["BATJ"].members[-1] == "京东"
    for entry in lexicon.entries.values():
        for member in entry.members:
            assert member in lexicon.entries


def test_regulator_successors_are_regulators() -> None:
    lexicon = load_lexicon()
    for entry in lexicon.entries.values():
        successor = entry.attributes.get("successor")
        if successor:
            assert lexicon.entries[successor].type == EntityType.REGULATOR
    assert lexicon.entries["中国银行业监督管理委员会"].attributes["successor"] == (
        "中国银行保险监督管理委员会"
    )


def test_sectors_are_marked_as_sectors() -> None:
    lexicon = load_lexicon()
    for name in ("银行业", "证券业", "保险业"):
        assert lexicon.entries[name].attributes["kind"] == "sector"


def _names(text: str) -> list[str | None]:
    return [hit.entry.name if hit.entry else None for hit in load_lexicon().find(fold(text))]


def test_matching_is_leftmost_longest_and_folds_case_and_width() -> None:
    assert _names("招行和ＢＡＴ都看好区块链技术") == ["招商银行", "BAT", "区块链"]
    assert _names("bat") == ["BAT"]


def test_ascii_names_match_whole_words_only() -> None:
    assert _names("用AI审核") == ["人工智能"]
    assert _names("EMAIL地址") == []


def test_stop_names_consume_the_name_they_contain() -> None:
    assert _names("中国银行业的改革") == [None]


def test_short_registry_platform_names_need_context() -> None:
    registry = [e for e in load_lexicon().entries.values() if e.source == "p2p_platforms.tsv"]
    assert all(e.needs_context for e in registry if len(e.name) <= 2)


def test_fold_keeps_length() -> None:
    text = "Ｐ２Ｐ平台ABC，ＢＡＴ"
    assert len(fold(text)) == len(text)
    assert fold(text) == "p2p平台abc,bat"


@pytest.mark.parametrize(
    ("cells", "problem"),
    [
        (["某银行", "Bank"], "expected 5"),
        (["某银行", "Banks", "", "", "0"], "unknown type"),
        (["某银行", "Bank", "", "kind", "0"], "not key=value"),
        (["某银行", "Bank", "", "", "yes"], "needs_context"),
    ],
)
def test_malformed_rows_name_file_and_line(cells: list[str], problem: str) -> None:
    with pytest.raises(LexiconError, match=rf"banks\.tsv:7: .*{problem}"):
        _parse_entry("banks.tsv", 7, cells)


def test_well_known_company_short_names_resolve_to_their_group() -> None:
    assert _names("中石油和恒大集团") == ["中国石油", "中国恒大"]
    assert _names("权健公司被立案") == ["权健"]


def test_stop_names_keep_phrases_that_contain_a_company_name() -> None:
    assert _names("中国移动支付市场") == [None]
    assert _names("来源：腾讯新闻") == ["腾讯新闻"], "a news app is an outlet, not 腾讯"


def test_products_are_entries_of_their_own_with_a_known_provider() -> None:
    lexicon = load_lexicon()
    products = load_products()
    assert products["花呗"] == "蚂蚁集团" and products["京东白条"] == "京东数科"
    for product, provider in products.items():
        entry = lexicon.entries[product]
        assert entry.attributes == {"role": "product", "provider": provider}
        assert provider in lexicon.entries
        assert product not in lexicon.entries[provider].aliases
    assert [h.entry.name for h in lexicon.find(fold("白条")) if h.entry] == ["京东白条"]


def test_media_entries_carry_the_media_role() -> None:
    lexicon = load_lexicon()
    for name in ("网贷之家", "网贷天眼", "新浪", "每日经济新闻", "字节跳动"):
        assert lexicon.entries[name].attributes.get("role") == "media", name
    assert [h.entry.name for h in lexicon.find(fold("新浪财经")) if h.entry] == ["新浪"]


def test_sectors_are_their_own_type_and_sector_events_name_one() -> None:
    lexicon = load_lexicon()
    sectors = {n for n, e in lexicon.entries.items() if e.type == EntityType.SECTOR}
    assert {"银行业", "保险业", "证券业", "网贷行业", "小额贷款业", "互联网金融业"} <= sectors
    assert all(lexicon.entries[n].attributes.get("kind") == "sector" for n in sectors)
    assert set(load_triggers().cues.sector.values()) <= sectors


@pytest.mark.parametrize(
    ("text", "body"),
    [
        ("深圳警方通报案情。", "深圳市公安局"),
        ("杭州市公安机关已立案。", "杭州市公安局"),
        ("浙江警方通报案情。", "浙江省公安厅"),
        ("上海金融办约谈平台。", "上海市地方金融监督管理局"),
        ("浙江省公安厅通报案情。", "浙江省公安厅"),
        ("萧山区公安分局依法立案。", "萧山区公安分局"),
        ("杭州市公安局江干区分局依法立案。", "杭州市公安局江干区分局"),
    ],
)
def test_a_place_before_a_generic_authority_names_the_body_of_that_place(
    text: str, body: str
) -> None:
    # the lexicon knows only the generic word; the body of the place is the recogniser's,
    # named formally when the text names it informally after a whole place (深圳警方), and a
    # district's branch is a body of its own, not its city's
    found = find_entities(text, split_sentences(text)).entities
    (regulator,) = [e for e in found if e.type == EntityType.REGULATOR]
    assert regulator.id == body
    assert {m.text for m in regulator.mentions} <= {regulator.id, *regulator.aliases}
    assert "generic" not in regulator.attributes


def test_an_authority_without_a_place_is_generic() -> None:
    lexicon = load_lexicon()
    for text in ("警方", "经侦", "金融办", "公安机关"):
        (name,) = _names(text)
        assert name is not None and lexicon.entries[name].attributes.get("generic") == "true"


def test_generated_files_name_their_source_and_type_the_new_lists() -> None:
    from importlib import resources

    from fintech_kg.extraction.lexicon import GENERATED_FILES

    folder = resources.files("fintech_kg.data.lexicon")
    for filename in GENERATED_FILES:
        first = folder.joinpath(filename).read_text("utf-8").splitlines()[0]
        assert "Source: gazetteers/" in first, filename
    lexicon = load_lexicon()
    found = {hit.entry.name: hit.entry.type for hit in lexicon.find(fold("史带财险")) if hit.entry}
    assert set(found.values()) == {EntityType.FINANCIAL_INSTITUTION}
    village = [e for e in lexicon.entries.values() if e.name.endswith("村镇银行")]
    assert len(village) > 400 and {e.type for e in village} == {EntityType.BANK}
    companies = [e for e in lexicon.entries.values() if e.source == "a_share_companies.tsv"]
    assert len(companies) > 4000
    # A-share short names that are ordinary words only count with context.
    assert all(len(alias) > 2 for e in companies for alias in e.aliases)


def test_name_rejects_validate_and_are_not_lexicon_names() -> None:
    from fintech_kg.extraction.lexicon import load_name_rejects

    rejects = load_name_rejects()
    assert {"跑路", "负责人", "实施金融"} <= set(rejects.not_names)
    assert {"回顾", "扫黑除恶", "曝光", "揭秘", "警惕"} <= set(rejects.cut_after)
    lexicon = load_lexicon()
    for word in rejects.not_names:  # a lexicon name would be taken before any check
        hits = lexicon.find(fold(word))
        assert not any(h.entry and (h.end - h.start) == len(word) for h in hits), word
