// What retracting these articles touches: the entities they mention and their risk events.
UNWIND $ids AS id
MATCH (a:Article {id: id})
OPTIONAL MATCH (a)-[:MENTIONS]->(e:Entity)
WITH a, collect(e.id) AS entity_ids
OPTIONAL MATCH (a)-[:REPORTS]->(ev:RiskEvent)
RETURN a.id AS id, entity_ids, collect(DISTINCT ev.key) AS event_keys,
       collect(DISTINCT ev.id) AS event_ids
