// name: co-mentioned
// description: The entities most often mentioned in the same articles as a given one.
// param entity (string): the entity's id, name or alias
// param limit (int): how many to return
// :param [{entity, limit}] => { RETURN '阿里巴巴' AS entity, 10 AS limit }
MATCH (entity:Entity)
WHERE entity.id = $entity OR entity.name = $entity OR $entity IN entity.aliases
WITH entity
ORDER BY CASE WHEN entity.id = $entity THEN 0 WHEN entity.name = $entity THEN 1 ELSE 2 END
LIMIT 1
MATCH (entity)<-[:MENTIONS]-(article:Article)-[:MENTIONS]->(other:Entity)
WHERE other <> entity
RETURN other.name AS entity,
       [label IN labels(other) WHERE label <> 'Entity'] AS types,
       count(DISTINCT article) AS articles
ORDER BY articles DESC, entity
LIMIT $limit
