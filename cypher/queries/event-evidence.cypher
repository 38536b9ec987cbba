// name: event-evidence
// description: A risk event with every sentence that reports it and the articles they come from.
// param event_id (string): the event's id (see the `events` query)
// :param [{event_id}] => { RETURN 'some-event-id' AS event_id }
MATCH (event:RiskEvent {id: $event_id})
OPTIONAL MATCH (article:Article)-[:HAS_SENTENCE]->(sentence:Sentence)-[:SUPPORTS]->(event)
WITH event, sentence, article
ORDER BY article.published_at, article.id, sentence.start
RETURN event {.id, .type, .date, .date_precision, .date_text, .amount_cny, .location, .sector,
              co_subjects: coalesce(event.co_subjects, []), .first_reported, .last_reported,
              .mention_count,
              subjects: COLLECT { MATCH (s:Entity)-[:SUBJECT_OF]->(event) RETURN s.id },
              authorities: COLLECT { MATCH (a:Entity)-[:ACTED_IN]->(event) RETURN a.id }} AS event,
       collect(sentence {.id, .article_id, .text, .start, .end,
                         article_title: article.title,
                         published_at: article.published_at}) AS evidence
