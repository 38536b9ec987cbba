"""The managed server itself: restarts keep data, Browser is served, auth stays on.

These tests run their own managed server in a temporary state folder on free ports, so
they never stop the server the rest of the session uses.
"""

from __future__ import annotations

import urllib.request
from collections.abc import Callable, Iterator

import neo4j
import pytest
from neo4j import exceptions as neo4j_errors
from pydantic import SecretStr

from fintech_kg.errors import ConfigError, ServerError
from fintech_kg.neo4j_server import start, status, stop
from fintech_kg.settings import Settings


@pytest.fixture(scope="module")
def own_server(private_server_settings: Callable[[], Settings]) -> Iterator[Settings]:
    """Settings of a managed server private to this module, stopped at its end."""
    settings = private_server_settings()
    yield settings
    stop(settings)


def test_start_start_stop_stop_start_keeps_data(own_server: Settings) -> None:
    assert start(own_server) is True
    assert start(own_server) is False
    with own_server.driver() as driver:
        driver.execute_query("CREATE (:LifecycleProbe {name: $name})", name="before stop")
    assert stop(own_server) is True
    assert stop(own_server) is False
    assert status(own_server).running is False
    assert start(own_server) is True
    with own_server.driver() as driver:
        records, _, _ = driver.execute_query("MATCH (p:LifecycleProbe) RETURN p.name AS name")
    assert [record["name"] for record in records] == ["before stop"]


def test_generated_password_is_private(own_server: Settings) -> None:
    start(own_server)
    assert own_server.password_file.stat().st_mode & 0o077 == 0
    assert len(own_server.neo4j_password()) >= 16


def test_browser_page_is_served(own_server: Settings) -> None:
    start(own_server)
    with urllib.request.urlopen(own_server.browser_url, timeout=30) as response:
        page = response.read().decode("utf-8")
    assert response.status == 200
    assert "<title>Neo4j Browser</title>" in page


def test_auth_is_on(own_server: Settings) -> None:
    start(own_server)
    with (
        neo4j.GraphDatabase.driver(own_server.bolt_uri, auth=("neo4j", "neo4j")) as driver,
        pytest.raises(neo4j_errors.AuthError),
    ):
        driver.verify_connectivity()


def test_wrong_password_is_one_line_config_error(own_server: Settings) -> None:
    start(own_server)
    wrong = own_server.model_copy(update={"password": SecretStr("not-the-password")})
    with pytest.raises(ConfigError, match="rejected user 'neo4j'") as caught:
        wrong.driver()
    assert "\n" not in str(caught.value)


def test_port_taken_is_one_line_server_error(
    own_server: Settings, private_server_settings: Callable[[], Settings]
) -> None:
    start(own_server)
    # Another server with its own state and HTTP port, but the Bolt port already taken.
    other = private_server_settings().model_copy(update={"bolt_port": own_server.bolt_port})
    with pytest.raises(ServerError, match=f"port {own_server.bolt_port} .* NEO4J_BOLT_PORT"):
        start(other)
