// Take the write lock of entities (sorted ids) before reading the events they are subject of.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
SET e.id = id
