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
  # A port of its own (not 7687) so a Neo4j the developer runs is never touched,
  # and a fresh temporary database on every run.
  export NEO4J_LOCAL_PORT="${KGB_TEST_NEO4J_PORT:-7697}"
  export NEO4J_LOCAL_DATA=temp
  # Auth on, so the tests also prove refused credentials are reported cleanly.
  export NEO4J_LOCAL_PASSWORD="${KGB_TEST_NEO4J_PASSWORD:-kgb-test-password}"
  export KGB_TEST_NEO4J_USERNAME=neo4j KGB_TEST_NEO4J_PASSWORD="$NEO4J_LOCAL_PASSWORD"
  echo "== starting local Neo4j on 127.0.0.1:$NEO4J_LOCAL_PORT"
  if bash scripts/neo4j-local.sh status >/dev/null 2>&1; then
    echo "a Neo4j already answers on $NEO4J_LOCAL_PORT: using it, leaving it running"
  else
    KGB_NEO4J_STARTED=1
    bash scripts/neo4j-local.sh start
  fi
  # neo4j-admin from the same Maven classpath, for the export import test.
  cp_file=scripts/neo4j/target/classpath.txt
  if [ -f "$cp_file" ]; then
    admin_dir="$(mktemp -d)"
    printf '#!/bin/sh\nexec java -Xmx512m -cp "%s" org.neo4j.cli.AdminTool "$@"\n' "$(cat "$cp_file")" > "$admin_dir/neo4j-admin"
    chmod +x "$admin_dir/neo4j-admin"
    export KGB_TEST_NEO4J_ADMIN="$admin_dir/neo4j-admin"
  fi
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

if [ -f scripts/ud-floor.sh ]; then
  echo "== UD English EWT dev floor (tagger + dependency parser)"
  bash scripts/ud-floor.sh
fi

if [ -f scripts/kg-floor.sh ]; then
  echo "== knowledge-graph quality floor (seed article)"
  bash scripts/kg-floor.sh
fi

if [ -f scripts/kg-dev.sh ]; then
  echo "== knowledge-graph quality floor (news-dev, in-sample)"
  bash scripts/kg-dev.sh --floor
fi

if [ -f scripts/browser/e2e/run.sh ]; then
  echo "== Neo4j Browser end-to-end test"
  bash scripts/browser/e2e/run.sh
fi
echo "== all tests passed"
