// Take the write lock of risk events by id, creating the node of a new sector-level event;
// the event sync then fills it in. Sorted ids keep the lock order the same for all writers.
UNWIND $rows AS row
MERGE (e:RiskEvent {id: row.id})
SET e.key = row.key
