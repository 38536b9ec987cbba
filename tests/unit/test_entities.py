"""Entity recognition on sentences written for these tests."""

from __future__ import annotations

import os

from fintech_kg.extraction.entities import find_entities
from fintech_kg.extraction.entities.validation import name_check
from fintech_kg.extraction.lexicon import Lexicon, load_lexicon
from fintech_kg.extraction.sentences import split_sentences
from fintech_kg.models import Entity
from fintech_kg.vocabulary import EntityType, RelationType


def _entities(text: str) -> dict[str, Entity]:
    result = find_entities(text, split_sentences(text), extractor_version="test")
    return {entity.id: entity for entity in result.entities}


def test_collective_gives_its_members_and_member_of() -> None:
    text = "据悉，BAT正加速布局区块链。"
    result = find_entities(text, split_sentences(text))
    ids = {entity.id for entity in result.entities}
    assert {"百度", "阿里巴巴", "腾讯", "BAT", "区块链"} <= ids
    members = {(r.source, r.target) for r in result.relations if r.type == RelationType.MEMBER_OF}
    assert members == {("百度", "BAT"), ("阿里巴巴", "BAT"), ("腾讯", "BAT")}
    baidu = next(e for e in result.entities if e.id == "百度")
    assert baidu.mentions[0].text == "BAT"
    types = {entity.id: entity.type for entity in result.entities}
    assert types["BAT"] == EntityType.COLLECTIVE, "BAT is a shorthand, not a company"
    assert types["百度"] == EntityType.TECH_COMPANY


def test_short_names_resolve_to_canonical_ids() -> None:
    found = _entities("工行和招行都与蚂蚁金服签约，央行随后约谈了两家机构。")
    assert found["中国工商银行"].type == EntityType.BANK
    assert found["招商银行"].type == EntityType.BANK
    assert found["蚂蚁集团"].mentions[0].text == "蚂蚁金服"
    assert found["中国人民银行"].type == EntityType.REGULATOR


def test_technologies_and_sectors() -> None:
    found = _entities("大数据和人工智能正在改造银行、证券、保险等行业。")
    assert found["大数据"].type == EntityType.TECHNOLOGY
    assert found["人工智能"].type == EntityType.TECHNOLOGY
    for sector in ("银行业", "证券业", "保险业"):
        assert found[sector].attributes["kind"] == "sector"


def test_a_lone_sector_word_is_not_a_sector() -> None:
    assert "银行业" not in _entities("我昨天去银行取钱。")


def test_persons_foreign_and_titled() -> None:
    found = _entities("约翰·史密斯认为，该平台董事长王大明表示将配合调查。")
    assert found["约翰·史密斯"].type == EntityType.PERSON
    assert found["王大明"].type == EntityType.PERSON


def test_hyphenated_foreign_name_gets_a_dotted_id() -> None:
    found = _entities("按照马丁-罗伯特的说法，未来可期。")
    assert found["马丁·罗伯特"].mentions[0].text == "马丁-罗伯特"


def test_unknown_platform_names_from_context() -> None:
    found = _entities("网贷平台甜橙猫贷涉嫌非法集资，另一家青柚金服已经跑路。")
    assert found["甜橙猫贷"].type == EntityType.P2P_PLATFORM
    assert found["青柚金服"].confidence < 0.9


def test_ordinary_words_are_not_brand_names() -> None:
    found = _entities("科技公司应当真正实现金融普惠，而不是改造传统金融。")
    assert all(entity.confidence >= 0.9 for entity in found.values()), list(found)


def test_registered_name_and_its_short_name_are_one_entity() -> None:
    text = "深圳市蓝鲸湾金融信息服务有限公司（以下简称“蓝鲸湾”）近日发布公告。蓝鲸湾称正常运营。"
    found = _entities(text)
    assert len([e for e in found.values() if e.type != EntityType.PERSON]) == 1
    company = found["深圳市蓝鲸湾金融信息服务有限公司"]
    assert "蓝鲸湾" in company.aliases
    assert [m.text for m in company.mentions].count("蓝鲸湾") == 2


