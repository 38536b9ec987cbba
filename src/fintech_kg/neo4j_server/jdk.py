"""Find the Java runtime that runs the managed server and check it is new enough.

Neo4j 5.26 runs on Java 17 or 21; ``JAVA_HOME`` wins over ``java`` on ``PATH``.

Example:
    >>> java_major_version('openjdk version "17.0.15" 2025-04-15')
    17
    >>> java_major_version('java version "1.8.0_292"')
    8
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from fintech_kg.errors import ServerError

__all__ = ["MINIMUM_JAVA", "find_java", "java_major_version"]

MINIMUM_JAVA = 17

_INSTALL_HINT = (
    "install Java 17 or 21 (e.g. `apt-get install openjdk-17-jre-headless`) or set JAVA_HOME, "
    "or use Docker: `docker compose up -d --wait`"
)
_VERSION = re.compile(r'version "(\d+)(?:\.(\d+))?')


def java_major_version(version_output: str) -> int | None:
    """The feature release (8, 11, 17, ...) in the output of ``java -version``."""
    match = _VERSION.search(version_output)
    if match is None:
        return None
    major = int(match.group(1))
    # Java 8 and older call themselves 1.8, 1.7, ...
    if major == 1 and match.group(2) is not None:
        return int(match.group(2))
    return major


def find_java(java_home: Path | None) -> Path:
    """The ``java`` executable of ``java_home`` (``Settings.java_home``, from ``JAVA_HOME``),
    else on ``PATH``, checked to be Java 17 or newer.

    Raises ServerError naming the fix when none is found or it is too old.
    """
    if java_home is not None and (java_home / "bin" / "java").is_file():
        java = java_home / "bin" / "java"
    else:
        found = shutil.which("java")
        if found is None:
            raise ServerError(f"Java not found (no JAVA_HOME, no `java` on PATH); {_INSTALL_HINT}")
        java = Path(found)
    try:
        completed = subprocess.run(
            [str(java), "-version"], capture_output=True, text=True, timeout=60, check=False
        )
    except OSError as exc:
        raise ServerError(f"cannot run {java} ({exc}); {_INSTALL_HINT}") from None
    # java prints its version on stderr
    major = java_major_version(completed.stderr + completed.stdout)
    if major is None:
        raise ServerError(f"cannot tell the version of {java}; {_INSTALL_HINT}")
    if major < MINIMUM_JAVA:
        raise ServerError(
            f"{java} is Java {major}, Neo4j 5.26 needs Java {MINIMUM_JAVA}+; {_INSTALL_HINT}"
        )
    return java
