"""Relations from trigger words: type, direction, type constraints, negation and hedging.

Sentences are written by us; entities are given as candidates so only find_relations is
under test.
"""

from __future__ import annotations

import pytest

from fintech_kg.evaluation import candidate_entities
from fintech_kg.extraction.relations import find_relations
from fintech_kg.vocabulary import EntityType

T = EntityType


def relations(text: str, names: dict[str, EntityType]) -> list[tuple[str, str, str, bool]]:
    found = find_relations(text, [(0, len(text))], candidate_entities(text, names))
    return sorted((r.type.value, r.source, r.target, r.hedged) for r in found)


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "甲科技收购了乙支付。",
            {"甲科技": T.COMPANY, "乙支付": T.COMPANY},
            ("ACQUIRES", "甲科技", "乙支付"),
        ),
        (
            "乙支付被甲科技收购。",
            {"甲科技": T.COMPANY, "乙支付": T.COMPANY},
            ("ACQUIRES", "甲科技", "乙支付"),
        ),
        (
            "丙银行的母公司丁集团今日公告。",
            {"丙银行": T.BANK, "丁集团": T.COMPANY},
            ("OWNS", "丁集团", "丙银行"),
        ),
        (
            "丙银行是丁集团的子公司。",
            {"丙银行": T.BANK, "丁集团": T.COMPANY},
            ("OWNS", "丁集团", "丙银行"),
        ),
        (
            "丁集团旗下的丙银行上线新产品。",
            {"丙银行": T.BANK, "丁集团": T.COMPANY},
            ("OWNS", "丁集团", "丙银行"),
        ),
        (
            "戊基金增持己保险5%的股份。",
            {"戊基金": T.COMPANY, "己保险": T.COMPANY},
            ("INVESTS_IN", "戊基金", "己保险"),
        ),
        (
            "甲科技与庚银行签署战略合作协议。",
            {"甲科技": T.TECH_COMPANY, "庚银行": T.BANK},
            ("PARTNERS_WITH", "甲科技", "庚银行"),
        ),
        (
            "甲科技云为庚银行赋能。",
            {"甲科技云": T.TECH_COMPANY, "庚银行": T.BANK},
            ("EMPOWERS", "甲科技云", "庚银行"),
        ),
        (
            "庚银行为辛贷提供资金存管服务。",
            {"庚银行": T.BANK, "辛贷": T.P2P_PLATFORM},
            ("CUSTODIAN_FOR", "庚银行", "辛贷"),
        ),
        (
            "辛贷的存管银行是庚银行。",
            {"庚银行": T.BANK, "辛贷": T.P2P_PLATFORM},
            ("CUSTODIAN_FOR", "庚银行", "辛贷"),
        ),
        (
            "庚银行积极应用区块链。",
            {"庚银行": T.BANK, "区块链": T.TECHNOLOGY},
            ("ADOPTS", "庚银行", "区块链"),
        ),
        (
            "乙支付是丁集团旗下的公司。",
            {"乙支付": T.COMPANY, "丁集团": T.COMPANY},
            ("OWNS", "丁集团", "乙支付"),
        ),
        (
            "甲科技成为己保险第二大股东。",
            {"甲科技": T.COMPANY, "己保险": T.COMPANY},
            ("INVESTS_IN", "甲科技", "己保险"),
        ),
        (
            "甲科技昨日发布公告称，将与庚银行在上海开展合作。",
            {"甲科技": T.COMPANY, "庚银行": T.BANK},
            ("PARTNERS_WITH", "甲科技", "庚银行"),
        ),
        (
            "监管局约谈了辛贷。",
            {"监管局": T.REGULATOR, "辛贷": T.P2P_PLATFORM},
            ("REGULATES", "监管局", "辛贷"),
        ),
    ],
)
def test_type_and_direction(
    text: str, names: dict[str, EntityType], expected: tuple[str, str, str]
) -> None:
    assert [r[:3] for r in relations(text, names)] == [expected]


def test_symmetric_relation_is_stored_once() -> None:
    text = "甲科技与乙支付合作，乙支付与甲科技签约。"
    found = relations(text, {"甲科技": T.COMPANY, "乙支付": T.COMPANY})
    assert found == [("PARTNERS_WITH", "甲科技", "乙支付", False)]


