"""neo4j.conf of the managed server: local binds, auth on, memory, the Browser's lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from fintech_kg.neo4j_server import conf
from fintech_kg.neo4j_server.layout import ServerLayout
from fintech_kg.settings import ENVIRONMENT, Settings


@pytest.fixture
def settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Settings:
    for variable in ENVIRONMENT.values():
        monkeypatch.delenv(variable, raising=False)
    return Settings(home=tmp_path, bolt_port=7801, http_port=7802, pagecache_size="256m")


def _keys(text: str) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in text.splitlines() if "=" in line)
    return {key: value for key, value in pairs if not key.startswith("#")}


def test_binds_loopback_with_auth_on(settings: Settings, tmp_path: Path) -> None:
    keys = _keys(conf.render_conf(settings, ServerLayout(tmp_path)))
    assert keys["server.default_listen_address"] == "127.0.0.1"
    assert keys["server.bolt.listen_address"] == "127.0.0.1:7801"
    assert keys["server.http.listen_address"] == "127.0.0.1:7802"
    assert keys["server.https.enabled"] == "false"
    assert keys["dbms.security.auth_enabled"] == "true"


def test_sets_heap_and_page_cache_and_state_folders(settings: Settings, tmp_path: Path) -> None:
    keys = _keys(conf.render_conf(settings, ServerLayout(tmp_path)))
    assert keys["server.memory.heap.max_size"] == "1g"
    assert keys["server.memory.pagecache.size"] == "256m"
    assert keys["server.directories.data"] == str(tmp_path / "data")
    assert keys["server.directories.logs"] == str(tmp_path / "logs")


def test_appends_browser_lines_with_the_http_port(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    extra = tmp_path / "server.conf"
    extra.write_text(
        'browser.post_connect_cmd=play http://127.0.0.1:{http_port}/guide {"caption": "{name}"}\n',
        encoding="utf-8",
    )
    monkeypatch.setattr(conf, "_browser_conf", lambda: extra)
    text = conf.render_conf(settings, ServerLayout(tmp_path))
    assert text.endswith(
        'browser.post_connect_cmd=play http://127.0.0.1:7802/guide {"caption": "{name}"}\n'
    )


def test_works_without_browser_lines(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(conf, "_browser_conf", lambda: tmp_path / "absent.conf")
    text = conf.render_conf(settings, ServerLayout(tmp_path))
    assert "browser." not in text
    assert text.endswith("dbms.usage_report.enabled=false\n")
