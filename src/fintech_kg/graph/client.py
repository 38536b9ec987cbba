"""The Python API: :class:`KnowledgeGraph`, one object to fill and question the graph.

Every read runs a named query from ``cypher/queries`` in a managed read transaction
(``execute_read``: retried on transient errors, routed to a reader in a cluster) against
the database named in the settings; values travel only as parameters. Writes go through
the graph writer (:mod:`fintech_kg.graph.writer`).

Example:
    >>> from fintech_kg import KnowledgeGraph
    >>> with KnowledgeGraph() as kg:  # doctest: +SKIP
    ...     kg.entity("蚂蚁集团").name
    ...     [path.event.type for path in kg.risk_exposure("中国工商银行", max_hops=2)]
    '蚂蚁金服'
    ['COLLAPSE']
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, LiteralString, cast, overload

import neo4j
from neo4j import exceptions as neo4j_errors

from fintech_kg.errors import ConfigError, GraphError
from fintech_kg.graph.queries import get_query
from fintech_kg.graph.results import (
    EntityNode,
    EventEvidence,
    EvidenceSentence,
    ExposurePath,
    GraphStats,
    Neighbourhood,
    PathHop,
    QueryResult,
    RelationFact,
    RiskEventNode,
    SearchHit,
    Timeline,
    node_key,
    to_python,
)
from fintech_kg.settings import Settings
from fintech_kg.vocabulary import RELATION_TYPES, EventType

if TYPE_CHECKING:
    import networkx as nx

    from fintech_kg.graph.aliases import NameIdentity
    from fintech_kg.graph.ingest import IngestReport
    from fintech_kg.graph.writer import WriteReport
    from fintech_kg.models import Article

__all__ = ["SCORE_PROPERTIES", "KnowledgeGraph"]

SCORE_PROPERTIES: frozenset[str] = frozenset({"risk_score", "pagerank", "degree_centrality"})
"""The only node properties :meth:`KnowledgeGraph.write_back` may set."""

_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


class KnowledgeGraph:
    """A connection to the fintech knowledge graph, with typed read methods.

    Connects from :class:`fintech_kg.settings.Settings` (environment variables
    ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD``, ``NEO4J_DATABASE``, else the managed
    local server); explicit arguments win. ``neo4j://`` URIs route reads to readers.

    Example:
        >>> with KnowledgeGraph(uri="neo4j://127.0.0.1:7687") as kg:  # doctest: +SKIP
        ...     kg.stats().labels["RiskEvent"]
        42
    """

    def __init__(
        self,
        uri: str | None = None,
        user: str | None = None,
        password: str | None = None,
        database: str | None = None,
        *,
        settings: Settings | None = None,
    ) -> None:
        overrides = {
            key: value
            for key, value in (
                ("uri", uri),
                ("user", user),
                ("password", password),
                ("database", database),
            )
            if value is not None
        }
        if settings is not None and overrides:
            raise ConfigError("give KnowledgeGraph either settings or connection arguments")
        settings = settings or Settings(**overrides)
        self.settings = settings
        self.database = settings.database
        self.driver: neo4j.Driver = settings.driver()

    def close(self) -> None:
        """Close the driver's connections."""
        self.driver.close()

    def __enter__(self) -> KnowledgeGraph:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    # Writing ------------------------------------------------------------------------

    def ingest(
        self,
        paths: Iterable[str | Path] = (),
        *,
        texts: Iterable[str] = (),
        articles: Iterable[Article] = (),
        workers: int = 1,
        batch_size: int | None = None,
        progress: Callable[[int], object] | None = None,
    ) -> IngestReport:
        """Extract and write articles from files, raw texts or ready ``Article`` objects.

        Applies the schema if needed, then delegates to :func:`fintech_kg.graph.ingest.ingest`
        (``workers`` extraction processes, ``batch_size`` articles per transaction,
        ``progress`` called with the inputs done after each batch); ingesting the same
        article twice changes nothing. Unreadable inputs are listed in the report, not raised.

        Example:
            >>> report = kg.ingest(texts=["团贷网于2019年3月28日被立案侦查。"])  # doctest: +SKIP
            >>> report.articles_written  # doctest: +SKIP
            1
        """
        from fintech_kg.graph.aliases import load_overrides
        from fintech_kg.graph.ingest import ingest
        from fintech_kg.graph.schema import apply_schema
        from fintech_kg.graph.writer import GraphWriter
        from fintech_kg.reading import make_article

        inputs: list[str | Path | Article] = [*paths, *(make_article(t) for t in texts), *articles]
        apply_schema(self.driver, self.database)
        aliases = load_overrides(self.settings.aliases_file)  # the user's merges and splits
        writer = GraphWriter(self.driver, self.database, aliases=aliases)
        return ingest(inputs, writer, workers=workers, batch_size=batch_size, progress=progress)

    def retract(self, article_id: str) -> WriteReport:
        """Remove exactly what one article contributed to the graph.

        Example:
            >>> kg.retract("sample-001").articles_retracted  # doctest: +SKIP
            1
        """
        from fintech_kg.graph.writer import GraphWriter

        return GraphWriter(self.driver, self.database).retract(article_id)

    # Reading ------------------------------------------------------------------------

    def query(self, name: str, /, **params: Any) -> QueryResult:
        """Run the named query ``name`` from ``cypher/queries`` in a read transaction.

        Absent optional parameters are sent as null.

        Raises:
            QueryNotFoundError: no query has that name.
            GraphError: a parameter is missing or unknown, or the server refused the query.

        Example:
            >>> kg.query("co-mentioned", entity="阿里巴巴", limit=3).rows  # doctest: +SKIP
            [{'entity': '腾讯', 'types': ['TechCompany'], 'articles': 12}, ...]
        """
        named = get_query(name)
        return self._run(name, named.cypher, named.bind(params), write=False)

    def cypher(
        self, text: str, params: Mapping[str, Any] | None = None, *, write: bool = False
    ) -> QueryResult:
        """Run raw Cypher with parameters; in a read transaction unless ``write`` is set.

        A write attempted without ``write=True`` fails on the server and changes nothing.
        With ``write=True`` the statement runs in an auto-commit transaction, as cypher-shell
        runs it: ``CALL { … } IN TRANSACTIONS`` works (it commits batch by batch), and a
        failure is not retried.

        Example:
            >>> kg.cypher("MATCH (e:Entity {id: $id}) RETURN e.name AS name", {"id": "百度"})
            ... # doctest: +SKIP
            >>> kg.cypher(
            ...     "MATCH (n:Tmp) CALL { WITH n DETACH DELETE n } IN TRANSACTIONS OF 1000 ROWS",
            ...     write=True,
            ... )  # doctest: +SKIP
        """
        if write:
            return self._run_auto_commit("cypher", text, dict(params or {}))
        return self._run("cypher", text, dict(params or {}), write=False)

    def entity(self, name_or_alias: str) -> EntityNode | None:
        """The entity whose id, name or alias is ``name_or_alias``, else None.

        Example:
            >>> kg.entity("阿里").id  # doctest: +SKIP
            '阿里巴巴'
        """
        rows = self.query("entity", name=name_or_alias).rows
        return EntityNode.model_validate(rows[0]) if rows else None

    def why(self, name: str, other: str | None = None) -> NameIdentity:
        """Why ``name`` and ``other`` are one entity (the chain of ties between them, each
        with its article sentences, lexicon row or override line), or, without ``other``,
        every tie of the entity ``name`` resolves to.

        Example:
            >>> [t.kind for t in kg.why("资易贷", "小资钱包").path]  # doctest: +SKIP
            ['lexicon']
        """
        from fintech_kg.graph.aliases import NameIdentity, StoredTie, explain

        found = []
        for each in (name, *([other] if other is not None else [])):
            rows = self.query("entity-names", name=each).rows
            ties = [StoredTie(**_without(r, "entity", "aliases")) for r in rows if r["name"]]
            found.append(
                (rows[0]["entity"] if rows else None, rows[0]["aliases"] if rows else [], ties)
            )
        (entity, aliases, ties), *rest = found
        if not rest:
            return NameIdentity(names=[name], entities=[entity], same=entity is not None, ties=ties)
        other_entity = rest[0][0]
        same = entity is not None and entity == other_entity
        path = explain(entity, aliases, ties, name, other) if same and entity and other else []
        return NameIdentity(
            names=[name, other or ""],
            entities=[entity, other_entity],
            same=same,
            path=path,
            ties=ties,
        )

    def search(self, text: str, limit: int = 10) -> list[SearchHit]:
        """Entities whose names or aliases match ``text`` in the full-text index.

        ``text`` is plain text: Lucene operators in it are escaped.

        Example:
            >>> [hit.entity.name for hit in kg.search("团贷")]  # doctest: +SKIP
            ['团贷网']
        """
        escaped = _LUCENE_SPECIAL.sub(r"\\\1", text.strip())
        if not escaped:
            return []
        rows = self.query("search-entities", text=escaped, limit=limit).rows
        return [
            SearchHit(entity=EntityNode.model_validate(_without(row, "score")), score=row["score"])
            for row in rows
        ]

    def neighbours(
        self,
        entity: str,
        depth: int = 1,
        relation_types: Sequence[str] | None = None,
    ) -> Neighbourhood:
        """The entities within ``depth`` hops (1-3) over ``relation_types`` (default all).

        Example:
            >>> [e.name for e in kg.neighbours("蚂蚁金服", relation_types=["OWNS"]).entities]
            ... # doctest: +SKIP
            ['支付宝', '余额宝']
        """
        if not 1 <= depth <= 3:
            raise GraphError(f"depth must be 1, 2 or 3, not {depth}")
        types = _relation_types(relation_types)
        found = self._require(entity)
        row = self.query("neighbours", entity=found.id, depth=depth, relation_types=types).rows[0]
        return Neighbourhood(
            entity=found,
            entities=[EntityNode.model_validate(e) for e in row["entities"]],
            relations=[RelationFact.model_validate(r) for r in row["relations"]],
        )

    def risk_exposure(self, entity: str, max_hops: int = 3, limit: int = 50) -> list[ExposurePath]:
        """Paths from ``entity`` to risk events, shortest first, each hop with its evidence.

        A path ends with the hop from the event's subject into the event (SUBJECT_OF),
        so an entity's own events have one hop.

        Example:
            >>> paths = kg.risk_exposure("某银行", max_hops=2)  # doctest: +SKIP
            >>> [(h.source, h.type, h.target) for h in paths[0].hops]  # doctest: +SKIP
            [('某银行', 'CUSTODIAN_FOR', '某平台'), ('某平台', 'SUBJECT_OF', 'evt-1')]
        """
        if not 1 <= max_hops <= 4:
            raise GraphError(f"max_hops must be between 1 and 4, not {max_hops}")
        found = self._require(entity)
        rows = self.query("risk-exposure", entity=found.id, max_hops=max_hops, limit=limit).rows
        wanted = {sid for row in rows for hop in row["hops"] for sid in hop["sentence_ids"]}
        wanted |= {sid for row in rows for sid in row["event_sentence_ids"]}
        sentences = self._sentences(sorted(wanted))
        paths = []
        for row in rows:
            hops = [
                PathHop(
                    source=hop["source"],
                    type=hop["type"],
                    target=hop["target"],
                    hedged=hop["hedged"],
                    evidence=[sentences[s] for s in hop["sentence_ids"] if s in sentences],
                )
                for hop in row["hops"]
            ]
            event = RiskEventNode.model_validate(row["event"])
            hops.append(
                PathHop(
                    source=row["subject"],
                    type="SUBJECT_OF",
                    target=event.id,
                    evidence=[sentences[s] for s in row["event_sentence_ids"] if s in sentences],
                )
            )
            paths.append(ExposurePath(event=event, hops=hops))
        return paths

    def events(
        self,
        type: EventType | str | Sequence[EventType | str] | None = None,
        since: datetime.date | None = None,
        until: datetime.date | None = None,
        entity: str | None = None,
        limit: int = 100,
    ) -> list[RiskEventNode]:
        """Risk events of a type (or types) in a period, optionally of one entity.

        Dates compare at their precision: an event known only to its month or year is in
        the period when that month or year meets [since, until] (``date_text`` shows it as
        known: ``'2018-06'``, ``'2018'``).

        Example:
            >>> kg.events("COLLAPSE", since=datetime.date(2018, 6, 1))  # doctest: +SKIP
        """
        types: list[str] | None
        if type is None:
            types = None
        elif isinstance(type, str):
            types = [EventType(type).value]
        else:
            types = [EventType(t).value for t in type]
        entity_id = self._require(entity).id if entity is not None else None
        rows = self.query(
            "events", types=types, since=since, until=until, entity=entity_id, limit=limit
        ).rows
        return [RiskEventNode.model_validate(row["event"]) for row in rows]

    def timeline(self, entity: str) -> Timeline:
        """An entity's risk events (as subject or authority) in date order, undated ones
        last: a platform's lifecycle. The ``platform-lifecycle`` query shows its chain.

        Example:
            >>> [e.type for e in kg.timeline("某平台").events]  # doctest: +SKIP
            ['OVERDUE', 'INVESTIGATION', 'COLLAPSE']
        """
        found = self._require(entity)
        return Timeline(entity=found, events=self.events(entity=found.id, limit=10_000))

    @overload
    def evidence(self, source: str) -> EventEvidence: ...

    @overload
    def evidence(self, source: str, rel_type: str | None, target: str) -> list[RelationFact]: ...

    def evidence(
        self, source: str, rel_type: str | None = None, target: str | None = None
    ) -> EventEvidence | list[RelationFact]:
        """What supports a fact: ``evidence(event_id)`` or ``evidence(source, type, target)``.

        For a relationship (``rel_type`` None for any type) it returns one
        :class:`RelationFact` per relationship with its sentences; for an event, the event
        and every sentence reporting it.

        Example:
            >>> kg.evidence("某银行", "CUSTODIAN_FOR", "某平台")[0].evidence[0].text
            ... # doctest: +SKIP
            '某平台已与某银行签订资金存管协议。'
        """
        if target is None:
            rows = self.query("event-evidence", event_id=source).rows
            if not rows:
                raise GraphError(
                    f"no risk event with id {source!r}; find ids with `fintech-kg query events`"
                )
            return EventEvidence.model_validate(rows[0])
        if rel_type is not None:
            _relation_types([rel_type])
        rows = self.query("relation-evidence", source=source, relation=rel_type, target=target).rows
        facts: dict[tuple[str, str, str], RelationFact] = {}
        for row in rows:
            key = (row["source"], row["relation"], row["target"])
            if key not in facts:
                facts[key] = RelationFact(
                    source=row["source"],
                    type=row["relation"],
                    target=row["target"],
                    confidence=row["confidence"],
                    hedged=row["hedged"],
                    article_ids=row["article_ids"],
                )
            facts[key].evidence.append(
                EvidenceSentence(
                    id=row["sentence_id"],
                    article_id=row["article_id"],
                    text=row["sentence"],
                    start=row["start"],
                    end=row["end"],
                    article_title=row["title"],
                    published_at=row["published_at"],
                )
            )
        return list(facts.values())

    def stats(self) -> GraphStats:
        """Node counts per label and relationship counts per type."""
        counts: dict[str, dict[str, int]] = {"total": {}, "label": {}, "type": {}}
        for row in self.query("graph-stats").rows:
            if row["count"] or row["kind"] == "total":
                counts[row["kind"]][row["name"]] = row["count"]
        return GraphStats(
            nodes=counts["total"]["nodes"],
            relationships=counts["total"]["relationships"],
            labels=counts["label"],
            relationship_types=counts["type"],
        )

    # Analytics ----------------------------------------------------------------------

    def to_networkx(self, entities: Sequence[str] | None = None, depth: int = 2) -> nx.MultiDiGraph:
        """Entities and risk events within ``depth`` hops (0-3) of ``entities`` (ids, names
        or aliases; None for every entity) as a networkx graph.

        Nodes are keyed ``Entity:<id>`` / ``RiskEvent:<id>`` and carry ``labels`` and the
        stored properties; edges carry the stored properties and ``type``, the relationship
        type. Feed it to :mod:`fintech_kg.graph.analytics`.

        Example:
            >>> graph = kg.to_networkx(["某平台"], depth=2)  # doctest: +SKIP
            >>> graph.nodes["Entity:某平台"]["labels"]  # doctest: +SKIP
            ['Entity', 'P2PPlatform']
        """
        import networkx as nx

        if not 0 <= depth <= 3:
            raise GraphError(f"depth must be between 0 and 3, not {depth}")
        ids = None if entities is None else [self._require(name).id for name in entities]
        row = self.query("subgraph", entities=ids, depth=depth).rows[0]
        graph = nx.MultiDiGraph()
        for node in row["nodes"]:
            properties = node["properties"]
            graph.add_node(
                node_key(node["labels"], properties["id"]),
                labels=sorted(node["labels"]),
                **properties,
            )
        for rel in row["relationships"]:
            graph.add_edge(
                node_key(rel["source_labels"], rel["source"]),
                node_key(rel["target_labels"], rel["target"]),
                key=rel["type"],
                **{**rel["properties"], "type": rel["type"]},
            )
        return graph

    def write_back(self, scores: Mapping[str, float], property: str) -> int:
        """Store ``scores`` (keyed like :meth:`to_networkx` nodes) as a node property.

        ``property`` must be one of :data:`SCORE_PROPERTIES`; the values travel as
        parameters. Returns how many nodes were updated.

        Example:
            >>> kg.write_back({"Entity:某银行": 0.42}, "risk_score")  # doctest: +SKIP
            1
        """
        if property not in SCORE_PROPERTIES:
            raise GraphError(
                f"cannot write property {property!r}; choose one of "
                f"{', '.join(sorted(SCORE_PROPERTIES))}"
            )
        rows = []
        for key, score in scores.items():
            kind, _, node_id = key.partition(":")
            if kind not in ("Entity", "RiskEvent") or not node_id:
                raise GraphError(
                    f"score key {key!r} is not 'Entity:<id>' or 'RiskEvent:<id>' "
                    "(use the node keys of to_networkx)"
                )
            rows.append({"kind": kind, "id": node_id, "properties": {property: float(score)}})
        named = get_query("write-node-scores")
        result = self._run(named.name, named.cypher, named.bind({"rows": rows}), write=True)
        return int(result.rows[0]["written"])

    # Plumbing -----------------------------------------------------------------------

    def _require(self, name: str) -> EntityNode:
        found = self.entity(name)
        if found is None:
            raise GraphError(
                f"no entity with id, name or alias {name!r}; "
                "try KnowledgeGraph.search or `fintech-kg query search-entities`"
            )
        return found

    def _sentences(self, ids: list[str]) -> dict[str, EvidenceSentence]:
        if not ids:
            return {}
        rows = self.query("evidence-sentences", ids=ids).rows
        return {
            row["sentence"]["id"]: EvidenceSentence.model_validate(row["sentence"]) for row in rows
        }

    def _run(self, name: str, text: str, params: dict[str, Any], *, write: bool) -> QueryResult:
        # Query text comes from files in cypher/ or from the analyst's own command line,
        # never from data; values go only as parameters.
        query = cast(LiteralString, text)

        def work(tx: neo4j.ManagedTransaction) -> QueryResult:
            return _result(name, tx.run(query, params))

        mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
        with self._session(name, mode) as session:
            return session.execute_write(work) if write else session.execute_read(work)

    def _run_auto_commit(self, name: str, text: str, params: dict[str, Any]) -> QueryResult:
        # Neo4j refuses CALL { … } IN TRANSACTIONS inside an explicit transaction (which
        # execute_write opens), so raw writes go through session.run.
        query = cast(LiteralString, text)
        with self._session(name, neo4j.WRITE_ACCESS) as session:
            return _result(name, session.run(query, params))

    @contextmanager
    def _session(self, name: str, mode: str) -> Iterator[neo4j.Session]:
        try:
            with self.driver.session(
                database=self.database,
                default_access_mode=mode,
                notifications_min_severity="OFF",
            ) as session:
                yield session
        except neo4j_errors.Neo4jError as exc:
            hint = ""
            if exc.code == "Neo.ClientError.Statement.AccessMode":
                hint = " (this writes: pass --write / write=True to allow it)"
            elif "IN TRANSACTIONS" in (exc.message or ""):
                hint = " (it needs an auto-commit transaction: pass --write / write=True)"
            raise GraphError(f"query {name!r} failed: {exc.message}{hint}") from exc
        except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired) as exc:
            raise self.settings.unreachable_error(exc) from exc


def _result(name: str, result: neo4j.Result) -> QueryResult:
    columns = list(result.keys())
    rows = [{key: to_python(record[key]) for key in columns} for record in result]
    return QueryResult(name=name, columns=columns, rows=rows)


def _without(row: Mapping[str, Any], *keys: str) -> dict[str, Any]:
    return {k: v for k, v in row.items() if k not in keys}


def _relation_types(types: Sequence[str] | None) -> list[str] | None:
    if types is None:
        return None
    unknown = sorted(set(types) - RELATION_TYPES)
    if unknown:
        raise GraphError(
            f"unknown relation type {', '.join(unknown)}; "
            f"choose from {', '.join(sorted(RELATION_TYPES))}"
        )
    return list(types)
