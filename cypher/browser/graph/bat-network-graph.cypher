// name: bat-network-graph
// description: The network of a group of tech giants as a drawing, for bat-network: what they empower, invest in, own and acquire, and the technologies those adopt.
// param members (list<string>): ids, names or aliases of the companies
// :param [{members}] => { RETURN ['百度', '阿里巴巴', '腾讯'] AS members }
MATCH (member:Entity)
WHERE member.id IN $members OR member.name IN $members
   OR any(alias IN member.aliases WHERE alias IN $members)
MATCH path = (member)-[:EMPOWERS|INVESTS_IN|OWNS|ACQUIRES]->(:Entity)
OPTIONAL MATCH adopts = (member)-[:EMPOWERS|INVESTS_IN|OWNS|ACQUIRES]->(:Entity)-[:ADOPTS]->(:Technology)
RETURN path, adopts
