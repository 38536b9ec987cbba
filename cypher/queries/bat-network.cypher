// name: bat-network
// description: The empowerment, investment and ownership network of a group of tech giants (by default BAT: 百度, 阿里巴巴, 腾讯).
// param members (list<string>): ids, names or aliases of the companies
// :param [{members}] => { RETURN ['百度', '阿里巴巴', '腾讯'] AS members }
MATCH (member:Entity)
WHERE member.id IN $members OR member.name IN $members
   OR any(alias IN member.aliases WHERE alias IN $members)
MATCH (member)-[r:EMPOWERS|INVESTS_IN|OWNS|ACQUIRES]->(target:Entity)
RETURN member.name AS member,
       type(r) AS relation,
       target.name AS target,
       [label IN labels(target) WHERE label <> 'Entity'] AS target_types,
       coalesce(r.hedged, false) AS hedged,
       size(coalesce(r.article_ids, [])) AS articles
ORDER BY member, relation, target
