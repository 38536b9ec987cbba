"""Fixtures shared by every test tier: the Neo4j settings and driver of integration tests.

Integration tests reach Neo4j through :func:`neo4j_settings`: the server at ``NEO4J_URI``
when that is set, else a managed server of their own, started once per test session and
stopped at its end; while it runs, the ``NEO4J_*`` variables name it, so ``Settings()`` in
a test and in the commands a test runs reach it too. That test server lives in
``<home>/test-server`` (home: ``FINTECH_KG_HOME`` or ``./.neo4j``) on free ports, or on
``NEO4J_BOLT_PORT``/``NEO4J_HTTP_PORT`` when those are set, with its own generated password:
the tests empty the graph, so they never touch the server ``make demo`` fills. When Neo4j
cannot be reached, a test that needs it fails under ``CI=true`` and is skipped elsewhere.

Tests under ``tests/integration``, ``tests/browser`` and ``tests/spark`` get the
``integration``, ``browser`` and ``spark`` markers from their folder, so
``pytest -m "not integration and not spark"`` runs the unit tier alone.

Example:
    def test_counts(neo4j_driver, neo4j_database):
        records, _, _ = neo4j_driver.execute_query("RETURN 1 AS one", database_=neo4j_database)
        assert records[0]["one"] == 1
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import neo4j
import pytest

from fintech_kg.errors import FintechKGError
from fintech_kg.neo4j_server import start, stop
from fintech_kg.settings import ENVIRONMENT, Settings

_TESTS = Path(__file__).parent
_FOLDER_MARKERS = {
    "integration": pytest.mark.integration,
    "browser": pytest.mark.browser,
    "spark": pytest.mark.spark,
}


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


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def private_server_settings(
    tmp_path_factory: pytest.TempPathFactory,
) -> Callable[[], Settings]:
    """Makes settings for a managed server of a test's own: a temporary state folder, free
    ports and a small memory budget, so it never touches the session's server."""

    def make() -> Settings:
        return Settings(
            uri=None,
            user="neo4j",
            password=None,
            home=tmp_path_factory.mktemp("neo4j-home"),
            bolt_port=_free_port(),
            http_port=_free_port(),
            heap_size="512m",
            pagecache_size="128m",
        )

    return make


def _test_server_settings(settings: Settings) -> Settings:
    def port(field: str, configured: int) -> int:
        return configured if os.environ.get(ENVIRONMENT[field]) else _free_port()

    return Settings(
        uri=None,
        user="neo4j",
        password=None,
        home=settings.home / "test-server",
        bolt_port=port("bolt_port", settings.bolt_port),
        http_port=port("http_port", settings.http_port),
    )


def _as_environment(settings: Settings) -> dict[str, str]:
    return {
        "uri": settings.bolt_uri,
        "user": settings.user,
        "password": settings.neo4j_password(),
        "bolt_port": str(settings.bolt_port),
        "http_port": str(settings.http_port),
        "home": str(settings.home),
    }


@pytest.fixture(scope="session")
def neo4j_settings() -> Iterator[Settings]:
    """Settings of a reachable Neo4j: NEO4J_URI, or the managed server started for the run."""
    settings = Settings()
    started = False
    with pytest.MonkeyPatch.context() as environment:
        try:
            if settings.managed:
                settings = _test_server_settings(settings)
                # a test server left by an interrupted run may listen on other ports
                stop(settings)
                started = start(settings)
                # so that Settings() in tests, and in the commands they run, names it too
                for field, value in _as_environment(settings).items():
                    environment.setenv(ENVIRONMENT[field], value)
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
