#!/usr/bin/env bash
# Benchmark of kgb's Neo4j writer (graph/neo4j) against a naive baseline in
# the same run: 100,000 evidence edges over ~20,000 entities with Zipf-like
# degrees, written with ReplaceArticles over a sweep of batch sizes, then the
# same data again (all MERGE hits); the baseline writes one managed
# transaction per triple (MERGE subject, MERGE object, MERGE edge) on a
# 5,000-triple prefix of the same data and is reported per triple.
#
# Usage: scripts/bench/neo4j.sh [neo4jbench flags, e.g. -edges 20000 -sizes 500,1000]
# By default it starts its own Neo4j (scripts/neo4j-local.sh, fresh temporary
# data, port $NEO4J_BENCH_PORT or 7690) and stops it afterwards. Set
# NEO4J_URI (and NEO4J_USERNAME / NEO4J_PASSWORD) to use a running server:
# the benchmark writes under its own key prefix and deletes it at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp="$(mktemp -d)"
started=""
cleanup() {
  if [ -n "$started" ]; then NEO4J_LOCAL_PORT="$port" bash scripts/neo4j-local.sh stop || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
go build -o "$tmp/neo4jbench" ./graph/neo4j/cmd/neo4jbench
uri="${NEO4J_URI:-}"
if [ -z "$uri" ]; then
  port="${NEO4J_BENCH_PORT:-7690}"
  echo "== starting a Neo4j for the benchmark on 127.0.0.1:$port (fresh temporary data)"
  NEO4J_LOCAL_PORT="$port" NEO4J_LOCAL_DATA=temp bash scripts/neo4j-local.sh start
  started=1
  uri="bolt://127.0.0.1:$port"
fi
echo "== neo4jbench against $uri ($(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg))"
"$tmp/neo4jbench" -uri "$uri" "$@"
