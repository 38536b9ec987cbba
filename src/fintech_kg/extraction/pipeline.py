"""The extraction pipeline: a spaCy ``zh`` Language whose components are the stages.

Tokens are characters (spaCy's ``zh`` ``char`` segmentation, by a faster tokenizer with the
same output), not jieba words: names are matched over the raw text, and jieba's word
boundaries cut through about 45% of them (see issue 3). Each stage is a pipeline component,
registered with ``@Language.factory`` so a config can rearrange them or add a user's own (a
trained NER placed before ``fkg_entities`` contributes its ``doc.ents``). In order
(:data:`COMPONENTS`):

- ``fkg_sentences`` (:class:`SentenceSplitter`): (start, end) offsets of the sentences;
- ``fkg_entities`` (:class:`EntityRecognizer`): entities with mentions, plus the MEMBER_OF
  and SUCCEEDS relations the lexicon knows;
- ``fkg_relations`` (:class:`RelationFinder`): relations between the entities;
- ``fkg_events`` (:class:`EventFinder`): risk events and their subjects.

Every stage does its work in ``run(state)`` on an :class:`ExtractionState`, the one code
path: :func:`extract` calls the stages on a state directly when the pipeline holds only
them, and spaCy calls them on a Doc (whose state is ``doc._.fkg_state``) otherwise. On a
Doc, ``doc._.sentences``, ``doc._.entities``, ``doc._.relations`` and ``doc._.events`` read
the state, and ``doc._.article`` may hold the :class:`~fintech_kg.models.ArticleMeta`
(publication date for resolving "6月15日").

Example::

    >>> nlp = load_pipeline()
    >>> doc = nlp("网贷平台甜橙猫贷爆雷。")
    >>> [e.id for e in doc._.entities]
    ['网贷行业', '甜橙猫贷']
"""

from __future__ import annotations

import multiprocessing
import re
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any

import spacy
from pydantic import BaseModel, ConfigDict, Field
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from fintech_kg.extraction.entities import find_entities
from fintech_kg.extraction.events import find_events
from fintech_kg.extraction.lexicon import Lexicon, load_lexicon
from fintech_kg.extraction.relations import find_relations
from fintech_kg.extraction.sentences import split_sentences
from fintech_kg.extraction.triggers import load_triggers
from fintech_kg.extraction.version import EXTRACTOR_VERSION
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
    "EntityRecognizer",
    "EventFinder",
    "ExtractionState",
    "RelationFinder",
    "SentenceSplitter",
    "Stage",
    "extract",
    "extract_json_lines",
    "extract_many",
    "extract_text",
    "load_pipeline",
    "make_pipeline",
    "record_from_doc",
    "run_pipeline",
]

COMPONENTS = ("fkg_sentences", "fkg_entities", "fkg_relations", "fkg_events")
"""The default pipeline's components, in the order they run."""


class ExtractionState(BaseModel):
    """One article on its way through the stages: each stage reads what the earlier ones
    left and adds its own part."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(description="Cleaned article text; all offsets point into it")
    meta: ArticleMeta
    sentences: list[tuple[int, int]] = Field(default_factory=list)
    external: list[tuple[int, int, EntityType]] = Field(
        default_factory=list, description="(start, end, type) spans of a user's NER"
    )
    entities: list[Entity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    events: list[RiskEvent] = Field(default_factory=list)

    def record(self) -> ExtractionRecord:
        """The ExtractionRecord of what the stages found, stamped with the extractor version."""
        meta = self.meta.model_copy(update={"extractor_version": EXTRACTOR_VERSION})
        return ExtractionRecord(
            id=meta.id,
            article=meta,
            entities=_without_idle_generics(self.entities, self.relations, self.events),
            relations=self.relations,
            events=self.events,
        )


def _without_idle_generics(
    entities: list[Entity], relations: list[Relation], events: list[RiskEvent]
) -> list[Entity]:
    """The entities less the generic authorities (公安机关, 人民法院, 经侦) nothing acts
    through: a bare word for a kind of body names no one an analyst can look up, so it is
    kept only as the authority of an event or the end of a relation.

    Example::

        >>> police = Entity(id="公安机关", name="公安机关", type=EntityType.REGULATOR,
        ...                 confidence=0.9, attributes={"generic": "true"})
        >>> _without_idle_generics([police], [], [])
        []
    """
    used = {event.authority for event in events} | {
        end for relation in relations for end in (relation.source, relation.target)
    }
    return [
        entity
        for entity in entities
        if entity.attributes.get("generic") != "true" or entity.id in used
    ]


def _state(doc: Doc) -> ExtractionState:
    """The Doc's state, made on first use from ``doc._.article`` (or a meta for bare text)."""
    ext = doc._  # fetched once: each ``doc._`` builds a new accessor object
    state: ExtractionState | None = ext.fkg_state
    if state is None:
        from fintech_kg.reading.article import article_id

        text = doc.text
        meta = ext.article or ArticleMeta(
            id=article_id(text), content_sha256="", char_count=len(text)
        )
        state = ext.fkg_state = ExtractionState(text=text, meta=meta)
    return state


