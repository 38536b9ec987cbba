// name: export-relationships
// description: Every relationship with its endpoints' labels and ids, for `fintech-kg export`.
MATCH (a)-[r]->(b)
RETURN labels(a) AS source_labels, a.id AS source, type(r) AS type,
       labels(b) AS target_labels, b.id AS target, properties(r) AS properties
ORDER BY type, source, target