@pytest.mark.parametrize(
    "text", ["甲科技并未与乙支付合作。", "甲科技否认收购乙支付。", "甲科技并不能为乙支付赋能。"]
)
def test_negated_statement_gives_no_relation(text: str) -> None:
    assert relations(text, {"甲科技": T.TECH_COMPANY, "乙支付": T.COMPANY}) == []


def test_hedged_statement_is_kept_marked_and_less_sure() -> None:
    text = "甲科技拟收购乙支付。甲科技收购丙支付。"
    names = {"甲科技": T.COMPANY, "乙支付": T.COMPANY, "丙支付": T.COMPANY}
    found = {
        r.target: r
        for r in find_relations(text, [(0, 10), (10, len(text))], candidate_entities(text, names))
    }
    assert found["乙支付"].hedged and not found["丙支付"].hedged
    assert found["乙支付"].confidence < found["丙支付"].confidence


def test_entity_types_constrain_the_ends() -> None:
    # Only a Bank is a custodian, only a TechCompany empowers.
    assert relations("辛贷为壬公司提供存管。", {"辛贷": T.P2P_PLATFORM, "壬公司": T.COMPANY}) == []
    assert relations("庚银行为辛贷赋能。", {"庚银行": T.BANK, "辛贷": T.P2P_PLATFORM}) == []


def test_trigger_inside_a_name_does_not_fire() -> None:
    text = "甲投资有限公司和乙支付。"
    assert relations(text, {"甲投资有限公司": T.COMPANY, "乙支付": T.COMPANY}) == []


def test_relations_stay_within_a_sentence_and_carry_evidence() -> None:
    text = "甲科技发布财报。乙支付被收购。"
    names = {"甲科技": T.COMPANY, "乙支付": T.COMPANY}
    assert find_relations(text, [(0, 8), (8, len(text))], candidate_entities(text, names)) == []
    text = "据悉，甲科技收购乙支付。"
    (relation,) = find_relations(text, [(0, len(text))], candidate_entities(text, names))
    assert relation.evidence.sentence == text
    assert relation.evidence.extractor == "fkg_relations"
    assert 0 < relation.confidence <= 1


def test_collective_members_each_get_the_relation() -> None:
    text = "BAT与庚银行签署合作协议。"
    members = candidate_entities(text, {"BAT": T.TECH_COMPANY, "庚银行": T.BANK})
    collective, bank = members
    collective.attributes["kind"] = "collective"
    entities = [bank, collective]
    for name in ("百度", "腾讯"):
        member = collective.model_copy(update={"id": name, "name": name, "attributes": {}})
        entities.append(member)
    found = find_relations(text, [(0, len(text))], entities)
    assert sorted((r.source, r.target) for r in found) == [("百度", "庚银行"), ("腾讯", "庚银行")]


def test_empowerment_reaches_sectors_named_in_a_nearby_sentence() -> None:
    text = "甲科技正从平台型向赋能型转变。参与主体是以银行、证券为代表的传统金融机构。"
    entities = candidate_entities(
        text, {"甲科技": T.TECH_COMPANY, "银行": T.BANK, "证券": T.FINANCIAL_INSTITUTION}
    )
    for sector in entities[1:]:
        sector.attributes["kind"] = "sector"
    found = find_relations(text, [(0, 15), (15, len(text))], entities)
    assert sorted((r.type.value, r.source, r.target) for r in found) == [
        ("EMPOWERS", "甲科技", "证券"),
        ("EMPOWERS", "甲科技", "银行"),
    ]
    assert all(r.evidence.start == 0 and r.evidence.end == len(text) for r in found)
    assert all(r.confidence < 0.7 for r in found)


def test_regulators_own_nothing_and_sectors_do_not_compete() -> None:
    text = "辛贷实际控制人检察院已批准逮捕。"
    found = relations(text, {"辛贷": T.P2P_PLATFORM, "检察院": T.REGULATOR})
    assert [r for r in found if r[0] == "OWNS"] == []
    text = "甲支付与第三方支付业竞争。"
    entities = candidate_entities(
        text, {"甲支付": T.COMPANY, "第三方支付业": T.FINANCIAL_INSTITUTION}
    )
    entities[1].attributes["kind"] = "sector"
    assert find_relations(text, [(0, len(text))], entities) == []


