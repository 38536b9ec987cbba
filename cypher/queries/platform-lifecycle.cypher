// name: platform-lifecycle
// description: A platform's risk events in date order (逾期 → 立案 → 跑路 ...), each with the event that follows it in the platform's FOLLOWED_BY chain.
// param platform (string): the platform's id, name or alias (any entity works)
// Undated events come last; they have no place in the chain.
// :param [{platform}] => { RETURN '唐小僧' AS platform }
MATCH (platform:Entity)
WHERE platform.id = $platform OR platform.name = $platform OR $platform IN platform.aliases
WITH platform
ORDER BY CASE WHEN platform.id = $platform THEN 0 WHEN platform.name = $platform THEN 1 ELSE 2 END
LIMIT 1
MATCH (platform)-[role:SUBJECT_OF|ACTED_IN]->(event:RiskEvent)
OPTIONAL MATCH (event)-[:FOLLOWED_BY {subject: platform.id}]->(next:RiskEvent)
RETURN event.date_text AS date,
       event.type AS type,
       type(role) AS role,
       event.amount_cny AS amount_cny,
       event.location AS location,
       event.mention_count AS reports,
       next.type AS next_type,
       next.date_text AS next_date,
       event.id AS event_id,
       next.id AS next_id
ORDER BY date, type, event_id
