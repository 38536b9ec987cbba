// Before an entity node is merged into another (entity resolution): its relationships to
// other entities (rewritten onto the node it joins), the risk events that name it (rebuilt
// with the new id in their keys: as subject or authority, and as a co-subject of an article's
// report) and the articles that mention it.
// $ids: the entity ids to read (the nodes that go and the nodes they join).
UNWIND $ids AS id
MATCH (e:Entity {id: id})
RETURN e.id AS id,
       [(e)-[r]->(x:Entity) | [type(r), e.id, x.id, properties(r)]]
       + [(x:Entity)-[r]->(e) WHERE x <> e | [type(r), x.id, e.id, properties(r)]] AS relations,
       [(e)-[:SUBJECT_OF|ACTED_IN]->(ev:RiskEvent) | ev.id]
       + [(e)<-[:MENTIONS]-(:Article)-[r:REPORTS]->(ev:RiskEvent)
          WHERE e.id IN coalesce(r.co_subjects, []) | ev.id] AS event_ids,
       [(a:Article)-[:MENTIONS]->(e) | a.id] AS article_ids