@pytest.mark.parametrize(
    ("text", "names", "expected"),
    [
        (
            "甲贷称资金与交易分离，庚银行直接存管。",
            {"甲贷": T.P2P_PLATFORM, "庚银行": T.BANK},
            [("CUSTODIAN_FOR", "庚银行", "甲贷")],
        ),
        (
            "甲贷携手庚银行正式上线资金存管系统。",
            {"甲贷": T.P2P_PLATFORM, "庚银行": T.BANK},
            [("CUSTODIAN_FOR", "庚银行", "甲贷")],
        ),
        (
            "该平台的存管方庚银行已暂停业务，甲贷对此回应。",
            {"甲贷": T.P2P_PLATFORM, "庚银行": T.BANK},
            [("CUSTODIAN_FOR", "庚银行", "甲贷")],
        ),
        (
            "近日，东城区公安分局依法对甲资产管理公司涉嫌非法吸收公众存款案立案侦查。",
            {"东城区公安分局": T.REGULATOR, "甲资产管理公司": T.COMPANY},
            [("REGULATES", "东城区公安分局", "甲资产管理公司")],
        ),
        (
            "庚银行运用人工智能和大数据技术优化审批。",
            {"庚银行": T.BANK, "人工智能": T.TECHNOLOGY, "大数据": T.TECHNOLOGY},
            [("ADOPTS", "庚银行", "人工智能"), ("ADOPTS", "庚银行", "大数据")],
        ),
        (
            "甲出行此前也曾与庚银行、乙支付等合作。",
            {"甲出行": T.COMPANY, "庚银行": T.BANK, "乙支付": T.COMPANY},
            [("PARTNERS_WITH", "甲出行", "乙支付"), ("PARTNERS_WITH", "甲出行", "庚银行")],
        ),
    ],
)
def test_families_read_across_the_sentence(
    text: str, names: dict[str, EntityType], expected: list[tuple[str, str, str]]
) -> None:
    assert [r[:3] for r in relations(text, names)] == expected


def test_shareholder_list_gives_owner_and_investors_by_stake() -> None:
    text = "资料显示，丁平台的股东包括王某(持股70%)、戊投资公司(持股20%)、己咨询公司(10%)。"
    names = {"丁平台": T.P2P_PLATFORM, "王某": T.PERSON, "戊投资公司": T.COMPANY}
    names["己咨询公司"] = T.COMPANY
    assert [r[:3] for r in relations(text, names)] == [
        ("INVESTS_IN", "己咨询公司", "丁平台"),
        ("INVESTS_IN", "戊投资公司", "丁平台"),
        ("OWNS", "王某", "丁平台"),
    ]


def test_holder_of_the_sentence_company_with_a_majority_stake_owns_it() -> None:
    text = "丁咨询公司成立于2015年，法定代表人李某同时为公司大股东，持股比例90%。"
    names = {"丁咨询公司": T.COMPANY, "李某": T.PERSON}
    assert [r[:3] for r in relations(text, names)] == [("OWNS", "李某", "丁咨询公司")]


def test_holders_with_stakes_and_no_company_of_their_own_hold_the_one_named_before() -> None:
    text = "戊咨询公司的法人李某同时为公司大股东，持股比例70%。此外己科技持股20%，王某持股10%。"
    names = {"戊咨询公司": T.COMPANY, "李某": T.PERSON, "己科技": T.COMPANY, "王某": T.PERSON}
    entities = candidate_entities(text, names)
    first = text.index("此外")
    found = find_relations(text, [(0, first), (first, len(text))], entities)
    assert sorted((r.type.value, r.source, r.target) for r in found) == [
        ("INVESTS_IN", "己科技", "戊咨询公司"),
        ("INVESTS_IN", "王某", "戊咨询公司"),
        ("OWNS", "李某", "戊咨询公司"),
    ]
    # With a company of its own in the sentence the stakes are not carried back.
    text = "戊咨询公司成立于2015年。庚集团旗下己科技持股20%。"
    names = {"戊咨询公司": T.COMPANY, "己科技": T.COMPANY, "庚集团": T.COMPANY}
    first = text.index("庚")
    found = find_relations(text, [(0, first), (first, len(text))], candidate_entities(text, names))
    assert all(r.target != "戊咨询公司" for r in found)


