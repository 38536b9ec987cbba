"""The Neo4j graph: schema, writer and ingest (writing side); client and queries (reading side).

- :mod:`fintech_kg.graph.schema`: ``apply_schema`` runs ``cypher/schema.cypher``.
- :mod:`fintech_kg.graph.templates`: the writer's Cypher templates from ``cypher/write``.
- :mod:`fintech_kg.graph.writer`: ``GraphWriter`` writes and retracts extraction records;
  its docstring describes the graph model, the evidence and the event-merging rule.
- :mod:`fintech_kg.graph.ingest`: ``ingest`` reads, extracts and writes files of articles.
- :mod:`fintech_kg.graph.client`: ``KnowledgeGraph``, the Python API for reading.

Example:
    >>> from fintech_kg.graph.writer import GraphWriter  # doctest: +SKIP
"""