def test_brand_in_brackets_ties_company_and_platform() -> None:
    text = "北京云杉木金融信息服务有限公司（简称小资钱包）被立案侦查。"
    found = _entities(text)
    platform = found["小资钱包"]
    assert "北京云杉木金融信息服务有限公司" in platform.aliases
    assert len(platform.mentions) == 2


def test_mentions_point_into_the_text_with_sentence_evidence() -> None:
    text = "第一句没有名字。\n腾讯与京东宣布合作！百度呢？"
    result = find_entities(text, split_sentences(text), extractor_version="9.9")
    assert result.entities
    for entity in result.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
            evidence = mention.evidence
            assert text[evidence.start : evidence.end] == evidence.sentence
            assert evidence.start <= mention.start < mention.end <= evidence.end
            assert evidence.extractor == "fkg_entities"
            assert evidence.extractor_version == "9.9"


def test_names_that_are_ordinary_words_need_context() -> None:
    assert "小金库" not in _entities("他把钱都放进了小金库。")
    assert "小金库" in _entities("网贷平台小金库昨日宣布良性退出。")


def test_external_spans_add_entities_where_the_lexicon_has_none() -> None:
    text = "记者采访了某机构的负责人。"
    result = find_entities(text, split_sentences(text), external=[(5, 8, EntityType.COMPANY)])
    assert [(e.id, e.type) for e in result.entities] == [("某机构", EntityType.COMPANY)]


def test_a_place_before_a_known_platform_joins_the_mention() -> None:
    found = _entities("针对上海网格金服的调查仍在继续。")
    assert found["网格金服"].mentions[0].text == "上海网格金服"


def test_company_after_a_known_name_is_the_same_entity() -> None:
    found = _entities("网贷平台小资钱包公司已被立案。")
    assert [m.text for m in found["小资钱包"].mentions] == ["小资钱包公司"]


def test_a_list_with_known_platforms_names_the_others() -> None:
    found = _entities("涉案平台包括小资钱包、橙果宝、青柠花等。")
    assert found["橙果宝"].type == EntityType.P2P_PLATFORM
    assert found["青柠花"].type == EntityType.P2P_PLATFORM


def test_a_stock_code_marks_a_listed_company() -> None:
    found = _entities("远舟科创(600999)今日停牌。")
    assert found["远舟科创"].type == EntityType.COMPANY


def test_place_and_institution_word_is_a_name() -> None:
    found = _entities("监管部门约谈了江西信托和另一家机构。")
    assert found["江西信托"].type == EntityType.FINANCIAL_INSTITUTION


def test_ordinary_words_are_not_short_company_names() -> None:
    found = _entities("研究公司和分公司都减少了，增加公司也是。")
    assert not [e.id for e in found.values() if e.type == EntityType.COMPANY]


def test_a_regulator_named_with_its_successor_gives_succeeds() -> None:
    text = "银监会与保监会合并后，银保监会接手了监管。"
    result = find_entities(text, split_sentences(text))
    succeeds = {(r.source, r.target) for r in result.relations if r.type == RelationType.SUCCEEDS}
    assert succeeds == {
        ("中国银行保险监督管理委员会", "中国银行业监督管理委员会"),
        ("中国银行保险监督管理委员会", "中国保险监督管理委员会"),
    }


def test_a_name_is_not_its_own_context() -> None:
    assert "诚信" not in _entities("做人要讲诚信。")


def test_short_company_name_keeps_the_place_it_starts_with() -> None:
    found = _entities("警方称，北京甲乙丙丁戊公司已被查封。")
    assert "北京甲乙丙丁戊公司" in found
    assert not any(name.startswith("京甲") for name in found)


def test_registered_name_keeps_characters_that_are_also_function_words() -> None:
    found = _entities("通报称，杭州达乙网络科技有限公司涉嫌传销。")
    assert "杭州达乙网络科技有限公司" in found


def test_registered_name_keeps_its_first_place_before_a_second_one() -> None:
    found = _entities("深圳前海甲乙资本管理有限公司涉嫌非法吸收公众存款。")
    assert "深圳前海甲乙资本管理有限公司" in found


def test_pyramid_selling_is_context_for_a_name_that_needs_it() -> None:
    assert "华林酸碱平" in _entities("华林因传销问题受到调查。")
    assert "华林酸碱平" not in _entities("华林的文章很好看。")


