"""The fixed vocabulary of the graph: entity types, relation types and risk-event types.

Neo4j labels and relationship types are taken only from these enums, never from input
text, so no value can reach Cypher as anything but a parameter.
"""

from __future__ import annotations

from enum import StrEnum

__all__ = [
    "ENTITY_LABELS",
    "GRAPH_LABELS",
    "RELATION_TYPES",
    "STRUCTURAL_TYPES",
    "EntityType",
    "EventType",
    "RelationType",
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
