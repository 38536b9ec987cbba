// name: neighbours
// description: The entities within `depth` hops (1 to 3) of an entity over the chosen relation types, and the relationships on the way.
// param entity (string): the entity's id
// param depth (int): how many hops, 1 to 3
// param relation_types (list<string>?): follow only these types (OWNS, INVESTS_IN ...); null for all
// :param [{entity, depth, relation_types}] => { RETURN '阿里巴巴' AS entity, 2 AS depth, null AS relation_types }
MATCH (entity:Entity {id: $entity})
OPTIONAL MATCH path = (entity)-[hops:OWNS|INVESTS_IN|ACQUIRES|PARTNERS_WITH|COMPETES_WITH|EMPOWERS|CUSTODIAN_FOR|ADOPTS|REGULATES|MEMBER_OF|SUCCEEDS*1..3]-(other:Entity)
WHERE length(path) <= $depth
  AND ($relation_types IS NULL OR all(r IN hops WHERE type(r) IN $relation_types))
UNWIND coalesce(hops, [null]) AS r
WITH entity, collect(DISTINCT other) AS others, collect(DISTINCT r) AS relations
RETURN [n IN others | n {.id, .name, types: [l IN labels(n) WHERE l <> 'Entity'],
                         aliases: coalesce(n.aliases, [])}] AS entities,
       [r IN relations | {source: startNode(r).id, type: type(r), target: endNode(r).id,
                          confidence: r.confidence, hedged: coalesce(r.hedged, false),
                          article_ids: coalesce(r.article_ids, [])}] AS relations
