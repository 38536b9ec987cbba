"""Fixtures shared by every test tier: the Neo4j settings and driver of integration tests.

Integration tests reach Neo4j through :func:`neo4j_settings`: the server at ``NEO4J_URI``
when that is set, else the managed local server, started once per test session (and
stopped at the end only when this session started it). When Neo4j cannot be reached, a
test that needs it fails under ``CI=true`` and is skipped with the reason elsewhere.

Tests under ``tests/integration`` and ``tests/browser`` get the ``integration`` and
``browser`` markers from their folder, so ``pytest -m "not integration"`` runs the unit
tier alone.

Example:
    def test_counts(neo4j_driver, neo4j_database):
        records, _, _ = neo4j_driver.execute_query("RETURN 1 AS one", database_=neo4j_database)
        assert records[0]["one"] == 1
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from fintech_kg.errors import FintechKGError
from fintech_kg.neo4j_server import start, stop
from fintech_kg.settings import Settings

_TESTS = Path(__file__).parent
_FOLDER_MARKERS = {"integration": pytest.mark.integration, "browser": pytest.mark.browser}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        try:
            folder = item.path.relative_to(_TESTS).parts[0]
        except ValueError:
            continue
        if folder in _FOLDER_MARKERS:
            item.add_marker(_FOLDER_MARKERS[folder])


def _unavailable(reason: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"Neo4j is needed and CI=true: {reason}", pytrace=False)
    pytest.skip(f"Neo4j not available: {reason}")


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[Settings]:
    """Settings of a reachable Neo4j: NEO4J_URI, or the managed server started for the run."""
    settings = Settings()
    started = False
    try:
        if settings.managed:
            started = start(settings)
        settings.driver().close()
    except FintechKGError as exc:
        _unavailable(str(exc))
    yield settings
    if started:
        stop(settings)


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_settings: Settings) -> Iterator[neo4j.Driver]:
    """One authenticated driver for the whole session."""
    with neo4j_settings.driver() as driver:
        yield driver


@pytest.fixture(scope="session")
def neo4j_database(neo4j_settings: Settings) -> str:
    """The database the tests write to (NEO4J_DATABASE, default ``neo4j``)."""
    return neo4j_settings.database