def test_a_directed_relation_found_both_ways_keeps_the_more_confident_direction() -> None:
    text = "乙贷的逾期问题，公司下属子公司丙小贷担而不保，甲集团控股子公司乙贷何时兑付？"
    names = {"甲集团": T.COMPANY, "乙贷": T.P2P_PLATFORM}
    owns = [r[:3] for r in relations(text, names) if r[0] == "OWNS"]
    assert owns == [("OWNS", "甲集团", "乙贷")]


def test_an_authority_acts_on_the_person_not_on_the_employer_named_with_a_title() -> None:
    text = "丙银行党委委员、副行长李某接受丁市纪委纪律审查。"
    names = {"丁市纪委": T.REGULATOR, "丙银行": T.BANK, "李某": T.PERSON}
    assert [r[:3] for r in relations(text, names)] == [("REGULATES", "丁市纪委", "李某")]


def test_credit_limits_set_by_a_technology_adopt_it() -> None:
    text = "丙分期的额度是甲金服根据大数据系统给用户核定的。"
    names = {"甲金服": T.TECH_COMPANY, "大数据": T.TECHNOLOGY}
    assert [r[:3] for r in relations(text, names)] == [("ADOPTS", "甲金服", "大数据")]
    text = "乙银行通过人工智能审核贷款申请。"
    names = {"乙银行": T.BANK, "人工智能": T.TECHNOLOGY}
    assert [r[:3] for r in relations(text, names)] == [("ADOPTS", "乙银行", "人工智能")]


def test_a_product_is_owned_only_by_its_provider_or_its_brand() -> None:
    text = "甲商城旗下的乙付近来逾期增多，丙数科旗下丙钱包也在推广。"
    names = {"甲商城": T.TECH_COMPANY, "乙付": T.TECH_COMPANY, "丙数科": T.TECH_COMPANY}
    names["丙钱包"] = T.TECH_COMPANY
    entities = candidate_entities(text, names)
    for entity in entities:
        if entity.name in {"乙付", "丙钱包"}:
            entity.attributes.update({"role": "product", "provider": "丁集团"})
        if entity.name == "丙钱包":
            entity.attributes["provider"] = "丙数科科技"
    found = find_relations(text, [(0, len(text))], entities)
    assert [(r.type.value, r.source, r.target) for r in found] == [("OWNS", "丙数科", "丙钱包")]


def test_signers_of_a_deal_agreement_are_no_partners() -> None:
    names = {"甲控股": T.COMPANY, "乙投资公司": T.COMPANY}
    text = "甲控股与乙投资公司签署了《股权转让协议》，拟出售子公司全部股权。"
    assert relations(text, names) == []
    text = "甲控股与乙投资公司签署了战略合作协议。"
    assert [r[:3] for r in relations(text, names)] == [("PARTNERS_WITH", "甲控股", "乙投资公司")]


def test_a_bracketed_registered_name_is_the_same_party_not_a_parent() -> None:
    text = "丙咨询公司为甲金融（乙科技有限公司）旗下全资子公司。"
    names = {"丙咨询公司": T.COMPANY, "甲金融": T.TECH_COMPANY, "乙科技有限公司": T.COMPANY}
    owns = [r[:3] for r in relations(text, names) if r[0] == "OWNS"]
    assert ("OWNS", "乙科技有限公司", "甲金融") not in owns
    assert ("OWNS", "甲金融", "丙咨询公司") in owns


def test_holders_of_the_company_listed_with_their_titles() -> None:
    text = "丙咨询公司于2015年在上海成立。公司股东包括创始人兼CEO李某，联合创始人王某，戊资本。"
    names = {"丙咨询公司": T.COMPANY, "李某": T.PERSON, "王某": T.PERSON}
    names["戊资本"] = T.FINANCIAL_INSTITUTION
    first = text.index("公司股东")
    entities = candidate_entities(text, names)
    found = find_relations(text, [(0, first), (first, len(text))], entities)
    assert sorted((r.type.value, r.source, r.target) for r in found) == [
        ("INVESTS_IN", "戊资本", "丙咨询公司"),
        ("INVESTS_IN", "李某", "丙咨询公司"),
        ("INVESTS_IN", "王某", "丙咨询公司"),
    ]


