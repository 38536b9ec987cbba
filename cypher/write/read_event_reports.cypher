// Every risk event with one of the merge keys, and each of its reports (null for none).
UNWIND $keys AS key
MATCH (e:RiskEvent {key: key})
OPTIONAL MATCH (a:Article)-[r:REPORTS]->(e)
RETURN e.id AS event_id, e.key AS key, a.id AS article_id, a.published_at AS published_at,
       properties(r) AS report
