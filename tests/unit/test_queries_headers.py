"""The named queries' files and the loader, without a server."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from fintech_kg.errors import GraphError, QueryNotFoundError
from fintech_kg.graph.queries import (
    QUERY_DIR,
    QueryParam,
    get_query,
    guess_value,
    load_queries,
    parse_cypher_literal,
)
from fintech_kg.vocabulary import ENTITY_LABELS, RELATION_TYPES

QUERIES = load_queries()
GRAPH_LABELS = ENTITY_LABELS | {"Entity", "Article", "RiskEvent", "Sentence", "Alias"}
GRAPH_TYPES = RELATION_TYPES | {
    "MENTIONS", "REPORTS", "SUBJECT_OF", "ACTED_IN", "HAS_SENTENCE", "SUPPORTS", "FOLLOWED_BY",
    "ALIAS_OF",
}  # fmt: skip
PYTHON_TYPES = {
    "string": str, "int": int, "float": float, "bool": bool, "date": date,
    "list<string>": list, "list<map>": list,
}  # fmt: skip


def test_there_are_at_least_twelve_analyst_queries() -> None:
    assert len(QUERIES) >= 12
    assert {"collapsed-platforms", "platform-lifecycle", "shortest-path"} <= set(QUERIES)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_browser_example_sets_every_parameter_with_its_type(name: str) -> None:
    query = QUERIES[name]
    if not query.params:
        assert query.example_line == ""
        return
    # Browser runs a lambda's RETURN as Cypher (typed dates); a {...} map it reads as JSON.
    assert query.example_line.startswith(":param [{")
    assert set(query.example) == {p.name for p in query.params}
    for param in query.params:
        value = query.example[param.name]
        if value is None:
            assert param.optional, f"{name}: {param.name} is not optional but the example is null"
        else:
            assert isinstance(value, PYTHON_TYPES[param.type]), (name, param.name, value)


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_uses_declared_parameters_and_the_vocabulary_only(name: str) -> None:
    query = QUERIES[name]
    used = set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", query.cypher))
    assert used == {p.name for p in query.params}
    assert query.description and all(p.description for p in query.params)
    labels = set(re.findall(r"\(\w*:(\w+)", query.cypher))
    assert labels <= GRAPH_LABELS, labels - GRAPH_LABELS
    types = set(re.findall(r"\[\w*:([A-Z_|]+)", query.cypher))
    assert {t for group in types for t in group.split("|")} <= GRAPH_TYPES


def test_graph_stats_counts_every_label_and_type_of_the_model() -> None:
    counted = re.findall(r"RETURN '(label|type)' AS kind, '(\w+)'", QUERIES["graph-stats"].cypher)
    assert {name for kind, name in counted if kind == "label"} == GRAPH_LABELS
    assert {name for kind, name in counted if kind == "type"} == GRAPH_TYPES


def test_the_folder_readme_lists_every_query() -> None:
    readme = (QUERY_DIR / "README.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z-]+)` \|", readme, flags=re.MULTILINE))
    assert listed == set(QUERIES)


def test_unknown_query_names_are_refused_with_the_known_ones() -> None:
    with pytest.raises(QueryNotFoundError, match="co-mentioned"):
        get_query("../schema")


def test_bind_fills_optional_parameters_and_refuses_others() -> None:
    events = get_query("events")
    assert events.bind({"limit": 5}) == {
        "types": None, "since": None, "until": None, "entity": None, "limit": 5,
    }  # fmt: skip
    with pytest.raises(GraphError, match="needs --param limit"):
        events.bind({})
    with pytest.raises(GraphError, match="no parameter colour"):
        events.bind({"limit": 1, "colour": "red"})


@pytest.mark.parametrize(
    ("kind", "text", "value"),
    [
        ("int", " 10 ", 10),
        ("float", "1.5", 1.5),
        ("date", "2018-06-01", date(2018, 6, 1)),
        ("bool", "yes", True),
        ("list<string>", "百度, 阿里巴巴，腾讯", ["百度", "阿里巴巴", "腾讯"]),
        ("list<string>", '["a,b", "c"]', ["a,b", "c"]),
        ("list<map>", '[{"id": "x"}]', [{"id": "x"}]),
        ("string", "' OR 1=1 //", "' OR 1=1 //"),
    ],
)
def test_command_line_values_are_typed_by_the_declaration(
    kind: str, text: str, value: object
) -> None:
    assert QueryParam(name="p", type=kind).convert(text) == value  # type: ignore[arg-type]


def test_bad_values_name_the_parameter_and_type() -> None:
    with pytest.raises(GraphError, match="'since' takes a value of type date"):
        QueryParam(name="since", type="date").convert("June")
    assert QueryParam(name="since", type="date", optional=True).convert("null") is None


def test_raw_cypher_values_are_guessed() -> None:
    assert guess_value("42") == 42
    assert guess_value("-0.5") == -0.5
    assert guess_value("2019-03-28") == date(2019, 3, 28)
    assert guess_value("2019-02-30") == "2019-02-30"
    assert guess_value("null") is None
    assert guess_value('{"a": [1]}') == {"a": [1]}
    assert guess_value("团贷网") == "团贷网"
    with pytest.raises(GraphError, match="JSON"):
        guess_value("[unclosed")


def test_cypher_literals_of_browser_examples() -> None:
    assert parse_cypher_literal("{a: 'it\\'s', b: \"二\", c: [1, 2.5e3, true, null]}") == {
        "a": "it's", "b": "二", "c": [1, 2500.0, True, None],
    }  # fmt: skip
    assert parse_cypher_literal("{}") == {}
    for bad in ("{a: }", "{a: 1", "{a: foo}", "{a: 1} x", "{1: 2}"):
        with pytest.raises(ValueError):
            parse_cypher_literal(bad)


def test_malformed_headers_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "good.cypher").write_text(
        "// name: good\n// description: d\n// param n (int): n\n"
        "// :param [{n}] => { RETURN 3 AS n }\nRETURN $n\n",
        encoding="utf-8",
    )
    assert load_queries(tmp_path)["good"].example == {"n": 3}
    bad = tmp_path / "bad.cypher"
    for header, message in [
        ("// name: other\n// description: d\n", "name: bad"),
        ("// name: bad\n", "description"),
        ("// name: bad\n// description: d\n// param n (int): n\n", "missing: n"),
        ("// name: bad\n// description: d\n// :param {n: 1}\n", "RETURN 1 AS a"),
        ("// name: bad\n// description: d\n// :param [{n}] => { RETURN 1 AS m }\n", "returns"),
        ("// name: bad\n// description: d\n// :param [{n}] => { RETURN n AS n }\n", "literals"),
        ("// name: bad\n// description: d\n// param x (colour): no\n", "TYPE"),
    ]:
        bad.write_text(header + "RETURN 1\n", encoding="utf-8")
        with pytest.raises(GraphError, match=re.escape(message)) as error:
            load_queries(tmp_path)
        assert "bad.cypher" in str(error.value)
