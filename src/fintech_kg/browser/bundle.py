"""Serve the guide and the style beside Neo4j Browser: ``<home>/web/neo4j-browser.zip``.

Neo4j 5 serves ``/browser/`` from one place only: the ``browser/`` folder of the first
classpath entry that has one, or, when the server's web folder (``internal.dbms.web_dir_path``,
``web`` under the home folder by default) holds ``neo4j-browser.zip``, from that archive. So
the managed server writes that archive before it starts: Browser's own files, copied from
the Browser jar, plus ``browser/fintech-kg/guide.html`` and ``style.grass``, which Browser
then finds at ``http://127.0.0.1:PORT/browser/fintech-kg/``.

Example (needs the assembled server's jars)::

    layout = ServerLayout(Settings().home)
    write_browser_bundle(layout.lib, layout.web)  # PosixPath('.neo4j/web/neo4j-browser.zip')
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path

from fintech_kg.browser.guide import render_guide
from fintech_kg.browser.server_conf import GUIDE_PATH
from fintech_kg.browser.style import STYLE_FILE
from fintech_kg.errors import ConfigError

__all__ = ["BUNDLE_NAME", "find_browser_jar", "write_browser_bundle"]

BUNDLE_NAME = "neo4j-browser.zip"
"""The one name (besides dated ones) Neo4j 5.26 accepts for a Browser archive."""

_ROOT = "browser/"
_OWN_FOLDER = GUIDE_PATH.removeprefix("/").rsplit("/", 1)[0] + "/"  # "browser/fintech-kg/"


def find_browser_jar(lib: Path) -> Path:
    """The Neo4j Browser jar among the server's jars in ``lib``.

    Raises:
        ConfigError: there is none, or more than one.
    """
    jars = sorted(lib.glob("neo4j-browser-*.jar"))
    if len(jars) != 1:
        found = ", ".join(jar.name for jar in jars) or "none"
        raise ConfigError(
            f"expected one neo4j-browser-*.jar in {lib}, found {found}; delete {lib} and "
            "start the server again to reassemble it"
        )
    return jars[0]


def write_browser_bundle(lib: Path, web_dir: Path) -> Path:
    """Write ``web_dir/neo4j-browser.zip``: Browser from ``lib``'s jar plus the guide and style.

    The archive is written beside its final name and renamed, so a server never reads half
    of one. Returns its path.

    Raises:
        ConfigError: no Browser jar in ``lib``, or the guide or style cannot be read.
    """
    jar = find_browser_jar(lib)
    own_files = {
        _OWN_FOLDER + "guide.html": render_guide().encode("utf-8"),
        _OWN_FOLDER + "style.grass": STYLE_FILE.read_bytes(),
    }
    web_dir.mkdir(parents=True, exist_ok=True)
    target = web_dir / BUNDLE_NAME
    partial = web_dir / f".{BUNDLE_NAME}.{os.getpid()}"
    with zipfile.ZipFile(jar) as source, zipfile.ZipFile(partial, "w") as bundle:
        names = [name for name in source.namelist() if name.startswith(_ROOT)]
        # Neo4j unpacks entry by entry without creating parents, and takes the first entry
        # as the root: so "browser/" first, then every folder before anything inside it.
        folders = {
            name[: i + 1]
            for name in [*names, _OWN_FOLDER]
            for i, char in enumerate(name)
            if char == "/"
        }
        for folder in sorted(folders, key=lambda name: (name.count("/"), name)):
            bundle.writestr(folder, b"")
        for name in names:
            if not name.endswith("/") and name not in own_files:
                bundle.writestr(name, source.read(name))
        for name, content in own_files.items():
            bundle.writestr(name, content)
    partial.replace(target)
    return target
