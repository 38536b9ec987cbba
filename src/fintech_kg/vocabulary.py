"""The fixed vocabulary of the graph: entity types, relation types and risk-event types.

Neo4j labels and relationship types are taken only from these enums, never from input
text, so no value can reach Cypher as anything but a parameter.
"""

from __future__ import annotations

import datetime
from enum import StrEnum

__all__ = [
    "ENTITY_LABELS",
    "EVENT_TYPE_WORDS",
    "GRAPH_LABELS",
    "RELATION_TYPES",
    "STRUCTURAL_TYPES",
    "EntityType",
    "EventType",
    "RelationType",
    "event_caption",
]


class EntityType(StrEnum):
    """What an entity is; also its Neo4j label beside ``Entity``."""

    TECH_COMPANY = "TechCompany"
    BANK = "Bank"
    P2P_PLATFORM = "P2PPlatform"
    FINANCIAL_INSTITUTION = "FinancialInstitution"
    REGULATOR = "Regulator"
    TECHNOLOGY = "Technology"
    COMPANY = "Company"
    PERSON = "Person"
    SECTOR = "Sector"  # a whole industry (银行业, 网贷行业), not one institution
    COLLECTIVE = "Collective"  # a shorthand for several companies (BAT), not a company


class RelationType(StrEnum):
    """Directed relations between entities; also their Neo4j relationship types."""

    OWNS = "OWNS"  # parent -> subsidiary or platform
    INVESTS_IN = "INVESTS_IN"
    ACQUIRES = "ACQUIRES"
    PARTNERS_WITH = "PARTNERS_WITH"  # symmetric in meaning, stored once
    COMPETES_WITH = "COMPETES_WITH"  # symmetric in meaning, stored once
    EMPOWERS = "EMPOWERS"  # tech company -> financial institution or sector
    CUSTODIAN_FOR = "CUSTODIAN_FOR"  # bank -> platform (存管)
    ADOPTS = "ADOPTS"  # institution -> technology
    REGULATES = "REGULATES"  # regulator -> what it acts on
    MEMBER_OF = "MEMBER_OF"  # member -> collective (BAT)
    SUCCEEDS = "SUCCEEDS"  # successor -> predecessor (银保监会 -> 银监会)


class EventType(StrEnum):
    """Risk events that happen to entities."""

    COLLAPSE = "COLLAPSE"
    OVERDUE = "OVERDUE"
    ILLEGAL_FUNDRAISING = "ILLEGAL_FUNDRAISING"
    FRAUD = "FRAUD"
    INVESTIGATION = "INVESTIGATION"
    REGULATORY_ACTION = "REGULATORY_ACTION"
    EXIT = "EXIT"
    COMPLAINT = "COMPLAINT"
    EXECUTIVE_RISK = "EXECUTIVE_RISK"


ENTITY_LABELS: frozenset[str] = frozenset(t.value for t in EntityType)
RELATION_TYPES: frozenset[str] = frozenset(t.value for t in RelationType)

GRAPH_LABELS: frozenset[str] = frozenset(
    {
        "Entity",
        "Article",
        "RiskEvent",
        "Sentence",
        "Collapsed",  # derived by the writer on failed P2P platforms (docs/graph-model.md)
        "Alias",  # another name of an entity, with why (docs/graph-model.md, identity)
    }
)
"""The graph's own node labels, beside the entity types."""

STRUCTURAL_TYPES: frozenset[str] = frozenset(
    {
        "MENTIONS",
        "REPORTS",
        "SUBJECT_OF",
        "ACTED_IN",
        "HAS_SENTENCE",
        "SUPPORTS",
        "FOLLOWED_BY",
        "ALIAS_OF",
    }
)
"""Relationship types that tie articles, sentences, entities and events together."""

EVENT_TYPE_WORDS: dict[EventType, str] = {
    EventType.COLLAPSE: "爆雷",
    EventType.OVERDUE: "逾期",
    EventType.ILLEGAL_FUNDRAISING: "非法集资",
    EventType.FRAUD: "欺诈",
    EventType.INVESTIGATION: "立案侦查",
    EventType.REGULATORY_ACTION: "监管处罚",
    EventType.EXIT: "退出",
    EventType.COMPLAINT: "投诉",
    EventType.EXECUTIVE_RISK: "高管风险",
}
"""The Chinese word an analyst uses for each event type, as Browser captions show it."""

_CAPTION_DATE_FORMATS = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}


def event_caption(
    type: EventType | str, date: datetime.date | None, precision: str | None = None
) -> str:
    """The caption of a risk event in Browser: its type in Chinese and its date.

    ``precision`` ("year", "month" or "day") says how much of the date is known; by default
    the month is shown, which tells a platform's events apart without claiming a day.

    Example:
        >>> event_caption(EventType.COLLAPSE, datetime.date(2019, 3, 28))
        '爆雷 2019-03'
        >>> event_caption("INVESTIGATION", datetime.date(2019, 3, 28), precision="day")
        '立案侦查 2019-03-28'
        >>> event_caption("OVERDUE", None)
        '逾期'
    """
    word = EVENT_TYPE_WORDS[EventType(type)]
    if date is None:
        return word
    return f"{word} {date.strftime(_CAPTION_DATE_FORMATS[precision or 'month'])}"
