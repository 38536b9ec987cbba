"""Named Cypher queries: the files in ``cypher/queries/``, loaded by name.

Each file starts with a comment header that says what the query answers, which
parameters it takes, and a ``:param`` line that sets example values in Neo4j Browser (run
it there, then the query)::

    // name: co-mentioned
    // description: The entities most often mentioned in the same articles as a given one.
    // param entity (string): the entity's id, name or alias
    // param limit (int): how many to return
    // :param [{entity, limit}] => { RETURN '阿里巴巴' AS entity, 10 AS limit }
    MATCH ...

A parameter type is one of ``string``, ``int``, ``float``, ``bool``, ``date``,
``list<string>`` or ``list<map>`` (JSON on the command line); a trailing ``?`` means the
value may be null. The same declaration types the values given on the command line
(``--param since=2018-06-01`` becomes a date). Browser runs the right-hand side of the ``:param``
line as Cypher, so ``date('2018-06-01')`` sets a real date (a ``:param {...}`` map would
not: Browser reads it as JSON).

Example:
    >>> q = get_query("co-mentioned")
    >>> [(p.name, p.type) for p in q.params], q.example
    ([('entity', 'string'), ('limit', 'int')], {'entity': '阿里巴巴', 'limit': 10})
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from fintech_kg.errors import GraphError, QueryNotFoundError
from fintech_kg.graph.templates import CYPHER_DIR

__all__ = [
    "QUERY_DIR",
    "NamedQuery",
    "QueryParam",
    "get_query",
    "guess_value",
    "load_queries",
    "parse_cypher_literal",
]

QUERY_DIR = CYPHER_DIR / "queries"
"""Where the named queries live: ``cypher/queries`` at the top of the source tree."""

ParamType = Literal["string", "int", "float", "bool", "date", "list<string>", "list<map>"]
_PARAM_TYPES: frozenset[str] = frozenset(
    ("string", "int", "float", "bool", "date", "list<string>", "list<map>")
)
_NAME = re.compile(r"^[a-z][a-z0-9-]*$")
_PARAM_LINE = re.compile(r"^param\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(([^)?]+)(\??)\)\s*:\s*(.*)$")
_BROWSER_LINE = re.compile(r"^:param\s*\[\{([\w\s,]*)\}\]\s*=>\s*\{\s*RETURN\s+(.*)\}$")


class QueryParam(BaseModel):
    """One declared parameter of a named query."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    type: ParamType
    optional: bool = False
    description: str = ""

    def convert(self, text: str) -> Any:
        """Turn a command-line string into a value of this parameter's type.

        Example:
            >>> QueryParam(name="since", type="date").convert("2018-06-01")
            datetime.date(2018, 6, 1)
        """
        text = text.strip()
        if self.optional and text.lower() in ("", "null", "none"):
            return None
        try:
            return _CONVERTERS[self.type](text)
        except ValueError as exc:
            raise GraphError(
                f"parameter {self.name!r} takes a value of type {self.type}, not {text!r}: {exc}"
            ) from exc


def _to_bool(text: str) -> bool:
    lowered = text.lower()
    if lowered in ("true", "yes", "1"):
        return True
    if lowered in ("false", "no", "0"):
        return False
    raise ValueError("use true or false")


def _to_list(text: str) -> list[str]:
    if text.startswith("["):
        value = json.loads(text)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError("a JSON list must hold strings only")
        return value
    # Analysts type Chinese lists with the full-width comma as often as with the ASCII one.
    return [part.strip() for part in re.split(r"[,，]", text) if part.strip()]


def _to_maps(text: str) -> list[dict[str, Any]]:
    value = json.loads(text)
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError("give a JSON list of objects")
    return value


_CONVERTERS: dict[str, Any] = {
    "string": str,
    "int": int,
    "float": float,
    "bool": _to_bool,
    "date": date.fromisoformat,
    "list<string>": _to_list,
    "list<map>": _to_maps,
}


class NamedQuery(BaseModel):
    """A query file: its header, its example parameters and its Cypher text."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    description: str
    params: tuple[QueryParam, ...]
    example: dict[str, Any]
    example_line: str
    cypher: str
    path: Path

    def bind(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Check ``values`` against the declared parameters; fill absent optional ones with None.

        Raises:
            GraphError: a required parameter is missing or an unknown one is given.
        """
        declared = self._declared(values)
        bound: dict[str, Any] = {}
        for name, param in declared.items():
            if name in values and values[name] is not None:
                bound[name] = values[name]
            elif param.optional:
                bound[name] = None
            else:
                raise GraphError(
                    f"query {self.name!r} needs --param {name}=... ({param.type}): "
                    f"{param.description}"
                )
        return bound

    def convert(self, texts: Mapping[str, str]) -> dict[str, Any]:
        """Type command-line strings by the declared parameter types.

        Example:
            >>> get_query("co-mentioned").convert({"entity": "百度", "limit": "5"})
            {'entity': '百度', 'limit': 5}
        """
        declared = self._declared(texts)
        return {name: declared[name].convert(text) for name, text in texts.items()}

    def _declared(self, given: Mapping[str, Any]) -> dict[str, QueryParam]:
        declared = {p.name: p for p in self.params}
        unknown = sorted(set(given) - set(declared))
        if unknown:
            raise GraphError(
                f"query {self.name!r} has no parameter {', '.join(unknown)}; "
                f"it takes: {', '.join(declared) or 'none'}"
            )
        return declared


