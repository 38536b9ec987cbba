// name: export-nodes
// description: Every node with its labels and properties, for `fintech-kg export`.
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS properties
ORDER BY n.id
