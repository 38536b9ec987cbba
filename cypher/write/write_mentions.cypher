// One row per (article, entity): how the article names the entity and where. CREATE, not
// MERGE: the writer only writes an article it has claimed with no contribution in the graph
// (new, or retracted earlier in the same transaction).
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id})
MATCH (e:Entity {id: row.entity_id})
CREATE (a)-[m:MENTIONS]->(e)
SET m.name = row.name,
    m.type = row.type,
    m.aliases = row.aliases,
    m.count = row.count,
    m.confidence = row.confidence,
    m.sentence_ids = row.sentence_ids
