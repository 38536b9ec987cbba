// Merge the entity node $gone into $keep (entity resolution; no APOC): $keep is created if
// needed with $gone's type labels ($types) and the lexicon properties it lacks
// ($properties); each article's mention moves over (combined with the article's mention of
// $keep: counts added, aliases and sentences united, $gone's id kept as an alias); the
// names that resolved to $gone now resolve to $keep; then $gone goes with its remaining
// relationships (the writer rewrites its entity relationships and risk events itself).
MATCH (gone:Entity {id: $gone})
MERGE (keep:Entity {id: $keep})
SET keep:$($types)
SET keep += $properties
WITH gone, keep
CALL (gone, keep) {
  MATCH (a:Article)-[m:MENTIONS]->(gone)
  MERGE (a)-[n:MENTIONS]->(keep)
  WITH gone, keep, m, n
  CALL (gone, keep, m, n) {
    UNWIND coalesce(n.aliases, []) + coalesce(m.aliases, []) + [gone.id] AS alias
    WITH DISTINCT alias WHERE alias <> keep.id
    ORDER BY alias
    RETURN collect(alias) AS aliases
  }
  CALL (m, n) {
    UNWIND coalesce(n.sentence_ids, []) + coalesce(m.sentence_ids, []) AS sentence_id
    WITH DISTINCT sentence_id ORDER BY sentence_id
    RETURN collect(sentence_id) AS sentence_ids
  }
  SET n.name = keep.id,
      n.type = CASE WHEN n.type IS NULL OR m.type < n.type THEN m.type ELSE n.type END,
      n.count = coalesce(n.count, 0) + m.count,
      n.confidence = CASE WHEN n.confidence IS NULL OR m.confidence > n.confidence
                          THEN m.confidence ELSE n.confidence END,
      n.aliases = aliases,
      n.sentence_ids = sentence_ids
  DELETE m
}
CALL (gone, keep) {
  MATCH (x:Alias)-[t:ALIAS_OF]->(gone)
  MERGE (x)-[n:ALIAS_OF {via: t.via, kind: t.kind}]->(keep)
  WITH t, n
  CALL (t, n) {
    UNWIND coalesce(n.article_ids, []) + t.article_ids AS article_id
    WITH DISTINCT article_id ORDER BY article_id
    RETURN collect(article_id) AS article_ids
  }
  CALL (t, n) {
    UNWIND coalesce(n.sentence_ids, []) + t.sentence_ids AS sentence_id
    WITH DISTINCT sentence_id ORDER BY sentence_id
    RETURN collect(sentence_id) AS sentence_ids
  }
  SET n.source = t.source, n.reason = t.reason,
      n.article_ids = article_ids, n.sentence_ids = sentence_ids
  DELETE t
}
// $keep's own name was an alias of $gone: its ties now belong to the names they tied it to.
CALL (keep) {
  MATCH (x:Alias {name: keep.id})-[t:ALIAS_OF]->(keep)
  WHERE t.via <> keep.id
  MERGE (y:Alias {name: t.via})
  SET y.id = t.via
  MERGE (y)-[n:ALIAS_OF {via: keep.id, kind: t.kind}]->(keep)
  WITH t, n
  CALL (t, n) {
    UNWIND coalesce(n.article_ids, []) + t.article_ids AS article_id
    WITH DISTINCT article_id ORDER BY article_id
    RETURN collect(article_id) AS article_ids
  }
  CALL (t, n) {
    UNWIND coalesce(n.sentence_ids, []) + t.sentence_ids AS sentence_id
    WITH DISTINCT sentence_id ORDER BY sentence_id
    RETURN collect(sentence_id) AS sentence_ids
  }
  SET n.source = t.source, n.reason = t.reason,
      n.article_ids = article_ids, n.sentence_ids = sentence_ids
}
CALL (keep) {
  MATCH (x:Alias {name: keep.id})
  DETACH DELETE x
}
DETACH DELETE gone
