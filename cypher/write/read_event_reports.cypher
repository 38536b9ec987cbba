// The risk events a change can reach, each with its reports as compact lists
// [article id, published_at, report properties] (empty for an event without reports):
// $windows: {key, from, to}: events of the key whose dates [date, date_to] meet [from, to];
// $undated_keys: the undated event of each key; $event_ids: these events.
CALL () {
  UNWIND $windows AS window
  MATCH (e:RiskEvent {key: window.key})
  WHERE e.date <= window.to AND e.date_to >= window.from
  RETURN e
  UNION
  UNWIND $undated_keys AS key
  MATCH (e:RiskEvent {key: key})
  WHERE e.date IS NULL
  RETURN e
  UNION
  UNWIND $event_ids AS id
  MATCH (e:RiskEvent {id: id})
  RETURN e
}
RETURN e.id AS event_id, e.key AS key,
       [(a:Article)-[r:REPORTS]->(e) | [a.id, a.published_at, properties(r)]] AS reports
