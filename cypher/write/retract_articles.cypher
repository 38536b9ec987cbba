// Delete the articles with their sentences, mentions and reports (their events are synced
// afterwards from the reports that remain).
UNWIND $ids AS id
MATCH (a:Article {id: id})
CALL (a) {
  MATCH (a)-[:HAS_SENTENCE]->(s:Sentence)
  DETACH DELETE s
}
DETACH DELETE a
