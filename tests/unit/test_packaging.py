"""The wheel ships every data file: each one matches a package-data pattern of pyproject."""

from __future__ import annotations

import tomllib
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "fintech_kg"


def _data_files() -> list[Path]:
    # rglob does not follow links, so walk the cypher link on its own
    files = [*PACKAGE.rglob("*"), *(PACKAGE / "cypher").rglob("*")]
    return [
        path
        for path in files
        if path.is_file() and path.suffix not in (".py", ".pyc") and "egg-info" not in str(path)
    ]


def test_cypher_folder_is_linked_into_the_package() -> None:
    assert (PACKAGE / "cypher").resolve() == ROOT / "cypher"


def test_every_data_file_matches_a_package_data_pattern() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["*"]
    files = _data_files()
    assert any(path.suffix == ".cypher" for path in files)
    missed = [str(path) for path in files if not any(fnmatch(path.name, p) for p in patterns)]
    assert not missed, f"add a pattern to [tool.setuptools.package-data] for: {missed}"
