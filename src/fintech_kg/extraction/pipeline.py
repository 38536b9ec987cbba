"""The extraction pipeline: a spaCy ``zh`` Language with the project's components.

Tokens are characters (spaCy's ``zh`` ``char`` segmentation, by a faster tokenizer with the
same output), not jieba words: names are matched over the raw text, and jieba's word
boundaries cut through about 45% of them (see issue 3). Components, registered
with ``@Language.factory`` so a config can rearrange them or add a user's own (a trained NER
placed before ``fkg_entities`` contributes its ``doc.ents``):

- ``fkg_sentences`` -> ``doc._.sentences``: (start, end) offsets;
- ``fkg_entities`` -> ``doc._.entities``: entities with mentions (plus MEMBER_OF relations
  in ``doc._.relations``);
- ``fkg_relations`` -> ``doc._.relations``: :func:`fintech_kg.extraction.relations.find_relations`;
- ``fkg_events`` -> ``doc._.events``: :func:`fintech_kg.extraction.events.find_events`.

``doc._.article`` holds the :class:`~fintech_kg.models.ArticleMeta` (publication date for
resolving "6月15日").

Example::

    >>> nlp = load_pipeline()
    >>> doc = nlp("网贷平台甜橙猫贷爆雷。")
    >>> [e.id for e in doc._.entities]
    ['网贷行业', '甜橙猫贷']
"""

from __future__ import annotations

import multiprocessing
import re
from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens.underscore import Underscore
from spacy.vocab import Vocab

from fintech_kg.extraction import EXTRACTOR_VERSION
from fintech_kg.extraction.entities import find_entities
from fintech_kg.extraction.events import find_events
from fintech_kg.extraction.lexicon import Lexicon, load_lexicon
from fintech_kg.extraction.relations import find_relations
from fintech_kg.extraction.sentences import split_sentences
from fintech_kg.extraction.triggers import load_triggers
from fintech_kg.models import (
    Article,
    ArticleMeta,
    Entity,
    ExtractionRecord,
    Relation,
    RiskEvent,
)
from fintech_kg.vocabulary import EntityType

__all__ = [
    "COMPONENTS",
    "CharTokenizer",
    "extract",
    "extract_json_lines",
    "extract_many",
    "extract_text",
    "load_pipeline",
    "make_pipeline",
    "record_from_doc",
]

COMPONENTS = ("fkg_sentences", "fkg_entities", "fkg_relations", "fkg_events")

for _name in ("article", "sentences", "entities", "relations", "events", "fkg_text"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


# The helpers take ``doc._`` fetched once by their caller: each ``doc._`` builds a new
# accessor object, a cost that showed in profiles at one article a millisecond.


def _text(doc: Doc, ext: Underscore) -> str:
    """``doc.text``, built once: spaCy rebuilds it from every token on each access."""
    text: str | None = ext.fkg_text
    if text is None:
        text = ext.fkg_text = doc.text
    return text


def _sentences(doc: Doc, ext: Underscore) -> list[tuple[int, int]]:
    sentences: list[tuple[int, int]] | None = ext.sentences
    if sentences is None:
        sentences = ext.sentences = split_sentences(_text(doc, ext))
    return sentences


def _meta(doc: Doc, ext: Underscore) -> ArticleMeta:
    meta: ArticleMeta | None = ext.article
    if meta is None:
        from fintech_kg.reading.article import article_id

        text = _text(doc, ext)
        meta = ext.article = ArticleMeta(
            id=article_id(text),
            content_sha256="",
            char_count=len(text),
            extractor_version=EXTRACTOR_VERSION,
        )
    return meta


class CharTokenizer:
    """One token per character, exactly as spaCy's ``zh`` ``char`` segmenter cuts (a space
    after a token is its trailing space, other whitespace runs are tokens), in linear time:
    spaCy's generic alignment re-slices the text for every character."""

    _SPACE = re.compile(r"\s+")

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        position = 0
        for match in self._SPACE.finditer(text):
            start, end = match.span()
            chunk = text[position:start]
            words.extend(chunk)
            spaces.extend([False] * len(chunk))
            if start > position and text[start] == " ":
                spaces[-1] = True
                start += 1
            if start < end:
                words.append(text[start:end])
                spaces.append(False)
            position = end
        rest = text[position:]
        words.extend(rest)
        spaces.extend([False] * len(rest))
        return Doc(self.vocab, words=words, spaces=spaces)


class SentenceSplitter:
    """``fkg_sentences``: sets ``doc._.sentences``."""

    def __call__(self, doc: Doc) -> Doc:
        ext = doc._
        ext.sentences = split_sentences(_text(doc, ext))
        return doc


class EntityRecognizer:
    """``fkg_entities``: lexicon, patterns and persons; also takes ``doc.ents`` of an NER
    placed before it, with spaCy labels mapped by ``label_map`` (unmapped labels ignored)."""

    def __init__(self, label_map: dict[str, str]) -> None:
        self.lexicon: Lexicon = load_lexicon()
        self.label_map = {label: EntityType(value) for label, value in label_map.items()}

    def __call__(self, doc: Doc) -> Doc:
        external = [
            (ent.start_char, ent.end_char, self.label_map[ent.label_])
            for ent in doc.ents
            if ent.label_ in self.label_map
        ]
        ext = doc._
        text = _text(doc, ext)
        result = find_entities(text, _sentences(doc, ext), self.lexicon, external=external)
        ext.entities = result.entities
        ext.relations = [*(ext.relations or []), *result.relations]
        return doc


class RelationFinder:
    """``fkg_relations``: adds the relations between ``doc._.entities``."""

    def __init__(self) -> None:
        load_triggers()  # read and check the trigger data with the pipeline, not per article

    def __call__(self, doc: Doc) -> Doc:
        ext = doc._
        found = find_relations(_text(doc, ext), _sentences(doc, ext), ext.entities or [])
        ext.relations = [*(ext.relations or []), *found]
        return doc


class EventFinder:
    """``fkg_events``: sets ``doc._.events``, the risk events of the article."""

    def __init__(self) -> None:
        load_triggers()  # read and check the trigger data with the pipeline, not per article

    def __call__(self, doc: Doc) -> Doc:
        ext = doc._
        text = _text(doc, ext)
        ext.events = find_events(text, _sentences(doc, ext), ext.entities or [], _meta(doc, ext))
        return doc


@Language.factory("fkg_sentences")
def make_sentence_splitter(nlp: Language, name: str) -> SentenceSplitter:
    """Factory of ``fkg_sentences``."""
    return SentenceSplitter()


@Language.factory(
    "fkg_entities",
    default_config={"label_map": {"PERSON": "Person", "ORG": "Company"}},
)
def make_entity_recognizer(nlp: Language, name: str, label_map: dict[str, str]) -> EntityRecognizer:
    """Factory of ``fkg_entities``; ``label_map`` maps a user NER's labels to entity types."""
    return EntityRecognizer(label_map)


@Language.factory("fkg_relations")
def make_relation_finder(nlp: Language, name: str) -> RelationFinder:
    """Factory of ``fkg_relations``."""
    return RelationFinder()


@Language.factory("fkg_events")
def make_event_finder(nlp: Language, name: str) -> EventFinder:
    """Factory of ``fkg_events``."""
    return EventFinder()


def make_pipeline() -> Language:
    """A new pipeline: blank ``zh`` (char segmentation) + the four components.

    Example: ``make_pipeline().pipe_names`` -> ``['fkg_sentences', 'fkg_entities', ...]``
    """
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "char"}}})
    nlp.tokenizer = CharTokenizer(nlp.vocab)
    for component in COMPONENTS:
        nlp.add_pipe(component)
    return nlp


