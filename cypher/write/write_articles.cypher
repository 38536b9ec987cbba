// One row per article: its metadata. ingested_at records when this version was written.
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a.title = row.title,
    a.published_at = row.published_at,
    a.source = row.source,
    a.url = row.url,
    a.content_sha256 = row.content_sha256,
    a.char_count = row.char_count,
    a.extractor_version = row.extractor_version,
    a.ingested_at = datetime()
