// The risk events a change can reach, each with its reports as compact lists
// [article id, published_at, report properties] (empty for an event without reports):
// $windows: {key, from, to}: events of the key whose span [span_from, span_to] meets
// [from, to]; $keys: of each key, its undated event, and its latest dated event not among
// $event_ids if that holds undated reports (they live on a key's latest event);
// $latest_keys: of each, that latest event in any case; $event_ids: these events.
CALL () {
  UNWIND $windows AS window
  MATCH (e:RiskEvent {key: window.key})
  WHERE e.span_from <= window.to AND e.span_to >= window.from
  RETURN e
  UNION
  UNWIND $keys AS key
  MATCH (e:RiskEvent {key: key})
  WHERE e.span_from IS NULL
  RETURN e
  UNION
  UNWIND $keys AS key
  CALL (key) {
    MATCH (e:RiskEvent {key: key})
    WHERE e.span_from IS NOT NULL AND NOT e.id IN $event_ids
    RETURN e ORDER BY e.span_from DESC, e.id DESC LIMIT 1
  }
  WITH key, e
  WHERE e.undated_reports > 0 OR key IN $latest_keys
  RETURN e
  UNION
  UNWIND $event_ids AS id
  MATCH (e:RiskEvent {id: id})
  RETURN e
}
RETURN e.id AS event_id, e.key AS key,
       [(a:Article)-[r:REPORTS]->(e) | [a.id, a.published_at, properties(r)]] AS reports
