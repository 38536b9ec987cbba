"""Without PySpark the rest of the CLI works and `fintech-kg spark` says how to get it."""

from __future__ import annotations

import subprocess
import sys

# PySpark made unimportable in a child process, as on an install without the extra.
_WITHOUT_PYSPARK = (
    "import sys; sys.modules['pyspark'] = None; sys.argv = ['fintech-kg', *sys.argv[1:]];"
    " from fintech_kg.cli import main; main()"
)


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", _WITHOUT_PYSPARK, *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_spark_ingest_without_pyspark_prints_the_install_hint() -> None:
    result = _cli("spark", "ingest", "news.jsonl")
    assert result.returncode == 1
    assert "pip install 'fintech-kg[spark]'" in result.stderr
    assert "Traceback" not in result.stderr


def test_other_commands_do_not_need_pyspark() -> None:
    result = _cli("spark", "--help")
    assert result.returncode == 0, result.stderr
    assert "ingest" in result.stdout
