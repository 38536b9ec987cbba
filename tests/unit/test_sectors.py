"""Sectors are entities of their own type: EMPOWERS, REGULATES and sector-level events point
at them. Sentences are written for these tests."""

from __future__ import annotations

from fintech_kg.extraction import extract_text
from fintech_kg.vocabulary import EntityType, RelationType


def test_a_giant_empowers_sectors_not_institutions() -> None:
    record = extract_text("某科技巨头腾讯以云计算赋能银行、证券、保险等行业。")
    sectors = {e.id for e in record.entities if e.type == EntityType.SECTOR}
    assert sectors == {"银行业", "证券业", "保险业"}
    empowered = {r.target for r in record.relations if r.type == RelationType.EMPOWERS}
    assert empowered == sectors


def test_a_regulator_acts_on_a_sector_and_the_event_names_it() -> None:
    record = extract_text("银保监会约谈了网贷行业的多家机构。")
    (regulates,) = [r for r in record.relations if r.type == RelationType.REGULATES]
    assert regulates.target == "网贷行业"
    (event,) = record.events
    assert event.subjects == [] and event.sector == "网贷行业"