@cache
def load_pipeline() -> Language:
    """The process's shared pipeline (built on first use, about 0.2 s)."""
    return make_pipeline()


def record_from_doc(doc: Doc) -> ExtractionRecord:
    """The ExtractionRecord of a processed Doc."""
    ext = doc._
    return _record(_meta(doc, ext), ext.entities or [], ext.relations or [], ext.events or [])


def _record(
    meta: ArticleMeta, entities: list[Entity], relations: list[Relation], events: list[RiskEvent]
) -> ExtractionRecord:
    meta = meta.model_copy(update={"extractor_version": EXTRACTOR_VERSION})
    return ExtractionRecord(
        id=meta.id, article=meta, entities=entities, relations=relations, events=events
    )


def extract(article: Article) -> ExtractionRecord:
    """Extract entities, relations and risk events from a cleaned article."""
    nlp = load_pipeline()
    if nlp.pipe_names == list(COMPONENTS):
        return _extract_directly(article)
    doc = nlp.make_doc(article.text)
    ext = doc._
    ext.article = article.meta
    ext.fkg_text = article.text
    return record_from_doc(nlp(doc))


def _extract_directly(article: Article) -> ExtractionRecord:
    """What the four components do in a pipeline of only them, by calling the functions
    they wrap: they read the text, never tokens, and spaCy's Doc of one token per
    character and per-component machinery cost about a seventh of the extraction."""
    text = article.text
    sentences = split_sentences(text)
    found = find_entities(text, sentences, load_lexicon())
    relations = [*found.relations, *find_relations(text, sentences, found.entities)]
    events = find_events(text, sentences, found.entities, article.meta)
    return _record(article.meta, found.entities, relations, events)


def extract_text(text: str, **meta: Any) -> ExtractionRecord:
    """Clean ``text`` with the reading stage (``make_article``; ``id=``, ``title=``,
    ``published_at=``, ``source=``, ``url=`` as metadata) and extract it."""
    from fintech_kg.reading import make_article

    return extract(make_article(text, **meta))


def _extract_json(article: Article) -> str:
    return extract(article).model_dump_json()


def extract_json_lines(articles: Iterable[Article], *, workers: int = 1) -> Iterator[str]:
    """One JSON line (an ExtractionRecord) per article, in input order; ``workers`` > 1 uses
    that many processes, each loading the pipeline once. JSON is what crosses the process
    boundary: it is ten times cheaper than pickled pydantic models.

    Example: ``out.writelines(line + "\\n" for line in extract_json_lines(articles, workers=2))``
    """
    if workers <= 1:
        yield from (_extract_json(article) for article in articles)
        return
    context = multiprocessing.get_context("fork" if "fork" in _start_methods() else "spawn")
    with context.Pool(workers, initializer=load_pipeline) as pool:
        # Chunks of 64: with 16 the parent spent twice the CPU passing articles and lines.
        yield from pool.imap(_extract_json, articles, chunksize=64)


def extract_many(articles: Iterable[Article], *, workers: int = 1) -> Iterator[ExtractionRecord]:
    """Records for ``articles`` in input order; ``workers`` > 1 uses that many processes,
    each loading the pipeline once."""
    if workers <= 1:
        yield from (extract(article) for article in articles)
        return
    for line in extract_json_lines(articles, workers=workers):
        yield ExtractionRecord.model_validate_json(line)


def _start_methods() -> list[str]:
    return multiprocessing.get_all_start_methods()
