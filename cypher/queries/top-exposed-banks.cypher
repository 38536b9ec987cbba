// name: top-exposed-banks
// description: Banks ranked by the risk events of the platforms and companies they hold funds for, own or invest in.
// param limit (int): how many banks to return
// :param [{limit}] => { RETURN 10 AS limit }
MATCH (bank:Bank)-[link:CUSTODIAN_FOR|OWNS|INVESTS_IN]->(exposed:Entity)-[:SUBJECT_OF]->(event:RiskEvent)
WHERE NOT exposed:Sector AND NOT exposed:Collective AND NOT coalesce(exposed.generic, false) IN [true, 'true']
WITH bank, exposed, collect(DISTINCT type(link)) AS links, collect(DISTINCT event) AS events
WITH bank,
     collect(exposed.name + ' (' + reduce(s = '', l IN links | s + l) + ')') AS via,
     sum(size(events)) AS risk_events,
     count(exposed) AS exposed_entities,
     reduce(total = 0.0, es IN collect(events) |
            total + reduce(t = 0.0, e IN es | t + coalesce(e.amount_cny, 0.0))) AS amount_cny
RETURN bank.name AS bank, exposed_entities, risk_events, amount_cny, via[..10] AS via
ORDER BY risk_events DESC, exposed_entities DESC, bank
LIMIT $limit
