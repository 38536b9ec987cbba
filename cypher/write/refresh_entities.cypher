// Recompute name, type labels and aliases of entities from the mentions that remain, by the
// same rules as write_entities (smallest name and type, sorted union of aliases).
// $entity_labels: every entity type label of the vocabulary.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
CALL (e) {
  MATCH (:Article)-[m:MENTIONS]->(e)
  WITH m ORDER BY m.type
  RETURN min(m.name) AS name, collect(DISTINCT m.type) AS types
}
CALL (e, name) {
  MATCH (:Article)-[m:MENTIONS]->(e)
  UNWIND m.aliases AS alias
  WITH DISTINCT alias WHERE alias <> name
  ORDER BY alias
  RETURN collect(alias) AS aliases
}
REMOVE e:$($entity_labels)
SET e:$(types)
SET e.name = name, e.aliases = aliases, e.type = types[0]
