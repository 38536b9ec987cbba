// Risk events no report supports any more, with their relationships.
UNWIND $ids AS id
MATCH (e:RiskEvent {id: id})
DETACH DELETE e
