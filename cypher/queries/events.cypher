// name: events
// description: Risk events filtered by type, period and the entity they happened to (or that acted on them), oldest first.
// param types (list<string>?): event types (COLLAPSE, OVERDUE ...); null for all
// param since (date?): first day; null for no limit
// param until (date?): last day; null for no limit
// param entity (string?): the id of an entity that is a subject or authority of the event; null for any
// param limit (int): how many events to return
// With an entity the search starts from it rather than from every event.
// An event known to a month or a year is in the period when its month or year meets it.
// :param [{types, since, until, entity, limit}] => { RETURN ['COLLAPSE', 'OVERDUE'] AS types, date('2018-01-01') AS since, null AS until, null AS entity, 100 AS limit }
CALL () {
  MATCH (:Entity {id: $entity})-[:SUBJECT_OF|ACTED_IN]->(event:RiskEvent)
  RETURN event
  UNION
  MATCH (event:RiskEvent)
  WHERE $entity IS NULL
  RETURN event
}
WITH event
WHERE ($types IS NULL OR event.type IN $types)
  AND ($since IS NULL OR coalesce(event.date_until, event.date) >= $since)
  AND ($until IS NULL OR event.date <= $until)
RETURN event {.id, .type, .date, .date_precision, .date_text, .amount_cny, .location, .sector,
              co_subjects: coalesce(event.co_subjects, []), .first_reported, .last_reported,
              .mention_count,
              subjects: COLLECT { MATCH (s:Entity)-[:SUBJECT_OF]->(event) RETURN s.id },
              authorities: COLLECT { MATCH (a:Entity)-[:ACTED_IN]->(event) RETURN a.id }} AS event
ORDER BY event.date, event.id
LIMIT $limit
