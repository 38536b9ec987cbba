// name: risk-exposure
// description: Paths from an entity to risk events: over its relations to an event's subject, then into the event; shortest first.
// param entity (string): the entity's id
// param max_hops (int): longest path, counting the last hop into the event (1 to 4)
// param limit (int): how many paths to return
// A bank is exposed to a platform's collapse through CUSTODIAN_FOR; a parent through OWNS.
// Sectors, collectives (BAT) and generic authorities (警方 with no place) stand for many bodies; no path passes them.
// :param [{entity, max_hops, limit}] => { RETURN '中国工商银行' AS entity, 3 AS max_hops, 50 AS limit }
MATCH (entity:Entity {id: $entity})
MATCH path = (entity)-[hops:OWNS|INVESTS_IN|ACQUIRES|PARTNERS_WITH|COMPETES_WITH|EMPOWERS|CUSTODIAN_FOR|ADOPTS|REGULATES|MEMBER_OF|SUCCEEDS*0..3]-(subject:Entity)
WHERE length(path) < $max_hops
  AND none(n IN nodes(path) WHERE n:Sector OR n:Collective OR coalesce(n.generic, false) IN [true, 'true'])
MATCH (subject)-[:SUBJECT_OF]->(event:RiskEvent)
WITH event, hops, subject
ORDER BY size(hops), event.date, event.id
LIMIT $limit
RETURN event {.id, .type, .date, .date_precision, .date_text, .amount_cny, .location, .sector,
              co_subjects: coalesce(event.co_subjects, []), .first_reported, .last_reported,
              .mention_count,
              subjects: COLLECT { MATCH (s:Entity)-[:SUBJECT_OF]->(event) RETURN s.id },
              authorities: COLLECT { MATCH (a:Entity)-[:ACTED_IN]->(event) RETURN a.id }} AS event,
       [r IN hops | {source: startNode(r).id, type: type(r), target: endNode(r).id,
                     hedged: coalesce(r.hedged, false),
                     sentence_ids: coalesce(r.sentence_ids, [])}] AS hops,
       subject.id AS subject,
       COLLECT { MATCH (s:Sentence)-[:SUPPORTS]->(event) RETURN s.id } AS event_sentence_ids
