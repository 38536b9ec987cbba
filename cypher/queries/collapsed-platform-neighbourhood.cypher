// name: collapsed-platform-neighbourhood
// description: Everything within two hops of a collapsed platform: owners, banks, partners, its events and who acted on them.
// param platform (string): the platform's id, name or alias
// Articles are left out: through them every entity would be two hops from every other.
// :param [{platform}] => { RETURN '唐小僧' AS platform }
MATCH (platform:P2PPlatform)-[:SUBJECT_OF]->(:RiskEvent {type: 'COLLAPSE'})
WHERE platform.id = $platform OR platform.name = $platform OR $platform IN platform.aliases
WITH DISTINCT platform
MATCH path = (platform)-[:OWNS|INVESTS_IN|ACQUIRES|PARTNERS_WITH|COMPETES_WITH|EMPOWERS|CUSTODIAN_FOR|ADOPTS|REGULATES|MEMBER_OF|SUCCEEDS|SUBJECT_OF|ACTED_IN*1..2]-(other)
WHERE other <> platform
WITH platform, other, min(length(path)) AS hops,
     collect([r IN relationships(path) | type(r)])[0] AS via
RETURN platform.name AS platform,
       CASE WHEN other:RiskEvent THEN 'RiskEvent' ELSE 'Entity' END AS kind,
       other.name AS name,
       [label IN labels(other) WHERE NOT label IN ['Entity', 'RiskEvent']] AS types,
       hops,
       via
ORDER BY hops, kind, name
