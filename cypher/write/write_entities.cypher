// One row per entity of the batch (already combined over the batch's articles).
// Labels come as a parameter ($(row.types)), never spliced; the writer checks them against
// the vocabulary. name and type keep the smallest value seen and aliases the sorted union,
// so the result does not depend on the order articles arrive in. SET on every row also takes
// the entity's write lock, which orders concurrent writers of the same entity's events.
UNWIND $rows AS row
MERGE (e:Entity {id: row.id})
SET e:$(row.types)
WITH e, row,
     CASE WHEN e.name IS NULL OR row.name < e.name THEN row.name ELSE e.name END AS name
CALL (e, row, name) {
  UNWIND coalesce(e.aliases, []) + row.aliases AS alias
  WITH DISTINCT alias WHERE alias <> name
  ORDER BY alias
  RETURN collect(alias) AS aliases
}
SET e += row.attributes
SET e.name = name,
    e.aliases = aliases,
    e.type = CASE WHEN e.type IS NULL OR row.type < e.type THEN row.type ELSE e.type END
