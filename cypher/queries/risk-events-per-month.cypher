// name: risk-events-per-month
// description: How many risk events of each type happened per month in a period, and the amounts involved.
// param since (date): first day of the period
// param until (date): last day of the period
// Events without a known date are left out; `amount_cny` sums only the events that name one.
// An event known to a month or a year is in the period when its month or year meets it.
// One known only to its year counts under the year ('2018'), not under a month.
// :param [{since, until}] => { RETURN date('2018-01-01') AS since, date('2019-12-31') AS until }
MATCH (event:RiskEvent)
WHERE coalesce(event.date_until, event.date) >= $since AND event.date <= $until
RETURN substring(event.date_text, 0, 7) AS month,
       event.type AS type,
       count(*) AS events,
       sum(coalesce(event.amount_cny, 0.0)) AS amount_cny
ORDER BY month, type
