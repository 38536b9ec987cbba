// One row per evidence sentence: the sentence node and the article that contains it.
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id})
MERGE (s:Sentence {id: row.id})
SET s.article_id = row.article_id, s.text = row.text, s.start = row.start, s.end = row.end
MERGE (a)-[:HAS_SENTENCE]->(s)
