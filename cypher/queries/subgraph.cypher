// name: subgraph
// description: Entities and risk events within `depth` hops (0 to 3) of some entities, or of every entity, with the relationships among them.
// param entities (list<string>?): ids of the entities to start from; null for all entities
// param depth (int): how many hops out, 0 to 3
// :param [{entities, depth}] => { RETURN ['唐小僧'] AS entities, 2 AS depth }
MATCH (start:Entity)
WHERE $entities IS NULL OR start.id IN $entities
OPTIONAL MATCH path = (start)-[:OWNS|INVESTS_IN|ACQUIRES|PARTNERS_WITH|COMPETES_WITH|EMPOWERS|CUSTODIAN_FOR|ADOPTS|REGULATES|MEMBER_OF|SUCCEEDS|SUBJECT_OF|ACTED_IN|FOLLOWED_BY*1..3]-(reached)
WHERE length(path) <= $depth
WITH collect(DISTINCT start) + collect(DISTINCT reached) AS found
UNWIND found AS node
WITH collect(DISTINCT node) AS nodes
CALL (nodes) {
  UNWIND nodes AS a
  MATCH (a)-[r]->(b)
  WHERE b IN nodes
  RETURN collect(r) AS relationships
}
RETURN [n IN nodes | {labels: labels(n), properties: properties(n)}] AS nodes,
       [r IN relationships | {source_labels: labels(startNode(r)), source: startNode(r).id,
                              type: type(r),
                              target_labels: labels(endNode(r)), target: endNode(r).id,
                              properties: properties(r)}] AS relationships
