// name: hedged-vs-asserted
// description: An entity's relations and risk events split into asserted facts and hedged ones (rumour, plan: 传言, 或将), with how many articles say each.
// param entity (string): the entity's id, name or alias
// An event counts as hedged only when every report of it hedges.
// :param [{entity}] => { RETURN '蚂蚁金服' AS entity }
MATCH (entity:Entity)
WHERE entity.id = $entity OR entity.name = $entity OR $entity IN entity.aliases
WITH entity
ORDER BY CASE WHEN entity.id = $entity THEN 0 WHEN entity.name = $entity THEN 1 ELSE 2 END
LIMIT 1
CALL (entity) {
  MATCH (entity)-[r]-(other:Entity)
  RETURN coalesce(r.hedged, false) AS hedged,
         startNode(r).name AS source,
         type(r) AS fact,
         endNode(r).name AS target,
         r.confidence AS confidence,
         size(coalesce(r.article_ids, [])) AS articles
  UNION ALL
  MATCH (entity)-[:SUBJECT_OF]->(event:RiskEvent)
  RETURN coalesce(event.hedged, false) AS hedged,
         entity.name AS source,
         event.type AS fact,
         coalesce(event.date_text, '') AS target,
         event.confidence AS confidence,
         event.mention_count AS articles
}
RETURN CASE WHEN hedged THEN 'hedged' ELSE 'asserted' END AS status,
       source, fact, target, confidence, articles
ORDER BY status, fact, source, target
