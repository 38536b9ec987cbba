// name: exposed-banks-graph
// description: Banks and the risk events they are exposed to, as a drawing, for top-exposed-banks: bank, the platform or company it holds funds for, owns or invests in, and that one's events.
// param limit (int): at most this many paths
// :param [{limit}] => { RETURN 100 AS limit }
MATCH path = (:Bank)-[:CUSTODIAN_FOR|OWNS|INVESTS_IN]->(:Entity)-[:SUBJECT_OF]->(:RiskEvent)
RETURN path
LIMIT $limit