def _state_field(name: str) -> Callable[[Doc], Any]:
    def getter(doc: Doc) -> Any:
        state = doc._.fkg_state
        return None if state is None else getattr(state, name)

    return getter


if not Doc.has_extension("fkg_state"):
    Doc.set_extension("fkg_state", default=None)
    Doc.set_extension("article", default=None)
    for _name in ("sentences", "entities", "relations", "events"):
        Doc.set_extension(_name, getter=_state_field(_name))


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


class Stage:
    """A pipeline component. :meth:`run` does its work on an :class:`ExtractionState`;
    called on a Doc (in a spaCy pipeline) it runs on the Doc's state, so a component works
    the same inside spaCy and when :func:`run_pipeline` runs the stages without a Doc."""

    def run(self, state: ExtractionState) -> None:
        """Read the state and add this stage's findings to it."""
        raise NotImplementedError

    def __call__(self, doc: Doc) -> Doc:
        self.run(_state(doc))
        return doc


class SentenceSplitter(Stage):
    """``fkg_sentences``: the (start, end) offsets of the sentences."""

    def run(self, state: ExtractionState) -> None:
        """Split the text into sentences."""
        state.sentences = split_sentences(state.text)


class EntityRecognizer(Stage):
    """``fkg_entities``: lexicon, patterns and persons; also takes ``doc.ents`` of an NER
    placed before it, with spaCy labels mapped by ``label_map`` (unmapped labels ignored)."""

    def __init__(self, label_map: dict[str, str]) -> None:
        self.lexicon: Lexicon = load_lexicon()
        self.label_map = {label: EntityType(value) for label, value in label_map.items()}

    def __call__(self, doc: Doc) -> Doc:
        _state(doc).external = [
            (ent.start_char, ent.end_char, self.label_map[ent.label_])
            for ent in doc.ents
            if ent.label_ in self.label_map
        ]
        return super().__call__(doc)

    def run(self, state: ExtractionState) -> None:
        """Find the entities (and the MEMBER_OF / SUCCEEDS relations the lexicon knows)."""
        found = find_entities(state.text, state.sentences, self.lexicon, external=state.external)
        state.entities = found.entities
        state.relations = [*state.relations, *found.relations]


class RelationFinder(Stage):
    """``fkg_relations``: the relations between the entities."""

    def __init__(self) -> None:
        load_triggers()  # read and check the trigger data with the pipeline, not per article

    def run(self, state: ExtractionState) -> None:
        """Add the relations the sentences state between the entities."""
        found = find_relations(state.text, state.sentences, state.entities)
        state.relations = [*state.relations, *found]


class EventFinder(Stage):
    """``fkg_events``: the risk events of the article."""

    def __init__(self) -> None:
        load_triggers()  # read and check the trigger data with the pipeline, not per article

    def run(self, state: ExtractionState) -> None:
        """Find the risk events and their subjects among the entities."""
        state.events = find_events(state.text, state.sentences, state.entities, state.meta)


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
    return _state(doc).record()


def extract(article: Article) -> ExtractionRecord:
    """Extract entities, relations and risk events from a cleaned article."""
    return run_pipeline(load_pipeline(), article)


def run_pipeline(nlp: Language, article: Article) -> ExtractionRecord:
    """Run ``nlp``'s components over ``article``.

    When every component is one of ours (a :class:`Stage`), their stages run on the state
    without a Doc: they read the text, never tokens, and a Doc of one token per character
    with spaCy's per-component machinery costs about 40 % on top of the extraction. Any
    other component (a user's NER) needs tokens, so then spaCy runs the pipeline on a Doc.

    Example: ``run_pipeline(make_pipeline(), make_article("某平台逾期。")).entities``
    """
    state = ExtractionState(text=article.text, meta=article.meta)
    components = [component for _, component in nlp.pipeline]
    stages = [component for component in components if isinstance(component, Stage)]
    if len(stages) == len(components):
        for stage in stages:
            stage.run(state)
        return state.record()
    doc = nlp.make_doc(article.text)
    doc._.fkg_state = state
    return record_from_doc(nlp(doc))


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
