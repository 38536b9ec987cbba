"""The session fixtures give an authenticated driver to the configured database."""

from __future__ import annotations

import neo4j

from fintech_kg.settings import Settings


def test_driver_answers_as_the_configured_user(
    neo4j_driver: neo4j.Driver, neo4j_database: str, neo4j_settings: Settings
) -> None:
    records, _, _ = neo4j_driver.execute_query(
        "CALL dbms.showCurrentUser() YIELD username RETURN username", database_=neo4j_database
    )
    assert records[0]["username"] == neo4j_settings.user