def test_funding_round_gives_each_investor() -> None:
    text = "丙理财已获得多轮融资，去年获得甲资本A轮投资，今年获得乙创投、丁基金等联合的B轮投资。"
    names = {"丙理财": T.P2P_PLATFORM, "甲资本": T.COMPANY, "乙创投": T.COMPANY}
    names["丁基金"] = T.FINANCIAL_INSTITUTION
    assert [r[:3] for r in relations(text, names)] == [
        ("INVESTS_IN", "丁基金", "丙理财"),
        ("INVESTS_IN", "乙创投", "丙理财"),
        ("INVESTS_IN", "甲资本", "丙理财"),
    ]
    text = "丙理财宣布完成1亿元融资，由甲资本领投，乙创投跟投。"
    assert [r[:3] for r in relations(text, names)] == [
        ("INVESTS_IN", "乙创投", "丙理财"),
        ("INVESTS_IN", "甲资本", "丙理财"),
    ]


def test_co_investors_of_a_round_with_an_unnamed_recipient_are_no_partners() -> None:
    text = "该理财平台此前获得乙创投、丁基金等联合的B轮投资。"
    names = {"乙创投": T.COMPANY, "丁基金": T.FINANCIAL_INSTITUTION}
    assert relations(text, names) == []


def test_news_outlets_are_no_ends_unless_the_word_touches_them() -> None:
    text = "据甲日报消息，乙科技与庚银行签署合作协议。"
    entities = candidate_entities(
        text, {"甲日报": T.COMPANY, "乙科技": T.TECH_COMPANY, "庚银行": T.BANK}
    )
    entities[0].attributes["role"] = "media"
    found = find_relations(text, [(0, len(text))], entities)
    assert sorted((r.source, r.target) for r in found) == [("乙科技", "庚银行")]
    text = "据甲日报消息称，乙科技收购了丙公司。"
    entities = candidate_entities(
        text, {"甲日报": T.COMPANY, "乙科技": T.COMPANY, "丙公司": T.COMPANY}
    )
    entities[0].attributes["role"] = "media"
    found = find_relations(text, [(0, len(text))], entities)
    assert [(r.source, r.target) for r in found] == [("乙科技", "丙公司")]


def test_a_plain_not_before_the_word_negates() -> None:
    assert relations("甲科技不持有乙支付股份。", {"甲科技": T.COMPANY, "乙支付": T.COMPANY}) == []


def test_authority_acts_on_the_company_not_on_its_bracketed_platform() -> None:
    text = "甲网络科技有限公司(乙贷运营主体)已被丙区公安分局立案侦查。"
    names = {"甲网络科技有限公司": T.COMPANY, "乙贷": T.P2P_PLATFORM, "丙区公安分局": T.REGULATOR}
    assert [r[:3] for r in relations(text, names)] == [
        ("OWNS", "甲网络科技有限公司", "乙贷"),
        ("REGULATES", "丙区公安分局", "甲网络科技有限公司"),
    ]


def test_the_authority_a_case_is_sent_to_does_not_act() -> None:
    text = "丙区公安分局依法将甲资产公司涉嫌非法吸收公众存款案移送丁区检察院审查起诉。"
    names = {"丙区公安分局": T.REGULATOR, "丁区检察院": T.REGULATOR, "甲资产公司": T.COMPANY}
    assert [r[:3] for r in relations(text, names)] == [("REGULATES", "丙区公安分局", "甲资产公司")]


def test_passive_agent_and_role_noun_after_a_pair() -> None:
    names = {"乙金服": T.COMPANY, "甲控股": T.COMPANY, "丙": T.PERSON}
    assert [r[:3] for r in relations("乙金服由甲控股全资控股。", names)] == [
        ("OWNS", "甲控股", "乙金服")
    ]
    found = relations("乙金服及甲控股参与人为实际控制人丙。", names)
    assert ("OWNS", "甲控股", "乙金服") not in [r[:3] for r in found]


def test_unrecognised_holders_do_not_break_a_shareholder_list() -> None:
    text = "丁平台的股东包括某某某(持股60%)、戊投资公司(持股20%)、己咨询公司(持股20%)。"
    names = {"丁平台": T.P2P_PLATFORM, "戊投资公司": T.COMPANY, "己咨询公司": T.COMPANY}
    assert [r[:3] for r in relations(text, names)] == [
        ("INVESTS_IN", "己咨询公司", "丁平台"),
        ("INVESTS_IN", "戊投资公司", "丁平台"),
    ]


