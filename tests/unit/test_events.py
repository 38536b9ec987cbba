"""Risk events from trigger words: type, subjects, sector, authority, cues and details.

Sentences are written by us; entities are given as candidates so only find_events is under
test.
"""

from __future__ import annotations

import re
from datetime import date

import pytest

from fintech_kg.evaluation import candidate_entities
from fintech_kg.extraction import extract_text
from fintech_kg.extraction.events import find_events
from fintech_kg.models import ArticleMeta, RiskEvent
from fintech_kg.vocabulary import EntityType, EventType

T = EntityType
META = ArticleMeta(id="a1", content_sha256="0" * 64, char_count=0, published_at=date(2019, 1, 25))


def sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for match in re.finditer("[。！？]", text):
        spans.append((start, match.end()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def events(text: str, names: dict[str, EntityType]) -> list[RiskEvent]:
    return find_events(text, sentences(text), candidate_entities(text, names), META)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("甲贷平台爆雷。", EventType.COLLAPSE),
        ("甲贷出现延期兑付。", EventType.OVERDUE),
        ("甲贷被指非法吸存。", EventType.ILLEGAL_FUNDRAISING),
        ("甲贷被指自融。", EventType.FRAUD),
        ("甲贷已被立案侦查。", EventType.INVESTIGATION),
        ("甲贷收到风险提示。", EventType.REGULATORY_ACTION),
        ("甲贷宣布良性退出。", EventType.EXIT),
        ("出借人对甲贷进行维权。", EventType.COMPLAINT),
        ("甲贷高管失联。", EventType.EXECUTIVE_RISK),
    ],
)
def test_trigger_gives_event_with_subject(text: str, kind: EventType) -> None:
    (event,) = events(text, {"甲贷": T.P2P_PLATFORM})
    assert event.type == kind
    assert event.subjects == ["甲贷"]
    assert event.sector is None
    assert event.evidence.sentence == text and event.evidence.extractor == "fkg_events"


@pytest.mark.parametrize("text", ["甲贷否认跑路。", "甲贷并未逾期。", "网传甲贷跑路，平台已辟谣。"])
def test_negation_and_denial_give_no_event(text: str) -> None:
    assert events(text, {"甲贷": T.P2P_PLATFORM}) == []


def test_hedged_event_is_kept_marked_and_less_sure() -> None:
    hedged, plain = events(
        "传言甲贷跑路。乙贷跑路。", {"甲贷": T.P2P_PLATFORM, "乙贷": T.P2P_PLATFORM}
    )
    assert hedged.hedged and not plain.hedged
    assert hedged.confidence < plain.confidence


def test_category_subject_gives_sector_level_event() -> None:
    (event,) = events("平台爆雷频频。", {})
    assert event.type == EventType.COLLAPSE
    assert event.subjects == [] and event.sector == "互联网金融业"
    (event,) = events("今年P2P行业暴雷潮来袭。", {})
    assert event.sector == "网贷行业"


def test_regulator_is_authority_not_subject_and_coordinated_subjects_are_kept() -> None:
    names = {"市公安局": T.REGULATOR, "甲贷": T.P2P_PLATFORM, "乙宝": T.P2P_PLATFORM}
    (event,) = events("市公安局对甲贷、乙宝立案侦查。", names)
    assert event.type == EventType.INVESTIGATION
    assert event.subjects == ["乙宝", "甲贷"]
    assert event.authority == "市公安局"


def test_date_and_place_come_from_the_sentence() -> None:
    (event,) = events("6月15日，杭州的甲贷宣布停业。", {"甲贷": T.P2P_PLATFORM})
    assert event.date == date(2018, 6, 15)
    assert event.location == "杭州市"


def test_generic_advice_names_no_subject() -> None:
    assert events("甲银行提醒大家防范非法集资。", {"甲银行": T.BANK}) == []


def test_one_event_per_type_and_subject_with_a_stable_id() -> None:
    text = "甲贷逾期。甲贷再次逾期。"
    first = events(text, {"甲贷": T.P2P_PLATFORM})
    again = events(text, {"甲贷": T.P2P_PLATFORM})
    assert len(first) == 1
    assert first[0].id == again[0].id