def load_queries(directory: Path = QUERY_DIR) -> dict[str, NamedQuery]:
    """Read every ``*.cypher`` file of ``directory``, keyed by its declared name.

    Raises:
        GraphError: a header is malformed; the message names the file and line.
    """
    queries: dict[str, NamedQuery] = {}
    for path in sorted(directory.glob("*.cypher")):
        query = _parse(path)
        queries[query.name] = query
    return queries


@cache
def _default_queries() -> dict[str, NamedQuery]:
    return load_queries(QUERY_DIR)


def get_query(name: str) -> NamedQuery:
    """The named query ``name`` from ``cypher/queries``.

    Raises:
        QueryNotFoundError: no query has that name; the message lists the known ones.
    """
    queries = _default_queries()
    try:
        return queries[name]
    except KeyError:
        raise QueryNotFoundError(
            f"no named query {name!r} in {QUERY_DIR}; known: {', '.join(sorted(queries))} "
            "(see `fintech-kg query --list`)"
        ) from None


def _parse(path: Path) -> NamedQuery:
    fields: dict[str, str] = {}
    params: list[QueryParam] = []
    example: dict[str, Any] = {}
    example_line = ""
    lines = path.read_text(encoding="utf-8").splitlines()
    body_start = len(lines)
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped.startswith("//"):
            body_start = number - 1
            break
        comment = stripped[2:].strip()
        where = f"{path}:{number}"
        if comment.startswith(":param"):
            example = _browser_params(comment, where)
            example_line = comment
        elif comment.startswith("param "):
            params.append(_declared_param(comment, where))
        elif comment.startswith(("name:", "description:")):
            key, _, value = comment.partition(":")
            fields[key] = value.strip()
    cypher = "\n".join(lines[body_start:]).strip()
    name = fields.get("name", "")
    if not _NAME.match(name) or name != path.stem:
        raise GraphError(
            f"{path}:1: the header needs `// name: {path.stem}` (lower-case, the file's stem)"
        )
    if not fields.get("description"):
        raise GraphError(f"{path}: the header needs a `// description: ...` line")
    if not cypher:
        raise GraphError(f"{path}: the file has a header but no Cypher")
    missing = [p.name for p in params if p.name not in example]
    extra = sorted(set(example) - {p.name for p in params})
    if missing or extra:
        raise GraphError(
            f"{path}: the `// :param [{{a, b}}] => {{ RETURN 1 AS a, 'x' AS b }}` line for "
            f"Neo4j Browser must set every declared parameter and no other "
            f"(missing: {', '.join(missing) or '-'}; undeclared: {', '.join(extra) or '-'})"
        )
    return NamedQuery(
        name=name,
        description=fields["description"],
        params=tuple(params),
        example=example,
        example_line=example_line,
        cypher=cypher,
        path=path,
    )


def _declared_param(comment: str, where: str) -> QueryParam:
    match = _PARAM_LINE.match(comment)
    if match is None or match.group(2).strip() not in _PARAM_TYPES:
        raise GraphError(
            f"{where}: write a parameter as `// param NAME (TYPE): what it is`, "
            f"TYPE one of {', '.join(sorted(_PARAM_TYPES))} with `?` if it may be null"
        )
    name, kind, optional, description = match.groups()
    return QueryParam(
        name=name,
        type=kind.strip(),
        optional=bool(optional),
        description=description.strip(),
    )


def _browser_params(comment: str, where: str) -> dict[str, Any]:
    """The values of a ``:param [{a, b}] => { RETURN <literal> AS a, <literal> AS b }`` line."""
    match = _BROWSER_LINE.match(comment)
    if match is None:
        raise GraphError(
            f"{where}: write the Browser example as "
            "`// :param [{a, b}] => { RETURN 1 AS a, 'x' AS b }`"
        )
    names = [name.strip() for name in match.group(1).split(",") if name.strip()]
    try:
        values = _return_items(_tokens(match.group(2)))
    except ValueError as exc:
        raise GraphError(f"{where}: the :param line's RETURN is not literals: {exc}") from exc
    if sorted(values) != sorted(names):
        raise GraphError(f"{where}: the :param line names {names} but returns {list(values)}")
    return values


def _return_items(tokens: list[tuple[str, str]]) -> dict[str, Any]:
    """``<literal> AS name, ...`` as a dict."""
    values: dict[str, Any] = {}
    while tokens:
        value, tokens = _literal(tokens)
        if len(tokens) < 2 or tokens[0][1].upper() != "AS" or tokens[1][0] != "word":
            raise ValueError("each value needs `AS name`")
        values[tokens[1][1]] = value
        tokens = tokens[2:]
        if tokens:
            tokens = _expect(tokens, ",")
    return values


