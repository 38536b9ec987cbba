"""A broken environment gives a one-line error naming the fix: Java, Maven, ports, state."""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from fintech_kg.errors import ConfigError, ServerError
from fintech_kg.neo4j_server import start, status, stop
from fintech_kg.neo4j_server.assembly import MODULES, NEO4J_VERSION, assemble, render_pom
from fintech_kg.neo4j_server.jdk import find_java, java_major_version
from fintech_kg.neo4j_server.layout import ServerLayout
from fintech_kg.neo4j_server.lifecycle import check_port_free
from fintech_kg.settings import ENVIRONMENT, LOOPBACK, Settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for variable in (*ENVIRONMENT.values(), "JAVA_HOME"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def fake_bin(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """An empty folder that is the whole PATH: no java, no mvn unless a test adds them."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))
    return folder


def _script(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


@pytest.fixture
def listening_port() -> Iterator[int]:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        yield int(taken.getsockname()[1])


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.mark.parametrize(
    ("output", "major"),
    [
        ('openjdk version "17.0.15" 2025-04-15', 17),
        ('openjdk version "21" 2023-09-19', 21),
        ('java version "1.8.0_292"', 8),
        ("no version here", None),
    ],
)
def test_java_major_version(output: str, major: int | None) -> None:
    assert java_major_version(output) == major


def test_no_java_names_the_fix(fake_bin: Path) -> None:
    with pytest.raises(ServerError, match=r"Java not found .*openjdk-17") as caught:
        find_java(None)
    assert "\n" not in str(caught.value)


def test_old_java_names_the_fix(fake_bin: Path) -> None:
    _script(fake_bin, "java", """echo 'openjdk version "11.0.22" 2024-01-16' >&2""")
    with pytest.raises(ServerError, match=r"is Java 11, Neo4j 5.26 needs Java 17\+"):
        find_java(None)


def test_java_home_wins_over_path(
    fake_bin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _script(fake_bin, "java", """echo 'java version "1.8.0_292"' >&2""")
    (tmp_path / "jdk" / "bin").mkdir(parents=True)
    good = _script(tmp_path / "jdk" / "bin", "java", """echo 'openjdk version "21.0.2"' >&2""")
    monkeypatch.setenv("JAVA_HOME", str(tmp_path / "jdk"))
    assert find_java(Settings().java_home) == good


def test_missing_maven_names_the_fix(fake_bin: Path, tmp_path: Path) -> None:
    with pytest.raises(ServerError, match=r"Maven \(`mvn`\) not found .*apt-get install maven"):
        assemble(ServerLayout(tmp_path / "state"))


def test_failing_maven_points_at_its_log(fake_bin: Path, tmp_path: Path) -> None:
    _script(fake_bin, "mvn", "echo 'Could not resolve dependencies'; exit 1")
    layout = ServerLayout(tmp_path / "state")
    with pytest.raises(ServerError, match="Maven could not fetch") as caught:
        assemble(layout)
    assert str(layout.maven_log) in str(caught.value)
    assert "Could not resolve" in layout.maven_log.read_text(encoding="utf-8")
    assert not layout.lib.exists()


def test_assembled_state_does_not_run_maven_again(fake_bin: Path, tmp_path: Path) -> None:
    # the fake mvn only creates the output folder, as the real one would fill it
    _script(
        fake_bin,
        "mvn",
        'for a; do case $a in -DoutputDirectory=*) /bin/mkdir -p "${a#*=}";; esac; done',
    )
    layout = ServerLayout(tmp_path / "state")
    assert assemble(layout) == layout.lib
    (fake_bin / "mvn").unlink()
    assert assemble(layout) == layout.lib


def test_pom_pins_exact_versions() -> None:
    pom = render_pom()
    for group, artifact, version in MODULES:
        assert f"<groupId>{group}</groupId><artifactId>{artifact}</artifactId>" in pom
        assert f"<version>{version}</version>" in pom
    assert NEO4J_VERSION.startswith("5.26.")
    assert "[" not in pom and "(" not in pom


def test_taken_port_names_the_variable(listening_port: int) -> None:
    with pytest.raises(ServerError, match=f"port {listening_port} .* NEO4J_HTTP_PORT"):
        check_port_free(LOOPBACK, listening_port, "NEO4J_HTTP_PORT")


def test_start_refuses_a_taken_port_before_anything_else(
    fake_bin: Path, tmp_path: Path, listening_port: int
) -> None:
    settings = Settings(home=tmp_path / "state", bolt_port=listening_port, http_port=_free_port())
    with pytest.raises(ServerError, match="NEO4J_BOLT_PORT"):
        start(settings)


def test_start_without_java_names_the_fix(fake_bin: Path, tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "state", bolt_port=_free_port(), http_port=_free_port())
    with pytest.raises(ServerError, match="Java not found"):
        start(settings)


def test_start_refuses_a_remote_uri(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="unset NEO4J_URI"):
        start(Settings(uri="bolt://db.example:7687", home=tmp_path))


def test_stale_pid_file_means_not_running(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "state")
    layout = ServerLayout(settings.home)
    layout.run.mkdir(parents=True)
    # this test process is alive but is not a Neo4j server of that state folder
    layout.pid_file.write_text(f"{os.getpid()}\n", encoding="utf-8")
    assert status(settings).running is False
    assert stop(settings) is False
    assert not layout.pid_file.exists()
