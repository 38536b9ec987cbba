"""Apply the graph's constraints and indexes (``cypher/schema.cypher``) to a database.

Every statement says ``IF NOT EXISTS``, so applying the schema to a database that has it
already changes nothing. The writer relies on the uniqueness constraints: they make MERGE
safe under concurrent writers and give every key lookup its index.

Example (needs a running server)::

    from fintech_kg.settings import Settings

    settings = Settings()
    with settings.driver() as driver:
        apply_schema(driver, settings.database)
"""

from __future__ import annotations

from typing import LiteralString, cast

from neo4j import Driver, Query
from neo4j.exceptions import Neo4jError

from fintech_kg.errors import GraphError
from fintech_kg.graph.templates import schema_statements

__all__ = ["apply_schema"]


def apply_schema(driver: Driver, database: str) -> int:
    """Create the constraints and indexes that do not exist yet and wait until they are online.

    Returns the number of statements run.
    """
    statements = schema_statements()
    try:
        with driver.session(database=database) as session:
            for statement in statements:
                session.run(Query(cast(LiteralString, statement))).consume()
            session.run("CALL db.awaitIndexes(300)").consume()
    except Neo4jError as exc:
        raise GraphError(
            f"applying cypher/schema.cypher to database {database!r} failed: {exc.message}"
        ) from exc
    return len(statements)
