// One row per risk event whose reports changed: its properties (recomputed from all of its
// reports by the writer) and the changes to its relationships: reports and sentences that
// joined (row.reports, row.new_sentence_ids) or left (row.gone_report_ids,
// row.gone_sentence_ids), the full list of subject and authority links (row.links), and the
// caption Browser shows (row.caption).
UNWIND $rows AS row
MERGE (e:RiskEvent {id: row.id})
SET e = row.properties
SET e.caption = row.caption
WITH e, row
CALL (e, row) {
  UNWIND row.gone_report_ids AS report_id
  MATCH (e)<-[r:REPORTS {report_id: report_id}]-()
  DELETE r
}
CALL (e, row) {
  UNWIND row.reports AS report
  MATCH (a:Article {id: report.article_id})
  MERGE (a)-[r:REPORTS {report_id: report.report_id}]->(e)
  SET r = report.properties
}
CALL (e, row) {
  UNWIND row.gone_sentence_ids AS sentence_id
  MATCH (:Sentence {id: sentence_id})-[r:SUPPORTS]->(e)
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
