"""The spaCy pipeline frame, the public extraction API and sentence splitting."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language
from spacy.tokens import Doc, Span

from fintech_kg.extraction import (
    EXTRACTOR_VERSION,
    extract,
    extract_many,
    extract_text,
    load_pipeline,
)
from fintech_kg.extraction.pipeline import make_pipeline, record_from_doc, run_pipeline
from fintech_kg.extraction.sentences import split_sentences
from fintech_kg.models import Article, ArticleMeta
from fintech_kg.reading import make_article
from fintech_kg.vocabulary import EntityType, EventType

TEXT = "网贷平台甜橙猫贷昨日爆雷，警方已立案侦查。腾讯旗下的微众银行未受影响。"


def test_pipeline_is_char_segmented_zh_with_the_four_components() -> None:
    nlp = load_pipeline()
    assert nlp.lang == "zh"
    assert nlp.pipe_names == ["fkg_sentences", "fkg_entities", "fkg_relations", "fkg_events"]
    assert load_pipeline() is nlp
    assert [token.text for token in nlp.make_doc("爆雷了")] == ["爆", "雷", "了"]


def test_results_are_on_doc_extensions() -> None:
    doc = load_pipeline()(TEXT)
    assert doc._.sentences == split_sentences(TEXT)
    assert {"甜橙猫贷", "腾讯", "微众银行"} <= {entity.id for entity in doc._.entities}
    assert any(event.type == EventType.COLLAPSE for event in doc._.events)
    assert isinstance(doc._.relations, list)
    record = record_from_doc(doc)
    assert record.article.extractor_version == EXTRACTOR_VERSION


@Language.component("test_user_ner")
def _user_ner(doc: Doc) -> Doc:
    start = doc.text.find("蓝天小组")
    if start >= 0:
        doc.ents = [Span(doc, start, start + 4, label="ORG")]  # one token per character
    return doc


def test_a_users_ner_before_fkg_entities_contributes_entities() -> None:
    nlp = make_pipeline()
    nlp.add_pipe("test_user_ner", before="fkg_entities")
    doc = nlp("蓝天小组发布了报告。")
    found = {entity.id: entity for entity in doc._.entities}
    assert found["蓝天小组"].type == EntityType.COMPANY
    # run_pipeline sees a component that needs tokens and goes through spaCy.
    record = run_pipeline(nlp, make_article("蓝天小组发布了报告。", id="ner"))
    assert "蓝天小组" in {entity.id for entity in record.entities}
    assert "蓝天小组" not in {entity.id for entity in extract_text("蓝天小组发布了报告。").entities}


def test_extract_text_cleans_and_keeps_metadata() -> None:
    record = extract_text(TEXT, id="t1", published_at=date(2019, 6, 20), source="test")
    assert record.id == "t1"
    assert record.article.published_at == date(2019, 6, 20)
    assert record.article.extractor_version == EXTRACTOR_VERSION
    for entity in record.entities:
        for mention in entity.mentions:
            assert mention.start < mention.end <= record.article.char_count


def _article(number: int) -> Article:
    text = f"第{number}篇：网贷平台橘子{number}号贷逾期。"
    meta = ArticleMeta(id=f"a{number}", content_sha256="", char_count=len(text))
    return Article(meta=meta, text=text)


@pytest.mark.parametrize("workers", [1, 2])
def test_extract_many_keeps_input_order(workers: int) -> None:
    articles = [_article(n) for n in range(6)]
    records = list(extract_many(articles, workers=workers))
    assert [r.id for r in records] == [a.meta.id for a in articles]
    assert records[3] == extract(articles[3])


@pytest.mark.parametrize(
    ("text", "sentences"),
    [
        ("平台爆雷了！投资人报警。", ["平台爆雷了！", "投资人报警。"]),
        ("他说：“钱没了。”然后走了……真的？", ["他说：“钱没了。”", "然后走了……", "真的？"]),
        ("第一行\n\n  第二行  ", ["第一行", "第二行"]),
        ("要么清退;要么转型", ["要么清退;", "要么转型"]),
        ("", []),
    ],
)
def test_sentences_split_at_terminators_and_lines(text: str, sentences: list[str]) -> None:
    assert [text[start:end] for start, end in split_sentences(text)] == sentences


def test_the_stages_give_the_same_record_with_and_without_a_doc() -> None:
    # extract() runs the stages on a state when the pipeline holds only them; spaCy runs the
    # same stages on a Doc. The Doc route must add nothing and lose nothing.
    from importlib.resources import files

    from fintech_kg.reading import read_articles

    samples = files("fintech_kg") / "data" / "samples" / "articles.jsonl"
    articles = [a for a in read_articles([str(samples)]) if isinstance(a, Article)]
    assert len(articles) >= 5
    articles.append(make_article(TEXT + "以BAT为代表的巨头用大数据赋能银行、证券和保险。"))
    nlp = load_pipeline()
    for article in articles:
        doc = nlp.make_doc(article.text)
        doc._.article = article.meta
        assert record_from_doc(nlp(doc)) == extract(article), article.meta.id


def test_a_generic_authority_is_kept_only_when_something_acts_through_it() -> None:
    idle = extract_text("人民法院近日公布了一批失信名单，涉及多家公司。")
    assert "人民法院" not in {entity.id for entity in idle.entities}
    acting = extract_text("公安机关已对甲乙贷立案侦查。")
    assert "公安机关" in {entity.id for entity in acting.entities}
    assert {event.authority for event in acting.events} == {"公安机关"}
