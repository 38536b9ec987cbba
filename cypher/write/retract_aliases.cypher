// Retraction and entity resolution: the names of entities no article mentions any more go
// (before prune_entities deletes those entities); other ties lose the retracted articles'
// support, and a tie of an article or of merged mentions left without support goes, with
// a name left without ties. $ids: retracted article ids; $entity_ids: entities they mentioned.
CALL () {
  UNWIND $entity_ids AS id
  MATCH (a:Alias)-[:ALIAS_OF]->(e:Entity {id: id})
  WHERE NOT EXISTS { (:Article)-[:MENTIONS]->(e) }
  DETACH DELETE a
}
CALL () {
  UNWIND $entity_ids AS id
  MATCH (a:Alias)-[t:ALIAS_OF]->(:Entity {id: id})
  WHERE any(article_id IN t.article_ids WHERE article_id IN $ids)
  SET t.article_ids = [x IN t.article_ids WHERE NOT x IN $ids],
      t.sentence_ids = [s IN t.sentence_ids WHERE NOT any(x IN $ids WHERE s STARTS WITH x + '#')]
  WITH a, t
  WHERE size(t.article_ids) = 0 AND t.kind IN ['article', 'cleanup', 'merged']
  DELETE t
  WITH DISTINCT a
  WHERE NOT EXISTS { (a)-[:ALIAS_OF]->() }
  DELETE a
}