_TOKEN = re.compile(
    r"""\s*(?:
        (?P<string>'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")
      | (?P<date>date\(\s*(?:'[^']*'|"[^"]*")\s*\))
      | (?P<number>-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)
      | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
      | (?P<name>`(?:[^`]|``)*`)
      | (?P<punct>[{}\[\]:,])
    )""",
    re.VERBOSE,
)


def parse_cypher_literal(text: str) -> Any:
    """Parse the small subset of Cypher literals used in ``:param`` examples.

    Strings (with Cypher's escapes), integers, floats, ``true``/``false``/``null``,
    ``date('YYYY-MM-DD')``, lists and maps (keys plain, quoted or in backticks). It lets
    tests and benchmarks run a query with the same values an analyst sees in Browser,
    without sending the header text to the server.

    Example:
        >>> parse_cypher_literal("{since: date('2018-06-01'), names: ['百度', '腾讯'], n: 5}")
        {'since': datetime.date(2018, 6, 1), 'names': ['百度', '腾讯'], 'n': 5}
    """
    value, rest = _literal(_tokens(text))
    if rest:
        raise ValueError(f"unexpected {rest[0][1]!r} after the value")
    return value


def _tokens(text: str) -> list[tuple[str, str]]:
    tokens: list[tuple[str, str]] = []
    position = 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if match is None or match.end() == position:
            raise ValueError(f"cannot read {text[position : position + 20]!r}")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


def _literal(tokens: list[tuple[str, str]]) -> tuple[Any, list[tuple[str, str]]]:
    if not tokens:
        raise ValueError("the value ends too early")
    (kind, token), rest = tokens[0], tokens[1:]
    if kind == "string":
        return _unquote(token), rest
    if kind == "date":
        return date.fromisoformat(_unquote(token[token.index("(") + 1 : -1].strip())), rest
    if kind == "number":
        return (float(token) if any(c in token for c in ".eE") else int(token)), rest
    if kind == "word":
        words = {"true": True, "false": False, "null": None}
        if token.lower() not in words:
            raise ValueError(f"unknown word {token!r}")
        return words[token.lower()], rest
    if token == "[":
        items: list[Any] = []
        while rest and rest[0][1] != "]":
            item, rest = _literal(rest)
            items.append(item)
            rest = _skip_comma(rest, "]")
        return items, _expect(rest, "]")
    if token == "{":
        mapping: dict[str, Any] = {}
        while rest and rest[0][1] != "}":
            key_kind, key = rest[0]
            if key_kind not in ("word", "string", "name"):
                raise ValueError(f"a map key cannot be {key!r}")
            rest = _expect(rest[1:], ":")
            mapping[_key(key_kind, key)], rest = _literal(rest)
            rest = _skip_comma(rest, "}")
        return mapping, _expect(rest, "}")
    raise ValueError(f"unexpected {token!r}")


def _expect(tokens: list[tuple[str, str]], punct: str) -> list[tuple[str, str]]:
    if not tokens or tokens[0][1] != punct:
        raise ValueError(f"expected {punct!r}")
    return tokens[1:]


def _skip_comma(tokens: list[tuple[str, str]], closing: str) -> list[tuple[str, str]]:
    if tokens and tokens[0][1] == ",":
        return tokens[1:]
    if tokens and tokens[0][1] == closing:
        return tokens
    raise ValueError(f"expected ',' or {closing!r}")


def _unquote(token: str) -> str:
    return _ESCAPE.sub(lambda m: _unescape(m.group(1)), token[1:-1])


_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|.)")
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f"}


def _unescape(code: str) -> str:
    if code.startswith("u") and len(code) == 5:
        return chr(int(code[1:], 16))
    return _SIMPLE_ESCAPES.get(code, code)


def _key(kind: str, token: str) -> str:
    if kind == "word":
        return token
    if kind == "name":
        return token[1:-1].replace("``", "`")
    return _unquote(token)


def guess_value(text: str) -> Any:
    """Type a ``--param k=v`` value for raw Cypher, where no declaration says the type.

    Integers, floats, ``true``/``false``/``null`` and ISO dates are recognised; a value in
    brackets is read as a JSON list; anything else stays a string.

    Example:
        >>> guess_value("3"), guess_value("2018-06-01"), guess_value('["百度", "腾讯"]')
        (3, datetime.date(2018, 6, 1), ['百度', '腾讯'])
    """
    stripped = text.strip()
    if re.fullmatch(r"-?\d+", stripped):
        return int(stripped)
    if re.fullmatch(r"-?\d+\.\d*(?:[eE][-+]?\d+)?", stripped):
        return float(stripped)
    if stripped.lower() in ("true", "false", "null"):
        return {"true": True, "false": False, "null": None}[stripped.lower()]
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", stripped):
        try:
            return date.fromisoformat(stripped)
        except ValueError:
            return text
    if stripped.startswith(("[", "{")):
        try:
            return json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise GraphError(f"cannot read {text!r} as JSON: {exc}") from exc
    return text
