"""Assemble Neo4j Community from Maven Central: a generated pom, then Maven copies the jars.

Maven uses the user's ``~/.m2`` cache, so assembling a second state folder downloads
nothing; a state folder already assembled for the same modules skips Maven entirely.

Example:
    >>> "<artifactId>neo4j-server</artifactId>" in render_pom()
    True
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from fintech_kg.errors import ServerError
from fintech_kg.neo4j_server.layout import ServerLayout

__all__ = ["MODULES", "NEO4J_VERSION", "assemble", "render_pom"]

NEO4J_VERSION = "5.26.28"
"""One exact 5.26 release: 5.26 runs on Java 17, 2025.x needs Java 21."""

MODULES: tuple[tuple[str, str, str], ...] = (
    ("org.neo4j.app", "neo4j-server", NEO4J_VERSION),
    # the engine, and org.neo4j.server.CommunityEntryPoint
    ("org.neo4j", "neo4j", NEO4J_VERSION),
    # serves /browser/ from the classpath; 5.24.0 is the newest on Maven Central
    ("org.neo4j.client", "neo4j-browser", "5.24.0"),
)
"""(groupId, artifactId, version) of the modules the server is assembled from."""

_MARKER = ".assembled"


def render_pom() -> str:
    """The Maven project whose dependencies are the server's jars."""
    dependencies = "\n".join(
        f"    <dependency><groupId>{group}</groupId><artifactId>{artifact}</artifactId>"
        f"<version>{version}</version></dependency>"
        for group, artifact, version in MODULES
    )
    return (
        '<project xmlns="http://maven.apache.org/POM/4.0.0">\n'
        "  <!-- Written by fintech-kg; lists the jars of the managed Neo4j server. -->\n"
        "  <modelVersion>4.0.0</modelVersion>\n"
        "  <groupId>fintech-kg</groupId><artifactId>managed-neo4j</artifactId>"
        "<version>1</version>\n"
        "  <packaging>pom</packaging>\n"
        f"  <dependencies>\n{dependencies}\n  </dependencies>\n"
        "</project>\n"
    )


def _modules_line() -> str:
    return " ".join(":".join(module) for module in MODULES)


def assemble(layout: ServerLayout) -> Path:
    """Make sure ``layout.lib`` holds the jars of :data:`MODULES`; return that folder.

    Raises ServerError when Maven is missing or fails, naming its log.
    """
    marker = layout.lib / _MARKER
    if marker.is_file() and marker.read_text(encoding="utf-8").strip() == _modules_line():
        return layout.lib
    maven = shutil.which("mvn")
    if maven is None:
        raise ServerError(
            f"Maven (`mvn`) not found on PATH; it fetches Neo4j {NEO4J_VERSION} from Maven "
            "Central once: install it (e.g. `apt-get install maven`) or use Docker: "
            "`docker compose up -d --wait`"
        )
    layout.root.mkdir(parents=True, exist_ok=True)
    layout.logs.mkdir(parents=True, exist_ok=True)
    layout.pom.write_text(render_pom(), encoding="utf-8")
    # copy into a side folder and rename, so an interrupted run never looks assembled
    partial = layout.root / "lib.partial"
    shutil.rmtree(partial, ignore_errors=True)
    command = [
        maven, "-B", "-f", str(layout.pom), "dependency:copy-dependencies",
        f"-DoutputDirectory={partial}",
    ]  # fmt: skip
    with layout.maven_log.open("w", encoding="utf-8") as log:
        completed = subprocess.run(command, stdout=log, stderr=subprocess.STDOUT, check=False)
    if completed.returncode != 0:
        raise ServerError(
            f"Maven could not fetch Neo4j {NEO4J_VERSION} (exit {completed.returncode}); see "
            f"{layout.maven_log}; check the network or the proxy in ~/.m2/settings.xml"
        )
    (partial / _MARKER).write_text(_modules_line() + "\n", encoding="utf-8")
    shutil.rmtree(layout.lib, ignore_errors=True)
    partial.rename(layout.lib)
    return layout.lib
