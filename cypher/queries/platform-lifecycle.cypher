// name: platform-lifecycle
// description: A platform's risk events in date order (逾期 → 立案 → 跑路 ...), each with the event that follows it in the platform's FOLLOWED_BY chain.
// param platform (string): the platform's id, name or alias (any entity works)
// :param {platform: '唐小僧'}
MATCH (platform:Entity)
WHERE platform.id = $platform OR platform.name = $platform OR $platform IN platform.aliases
WITH platform
ORDER BY CASE WHEN platform.id = $platform THEN 0 WHEN platform.name = $platform THEN 1 ELSE 2 END
LIMIT 1
MATCH (platform)-[role:SUBJECT_OF|ACTED_IN]->(event:RiskEvent)
OPTIONAL MATCH (event)-[:FOLLOWED_BY {subject: platform.id}]->(next:RiskEvent)
RETURN platform.id AS entity,
       type(role) AS role,
       event {.id, .type, .date, .amount_cny, .location, .sector, .first_reported,
              .last_reported, .mention_count,
              subjects: COLLECT { MATCH (s:Entity)-[:SUBJECT_OF]->(event) RETURN s.id },
              authorities: COLLECT { MATCH (a:Entity)-[:ACTED_IN]->(event) RETURN a.id }} AS event,
       collect(next.id) AS followed_by
ORDER BY coalesce(event.date, event.first_reported), event.id
