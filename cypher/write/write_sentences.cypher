// One row per evidence sentence: the sentence node and the article that contains it
// (HAS_SENTENCE created: the article is new or retracted earlier in this transaction).
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id})
MERGE (s:Sentence {id: row.id})
SET s.article_id = row.article_id, s.text = row.text, s.start = row.start, s.end = row.end
CREATE (a)-[:HAS_SENTENCE]->(s)
