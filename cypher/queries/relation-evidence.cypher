// name: relation-evidence
// description: The sentences that support a relationship between two entities, with their articles, oldest first.
// param source (string): id, name or alias of the source entity
// param relation (string?): the relationship type (OWNS, CUSTODIAN_FOR ...); null for any
// param target (string): id, name or alias of the target entity
// :param [{source, relation, target}] => { RETURN '蚂蚁金服' AS source, 'OWNS' AS relation, '支付宝' AS target }
MATCH (a:Entity)-[r]->(b:Entity)
WHERE (a.id = $source OR a.name = $source OR $source IN a.aliases)
  AND (b.id = $target OR b.name = $target OR $target IN b.aliases)
  AND ($relation IS NULL OR type(r) = $relation)
UNWIND r.sentence_ids AS sentence_id
MATCH (article:Article)-[:HAS_SENTENCE]->(sentence:Sentence {id: sentence_id})
RETURN a.id AS source,
       type(r) AS relation,
       b.id AS target,
       coalesce(r.hedged, false) AS hedged,
       r.confidence AS confidence,
       coalesce(r.article_ids, []) AS article_ids,
       sentence.id AS sentence_id,
       sentence.text AS sentence,
       sentence.start AS start,
       sentence.end AS end,
       article.id AS article_id,
       article.title AS title,
       article.published_at AS published_at
ORDER BY published_at, article_id, start
