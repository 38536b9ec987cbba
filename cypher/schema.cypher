// Schema of the fintech-kg graph: constraints and indexes, applied by
// fintech_kg.graph.schema.apply_schema (statements separated by ';', all IF NOT EXISTS, so
// applying twice changes nothing).

// Every key is unique; a uniqueness constraint also gives MERGE its index.
CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE;
CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (e:Entity) REQUIRE e.id IS UNIQUE;
CREATE CONSTRAINT risk_event_id IF NOT EXISTS FOR (e:RiskEvent) REQUIRE e.id IS UNIQUE;
CREATE CONSTRAINT sentence_id IF NOT EXISTS FOR (s:Sentence) REQUIRE s.id IS UNIQUE;
// Another name of an entity (entity resolution): one node per name, looked up by name.
CREATE CONSTRAINT alias_name IF NOT EXISTS FOR (a:Alias) REQUIRE a.name IS UNIQUE;

// Full-text search over entity names and aliases; the cjk analyzer indexes Chinese as
// overlapping character bigrams, so 团贷 finds 团贷网 (the standard analyzer would not).
CREATE FULLTEXT INDEX entity_names IF NOT EXISTS
FOR (e:Entity) ON EACH [e.name, e.aliases]
OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}};

// Range indexes for the questions analysts ask most: events by type and date, articles by
// date, and the writer's lookups of an event's merge key and a sentence's article.
CREATE INDEX risk_event_type IF NOT EXISTS FOR (e:RiskEvent) ON (e.type);
CREATE INDEX risk_event_date IF NOT EXISTS FOR (e:RiskEvent) ON (e.date);
CREATE INDEX risk_event_key IF NOT EXISTS FOR (e:RiskEvent) ON (e.key);
CREATE INDEX article_published_at IF NOT EXISTS FOR (a:Article) ON (a.published_at);
CREATE INDEX sentence_article IF NOT EXISTS FOR (s:Sentence) ON (s.article_id);
