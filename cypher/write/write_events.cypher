// One row per risk event whose reports changed: its properties (recomputed from all of its
// reports by the writer) and the relationships that follow from the reports. Relationships
// that no report supports any more are removed; row.reports and row.new_sentence_ids hold
// only what is not linked yet (all ids are in row.report_ids and row.sentence_ids).
UNWIND $rows AS row
MERGE (e:RiskEvent {id: row.id})
SET e = row.properties
WITH e, row
CALL (e, row) {
  MATCH (e)<-[r:REPORTS]-()
  WHERE NOT r.report_id IN row.report_ids
  DELETE r
}
CALL (e, row) {
  UNWIND row.reports AS report
  MATCH (a:Article {id: report.article_id})
  MERGE (a)-[r:REPORTS {report_id: report.report_id}]->(e)
  SET r = report.properties
}
CALL (e, row) {
  MATCH (e)<-[r:SUPPORTS]-(s:Sentence)
  WHERE NOT s.id IN row.sentence_ids
  DELETE r
}
CALL (e, row) {
  UNWIND row.new_sentence_ids AS sentence_id
  MATCH (s:Sentence {id: sentence_id})
  MERGE (s)-[:SUPPORTS]->(e)
}
CALL (e, row) {
  MATCH (e)<-[r:SUBJECT_OF|ACTED_IN]-(x:Entity)
  WHERE NOT [type(r), x.id] IN [link IN row.links | [link.type, link.entity_id]]
  DELETE r
}
CALL (e, row) {
  UNWIND [link IN row.links WHERE link.type = 'SUBJECT_OF'] AS link
  MATCH (x:Entity {id: link.entity_id})
  MERGE (x)-[r:SUBJECT_OF]->(e)
  SET r.article_ids = link.article_ids
}
CALL (e, row) {
  UNWIND [link IN row.links WHERE link.type = 'ACTED_IN'] AS link
  MATCH (x:Entity {id: link.entity_id})
  MERGE (x)-[r:ACTED_IN]->(e)
  SET r.article_ids = link.article_ids
}
