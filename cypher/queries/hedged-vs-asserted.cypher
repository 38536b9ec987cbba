// name: hedged-vs-asserted
// description: An entity's relations split into asserted facts and hedged ones (rumour, plan, 传言, 或将), with how many articles say each.
// param entity (string): the entity's id, name or alias
// :param {entity: '蚂蚁金服'}
MATCH (entity:Entity)
WHERE entity.id = $entity OR entity.name = $entity OR $entity IN entity.aliases
WITH entity
ORDER BY CASE WHEN entity.id = $entity THEN 0 WHEN entity.name = $entity THEN 1 ELSE 2 END
LIMIT 1
MATCH (entity)-[r]-(other:Entity)
RETURN CASE WHEN coalesce(r.hedged, false) THEN 'hedged' ELSE 'asserted' END AS status,
       startNode(r).name AS source,
       type(r) AS relation,
       endNode(r).name AS target,
       r.confidence AS confidence,
       size(coalesce(r.article_ids, [])) AS articles
ORDER BY status, relation, source, target