def test_amount_needs_a_cue() -> None:
    names = {"甲贷": T.P2P_PLATFORM}
    (event,) = events("甲贷涉嫌非法集资，涉案金额3亿元。", names)
    assert event.amount_cny == 300_000_000
    (event,) = events("注册资本1亿元的甲贷爆雷。", names)
    assert event.amount_cny is None


def test_suspicion_and_disposal_are_not_hedges() -> None:
    names = {"甲贷": T.P2P_PLATFORM, "市公安局": T.REGULATOR}
    (event,) = events("甲贷涉嫌非法集资。", names)
    assert not event.hedged
    (event,) = events("市公安局将甲贷查封。", names)
    assert not event.hedged and event.type == EventType.INVESTIGATION
    (event,) = events("甲贷或将清盘。", names)
    assert event.hedged


def test_blockers_and_borrower_talk_report_nothing() -> None:
    names = {"甲金融": T.COMPANY}
    assert events("甲金融推出反欺诈系统。", names) == []
    assert events("甲金融提醒，借款人逾期会影响征信。", names) == []


def test_a_list_after_a_subjectless_clause_names_the_subjects() -> None:
    names = {"甲贷": T.P2P_PLATFORM, "乙宝": T.P2P_PLATFORM}
    (event,) = events("市场上出现了小额贷款骗局，包括甲贷、乙宝等。", names)
    assert event.type == EventType.FRAUD
    assert event.subjects == ["乙宝", "甲贷"]


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("甲贷于2018年爆雷。", "2018-01-01", "year"),
        ("甲贷6月爆雷。", "2018-06-01", "month"),
        ("甲贷6月15日爆雷。", "2018-06-15", "day"),
        ("甲贷上周爆雷。", "2019-01-14", "month"),  # a week keeps no day: its Monday's month
    ],
)
def test_an_event_date_keeps_the_precision_the_text_gives(
    text: str, iso: str, precision: str
) -> None:
    (event,) = events(text, {"甲贷": T.P2P_PLATFORM})
    assert event.date is not None
    assert (event.date.isoformat(), event.date_precision) == (iso, precision)


@pytest.mark.parametrize(
    "text",
    ["我的花呗上个月逾期了，会影响征信吗？", "京东白条逾期三天会怎么样？", "微粒贷逾期了怎么办？"],
)
def test_a_borrowers_overdue_on_a_product_is_no_event_of_the_provider(text: str) -> None:
    record = extract_text(text)
    roles = {e.id: e.attributes.get("role") for e in record.entities}
    assert set(roles.values()) == {"product"}, "the product is an entity of its own"
    assert not {"蚂蚁集团", "京东数科", "微众银行"} & set(roles)
    assert all(not event.subjects for event in record.events)


def test_the_providers_own_trouble_is_still_its_event() -> None:
    record = extract_text("微众银行因违规被监管部门约谈。")
    assert [(e.type, e.subjects) for e in record.events] == [
        (EventType.REGULATORY_ACTION, ["微众银行"])
    ]


def test_a_news_site_carrying_the_story_is_no_subject() -> None:
    record = extract_text("据网贷天眼消息，甲乙贷平台已爆雷，新浪财经也转载了此事。")
    media = [e.id for e in record.entities if e.attributes.get("role") == "media"]
    assert set(media) == {"网贷天眼", "新浪"}
    assert all(not set(media) & set(event.subjects) for event in record.events)


@pytest.mark.parametrize("text", ["网贷之家被监管部门约谈。", "监管部门约谈网贷之家。"])
def test_a_news_site_the_sentence_is_about_is_the_subject(text: str) -> None:
    (event,) = extract_text(text).events
    assert event.subjects == ["网贷之家"]


def test_the_subject_is_the_nearest_name_before_the_trigger_not_every_name() -> None:
    (event,) = events("甲集团回应乙贷逾期一事。", {"甲集团": T.COMPANY, "乙贷": T.P2P_PLATFORM})
    assert event.subjects == ["乙贷"]


