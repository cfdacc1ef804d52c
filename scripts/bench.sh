#!/usr/bin/env bash
# Runs kgb's benchmarks. Usage: scripts/bench.sh extract|neo4j|ingest|peers|all
# Each benchmark lives in scripts/bench/NAME.sh and prints its figures,
# including a baseline measured in the same run and the ratio against it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
what="${1:-all}"
case "$what" in
  extract|neo4j|ingest|peers) exec bash "$here/bench/$what.sh" "${@:2}" ;;
  all) for b in extract neo4j ingest; do bash "$here/bench/$b.sh"; done ;;
  *) echo "usage: scripts/bench.sh extract|neo4j|ingest|peers|all" >&2; exit 2 ;;
esac
