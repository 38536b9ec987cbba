// Claim articles before writing: MERGE + SET takes each article's write lock, so two writers
// of one article queue here, and return what the graph holds (null for a new article).
// $ids: article ids, sorted so that concurrent writers lock in the same order.
UNWIND $ids AS id
MERGE (a:Article {id: id})
SET a.id = id
RETURN a.id AS id, a.content_sha256 AS content_sha256, a.extractor_version AS extractor_version
