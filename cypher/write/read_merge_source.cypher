// Before an entity node is merged into another (entity resolution): its relationships to
// other entities (rewritten onto the node it joins), the risk events it is subject of or
// acted in (rebuilt with the new id in their keys) and the articles that mention it.
// $ids: the entity ids to read (the node that goes and the node that stays).
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN e.id AS id,
       [(e)-[r]->(x:Entity) | [type(r), e.id, x.id, properties(r)]]
       + [(x:Entity)-[r]->(e) WHERE x <> e | [type(r), x.id, e.id, properties(r)]] AS relations,
       [(e)-[:SUBJECT_OF|ACTED_IN]->(ev:RiskEvent) | ev.id] AS event_ids,
       [(a:Article)-[:MENTIONS]->(e) | a.id] AS article_ids
