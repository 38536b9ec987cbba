// Re-link each subject's lifecycle: its dated risk events in order of (date, date_until, type,
// id): a month or year sorts at its first day, before the days it holds; each FOLLOWED_BY
// the next. The chain belongs to its subject ({subject: id}); every event has one subject.
UNWIND $ids AS id
MATCH (x:Entity {id: id})
OPTIONAL MATCH (x)-[:SUBJECT_OF]->(e:RiskEvent)
WHERE e.date IS NOT NULL
WITH x, e ORDER BY e.date, e.date_until, e.type, e.id
WITH x, collect(e) AS events
WITH x, [i IN range(0, size(events) - 2) | [events[i], events[i + 1]]] AS pairs
CALL (x, pairs) {
  MATCH (x)-[:SUBJECT_OF]->(a:RiskEvent)-[f:FOLLOWED_BY {subject: x.id}]->(b:RiskEvent)
  WHERE NOT [a, b] IN pairs
  DELETE f
}
CALL (x, pairs) {
  UNWIND pairs AS pair
  WITH x, pair[0] AS a, pair[1] AS b
  MERGE (a)-[:FOLLOWED_BY {subject: x.id}]->(b)
}
