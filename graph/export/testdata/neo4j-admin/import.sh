#!/bin/sh
# Loads this kgb export into a NEW Neo4j 5 database with neo4j-admin (the
# fastest way to load millions of facts). Written by `kgb export --format neo4j-admin`.
#
# Usage: ./import.sh [DATABASE]        (default database: neo4j)
#   NEO4J_ADMIN=/path/to/neo4j-admin ./import.sh    to pick the binary.
# The target database must not exist yet, or be stopped and empty
# (Community Edition: stop the server first). Then start Neo4j and run
#   cypher-shell -d DATABASE -f constraints.cypher
set -eu
here=$(cd "$(dirname "$0")" && pwd)
db="${1:-neo4j}"
admin="${NEO4J_ADMIN:-neo4j-admin}"
"$admin" database import full \
  --nodes="$here/entities.header.csv,$here/entities.csv" \
  --nodes="$here/articles.header.csv,$here/articles.csv" \
  --relationships="$here/mentions.header.csv,$here/mentions.csv" \
  --relationships="$here/edges.header.csv,$here/edges.csv" \
  --delimiter=',' \
  --array-delimiter=';' \
  --quote='"' \
  --multiline-fields=true \
  --overwrite-destination=false \
  "$db"
echo "imported into database $db; start Neo4j, then run: cypher-shell -d $db -f $here/constraints.cypher"
