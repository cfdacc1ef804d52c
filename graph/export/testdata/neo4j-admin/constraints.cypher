// Run once after import.sh, against the imported database:
//   cypher-shell -d neo4j -f constraints.cypher
CREATE CONSTRAINT kgb_entity_key IF NOT EXISTS FOR (e:Entity) REQUIRE e.key IS UNIQUE;
CREATE CONSTRAINT kgb_concept_key IF NOT EXISTS FOR (e:Concept) REQUIRE e.key IS UNIQUE;
CREATE CONSTRAINT kgb_article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE;
CREATE INDEX kgb_article_sha256 IF NOT EXISTS FOR (a:Article) ON (a.sha256);
CREATE INDEX kgb_entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name);
CREATE INDEX kgb_concept_name IF NOT EXISTS FOR (e:Concept) ON (e.name);
