// name: risk-graph
// description: The graph without its provenance, to look at in Neo4j Browser: entities, the relations among them and the risk events they are the subject of or acted in.
// param limit (int): at most this many relationships
// Articles and sentences are left out: through them everything is two hops from everything.
// :param [{limit}] => { RETURN 300 AS limit }
MATCH (entity:Entity)-[link:OWNS|INVESTS_IN|ACQUIRES|PARTNERS_WITH|COMPETES_WITH|EMPOWERS|CUSTODIAN_FOR|ADOPTS|REGULATES|MEMBER_OF|SUCCEEDS|SUBJECT_OF|ACTED_IN]->(other)
RETURN entity, link, other
LIMIT $limit
