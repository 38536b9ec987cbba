"""Fixtures of the real-browser tier: the sample graph, and Debian's Chromium under Playwright.

The browser is ``/usr/bin/chromium`` from Debian's packages (``apt-get install chromium
fonts-noto-cjk``; the CJK fonts draw the Chinese captions), set by ``CHROMIUM`` if it lives
elsewhere. Playwright never downloads one. Each test gets a fresh profile, so Browser starts
as a newcomer's would: no saved style, no saved connection.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest
from playwright.sync_api import Page, sync_playwright

from fintech_kg.graph.ingest import ingest
from fintech_kg.graph.schema import apply_schema
from fintech_kg.graph.writer import GraphWriter

SAMPLES = Path(__file__).resolve().parents[2] / "src" / "fintech_kg" / "data" / "samples"
CHROMIUM_FLAGS = (
    "--no-sandbox",  # CI containers run as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


@pytest.fixture(scope="session")
def sample_graph(neo4j_driver: neo4j.Driver, neo4j_database: str) -> None:
    """The sample articles alone, ingested by the project's own ingest."""
    # what integration tests left would crowd the drawing and the README's screenshot
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_database)
    apply_schema(neo4j_driver, neo4j_database)
    report = ingest([SAMPLES / "articles.jsonl"], GraphWriter(neo4j_driver, neo4j_database))
    assert not report.errors, report.errors


@pytest.fixture
def page(tmp_path: Path) -> Iterator[Page]:
    """A page of headless Chromium with a fresh profile, big enough for a readable graph."""
    executable = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    if not executable.exists():
        pytest.fail(
            f"no Chromium at {executable}: apt-get install chromium fonts-noto-cjk "
            "(or set CHROMIUM to its path)",
            pytrace=False,
        )
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=str(executable),
            headless=True,
            args=list(CHROMIUM_FLAGS),
            viewport={"width": 1400, "height": 860},
            device_scale_factor=1.5,
            locale="zh-CN",
        )
        try:
            yield context.pages[0] if context.pages else context.new_page()
        finally:
            context.close()