def test_registered_name_is_also_known_without_its_place() -> None:
    found = _entities("云南甲乙丙金属股份有限公司被起诉。")
    assert "甲乙丙金属股份有限公司" in found["云南甲乙丙金属股份有限公司"].aliases


def test_registered_name_starts_after_a_company_word_or_an_authority() -> None:
    found = _entities("其运营公司上海甲乙信息科技有限公司已被立案。")
    assert "上海甲乙信息科技有限公司" in found
    found = _entities("法院以丙丁戊控股集团有限公司涉嫌集资诈骗判决。")
    assert "丙丁戊控股集团有限公司" in found
    assert found["人民法院"].mentions[0].text == "法院"


def test_a_name_that_needs_context_counts_when_listed_next_to_a_known_one() -> None:
    assert "天天财富" in _entities("他提到投之家、天天财富两个名字。")
    assert "天天财富" not in _entities("天天财富、天天向上。")


def test_short_company_name_with_an_industry_word() -> None:
    assert "甲乙投资公司" in _entities("甲乙投资公司涉嫌非法集资。")
    assert "湖南甲乙丙丁电子商务公司" in _entities("湖南甲乙丙丁电子商务公司涉嫌传销。")
    assert not _entities("涉案科技公司已经跑路。")


def test_sector_words_and_government_sites_are_no_platforms() -> None:
    assert not _entities("某P2P网昨日爆雷，P2P理财风险大。")
    assert not _entities("京法网发布了开庭公告。")


def test_rural_bank_names_take_their_place() -> None:
    found = _entities("甲乙丙丁农村合作银行发放了一笔贷款。")
    assert found["甲乙丙丁农村合作银行"].type == EntityType.BANK


def test_repeat_mentions_take_the_longest_name_whatever_the_hash_seed() -> None:
    # A name and its short form ("蓝鲸金服", "蓝鲸") both match a later occurrence; the longer
    # one must win in every process, whatever order string hashing gives a set.
    import subprocess
    import sys

    code = (
        "from fintech_kg.extraction.entities.found import Collector, Found, Span\n"
        "from fintech_kg.extraction.entities.patterns import patterns\n"
        "from fintech_kg.extraction.entities.ties import repeat_mentions\n"
        "from fintech_kg.extraction.lexicon import fold, load_lexicon\n"
        "from fintech_kg.vocabulary import EntityType\n"
        "text = '蓝鲸金服爆雷。后来蓝鲸金服失联。'\n"
        "col = Collector(text, fold(text), load_lexicon(), patterns())\n"
        "col.add(Found('蓝鲸金服', EntityType.P2P_PLATFORM, 0.7, aliases=['蓝鲸']),"
        " Span(0, 4, 0.7))\n"
        "repeat_mentions(col)\n"
        "print([(s.start, s.end) for s in col.found['蓝鲸金服'].spans])\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
        for seed in range(8)
    }
    assert outputs == {"[(0, 4), (9, 13)]"}


def test_leading_words_are_cut_off_pattern_names() -> None:
    found = _entities("回顾甲乙丁金融信息服务有限公司的三年。")
    assert "甲乙丁金融信息服务有限公司" in found
    found = _entities("扫黑除恶(北京)丙丁戊信息科技有限公司被查。")
    assert "丙丁戊信息科技有限公司" in found
    found = _entities("官网显示中国甲乙合作有限公司为其股东。")
    assert "中国甲乙合作有限公司" in found


def test_trigger_words_and_role_nouns_are_no_names() -> None:
    found = _entities("多家网贷平台跑路，平台负责人称资金集中兑付。")
    names = [e.id for e in found.values() if e.attributes.get("kind") != "sector"]
    assert not names


def test_local_authorities_are_named_by_their_place() -> None:
    text = "甲乙市公安局已立案，案件移送丙丁区人民检察院。甲乙警方提醒投资人。"
    found = _entities(text)
    police = found["甲乙市公安局"]
    assert police.type == EntityType.REGULATOR
    assert "甲乙警方" in police.aliases  # one body, however the text names it
    assert "丙丁区人民检察院" in found
    assert "人民检察院" not in found  # the generic word is the local body's


