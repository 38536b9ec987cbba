// name: platform-lifecycle-graph
// description: A platform's risk events as a drawing, for platform-lifecycle: the events it is the subject of, who acted in them, and the FOLLOWED_BY chain from one to the next.
// param platform (string): the platform's id, name or alias (any entity works)
// :param [{platform}] => { RETURN '团贷网' AS platform }
MATCH (platform:Entity)
WHERE platform.id = $platform OR platform.name = $platform OR $platform IN platform.aliases
MATCH role = (platform)-[:SUBJECT_OF|ACTED_IN]->(event:RiskEvent)
OPTIONAL MATCH actor = (:Entity)-[:ACTED_IN]->(event)
OPTIONAL MATCH chain = (event)-[:FOLLOWED_BY]->(:RiskEvent)
RETURN role, actor, chain
