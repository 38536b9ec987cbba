"""Data that crosses stage boundaries: articles, entities, relations, risk events, evidence.

These models are the contract between extraction (``fintech_kg.extraction``), the graph
writer (``fintech_kg.graph``) and the ``extract`` command's JSON Lines output; the JSON
Schema in ``docs/extraction.schema.json`` is generated from :class:`ExtractionRecord`.
Offsets are character offsets into the *cleaned* article text.
"""

from __future__ import annotations

import datetime
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from fintech_kg.vocabulary import EntityType, EventType, RelationType

__all__ = [
    "Article",
    "ArticleMeta",
    "Entity",
    "Evidence",
    "ExtractionRecord",
    "Mention",
    "Relation",
    "RiskEvent",
]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


Confidence = Field(ge=0.0, le=1.0)


class ArticleMeta(_Model):
    """What is known about an article besides its text."""

    id: str = Field(description="The input's id, else a hash of the normalised text")
    title: str = ""
    published_at: date | None = None
    source: str | None = None
    url: str | None = None
    content_sha256: str = Field(description="SHA-256 of the cleaned text, to detect changes")
    char_count: int = Field(ge=0, description="Length of the cleaned text")
    extractor_version: str = ""


class Article(_Model):
    """A cleaned article ready for extraction."""

    meta: ArticleMeta
    text: str = Field(description="Cleaned article text; all offsets point into it")


class Evidence(_Model):
    """The sentence that supports a fact, and who claimed it how surely."""

    sentence: str
    start: int = Field(ge=0, description="Offset of the sentence in the cleaned text")
    end: int = Field(ge=0)
    extractor: str = Field(description="Name of the pipeline component that produced the fact")
    extractor_version: str
    confidence: float = Confidence


class Mention(_Model):
    """One occurrence of an entity in the cleaned text."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    evidence: Evidence


class Entity(_Model):
    """A resolved entity: one per real-world thing per article."""

    id: str = Field(description="Canonical key, stable across articles")
    name: str = Field(description="Canonical name")
    type: EntityType
    aliases: list[str] = Field(default_factory=list)
    confidence: float = Confidence
    attributes: dict[str, str] = Field(
        default_factory=dict, description="Lexicon facts such as a platform's status"
    )
    mentions: list[Mention] = Field(default_factory=list)


class Relation(_Model):
    """A directed relation between two entities of the same record."""

    type: RelationType
    source: str = Field(description="Entity id")
    target: str = Field(description="Entity id")
    confidence: float = Confidence
    hedged: bool = Field(False, description="Stated as rumour, plan or possibility")
    evidence: Evidence


class RiskEvent(_Model):
    """A risk event reported by one article."""

    id: str = Field(description="Deterministic id within the article")
    type: EventType
    subjects: list[str] = Field(default_factory=list, description="Entity ids it happens to")
    sector: str | None = Field(
        None, description="For a sector-level event with no named subject, the category"
    )
    authority: str | None = Field(None, description="Entity id of the acting regulator/police")
    date: datetime.date | None = Field(  # the field shadows the type name here
        None, description="The event date the text gives: the first day of its period"
    )
    date_precision: Literal["day", "month", "year"] | None = Field(
        None,
        description="How precisely the text gives the date ('2018年' is a year, '6月' a month);"
        " None with a date is read as a day",
    )
    amount_cny: float | None = Field(None, ge=0)
    location: str | None = None
    trigger: str = Field("", description="The word that signalled the event")
    confidence: float = Confidence
    hedged: bool = Field(False, description="Stated as rumour, denial-free doubt or plan")
    evidence: Evidence


class ExtractionRecord(_Model):
    """One line of ``fintech-kg extract`` output: everything found in one article."""

    id: str
    article: ArticleMeta
    entities: list[Entity] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    events: list[RiskEvent] = Field(default_factory=list)