def test_a_city_bureau_and_its_district_branch() -> None:
    found = _entities("戊己市公安局庚辛区分局通报了案情。")
    assert found["戊己市公安局庚辛区分局"].type == EntityType.REGULATOR


def test_persons_after_and_before_titles_and_person_words() -> None:
    found = _entities("甲乙集团副总裁韩子墨参加了会议，股东是邹一帆(持股70%)。")
    assert found["韩子墨"].type == EntityType.PERSON  # not "韩子墨参"
    assert found["邹一帆"].type == EntityType.PERSON
    found = _entities("原副行长冯晓岚涉嫌受贿，犯罪嫌疑人蒋小川已被刑拘。")
    assert {"冯晓岚", "蒋小川"} <= set(found)


def test_a_list_of_suspects_names_persons() -> None:
    found = _entities("警方对钱一鸣、孙佳、周子涵等人采取了强制措施。")
    assert {"钱一鸣", "孙佳", "周子涵"} <= {n for n, e in found.items() if e.type == "Person"}


def test_words_after_a_title_are_no_person() -> None:
    found = _entities("公司股东包括多家机构，董事兼总经理一职空缺。")
    assert not [n for n, e in found.items() if e.type == EntityType.PERSON]


def test_financial_institutions_outside_the_lexicon_by_their_suffix() -> None:
    found = _entities("本轮由青桐资本领投，甲乙丙资本管理有限公司跟投，丁戊财险也参与。")
    for name in ("青桐资本", "甲乙丙资本管理有限公司", "丁戊财险"):
        assert found[name].type == EntityType.FINANCIAL_INSTITUTION, name
    assert not [
        n for n in _entities("外盘期货和社会资本都很活跃。") if n.endswith(("期货", "资本"))
    ]


def test_a_name_cut_out_of_a_word_is_none() -> None:
    found = _entities("想要了解信贷知识的读者，可以看看如意岛公司的年报。")
    assert not [n for n in found if n in ("解信贷", "意岛公司")]


def test_a_person_may_follow_a_title_that_ends_a_word() -> None:
    found = _entities("甲乙银行行长于明川表示。")
    assert found["于明川"].type == EntityType.PERSON


def test_a_group_of_registered_names_on_one_core_stays_apart() -> None:
    text = "甲乙金服的关联公司有甲乙（上海）投资咨询有限公司和甲乙（上海）资产管理有限公司。"
    found = _entities(text)
    assert {"甲乙(上海)投资咨询有限公司", "甲乙(上海)资产管理有限公司"} <= set(found)


def test_a_financial_information_service_company_is_a_platform_operator() -> None:
    found = _entities("深圳甲丙金融信息服务有限公司涉嫌非法吸收公众存款。")
    assert found["深圳甲丙金融信息服务有限公司"].type == EntityType.P2P_PLATFORM


def test_a_bank_branch_is_a_bank_of_its_own() -> None:
    found = _entities("招商银行甲乙分行行长表示，甲乙分行将整改。")
    branch = found["招商银行甲乙分行"]
    assert branch.type == EntityType.BANK
    assert [m.text for m in branch.mentions] == ["招商银行甲乙分行", "甲乙分行"]
    assert branch.attributes["branch_of"] == "招商银行"


def test_two_ordinary_words_are_no_pattern_name() -> None:
    found = _entities("有人把资料发到网贷平台舆情追踪群，最后平台转移资产跑路。")
    assert not [n for n in found if n in ("舆情追踪", "转移资产")]


def test_a_short_registry_name_inside_a_longer_word_is_not_mentioned() -> None:
    from fintech_kg.extraction.lexicon import LexiconEntry

    custom = Lexicon(
        {"新甲乙": LexiconEntry("新甲乙", EntityType.P2P_PLATFORM, source="p2p_platforms.tsv")}, []
    )
    found = find_entities("他们在创新甲乙方面投入很大。", [(0, 14)], custom).entities
    assert not found
    found = find_entities("网贷平台新甲乙宣布清退。", [(0, 12)], custom).entities
    assert [e.id for e in found] == ["新甲乙"]


