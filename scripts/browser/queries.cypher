// kgb's exploratory queries for Neo4j Browser and `kgb query`.
//
// In Browser, set the parameters first, e.g.
//   :param name => 'Helen Marsh'
//   :param a => 'Helen Marsh'
//   :param b => 'Samuel Okafor'
//   :param article => 'summit.txt'
// then paste a query. With kgb:
//   kgb query --param name="Helen Marsh" --param a="Helen Marsh" --param b="Samuel Okafor" \
//     --param article=summit.txt --file scripts/browser/queries.cypher
// Names match an entity's canonical name or any of its aliases.

// An entity's neighbourhood with the evidence sentences
MATCH (e:Entity)
WHERE e.name = $name OR $name IN e.aliases
MATCH (e)-[r]-(other:Entity)
RETURN e.name AS entity, type(r) AS relation,
       CASE WHEN startNode(r) = e THEN 'out' ELSE 'in' END AS direction,
       other.name AS other, other.type AS other_type,
       r.predicate AS predicate, r.negated AS negated, r.sentence AS sentence, r.article AS article
ORDER BY relation, other;

// The same neighbourhood as a graph (Browser draws it)
MATCH (e:Entity)
WHERE e.name = $name OR $name IN e.aliases
MATCH p = (e)-[r]-(other:Entity)
RETURN p LIMIT 100;

// The shortest path between two people (evidence edges only, not articles)
MATCH (a:Person) WHERE a.name = $a OR $a IN a.aliases
MATCH (b:Person) WHERE b.name = $b OR $b IN b.aliases
MATCH p = shortestPath((a)-[*..6]-(b))
WHERE none(n IN nodes(p) WHERE n:Article)
RETURN [n IN nodes(p) | n.name] AS path, [r IN relationships(p) | type(r)] AS relations, length(p) AS hops;

// The most connected entities (evidence edges, and articles mentioning them)
MATCH (e:Entity)
WITH e, COUNT { (e)-[r]-(:Entity) } AS edges, COUNT { (:Article)-[:MENTIONS]->(e) } AS articles
WHERE edges > 0
RETURN e.name AS entity, e.type AS type, edges, articles
ORDER BY edges DESC, articles DESC, entity
LIMIT 25;

// Who criticised whom, with the evidence
MATCH (s:Entity)-[r:CRITICIZE]->(o:Entity)
RETURN s.name AS critic, o.name AS criticised, r.negated AS negated, r.sentence AS sentence, r.article AS article
ORDER BY critic, criticised;

// Who met or called whom
MATCH (s:Person)-[r:MEET|CALL|SPEAK_WITH]->(o:Person)
RETURN s.name AS person, type(r) AS relation, o.name AS other, r.sentence AS sentence, r.article AS article
ORDER BY person, relation, other;

// Every fact from one article, in sentence order
MATCH (a:Article {id: $article})
MATCH (s:Entity)-[r]->(o:Entity)
WHERE r.article = a.id AND (a)-[:MENTIONS]->(s)
RETURN r.sentence_index AS sentence_index, s.name AS subject, type(r) AS relation, o.name AS object,
       r.predicate AS predicate, r.confidence AS confidence, r.sentence AS sentence
ORDER BY sentence_index, r.start;

// The entities one article mentions
MATCH (a:Article {id: $article})-[:MENTIONS]->(e:Entity)
RETURN a.title AS article, e.name AS entity, labels(e) AS labels
ORDER BY entity;

// Relationship types by number of evidence edges
MATCH (:Entity)-[r]->(:Entity)
RETURN type(r) AS relation, count(*) AS edges
ORDER BY edges DESC, relation;

// Articles that share the most entities with one article
MATCH (a:Article {id: $article})-[:MENTIONS]->(e:Entity)<-[:MENTIONS]-(other:Article)
RETURN other.id AS article, other.title AS title, count(e) AS shared, collect(e.name) AS entities
ORDER BY shared DESC, article
LIMIT 10;
