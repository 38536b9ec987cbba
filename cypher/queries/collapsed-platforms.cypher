// name: collapsed-platforms
// description: P2P platforms that collapsed (跑路, 停运, 失联) in a period, with the banks that held their funds (存管).
// param since (date): first day of the period
// param until (date): last day of the period
// A platform without a custodian bank shows an empty list: many claimed one they never had.
// An event known to a month or a year is in the period when its month or year meets it.
// :param [{since, until}] => { RETURN date('2018-06-01') AS since, date('2018-08-31') AS until }
MATCH (platform:P2PPlatform)-[:SUBJECT_OF]->(event:RiskEvent {type: 'COLLAPSE'})
WHERE coalesce(event.date_until, event.date) >= $since AND event.date <= $until
OPTIONAL MATCH (bank:Entity)-[:CUSTODIAN_FOR]->(platform)
WITH platform, event, collect(DISTINCT bank.name) AS custodian_banks
RETURN platform.name AS platform,
       event.date_text AS collapsed_on,
       event.amount_cny AS amount_cny,
       event.location AS location,
       custodian_banks,
       event.id AS event_id
ORDER BY collapsed_on, platform