def test_a_list_of_companies_and_their_platforms_is_one_subject_group() -> None:
    text = "警方对甲公司甲贷网贷平台、乙公司乙贷网贷平台涉嫌非法吸收公众存款案立案侦查。"
    names = {
        "甲公司": T.COMPANY,
        "甲贷": T.P2P_PLATFORM,
        "乙公司": T.COMPANY,
        "乙贷": T.P2P_PLATFORM,
    }
    found = {e.type: e.subjects for e in events(text, names)}
    assert sorted(found[EventType.ILLEGAL_FUNDRAISING]) == sorted(names)


@pytest.mark.parametrize("text", ["甲贷郑重承诺：不跑路，不失联。", "监管要求甲贷不得跑路。"])
def test_a_negation_right_before_the_trigger_cancels_it(text: str) -> None:
    assert events(text, {"甲贷": T.P2P_PLATFORM}) == []


def test_an_exchange_sending_a_letter_is_no_subject_of_it() -> None:
    text = "甲股份公司回复交易所关注函。"
    entities = [
        e.model_copy(update={"attributes": {"kind": "exchange"}}) if e.id == "交易所" else e
        for e in candidate_entities(
            text, {"甲股份公司": T.COMPANY, "交易所": T.FINANCIAL_INSTITUTION}
        )
    ]
    (event,) = find_events(text, sentences(text), entities, META)
    assert event.subjects == ["甲股份公司"]


def test_a_person_is_the_subject_of_what_happens_to_persons_only() -> None:
    names = {"甲贷": T.P2P_PLATFORM, "王某某": T.PERSON}
    (arrest,) = events("甲贷创始人王某某被刑事拘留。", names)
    assert "王某某" in arrest.subjects
    (collapse,) = events("王某某说甲贷已经爆雷。", names)
    assert collapse.subjects == ["甲贷"]


def test_a_person_named_by_title_brings_the_organisation_along() -> None:
    names = {"甲银行": T.BANK, "王某某": T.PERSON}
    (event,) = events("甲银行党委委员、副行长王某某被带走调查。", names)
    assert sorted(event.subjects) == ["王某某", "甲银行"]


def test_a_name_excepted_with_chu_wai_is_no_subject_and_a_back_reference_takes_the_list() -> None:
    names = {"甲贷": T.P2P_PLATFORM, "乙贷": T.P2P_PLATFORM, "丙贷": T.P2P_PLATFORM}
    (event,) = events("三家高息平台是甲贷、乙贷、丙贷，这三家平台除丙贷外已全部爆雷。", names)
    assert event.type == EventType.COLLAPSE and event.subjects == ["乙贷", "甲贷"]
    (later,) = events("圈内有名的平台是甲贷、乙贷和丙贷。除丙贷之外，其他两家均已跑路。", names)
    assert later.subjects == ["乙贷", "甲贷"]


def test_this_platform_is_no_back_reference_to_a_list() -> None:
    names = {"甲贷": T.P2P_PLATFORM, "乙贷": T.P2P_PLATFORM}
    found = events("甲贷、乙贷都是老平台。这平台爆雷了。", names)
    assert [e.subjects for e in found] == [[]]


def test_a_company_and_the_platform_named_in_its_bracket_are_one_subject() -> None:
    names = {"甲公司": T.COMPANY, "甲贷": T.P2P_PLATFORM}
    (event,) = events("甲公司（线上平台为“甲贷”）涉嫌非法吸收公众存款。", names)
    assert sorted(event.subjects) == ["甲公司", "甲贷"]


def test_who_speaks_about_an_event_is_not_its_subject() -> None:
    names = {"甲集团": T.COMPANY, "乙贷": T.P2P_PLATFORM, "丙贷": T.P2P_PLATFORM}
    (event,) = events("甲集团对外表示乙贷与丙贷已经逾期。", names)
    assert sorted(event.subjects) == ["丙贷", "乙贷"]


def test_a_person_alone_is_no_subject() -> None:
    (event,) = events(
        "甲贷的投资人王某某被骗，平台涉嫌诈骗。", {"甲贷": T.P2P_PLATFORM, "王某某": T.PERSON}
    )
    assert "王某某" not in event.subjects


