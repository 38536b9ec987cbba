"""The extractor version: the package version plus a hash of the data extraction reads.

Ingest skips an article already written with the same text and the same extractor version,
so the version must change whenever the facts extraction produces may change: with the code
(the package version) and with any data file (lexicon, name patterns, triggers, cleaning
rules, models) under ``fintech_kg/data``. The sample articles there are input, not rules,
and do not count. Computed once at import; hashing the data takes a few milliseconds.

Example::

    >>> EXTRACTOR_VERSION.startswith(__version__ + "+")
    True
    >>> len(EXTRACTOR_VERSION.split("+")[1])
    12
"""

from __future__ import annotations

import hashlib
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from fintech_kg import __version__

__all__ = ["EXTRACTOR_VERSION", "NOT_EXTRACTION_DATA", "data_fingerprint", "extractor_version"]

NOT_EXTRACTION_DATA = frozenset({"samples"})
"""Folders under ``fintech_kg/data`` that extraction never reads."""

_DIGITS = 12


def _files(folder: Traversable, prefix: str) -> list[tuple[str, Traversable]]:
    found = []
    for child in folder.iterdir():
        path = f"{prefix}{child.name}"
        if child.is_dir():
            if path not in NOT_EXTRACTION_DATA and child.name != "__pycache__":
                found.extend(_files(child, path + "/"))
        elif child.is_file():
            found.append((path, child))
    return found


def data_fingerprint(data_dir: Traversable | Path) -> str:
    """A short hash of every extraction data file's relative path and bytes under ``data_dir``.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     rules = Path(folder) / "rules.toml"
    ...     _ = rules.write_text("a = 1")
    ...     before = data_fingerprint(Path(folder))
    ...     _ = rules.write_text("a = 2")
    ...     before != data_fingerprint(Path(folder))
    True
    """
    digest = hashlib.sha256()
    for path, file in sorted(_files(data_dir, ""), key=lambda item: item[0]):
        content = file.read_bytes()
        # Length-prefixed, so moving bytes between a name and a content changes the hash.
        digest.update(f"{path}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()[:_DIGITS]


def extractor_version(
    data_dir: Traversable | Path | None = None, package_version: str = __version__
) -> str:
    """``package_version + "+" + data_fingerprint(data_dir)``; the packaged data by default."""
    folder = data_dir if data_dir is not None else resources.files("fintech_kg") / "data"
    return f"{package_version}+{data_fingerprint(folder)}"


EXTRACTOR_VERSION = extractor_version()
"""Stamped on every record and piece of evidence; follows the code and data versions."""