def test_a_supposition_states_no_relation() -> None:
    names = {"甲科技": T.COMPANY, "乙支付": T.COMPANY}
    assert relations("如果甲科技真要入股乙支付，那也无妨。", names) == []


def test_a_de_word_takes_its_noun_from_its_own_clause() -> None:
    text = "甲金服推出的活期产品，资金去向是乙咨询公司。"
    assert relations(text, {"甲金服": T.COMPANY, "乙咨询公司": T.COMPANY}) == []


def test_shareholder_list_words_inside_unrecognised_names_are_no_partnership() -> None:
    text = "丁平台的股东包括戊公司(持股50%)、某某股权投资合伙企业(持股30%)、己公司(持股20%)。"
    names = {"丁平台": T.P2P_PLATFORM, "戊公司": T.COMPANY, "己公司": T.COMPANY}
    assert [r[0] for r in relations(text, names)] == ["INVESTS_IN", "INVESTS_IN"]


def test_an_anaphor_stands_for_the_one_platform_named_before() -> None:
    text = "甲贷昨日发布公告。该平台的存管方庚银行已暂停存管业务。"
    names = {"甲贷": T.P2P_PLATFORM, "庚银行": T.BANK}
    found = find_relations(text, [(0, 9), (9, len(text))], candidate_entities(text, names))
    assert [(r.type.value, r.source, r.target) for r in found] == [
        ("CUSTODIAN_FOR", "庚银行", "甲贷")
    ]
    text = "甲贷与乙贷昨日发布公告。该平台的存管方庚银行已暂停存管业务。"
    names["乙贷"] = T.P2P_PLATFORM
    found = find_relations(text, [(0, 12), (12, len(text))], candidate_entities(text, names))
    assert found == []  # two platforms in reach: "该平台" is not read


def test_an_adjacent_word_joins_only_the_names_touching_it() -> None:
    names = {"甲投资": T.COMPANY, "乙贷": T.P2P_PLATFORM}
    assert [r[:3] for r in relations("甲投资互金平台乙贷的客服表示。", names)] == [
        ("OWNS", "甲投资", "乙贷")
    ]
    assert relations("甲投资称，知名互金平台乙贷的客服表示。", names) == []


def test_each_name_of_a_list_before_the_connector_partners() -> None:
    names = {"甲科技": T.TECH_COMPANY, "乙支付": T.COMPANY, "庚银行": T.BANK}
    assert [r[:3] for r in relations("甲科技、乙支付等公司与庚银行签约。", names)] == [
        ("PARTNERS_WITH", "乙支付", "庚银行"),
        ("PARTNERS_WITH", "甲科技", "庚银行"),
    ]


def test_a_later_denial_and_a_new_list_item_give_no_relation() -> None:
    names = {"甲贷": T.P2P_PLATFORM, "庚银行": T.BANK, "丙保险": T.FINANCIAL_INSTITUTION}
    assert relations("甲贷曾宣传与庚银行签订存管协议，后来庚银行辟谣。", names) == []
    assert relations("宣传说庚银行托管、丙保险承保。", names) == []


def test_a_far_name_is_no_funding_recipient() -> None:
    text = (
        "来源：甲资讯网 分享到甲资讯网 收藏 纠错 订阅 加入自媒体 更多精彩内容 导读：3月报道，"
        "某某科技于去年获乙资本近亿元战略投资。"
    )
    names = {"甲资讯网": T.COMPANY, "乙资本": T.COMPANY}
    assert relations(text, names) == []


@pytest.mark.parametrize(
    "text", ["戊公司称不曾与己公司签署任何协议。", "戊公司不直接持有己公司股权。"]
)
def test_relation_negations_beyond_the_shared_cues(text: str) -> None:
    assert relations(text, {"戊公司": T.COMPANY, "己公司": T.COMPANY}) == []


def test_a_majority_stake_after_the_word_owns() -> None:
    names = {"青年投资": T.COMPANY, "李某": T.PERSON}
    assert [r[:3] for r in relations("青年投资由李某持股90%。", names)] == [
        ("OWNS", "李某", "青年投资")
    ]
    text = "丁基金销售公司的控股股东为丙信息公司，持有公司90%的股份。"
    names = {"丁基金销售公司": T.FINANCIAL_INSTITUTION, "丙信息公司": T.COMPANY}
    assert [r[:3] for r in relations(text, names)] == [("OWNS", "丙信息公司", "丁基金销售公司")]


