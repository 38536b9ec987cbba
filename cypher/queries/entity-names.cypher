// name: entity-names
// description: Why names are one entity: the entity a name resolves to (by id, name, alias or resolved name) and each tie of another name to it, with its kind (article, merged, lexicon, override, cleanup), source, reason, articles and sentences.
// param name (string): id, name, alias or resolved name of the entity
// :param [{name}] => { RETURN '小资钱包' AS name }
MATCH (entity:Entity)
WHERE entity.id = $name OR entity.name = $name OR $name IN entity.aliases
   OR EXISTS { (:Alias {name: $name})-[:ALIAS_OF]->(entity) }
WITH entity
ORDER BY CASE WHEN entity.id = $name THEN 0 WHEN entity.name = $name THEN 1 ELSE 2 END, entity.id
LIMIT 1
OPTIONAL MATCH (alias:Alias)-[tie:ALIAS_OF]->(entity)
CALL (tie) {
  UNWIND coalesce(tie.sentence_ids, []) AS sentence_id
  MATCH (s:Sentence {id: sentence_id})
  RETURN collect(s.text) AS sentences
}
RETURN entity.id AS entity,
       coalesce(entity.aliases, []) AS aliases,
       alias.name AS name,
       tie.via AS via,
       tie.kind AS kind,
       tie.source AS source,
       tie.reason AS reason,
       coalesce(tie.article_ids, []) AS article_ids,
       sentences
ORDER BY name, via, kind
