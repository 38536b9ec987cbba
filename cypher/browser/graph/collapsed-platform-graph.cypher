// name: collapsed-platform-graph
// description: A platform's neighbourhood as a drawing, for collapsed-platforms and collapsed-platform-neighbourhood: its banks, owners, partners, its risk events and who acted on them, two hops out.
// param platform (string): the platform's id, name or alias
// :param [{platform}] => { RETURN '唐小僧' AS platform }
MATCH (platform:P2PPlatform)
WHERE platform.id = $platform OR platform.name = $platform OR $platform IN platform.aliases
MATCH path = (platform)-[:OWNS|INVESTS_IN|ACQUIRES|PARTNERS_WITH|COMPETES_WITH|EMPOWERS|CUSTODIAN_FOR|ADOPTS|REGULATES|MEMBER_OF|SUCCEEDS|SUBJECT_OF|ACTED_IN*1..2]-()
RETURN path
