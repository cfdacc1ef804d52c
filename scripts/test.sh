#!/usr/bin/env bash
# kgb's test command: formatting, vet, all Go tests with the race detector
# against a real Neo4j started here, the CaRB regression floor and the
# Browser end-to-end test. Usage: scripts/test.sh
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

echo "== gofmt"
unformatted="$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))"
if [ -n "$unformatted" ]; then echo "gofmt needed on:"; echo "$unformatted"; exit 1; fi

echo "== go vet"
go vet ./...

# A real Neo4j for the integration tests (Maven Central artifacts, no Docker).
cleanup() { [ -n "${KGB_NEO4J_STARTED:-}" ] && bash scripts/neo4j-local.sh stop || true; }
trap cleanup EXIT
if [ -f scripts/neo4j-local.sh ] && command -v java >/dev/null && command -v mvn >/dev/null; then
  export NEO4J_LOCAL_PORT="${NEO4J_LOCAL_PORT:-7687}"
  echo "== starting local Neo4j on 127.0.0.1:$NEO4J_LOCAL_PORT"
  bash scripts/neo4j-local.sh start
  KGB_NEO4J_STARTED=1
  export KGB_TEST_NEO4J_URI="bolt://127.0.0.1:$NEO4J_LOCAL_PORT"
elif [ "${CI:-}" = "true" ]; then
  echo "CI=true but Java/Maven or scripts/neo4j-local.sh are missing: cannot run the Neo4j integration tests" >&2
  exit 1
else
  echo "!! no Java/Maven: Neo4j integration tests will SKIP (install Java 17+ and Maven to run them)" >&2
fi

echo "== go test -race ./..."
go test -race -count=1 ./...

if [ -f scripts/carb-floor.sh ]; then
  echo "== CaRB dev regression floor"
  bash scripts/carb-floor.sh
fi

if [ -f scripts/browser/e2e/run.sh ]; then
  echo "== Neo4j Browser end-to-end test"
  bash scripts/browser/e2e/run.sh
fi
echo "== all tests passed"
