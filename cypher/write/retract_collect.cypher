// What retracting these articles touches: the entities they mention and their risk events.
UNWIND $ids AS id
MATCH (a:Article {id: id})
OPTIONAL MATCH (a)-[:MENTIONS]->(e:Entity)
WITH a, collect(e.id) AS entity_ids
OPTIONAL MATCH (a)-[:REPORTS]->(ev:RiskEvent)
WITH a, entity_ids, collect(DISTINCT ev) AS events
RETURN a.id AS id, entity_ids, [ev IN events | {id: ev.id, key: ev.key}] AS events
