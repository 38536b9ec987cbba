// What the graph holds for the names a batch involves (entity resolution,
// fintech_kg.graph.aliases): each entity whose id is one of $names or that one of $names
// already resolves to (an :Alias), with its type labels, the other names that resolve to it
// as [name, kind of tie] and its properties. $entity_labels: the entity type labels of the vocabulary.
UNWIND $names AS name
CALL (name) {
  MATCH (e:Entity {id: name})
  RETURN e
  UNION
  MATCH (:Alias {name: name})-[:ALIAS_OF]->(e:Entity)
  RETURN e
}
WITH DISTINCT e
RETURN e.id AS id,
       [label IN labels(e) WHERE label IN $entity_labels] AS types,
       [(a:Alias)-[t:ALIAS_OF]->(e) | [a.name, t.kind]] AS names,
       properties(e) AS properties
