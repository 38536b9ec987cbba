// Keep the derived label :Collapsed on the given entities: a P2P platform is collapsed when
// it is the subject of a COLLAPSE risk event or its lexicon status is a failure (停业, 跑路,
// 提现困难, 经侦介入, 问题平台, …; only 'normal' and '转型' are healthy). The label follows
// from the graph, so it is set or removed after every write and retraction that can change
// the entity's events, status or type labels; nodes already right are left untouched.
UNWIND $ids AS id
MATCH (e:Entity {id: id})
WITH e,
     e:P2PPlatform
     AND ((e.status IS NOT NULL AND NOT e.status IN ['normal', '转型'])
          OR EXISTS { (e)-[:SUBJECT_OF]->(:RiskEvent {type: 'COLLAPSE'}) }) AS collapsed
WHERE collapsed <> e:Collapsed
FOREACH (_ IN CASE WHEN collapsed THEN [1] ELSE [] END | SET e:Collapsed)
FOREACH (_ IN CASE WHEN collapsed THEN [] ELSE [1] END | REMOVE e:Collapsed)
