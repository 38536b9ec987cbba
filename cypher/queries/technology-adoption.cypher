// name: technology-adoption
// description: Which kinds of institution adopt which technologies (大数据, 区块链, 人工智能 ...), with examples.
// param technology (string?): only this technology (id, name or alias); null for all
// :param [{technology}] => { RETURN null AS technology }
MATCH (institution:Entity)-[:ADOPTS]->(technology:Technology)
WHERE $technology IS NULL OR technology.id = $technology OR technology.name = $technology
   OR $technology IN technology.aliases
UNWIND [label IN labels(institution) WHERE label <> 'Entity'] AS institution_type
WITH technology, institution_type, collect(DISTINCT institution.name) AS institutions
RETURN technology.name AS technology,
       institution_type,
       size(institutions) AS adopters,
       institutions[..10] AS examples
ORDER BY technology, adopters DESC, institution_type
