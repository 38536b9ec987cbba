// name: entity
// description: Look an entity up by its id, canonical name or one of its aliases; an exact id wins over a name, a name over an alias.
// param name (string): id, name or alias
// :param [{name}] => { RETURN '蚂蚁金服' AS name }
MATCH (entity:Entity)
WHERE entity.id = $name OR entity.name = $name OR $name IN entity.aliases
RETURN entity.id AS id,
       entity.name AS name,
       [label IN labels(entity) WHERE label <> 'Entity'] AS types,
       coalesce(entity.aliases, []) AS aliases,
       properties(entity) AS properties
ORDER BY CASE WHEN entity.id = $name THEN 0 WHEN entity.name = $name THEN 1 ELSE 2 END, id
LIMIT 1
