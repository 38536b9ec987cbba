// name: search-entities
// description: Full-text search over entity names and aliases (CJK analyzer: 蚂蚁 finds 蚂蚁金服 and 蚂蚁集团), best match first.
// param text (string): a Lucene query; the Python API escapes plain text for you
// param limit (int): how many hits to return
// :param [{text, limit}] => { RETURN '蚂蚁' AS text, 10 AS limit }
CALL db.index.fulltext.queryNodes('entity_names', $text, {limit: $limit}) YIELD node, score
RETURN node.id AS id,
       node.name AS name,
       [label IN labels(node) WHERE label <> 'Entity'] AS types,
       coalesce(node.aliases, []) AS aliases,
       properties(node) AS properties,
       score
ORDER BY score DESC, id
