// name: graph-stats
// description: How many nodes carry each label and how many relationships have each type (read from the count store, so fast).
// :param {}
CALL () {
  CALL db.labels() YIELD label
  CALL (label) { MATCH (n:$(label)) RETURN count(n) AS count }
  RETURN collect([label, count]) AS labels
}
CALL () {
  CALL db.relationshipTypes() YIELD relationshipType
  CALL (relationshipType) { MATCH ()-[r:$(relationshipType)]->() RETURN count(r) AS count }
  RETURN collect([relationshipType, count]) AS types
}
CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN nodes, relationships, labels, types
