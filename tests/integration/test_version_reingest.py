"""After the extraction data changes, the next ingest rewrites an article it used to skip."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

import pytest

from fintech_kg.extraction import EXTRACTOR_VERSION, pipeline
from fintech_kg.extraction.version import extractor_version
from fintech_kg.graph.ingest import ingest
from fintech_kg.graph.writer import GraphWriter
from fintech_kg.reading import make_article

TEXT = "网贷平台青石贷昨日宣布良性退出，警方已介入调查。"


def test_editing_a_trigger_file_makes_the_next_ingest_rewrite_the_article(
    writer: GraphWriter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = make_article(TEXT, id="version-1")
    first = ingest([article], writer)
    assert first.articles_written == 1
    again = ingest([article], writer)
    assert (again.articles_written, again.articles_skipped) == (0, 1)

    # The same edit a developer makes to the packaged triggers, on a copy of the data.
    data = tmp_path / "data"
    shutil.copytree(Path(str(resources.files("fintech_kg") / "data")), data)
    triggers = data / "triggers" / "events.toml"
    triggers.write_text(triggers.read_text(encoding="utf-8") + "\n# a new trigger family\n")
    edited = extractor_version(data)
    assert edited != EXTRACTOR_VERSION
    # The extractor that would be imported with that data stamps its version.
    monkeypatch.setattr(pipeline, "EXTRACTOR_VERSION", edited)

    rewritten = ingest([article], writer)
    assert (rewritten.articles_written, rewritten.articles_skipped) == (1, 0)
    assert rewritten.articles_replaced == 1
    assert ingest([article], writer).articles_skipped == 1
