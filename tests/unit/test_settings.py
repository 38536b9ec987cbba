"""Settings: environment over defaults, keyword arguments over environment, clear errors."""

from __future__ import annotations

import ast
import socket
from pathlib import Path

import pytest

import fintech_kg
from fintech_kg.errors import ConfigError, ServerError
from fintech_kg.settings import ENVIRONMENT, LOOPBACK, Settings


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for variable in ENVIRONMENT.values():
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.chdir(tmp_path)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_defaults_are_the_managed_server(tmp_path: Path) -> None:
    settings = Settings()
    assert settings.managed
    assert settings.bolt_uri == "bolt://127.0.0.1:7687"
    assert settings.browser_url == "http://127.0.0.1:7474/browser/"
    assert settings.home == tmp_path / ".neo4j"
    assert (settings.user, settings.database) == ("neo4j", "neo4j")


def test_environment_is_read(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j://db.example:7700")
    monkeypatch.setenv("NEO4J_USER", "analyst")
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret-pass")
    monkeypatch.setenv("NEO4J_DATABASE", "news")
    monkeypatch.setenv("NEO4J_HTTP_PORT", "7575")
    monkeypatch.setenv("FINTECH_KG_HOME", str(tmp_path / "state"))
    monkeypatch.setenv("NEO4J_HEAP_SIZE", "2G")
    settings = Settings()
    assert not settings.managed
    assert settings.bolt_uri == "neo4j://db.example:7700"
    assert (settings.user, settings.database) == ("analyst", "news")
    assert settings.neo4j_password() == "s3cret-pass"
    assert settings.browser_url == "http://db.example:7575/browser/"
    assert settings.home == tmp_path / "state"
    assert settings.heap_size == "2g"


def test_keyword_arguments_win_over_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://elsewhere:7687")
    monkeypatch.setenv("NEO4J_BOLT_PORT", "7700")
    settings = Settings(uri=None, bolt_port=7801)
    assert settings.managed
    assert settings.bolt_uri == "bolt://127.0.0.1:7801"


def test_password_is_never_shown(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret-pass")
    assert "s3cret-pass" not in repr(Settings())


@pytest.mark.parametrize(
    ("variable", "value"),
    [("NEO4J_BOLT_PORT", "bolt"), ("NEO4J_HTTP_PORT", "70000"), ("NEO4J_HEAP_SIZE", "lots")],
)
def test_bad_environment_value_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError, match=variable):
        Settings()


def test_password_falls_back_to_the_generated_file(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    settings.password_file.write_text("generated-password\n", encoding="utf-8")
    assert settings.neo4j_password() == "generated-password"


def test_missing_password_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"NEO4J_PASSWORD is unset .*fintech-kg neo4j start"):
        Settings(home=tmp_path).neo4j_password()


def test_unreachable_server_is_one_line_server_error() -> None:
    settings = Settings(uri=f"bolt://127.0.0.1:{_closed_port()}", password="any-password")
    with pytest.raises(ServerError, match=r"Neo4j not reachable at bolt://127\.0\.0\.1") as caught:
        settings.driver()
    assert "\n" not in str(caught.value)
    assert "NEO4J_URI" in str(caught.value)


def test_unreachable_managed_server_says_how_to_start_it() -> None:
    settings = Settings(bolt_port=_closed_port(), password="any-password")
    with pytest.raises(ServerError, match="fintech-kg neo4j start"):
        settings.driver()


def test_auth_error_names_where_the_password_came_from(tmp_path: Path) -> None:
    from_file = Settings(home=tmp_path).auth_error()
    from_env = Settings(password="x-password").auth_error()
    assert str(tmp_path / "password") in str(from_file)
    assert "NEO4J_PASSWORD" in str(from_env)


def test_max_article_chars_is_read_from_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FINTECH_KG_MAX_ARTICLE_CHARS", "5000")
    assert Settings().max_article_chars == 5000
    monkeypatch.setenv("FINTECH_KG_MAX_ARTICLE_CHARS", "0")
    with pytest.raises(ConfigError, match="FINTECH_KG_MAX_ARTICLE_CHARS='0' is not a positive"):
        Settings()


def test_only_named_variables_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    # a field's own name is not its variable: HOME and USER belong to the shell
    monkeypatch.setenv("HOME", "/elsewhere")
    monkeypatch.setenv("USER", "someone")
    settings = Settings()
    assert (settings.home.name, settings.user) == (".neo4j", "neo4j")


def _code_of(path: Path) -> tuple[ast.Module, set[int]]:
    """A module's syntax tree and the ids of its docstring nodes."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return tree, docstrings


def _environment_reads(tree: ast.Module) -> list[int]:
    """Lines that read a variable: os.getenv(...), os.environ.get(...), os.environ[...] and
    `... in os.environ`; passing the whole environment on to a child process is no read."""

    def is_environ(node: ast.AST) -> bool:
        return isinstance(node, ast.Attribute) and node.attr == "environ"

    lines = []
    for node in ast.walk(tree):
        if (
            (isinstance(node, ast.Attribute) and node.attr == "getenv")
            or (isinstance(node, ast.Attribute) and is_environ(node.value))
            or (isinstance(node, ast.Subscript) and is_environ(node.value))
            or (isinstance(node, ast.Compare) and any(map(is_environ, node.comparators)))
        ):
            lines.append(node.lineno)
    return lines


def test_only_the_settings_read_the_environment_or_name_the_host() -> None:
    package = Path(fintech_kg.__file__).parent
    found = []
    for path in sorted(package.rglob("*.py")):
        if path.name == "settings.py" and path.parent == package:
            continue
        tree, docstrings = _code_of(path)
        found += [f"{path.name}:{line} reads the environment" for line in _environment_reads(tree)]
        found += [
            f"{path.name}:{node.lineno} names {LOOPBACK}"
            for node in ast.walk(tree)
            if isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and LOOPBACK in node.value
            and id(node) not in docstrings
        ]
    assert not found, "use fintech_kg.settings.Settings instead: " + "; ".join(found)
