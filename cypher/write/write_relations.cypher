// One row per relationship of the batch: (source, target, hedged) with the supporting
// articles (article_ids with their confidences, aligned) and sentences. Hedged and stated
// claims are separate relationships. Existing support from the row's articles is replaced,
// support from other articles kept; lists stay sorted, so the order of ingest does not show.
// The type placeholder is replaced by one relation type of the vocabulary
// (fintech_kg.graph.templates.write_template), so MERGE walks only relationships of that
// type, even on entities with thousands of mentions.
UNWIND $rows AS row
MATCH (s:Entity {id: row.source})
MATCH (t:Entity {id: row.target})
MERGE (s)-[r:{{RELATION_TYPE}} {hedged: row.hedged}]->(t)
WITH r, row
CALL (r, row) {
  WITH r, row, coalesce(r.article_ids, []) AS old_ids, coalesce(r.confidences, []) AS old_conf
  UNWIND [i IN range(0, size(old_ids) - 1) WHERE NOT old_ids[i] IN row.article_ids
          | [old_ids[i], old_conf[i]]]
         + [i IN range(0, size(row.article_ids) - 1) | [row.article_ids[i], row.confidences[i]]]
         AS pair
  WITH pair ORDER BY pair[0]
  RETURN collect(pair[0]) AS article_ids, collect(pair[1]) AS confidences
}
CALL (r, row) {
  UNWIND [s IN coalesce(r.sentence_ids, []) WHERE NOT s IN row.sentence_ids] + row.sentence_ids
         AS sentence_id
  WITH sentence_id ORDER BY sentence_id
  RETURN collect(sentence_id) AS sentence_ids
}
SET r.article_ids = article_ids,
    r.confidences = confidences,
    r.confidence = reduce(best = 0.0, c IN confidences | CASE WHEN c > best THEN c ELSE best END),
    r.sentence_ids = sentence_ids,
    r.extractor = row.extractor
