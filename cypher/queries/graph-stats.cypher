// name: graph-stats
// description: How many nodes carry each label and how many relationships have each type, one row each.
// Every label and type is spelled out (not looped over with dynamic labels) so that each
// count comes from Neo4j's count store in constant time instead of a scan of the graph.
// Counting before naming the row keeps rows of zero (a grouping key would drop them).
MATCH (n) WITH count(n) AS count RETURN 'total' AS kind, 'nodes' AS name, count
UNION ALL MATCH ()-[r]->() WITH count(r) AS count RETURN 'total' AS kind, 'relationships' AS name, count
UNION ALL MATCH (n:Article) WITH count(n) AS count RETURN 'label' AS kind, 'Article' AS name, count
UNION ALL MATCH (n:Entity) WITH count(n) AS count RETURN 'label' AS kind, 'Entity' AS name, count
UNION ALL MATCH (n:RiskEvent) WITH count(n) AS count RETURN 'label' AS kind, 'RiskEvent' AS name, count
UNION ALL MATCH (n:Sentence) WITH count(n) AS count RETURN 'label' AS kind, 'Sentence' AS name, count
UNION ALL MATCH (n:Alias) WITH count(n) AS count RETURN 'label' AS kind, 'Alias' AS name, count
UNION ALL MATCH (n:TechCompany) WITH count(n) AS count RETURN 'label' AS kind, 'TechCompany' AS name, count
UNION ALL MATCH (n:Bank) WITH count(n) AS count RETURN 'label' AS kind, 'Bank' AS name, count
UNION ALL MATCH (n:P2PPlatform) WITH count(n) AS count RETURN 'label' AS kind, 'P2PPlatform' AS name, count
UNION ALL MATCH (n:FinancialInstitution) WITH count(n) AS count RETURN 'label' AS kind, 'FinancialInstitution' AS name, count
UNION ALL MATCH (n:Regulator) WITH count(n) AS count RETURN 'label' AS kind, 'Regulator' AS name, count
UNION ALL MATCH (n:Technology) WITH count(n) AS count RETURN 'label' AS kind, 'Technology' AS name, count
UNION ALL MATCH (n:Company) WITH count(n) AS count RETURN 'label' AS kind, 'Company' AS name, count
UNION ALL MATCH (n:Person) WITH count(n) AS count RETURN 'label' AS kind, 'Person' AS name, count
UNION ALL MATCH (n:Sector) WITH count(n) AS count RETURN 'label' AS kind, 'Sector' AS name, count
UNION ALL MATCH (n:Collective) WITH count(n) AS count RETURN 'label' AS kind, 'Collective' AS name, count
UNION ALL MATCH ()-[r:MENTIONS]->() WITH count(r) AS count RETURN 'type' AS kind, 'MENTIONS' AS name, count
UNION ALL MATCH ()-[r:REPORTS]->() WITH count(r) AS count RETURN 'type' AS kind, 'REPORTS' AS name, count
UNION ALL MATCH ()-[r:SUBJECT_OF]->() WITH count(r) AS count RETURN 'type' AS kind, 'SUBJECT_OF' AS name, count
UNION ALL MATCH ()-[r:ACTED_IN]->() WITH count(r) AS count RETURN 'type' AS kind, 'ACTED_IN' AS name, count
UNION ALL MATCH ()-[r:HAS_SENTENCE]->() WITH count(r) AS count RETURN 'type' AS kind, 'HAS_SENTENCE' AS name, count
UNION ALL MATCH ()-[r:SUPPORTS]->() WITH count(r) AS count RETURN 'type' AS kind, 'SUPPORTS' AS name, count
UNION ALL MATCH ()-[r:FOLLOWED_BY]->() WITH count(r) AS count RETURN 'type' AS kind, 'FOLLOWED_BY' AS name, count
UNION ALL MATCH ()-[r:ALIAS_OF]->() WITH count(r) AS count RETURN 'type' AS kind, 'ALIAS_OF' AS name, count
UNION ALL MATCH ()-[r:OWNS]->() WITH count(r) AS count RETURN 'type' AS kind, 'OWNS' AS name, count
UNION ALL MATCH ()-[r:INVESTS_IN]->() WITH count(r) AS count RETURN 'type' AS kind, 'INVESTS_IN' AS name, count
UNION ALL MATCH ()-[r:ACQUIRES]->() WITH count(r) AS count RETURN 'type' AS kind, 'ACQUIRES' AS name, count
UNION ALL MATCH ()-[r:PARTNERS_WITH]->() WITH count(r) AS count RETURN 'type' AS kind, 'PARTNERS_WITH' AS name, count
UNION ALL MATCH ()-[r:COMPETES_WITH]->() WITH count(r) AS count RETURN 'type' AS kind, 'COMPETES_WITH' AS name, count
UNION ALL MATCH ()-[r:EMPOWERS]->() WITH count(r) AS count RETURN 'type' AS kind, 'EMPOWERS' AS name, count
UNION ALL MATCH ()-[r:CUSTODIAN_FOR]->() WITH count(r) AS count RETURN 'type' AS kind, 'CUSTODIAN_FOR' AS name, count
UNION ALL MATCH ()-[r:ADOPTS]->() WITH count(r) AS count RETURN 'type' AS kind, 'ADOPTS' AS name, count
UNION ALL MATCH ()-[r:REGULATES]->() WITH count(r) AS count RETURN 'type' AS kind, 'REGULATES' AS name, count
UNION ALL MATCH ()-[r:MEMBER_OF]->() WITH count(r) AS count RETURN 'type' AS kind, 'MEMBER_OF' AS name, count
UNION ALL MATCH ()-[r:SUCCEEDS]->() WITH count(r) AS count RETURN 'type' AS kind, 'SUCCEEDS' AS name, count