def test_a_registered_name_needs_a_trade_name() -> None:
    assert not _entities("北京金融信息服务有限公司涉嫌违规。")


def test_stock_words_are_context_for_a_short_a_share_name() -> None:
    lexicon = load_lexicon()
    entry = next(
        e
        for e in lexicon.entries.values()
        if e.source == "a_share_companies.tsv" and "ST慧球" in e.context_aliases
    )
    assert entry.name in _entities("关联个股*ST慧球今天已经跌停。")
    assert entry.name not in _entities("我们聊起ST慧球这个词。")


def test_generic_police_is_the_one_local_police_the_article_names() -> None:
    found = _entities("甲乙市公安局通报案情。警方提醒，公安机关将依法处理。")
    assert "公安机关" not in found
    assert [m.text for m in found["甲乙市公安局"].mentions] == ["甲乙市公安局", "警方", "公安机关"]
    two = _entities("甲乙市公安局和丙丁市公安局联合行动，警方称。")
    assert "公安机关" in two  # two local police: "警方" is neither for sure


def test_a_research_institute_is_its_own_body() -> None:
    found = _entities("作者来自腾讯研究院。")
    assert found["腾讯研究院"].attributes["of"] == "腾讯"
    assert "腾讯" not in found


def test_a_registered_name_may_hold_neng() -> None:
    found = _entities("展会上，广西甲乙热能设备有限公司带来了新品。")
    assert "广西甲乙热能设备有限公司" in found


def test_an_amount_in_euros_and_a_bare_weibo_name_no_outlet() -> None:
    found = _entities("据甲乙市警方微博消息，涉案金额约3亿欧元，另有5万欧元未追回。")
    assert "亿欧" not in found
    assert "新浪" not in found


def test_no_name_starts_inside_a_word_that_is_never_a_name() -> None:
    assert name_check().start("请到网贷平台投资人登记处", 8, 11) is None  # 人登记 of 投资人
    assert name_check().start("各家平台接二连三出事", 5, 8) is None  # 二连三 of 接二连三
    assert name_check().start("甲乙平台舆情追踪", 4, 8) is None


def test_a_name_may_start_with_he_where_no_conjunction_can_stand() -> None:
    found = _entities("据悉，和乙丙信息科技有限公司是丁戊公司的股东。")
    assert "和乙丙信息科技有限公司" in found
    joined = _entities("招商银行与乙丙信息科技有限公司签约。")
    assert "乙丙信息科技有限公司" in joined


def test_a_web_address_is_no_mention_of_the_company_it_names() -> None:
    assert "京东" not in _entities("详见甲乙众筹页面（https://z.jd.com/project/1.html）。")
    assert "京东" in _entities("京东发布了新一季财报。")


def test_a_two_character_name_cut_out_of_words_is_no_mention() -> None:
    assert "国家电网" not in _entities("全国网贷平台近来风波不断。")  # 国网 of 全国网贷
    assert "国家电网" in _entities("国网发布了年度报告。")


def test_a_title_linked_to_a_name_by_a_verb_names_a_person() -> None:
    assert "陶一鸣" in _entities("乙丙公司注册资本1亿元，法人为陶一鸣。")
    assert "周子涵" in _entities("该平台实控人是周子涵。")
    found = _entities("法人为公司承担责任。").values()
    assert not [e for e in found if e.type == EntityType.PERSON]


def test_the_names_listed_after_a_titled_name_are_persons_too() -> None:
    found = _entities("乙丙公司有两名股东，分别为陶一鸣、俞子涵。")
    assert {"陶一鸣", "俞子涵"} <= set(found)
    mixed = _entities("创始人王大明、招商银行代表出席。")
    assert mixed["招商银行"].type == EntityType.BANK


def test_a_name_before_taking_up_a_post_is_a_person() -> None:
    assert "孙佳怡" in _entities("该公司总经理一职由孙佳怡暂代。")
    assert "周子涵" in _entities("周子涵出任乙丙公司董事。")


def test_a_placeholder_in_a_registered_name_makes_no_name() -> None:
    assert not _entities("其对外投资的公司基本为甲乙XX投资咨询有限公司。")
    assert "丙丁投资咨询有限公司" in _entities("丙丁投资咨询有限公司被查。")
