// One row per tie of a name to an entity (entity resolution, fintech_kg.graph.aliases): the
// name's :Alias node and its ALIAS_OF relationship {via, kind} to the entity, with the
// supporting articles and sentences (sorted unions, so the order of ingest does not show)
// and, for lexicon and override ties, their source and reason.
UNWIND $rows AS row
MATCH (e:Entity {id: row.entity_id})
MERGE (a:Alias {name: row.name})
SET a.id = row.name
MERGE (a)-[t:ALIAS_OF {via: row.via, kind: row.kind}]->(e)
WITH t, row
CALL (t, row) {
  UNWIND coalesce(t.article_ids, []) + row.article_ids AS article_id
  WITH DISTINCT article_id ORDER BY article_id
  RETURN collect(article_id) AS article_ids
}
CALL (t, row) {
  UNWIND coalesce(t.sentence_ids, []) + row.sentence_ids AS sentence_id
  WITH DISTINCT sentence_id ORDER BY sentence_id
  RETURN collect(sentence_id) AS sentence_ids
}
SET t.source = row.source, t.reason = row.reason,
    t.article_ids = article_ids, t.sentence_ids = sentence_ids