def test_a_company_and_the_platform_under_it_are_one_subject() -> None:
    names = {"甲集团": T.COMPANY, "甲贷": T.P2P_PLATFORM}
    (event,) = events("甲集团旗下的借贷平台甲贷涉嫌非法集资。", names)
    assert sorted(event.subjects) == ["甲贷", "甲集团"]


def test_an_executive_arrested_is_the_organisations_executive_risk_too() -> None:
    found = {
        e.type: e.subjects for e in events("甲贷实控人已被警方刑事拘留。", {"甲贷": T.P2P_PLATFORM})
    }
    assert found == {EventType.INVESTIGATION: ["甲贷"], EventType.EXECUTIVE_RISK: ["甲贷"]}


def test_advice_to_report_is_no_investigation_of_a_platform() -> None:
    found = events("甲贷的出借人可在线登记报案。", {"甲贷": T.P2P_PLATFORM})
    assert all(not event.subjects for event in found)


def test_an_executive_giving_himself_up_is_no_executive_risk_of_the_platform() -> None:
    found = {e.type for e in events("甲贷实控人向警方投案自首。", {"甲贷": T.P2P_PLATFORM})}
    assert found == {EventType.INVESTIGATION}


@pytest.mark.parametrize(
    "text",
    [
        "检方认为犯罪嫌疑人赵某某的集资诈骗事实清楚。",
        "某市公安局对赵某某、钱某某两名犯罪嫌疑人执行逮捕。",
        "警方依法对赵某某等人立案侦查。",
    ],
)
def test_a_person_named_a_suspect_is_a_subject_alone(text: str) -> None:
    names = {"赵某某": T.PERSON, "钱某某": T.PERSON}
    found = events(text, names)
    assert found and all("赵某某" in event.subjects for event in found)
    if "钱某某" in text:
        assert all("钱某某" in event.subjects for event in found)


def test_suspects_named_alone_bring_the_platform_before_them() -> None:
    names = {"甲贷": T.P2P_PLATFORM, "赵某某": T.PERSON}
    (event,) = events("三、甲贷：警方对赵某某等12名犯罪嫌疑人执行逮捕。", names)
    assert sorted(event.subjects) == ["甲贷", "赵某某"]


def test_a_cut_excerpt_of_another_article_gives_no_event() -> None:
    names = {"甲贷": T.P2P_PLATFORM, "乙贷": T.P2P_PLATFORM}
    text = (
        "甲贷平台失联，出借人已报案。相关阅读：乙贷2019-01-02平台失联 平台名 乙贷 公司名 某某信 […]"
    )
    assert {s for e in events(text, names) for s in e.subjects} == {"甲贷"}
    uncut = {s for e in events(text.removesuffix(" […]"), names) for s in e.subjects}
    assert uncut == {"甲贷", "乙贷"}


@pytest.mark.parametrize("text", ["甲贷上线三年零逾期。", "甲贷宣称至今无坏账、无逾期。"])
def test_a_platform_boasting_of_no_overdue_reports_none(text: str) -> None:
    assert events(text, {"甲贷": T.P2P_PLATFORM}) == []


def test_a_crime_named_as_a_case_is_an_investigation_too() -> None:
    names = {"甲贷": T.P2P_PLATFORM}
    found = {e.type for e in events("警方通报甲贷涉嫌非法吸收公众存款案的最新进展。", names)}
    assert found == {EventType.ILLEGAL_FUNDRAISING, EventType.INVESTIGATION}
    plain = {e.type for e in events("甲贷涉嫌非法吸收公众存款。", names)}
    assert plain == {EventType.ILLEGAL_FUNDRAISING}


def test_a_regulators_reminder_letter_is_a_regulatory_action() -> None:
    names = {"甲贷": T.P2P_PLATFORM, "某区金融办": T.REGULATOR}
    (event,) = events("甲贷收到某区金融办的提示函。", names)
    assert event.type == EventType.REGULATORY_ACTION and event.subjects == ["甲贷"]
    assert event.authority == "某区金融办"
