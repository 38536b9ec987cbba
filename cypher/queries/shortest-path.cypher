// name: shortest-path
// description: The shortest chain of relations and shared risk events linking two entities (up to 6 hops).
// param source (string): id, name or alias of the first entity
// param target (string): id, name or alias of the second entity
// Sectors, collectives (BAT) and generic authorities (警方 with no place) stand for many bodies; no path passes them.
// :param [{source, target}] => { RETURN '蚂蚁金服' AS source, '中国人民银行' AS target }
MATCH (a:Entity)
WHERE (a.id = $source OR a.name = $source OR $source IN a.aliases)
  AND NOT a:Sector AND NOT a:Collective AND NOT coalesce(a.generic, false) IN [true, 'true']
WITH a
ORDER BY CASE WHEN a.id = $source THEN 0 WHEN a.name = $source THEN 1 ELSE 2 END
LIMIT 1
MATCH (b:Entity)
WHERE (b.id = $target OR b.name = $target OR $target IN b.aliases) AND b <> a
  AND NOT b:Sector AND NOT b:Collective AND NOT coalesce(b.generic, false) IN [true, 'true']
WITH a, b
ORDER BY CASE WHEN b.id = $target THEN 0 WHEN b.name = $target THEN 1 ELSE 2 END
LIMIT 1
MATCH path = shortestPath((a)-[:OWNS|INVESTS_IN|ACQUIRES|PARTNERS_WITH|COMPETES_WITH|EMPOWERS|CUSTODIAN_FOR|ADOPTS|REGULATES|MEMBER_OF|SUCCEEDS|SUBJECT_OF|ACTED_IN*..6]-(b))
WHERE none(n IN nodes(path) WHERE n:Sector OR n:Collective OR coalesce(n.generic, false) IN [true, 'true'])
RETURN [n IN nodes(path) | n.name] AS nodes,
       [r IN relationships(path) | type(r)] AS relations,
       length(path) AS hops