def test_what_is_adopted_follows_the_word() -> None:
    text = "庚银行也在智能风控领域采用了甲科技的模型。"
    names = {"庚银行": T.BANK, "智能风控": T.TECHNOLOGY, "甲科技": T.TECH_COMPANY}
    assert [r for r in relations(text, names) if r[0] == "ADOPTS"] == []


def test_empowering_with_a_named_technology_still_reaches_the_sector() -> None:
    text = "甲科技近日与多家商业银行达成合作，以人工智能技术赋能银行风控。"
    entities = candidate_entities(
        text, {"甲科技": T.TECH_COMPANY, "商业银行": T.BANK, "人工智能技术": T.TECHNOLOGY}
    )
    entities[1].attributes["kind"] = "sector"
    found = find_relations(text, [(0, len(text))], entities)
    assert [(r.type.value, r.source, r.target) for r in found] == [
        ("EMPOWERS", "甲科技", "商业银行")
    ]


def test_sentence_reach_words_are_checked() -> None:
    from fintech_kg.extraction.triggers import RelationPattern
    from fintech_kg.vocabulary import RelationType

    with pytest.raises(ValueError, match="not among its words"):
        RelationPattern(
            type=RelationType.CUSTODIAN_FOR,
            forward=["存管"],
            sentence_reach=["托管"],
            source_types=[T.BANK],
            target_types=[T.P2P_PLATFORM],
            base_confidence=0.5,
        )
    with pytest.raises(ValueError, match="disjoint"):
        RelationPattern(
            type=RelationType.PARTNERS_WITH,
            forward=["合作"],
            sentence_reach=["合作"],
            source_types=[T.BANK],
            target_types=[T.BANK],
            base_confidence=0.5,
        )


def test_shipped_statement_words_load() -> None:
    from fintech_kg.extraction.triggers import load_triggers

    words = load_triggers().statements
    assert "股东" in words.holder_nouns and words.majority_stake == 50
    assert words.anaphora["该平台"] == [T.P2P_PLATFORM]


def test_custody_word_right_after_a_bank_name_is_read() -> None:
    names = {"甲贷": T.P2P_PLATFORM, "庚银行": T.BANK, "丁集团": T.COMPANY}
    text = "甲贷是丁集团旗下的平台，已上线庚银行存管。"
    assert ("CUSTODIAN_FOR", "庚银行", "甲贷") in [r[:3] for r in relations(text, names)]
    assert ("CUSTODIAN_FOR", "庚银行", "丁集团") not in [r[:3] for r in relations(text, names)]


def test_custody_takes_the_platform_named_just_before() -> None:
    text = "甲贷运营多年。交易资金通过庚银行存管。"
    names = {"甲贷": T.P2P_PLATFORM, "庚银行": T.BANK}
    found = find_relations(text, [(0, 7), (7, len(text))], candidate_entities(text, names))
    assert [(r.type.value, r.source, r.target) for r in found] == [
        ("CUSTODIAN_FOR", "庚银行", "甲贷")
    ]


def test_a_party_claiming_custody_is_hedged() -> None:
    found = relations("甲贷曾宣称已上线庚银行存管。", {"甲贷": T.P2P_PLATFORM, "庚银行": T.BANK})
    assert found == [("CUSTODIAN_FOR", "庚银行", "甲贷", True)]


def test_custody_prefers_the_platform_over_a_name_listed_next_to_the_bank() -> None:
    text = "甲贷证书齐全、庚银行存管、丙保险承保，也爆雷了。"
    names = {"甲贷": T.P2P_PLATFORM, "庚银行": T.BANK, "丙保险": T.FINANCIAL_INSTITUTION}
    assert [r[:3] for r in relations(text, names)] == [("CUSTODIAN_FOR", "庚银行", "甲贷")]


def test_an_authority_outside_the_clause_did_not_act() -> None:
    text = "丙区金融局的回复提及，甲贷已被立案侦查。"
    assert relations(text, {"丙区金融局": T.REGULATOR, "甲贷": T.P2P_PLATFORM}) == []


def test_what_is_adopted_is_in_the_word_s_clause() -> None:
    text = "甲贷所有项目均采用车辆抵押模式，同时区块链存证。"
    assert relations(text, {"甲贷": T.P2P_PLATFORM, "区块链": T.TECHNOLOGY}) == []
