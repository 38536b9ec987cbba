// name: evidence-sentences
// description: Sentences by id, with their articles: the evidence behind a relationship's `sentence_ids`.
// param ids (list<string>): sentence ids
// :param [{ids}] => { RETURN ['some-sentence-id'] AS ids }
MATCH (article:Article)-[:HAS_SENTENCE]->(sentence:Sentence)
WHERE sentence.id IN $ids
RETURN sentence {.id, .article_id, .text, .start, .end,
                 article_title: article.title,
                 published_at: article.published_at} AS sentence
ORDER BY article.published_at, article.id, sentence.start
