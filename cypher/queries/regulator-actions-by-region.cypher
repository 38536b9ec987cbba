// name: regulator-actions-by-region
// description: What regulators and police did (investigations, regulatory actions ...) per region in a period, and to whom.
// param since (date): first day of the period
// param until (date): last day of the period
// param region (string?): only events whose location contains this (e.g. 上海); null for all
// An event known to a month or a year is in the period when its month or year meets it.
// :param [{since, until, region}] => { RETURN date('2018-01-01') AS since, date('2019-12-31') AS until, null AS region }
MATCH (authority:Entity)-[:ACTED_IN]->(event:RiskEvent)
WHERE coalesce(event.date_until, event.date) >= $since AND event.date <= $until
  AND ($region IS NULL OR event.location CONTAINS $region)
WITH coalesce(event.location, '未知') AS region, authority, event
RETURN region,
       authority.name AS authority,
       event.type AS action,
       count(DISTINCT event) AS events,
       collect(DISTINCT [(subject:Entity)-[:SUBJECT_OF]->(event) | subject.name])[..10] AS subjects
ORDER BY region, events DESC, authority, action
