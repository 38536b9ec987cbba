"""The extractor version follows the package version and the data extraction reads."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from fintech_kg import __version__
from fintech_kg.extraction import EXTRACTOR_VERSION, extract_text
from fintech_kg.extraction.version import data_fingerprint, extractor_version

PACKAGED_DATA = Path(str(resources.files("fintech_kg") / "data"))


def copy_of_data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(PACKAGED_DATA, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


def test_the_version_is_the_package_version_and_the_packaged_datas_hash() -> None:
    assert f"{__version__}+{data_fingerprint(PACKAGED_DATA)}" == EXTRACTOR_VERSION
    assert extract_text("某平台宣布清退。").article.extractor_version == EXTRACTOR_VERSION


def test_editing_a_trigger_file_changes_the_version(tmp_path: Path) -> None:
    data = copy_of_data(tmp_path)
    assert extractor_version(data) == EXTRACTOR_VERSION  # a copy is the same data
    triggers = data / "triggers" / "events.toml"
    triggers.write_text(triggers.read_text(encoding="utf-8") + "\n# one more line\n")
    edited = extractor_version(data)
    assert edited != EXTRACTOR_VERSION
    assert edited.startswith(f"{__version__}+")
    assert extractor_version(data, package_version="9.9.9") != edited


def test_lexicon_cleaning_and_new_model_files_count_but_samples_do_not(
    tmp_path: Path,
) -> None:
    data = copy_of_data(tmp_path)
    (data / "samples" / "articles.jsonl").write_text("")
    assert extractor_version(data) == EXTRACTOR_VERSION
    for edit in ("lexicon/stopnames.txt", "cleaning/rules.toml"):
        before = extractor_version(data)
        path = data / edit
        path.write_text(path.read_text(encoding="utf-8") + "\n")
        assert extractor_version(data) != before, edit
    before = extractor_version(data)
    (data / "models").mkdir()
    (data / "models" / "scorer.json").write_text("{}")
    assert extractor_version(data) != before
