"""Entity resolution across articles (fintech_kg.graph.aliases): ties, canonical ids that do
not depend on order, overrides, junk around names, rewritten records."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from fintech_kg.errors import InputError
from fintech_kg.extraction.lexicon import load_lexicon
from fintech_kg.graph.aliases import (
    HeldEntity,
    load_overrides,
    resolve_names,
    resolve_records,
)
from fintech_kg.models import (
    ArticleMeta,
    Entity,
    Evidence,
    ExtractionRecord,
    Mention,
    Relation,
    RiskEvent,
)
from fintech_kg.vocabulary import EntityType, EventType, RelationType

P2P, COMPANY = EntityType.P2P_PLATFORM, EntityType.COMPANY


def entity(text: str, name: str, type_: EntityType, aliases: tuple[str, ...] = ()) -> Entity:
    at = text.index(name)
    evidence = Evidence(
        sentence=text, start=0, end=len(text), extractor="t", extractor_version="t", confidence=0.9
    )
    mentions = [Mention(text=name, start=at, end=at + len(name), evidence=evidence)]
    for alias in aliases:
        if alias in text:
            a = text.index(alias)
            mentions.append(Mention(text=alias, start=a, end=a + len(alias), evidence=evidence))
    return Entity(
        id=name, name=name, type=type_, aliases=list(aliases), confidence=0.9, mentions=mentions
    )


def record(article_id: str, text: str, *entities: Entity, **extra: object) -> ExtractionRecord:
    meta = ArticleMeta(
        id=article_id, content_sha256=hashlib.sha256(text.encode()).hexdigest(), char_count=1
    )
    return ExtractionRecord(id=article_id, article=meta, entities=list(entities), **extra)


TIE_TEXT = "甲乙贷(北京)信息服务有限公司（简称甲乙钱包）已被立案。"


def platform_only() -> ExtractionRecord:
    return record("p1", "甲乙钱包逾期。", entity("甲乙钱包逾期。", "甲乙钱包", P2P))


def tying() -> ExtractionRecord:
    return record(
        "t1",
        TIE_TEXT,
        entity(TIE_TEXT, "甲乙贷(北京)信息服务有限公司", COMPANY, ("甲乙钱包",)),
    )


def test_an_article_tie_makes_one_canonical_id_with_its_sentence() -> None:
    resolution = resolve_names([platform_only(), tying()])
    assert resolution.of("甲乙贷(北京)信息服务有限公司") == "甲乙钱包"
    assert resolution.of("甲乙钱包") == "甲乙钱包"
    (tie,) = resolution.ties
    assert (tie.kind, tie.source, tie.sentence_id) == ("article", "t1", f"t1#0-{len(TIE_TEXT)}")


def test_the_canonical_id_does_not_depend_on_order_or_on_what_the_graph_held() -> None:
    together = resolve_names([platform_only(), tying()])
    reversed_ = resolve_names([tying(), platform_only()])
    # The tying article came first: its node is the company's, which the platform joins.
    held_company = resolve_names(
        [platform_only()],
        held=[HeldEntity(id="甲乙贷(北京)信息服务有限公司", types=(COMPANY,), names=("甲乙钱包",))],
    )
    # The platform node came first: the tying article joins it.
    held_platform = resolve_names(
        [tying()], held=[HeldEntity(id="甲乙钱包", types=(EntityType.P2P_PLATFORM,))]
    )
    for resolution in (reversed_, held_company, held_platform):
        assert resolution.of("甲乙贷(北京)信息服务有限公司") == together.of("甲乙钱包")
    assert held_company.merges == {"甲乙贷(北京)信息服务有限公司": "甲乙钱包"}
    assert held_platform.merges == {}
    # Only the company's article: the platform name is only an alias, the company the id.
    assert resolve_names([tying()]).of("甲乙钱包") == "甲乙贷(北京)信息服务有限公司"


def test_lexicon_ties_a_company_to_its_platform_and_picks_the_platform() -> None:
    text = "资易贷被立案，小资钱包逾期。"
    company = record("x", text, entity(text, "资易贷", COMPANY))
    lexicon = load_lexicon()
    alone = resolve_names([company], lexicon=lexicon)
    assert alone.of("小资钱包") == "资易贷"  # no article names the platform as its entity yet
    assert any(t.kind == "lexicon" and t.source == "notable_companies.tsv" for t in alone.ties)
    platform = record("y", text, entity(text, "小资钱包", P2P))
    both = resolve_names([company, platform], lexicon=lexicon)
    assert both.of("资易贷") == both.of("小资钱包") == "小资钱包"


def test_overrides_merge_with_their_first_name_and_split_whatever_an_article_says(
    tmp_path: Path,
) -> None:
    path = tmp_path / "aliases.toml"
    path.write_text(
        '[[merge]]\nnames = ["丙丁金服", "甲乙钱包"]\nreason = "the user knows"\n\n'
        '[[split]]\nname = "甲乙贷(北京)信息服务有限公司"\nfrom = "甲乙钱包"\nreason = "no"\n',
        encoding="utf-8",
    )
    overrides = load_overrides(path)
    resolution = resolve_names([platform_only(), tying()], overrides=overrides)
    assert resolution.of("甲乙钱包") == "丙丁金服"
    assert resolution.of("甲乙贷(北京)信息服务有限公司") == "甲乙贷(北京)信息服务有限公司"
    (tie,) = resolution.ties
    assert (tie.kind, tie.source, tie.reason) == ("override", "aliases.toml:1", "the user knows")


def test_a_bad_overrides_file_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "aliases.toml"
    path.write_text('[[merge]]\nnames = ["a", "b"]\nreason = "x"\n\n[[merge]]\nnames = ["c"]\n')
    with pytest.raises(InputError, match=r"aliases.toml:5: \[\[merge\]\] names"):
        load_overrides(path)
    path.write_text("[[merge\n")
    with pytest.raises(InputError, match="aliases file"):
        load_overrides(path)


def test_the_shipped_example_overrides_file_is_valid() -> None:
    example = Path(__file__).parents[2] / "src/fintech_kg/data/aliases.example.toml"
    overrides = load_overrides(example)
    assert overrides.merges and overrides.splits


def test_junk_before_a_known_name_resolves_to_it_and_generic_words_are_dropped() -> None:
    text = "扫黑除恶(北京)资易贷与回顾甲乙钱包。互联网"
    junk = entity(text, "扫黑除恶(北京)资易贷", COMPANY)
    other = entity(text, "回顾甲乙钱包", P2P)
    clean = entity(text, "甲乙钱包", P2P)
    generic = entity(text, "互联网", COMPANY)
    resolution = resolve_names(
        [record("j", text, junk, other, clean, generic)], lexicon=load_lexicon()
    )
    assert resolution.of("扫黑除恶(北京)资易贷") == "小资钱包"
    assert resolution.of("回顾甲乙钱包") == "甲乙钱包"
    assert "互联网" in resolution.dropped
    place = entity("上海甲乙钱包", "上海甲乙钱包", P2P)
    assert resolve_names([record("k", "上海甲乙钱包", place)]).of("上海甲乙钱包") == "上海甲乙钱包"


def test_a_person_is_never_tied_to_a_company() -> None:
    text = "张某某（甲乙钱包）"
    person = entity(text, "张某某", EntityType.PERSON, ("甲乙钱包",))
    company = entity(text, "甲乙钱包", P2P)
    resolution = resolve_names([record("p", text, person, company)])
    assert resolution.of("张某某") == "张某某"


def test_resolved_records_combine_entities_and_rewrite_relations_and_events() -> None:
    text = "甲乙贷(北京)信息服务有限公司运营甲乙钱包，甲乙钱包逾期，警方介入。"
    company = entity(text, "甲乙贷(北京)信息服务有限公司", COMPANY, ("甲乙钱包",))
    platform = entity(text, "甲乙钱包", P2P)
    evidence = company.mentions[0].evidence
    rec = record(
        "r",
        text,
        company,
        platform,
        relations=[
            Relation(
                type=RelationType.OWNS,
                source=company.id,
                target=platform.id,
                confidence=0.8,
                evidence=evidence,
            )
        ],
        events=[
            RiskEvent(
                id="e",
                type=EventType.OVERDUE,
                subjects=[company.id, platform.id],
                confidence=0.8,
                evidence=evidence,
            )
        ],
    )
    (resolved,) = resolve_records([rec], resolve_names([rec]))
    (one,) = resolved.entities
    assert (one.id, one.type) == ("甲乙钱包", P2P)
    assert "甲乙贷(北京)信息服务有限公司" in one.aliases
    assert len(one.mentions) == len(company.mentions) + len(platform.mentions)
    assert resolved.relations == []
    assert resolved.events[0].subjects == ["甲乙钱包"]


def test_a_registered_name_cut_off_is_the_name_and_a_word_inside_a_name_is_not() -> None:
    text = "资易贷(北京)金融信息服务有与赛伯乐投资集团"
    cut = entity(text, "资易贷(北京)金融信息服务有", COMPANY)
    whole = entity(text, "赛伯乐投资集团", COMPANY)
    resolution = resolve_names([record("c", text, cut, whole)], lexicon=load_lexicon())
    assert resolution.of("资易贷(北京)金融信息服务有") == "小资钱包"
    assert resolution.of("赛伯乐投资集团") == "赛伯乐投资集团"  # 乐投资 is a platform's name


def test_every_entity_type_has_a_rank_and_a_family() -> None:
    # a type added to the vocabulary must say how it ranks for a canonical id and what it
    # may be tied to, or resolution fails on the first record that holds one
    from fintech_kg.graph import aliases

    assert set(aliases._TYPE_RANK) == set(EntityType)
    assert {EntityType.SECTOR, EntityType.COLLECTIVE} <= set(aliases._FAMILY)


def test_one_articles_slip_does_not_make_two_known_bodies_one() -> None:
    # an extraction slip gives two known platforms the sector's name as an alias, and one of
    # them a place: neither alias ties them, so they stay two nodes and 网贷行业 stays a sector
    text = "小资钱包与陆金所都是P2P平台，总部在北京。"
    records = [
        record("s1", text, entity(text, "小资钱包", P2P, ("P2P平台", "北京"))),
        record("s2", text, entity(text, "陆金所", P2P, ("P2P平台", "北京"))),
    ]
    resolution = resolve_names(records, lexicon=load_lexicon())
    assert resolution.of("小资钱包") != resolution.of("陆金所")
    assert not resolution.merges
    assert resolution.of("P2P平台") not in {"小资钱包", "陆金所"}


def test_a_place_s_body_and_a_bank_branch_are_not_their_kind() -> None:
    # 甲乙市公安局 is no generic 公安局 with junk before it; "庚辛分行" and
    # "银行股份有限公司" name a kind of body, so two banks sharing them stay two banks
    text = "甲乙市公安局立案。丙丁银行股份有限公司庚辛分行与戊己银行股份有限公司庚辛分行。"
    police = entity(text, "甲乙市公安局", EntityType.REGULATOR)
    banks = [
        entity(text, name, EntityType.BANK, ("银行股份有限公司", "庚辛分行"))
        for name in ("丙丁银行", "戊己银行")
    ]
    resolution = resolve_names([record("b1", text, police, *banks)], lexicon=load_lexicon())
    assert resolution.of("甲乙市公安局") == "甲乙市公安局"
    assert resolution.of("丙丁银行") != resolution.of("戊己银行")
