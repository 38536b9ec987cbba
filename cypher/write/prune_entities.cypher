// Delete entities no article mentions any more (nothing else can support them).
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WHERE NOT EXISTS { (:Article)-[:MENTIONS]->(e) }
DETACH DELETE e
