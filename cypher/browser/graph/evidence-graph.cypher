// name: evidence-graph
// description: Where a platform's risk events come from, as a drawing, for event-evidence: each event, the sentences that support it and the articles that contain them.
// param platform (string): the platform's id, name or alias (any entity works)
// :param [{platform}] => { RETURN '团贷网' AS platform }
MATCH (platform:Entity)
WHERE platform.id = $platform OR platform.name = $platform OR $platform IN platform.aliases
MATCH path = (platform)-[:SUBJECT_OF]->(:RiskEvent)<-[:SUPPORTS]-(:Sentence)<-[:HAS_SENTENCE]-(:Article)
RETURN path
