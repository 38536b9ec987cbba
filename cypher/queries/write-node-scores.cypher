// name: write-node-scores
// description: (Writes.) Store analytics scores as properties of entities and risk events; used by KnowledgeGraph.write_back, which allows only risk_score, pagerank and degree_centrality as keys.
// param rows (list<map>): maps {kind: 'Entity' or 'RiskEvent', id, properties: {risk_score: 0.4}}
// :param [{rows}] => { RETURN [] AS rows }
UNWIND $rows AS row
OPTIONAL MATCH (entity:Entity {id: row.id})
WHERE row.kind = 'Entity'
OPTIONAL MATCH (event:RiskEvent {id: row.id})
WHERE row.kind = 'RiskEvent'
WITH row, coalesce(entity, event) AS node
WHERE node IS NOT NULL
SET node += row.properties
RETURN count(node) AS written
