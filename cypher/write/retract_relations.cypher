// Remove the articles' support from entity relationships; delete those left unsupported.
// A relationship an article supports joins two entities the article mentions. Grouped per
// relationship first, because rows of one statement all read the values from before its SET.
UNWIND $ids AS id
MATCH (:Article {id: id})-[:MENTIONS]->(:Entity)-[r]->(:Entity)
WHERE id IN r.article_ids
WITH r, collect(DISTINCT id) AS gone_articles
CALL (gone_articles) {
  UNWIND gone_articles AS gone
  MATCH (:Article {id: gone})-[:HAS_SENTENCE]->(s:Sentence)
  RETURN collect(s.id) AS gone_sentences
}
WITH r, [i IN range(0, size(r.article_ids) - 1) WHERE NOT r.article_ids[i] IN gone_articles]
        AS keep,
     [s IN r.sentence_ids WHERE NOT s IN gone_sentences] AS sentence_ids
WITH r, sentence_ids, [i IN keep | r.article_ids[i]] AS article_ids,
     [i IN keep | r.confidences[i]] AS confidences
SET r.article_ids = article_ids,
    r.confidences = confidences,
    r.confidence = reduce(best = 0.0, c IN confidences | CASE WHEN c > best THEN c ELSE best END),
    r.sentence_ids = sentence_ids
WITH r WHERE size(r.article_ids) = 0
DELETE r
