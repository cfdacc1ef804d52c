#!/usr/bin/env bash
# Neo4j benchmarks (scripts/bench.sh neo4j), each against a baseline measured
# in the same run:
#
#   1. real news: all of ../shared/corpora/bbc ingested into the embedded
#      store and into Neo4j (kgb ingest --store neo4j, fresh database), same
#      binary, one after the other. Target: Neo4j time <= 3 x embedded time.
#      A server this script starts is first warmed up (KGB_BENCH_WARMUP=0 turns
#      it off): a generated corpus of recombined BBC sentences (scripts/gencorpus,
#      half BBC's size, invented names) is ingested and then deleted, so the
#      figure is that of the long-running server a user writes to, not of a
#      JVM that is still compiling; the warm-up's own time is printed too.
#   2. bulk first load: kgb export --format neo4j-admin of the embedded BBC
#      graph + neo4j-admin database import full into a new database, timed
#      against run 1's online Neo4j ingest (the extraction is done already,
#      so this is the load alone: compare with `kgb push`, also timed).
#   3. writer throughput on synthetic Zipf data (graph/neo4j/cmd/neo4jbench):
#      100,000 evidence edges, kgb's writer with 1, 2 and 4 parallel writers
#      against batched UNWIND ... MERGE (1,000-row transactions).
#      Targets: >= 30,000 edges/s and >= 2 x the baseline (1 writer).
#
# Wall-clock times: on a shared machine they also measure the neighbours, so
# only the ratios within one run mean anything; the load average is printed.
# Exits 1 when a target is missed.
#
# Usage: scripts/bench/neo4j.sh [neo4jbench flags, e.g. -edges 20000]
# By default it starts its own Neo4j (scripts/neo4j-local.sh, fresh temporary
# data, port $NEO4J_BENCH_PORT or 7690) and stops it afterwards. With
# NEO4J_URI (and NEO4J_USERNAME / NEO4J_PASSWORD) set it uses that server,
# which must hold no kgb articles yet (part 1 needs a fresh database).
# KGB_BENCH_BBC overrides the corpus; KGB_BENCH_PARTS picks parts ("1 2 3").
set -euo pipefail
cd "$(dirname "$0")/../.."
bbc="${KGB_BENCH_BBC:-../shared/corpora/bbc}"
parts="${KGB_BENCH_PARTS:-1 2 3}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/kgb-bench-neo4j.XXXXXX")"
started=""
cleanup() {
  if [ -n "$started" ]; then NEO4J_LOCAL_PORT="$port" NEO4J_LOCAL_DIR="$tmp/state" bash scripts/neo4j-local.sh stop || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
missed=0
check() { # check LABEL VALUE OP LIMIT
  if awk -v v="$2" -v l="$4" "BEGIN { exit !(v $3 l) }"; then echo "   target $1: $2 $3 $4: met"; else echo "   target $1: $2 $3 $4: MISSED"; missed=1; fi
}
load() { cut -d' ' -f1-3 /proc/loadavg; }

echo "== building kgb and neo4jbench"
CGO_ENABLED=0 go build -o "$tmp/kgb" ./cmd/kgb
go build -o "$tmp/neo4jbench" ./graph/neo4j/cmd/neo4jbench
uri="${NEO4J_URI:-}"
if [ -z "$uri" ]; then
  port="${NEO4J_BENCH_PORT:-7690}"
  echo "== starting a Neo4j for the benchmark on 127.0.0.1:$port (fresh temporary data)"
  NEO4J_LOCAL_PORT="$port" NEO4J_LOCAL_DIR="$tmp/state" NEO4J_LOCAL_DATA=temp NEO4J_LOCAL_HEAP="${NEO4J_LOCAL_HEAP:-2g}" \
    bash scripts/neo4j-local.sh start
  started=1
  uri="bolt://127.0.0.1:$port"
fi
export NEO4J_URI="$uri"
echo "== Neo4j at $uri; $(nproc) cores, load average $(load)"

# jvm_cpu: CPU seconds (user + system) the Neo4j JVM has used so far, when
# this script started it (else 0).
jvm_cpu() {
  local pid
  if [ -n "$started" ] && pid="$(cat "$tmp/state/neo4j-$port.pid" 2>/dev/null)" && [ -r "/proc/$pid/stat" ]; then
    awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); printf "%.2f\n", ($12 + $13) / hz }' "/proc/$pid/stat"
  else
    echo 0
  fi
}

# timed LABEL CMD...: runs CMD, leaves wall seconds in $tmp/LABEL.s and the
# CPU seconds of CMD plus those of the Neo4j JVM meanwhile in $tmp/LABEL.cpu.
timed() {
  local label=$1; shift
  local t0 t1 j0 j1
  t0=$(date +%s.%N) j0=$(jvm_cpu)
  /usr/bin/time -f "%U %S" -o "$tmp/$label.time" "$@"
  t1=$(date +%s.%N) j1=$(jvm_cpu)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", b - a }' >"$tmp/$label.s"
  awk -v j0="$j0" -v j1="$j1" '{ printf "%.2f\n", $1 + $2 + j1 - j0 }' "$tmp/$label.time" >"$tmp/$label.cpu"
}

if [ ! -x /usr/bin/time ]; then
  echo "/usr/bin/time is missing: install GNU time (apt-get install time)" >&2; exit 1
fi
if [[ " $parts " == *" 1 "* || " $parts " == *" 2 "* ]]; then
  [ -d "$bbc" ] || { echo "no BBC corpus at $bbc (set KGB_BENCH_BBC)" >&2; exit 1; }
  held="$("$tmp/kgb" query --format csv 'MATCH (a:Article) RETURN count(a) AS n' | tail -1)"
  if [ "$held" != 0 ]; then
    echo "the Neo4j at $uri already holds $held articles: part 1 needs a fresh database" >&2
    exit 1
  fi
  if [ -n "$started" ] && [ "${KGB_BENCH_WARMUP:-1}" != 0 ]; then
    echo "== 1. warming up the new server: a generated half-size corpus, ingested then deleted"
    go run ./scripts/gencorpus -src "$bbc" -scale 0.5 -seed 7 -vocab grow -out "$tmp/warm" >/dev/null
    timed warm "$tmp/kgb" ingest --store neo4j --json "$tmp/warm" >"$tmp/warm.json"
    printf '   warm-up (cold JVM) %.2f s wall, %.2f s CPU, %s\n' "$(cat "$tmp/warm.s")" "$(cat "$tmp/warm.cpu")" "$(grep -o '"triples":[0-9]*' "$tmp/warm.json")"
    "$tmp/neo4jbench" -uri "$uri" -clear-all-kgb >/dev/null
  fi
  echo "== 1. all of $bbc: embedded store, then Neo4j (load average $(load))"
  timed embedded env -u NEO4J_URI "$tmp/kgb" ingest --store embedded --db "$tmp/bbc.db" --json "$bbc" >"$tmp/embedded.json"
  timed neo4j "$tmp/kgb" ingest --store neo4j --json "$bbc" >"$tmp/neo4j.json"
  e=$(cat "$tmp/embedded.s") n=$(cat "$tmp/neo4j.s")
  for f in embedded neo4j; do
    printf '   %-8s %7.2f s wall, %7.2f s CPU (kgb + Neo4j JVM)  %s\n' "$f" "$(cat "$tmp/$f.s")" "$(cat "$tmp/$f.cpu")" \
      "$(grep -o '"articles":{[^}]*}' "$tmp/$f.json"), $(grep -o '"triples":[0-9]*' "$tmp/$f.json")"
  done
  types="$("$tmp/kgb" query --format csv 'MATCH ()-[r]->() WHERE type(r) <> "MENTIONS" RETURN count(DISTINCT type(r)) AS n' | tail -1)"
  ratio=$(awk -v e="$e" -v n="$n" 'BEGIN { printf "%.2f", n / e }')
  cpuratio=$(awk -v e="$(cat "$tmp/embedded.cpu")" -v n="$(cat "$tmp/neo4j.cpu")" 'BEGIN { printf "%.2f", n / e }')
  echo "   Neo4j / embedded = $ratio wall time, $cpuratio CPU time; relationship types in Neo4j: $types (load average $(load))"
  check "Neo4j ingest time / embedded ingest time" "$ratio" "<=" 3
fi

if [[ " $parts " == *" 2 "* ]]; then
  echo "== 2. bulk first load of the same graph: neo4j-admin export + import vs online writes"
  cp_file=scripts/neo4j/target/classpath.txt
  admin="${NEO4J_ADMIN:-}"
  if [ -z "$admin" ] && [ -f "$cp_file" ]; then
    admin="$tmp/neo4j-admin"
    printf '#!/bin/sh\nexec java -Xmx1g -cp "%s" org.neo4j.cli.AdminTool "$@"\n' "$(cat "$cp_file")" >"$admin"
    chmod +x "$admin"
  fi
  if [ -z "$admin" ]; then
    echo "   skipped: no neo4j-admin (set NEO4J_ADMIN, or run scripts/neo4j-local.sh start once to build $cp_file)"
  else
    timed export env -u NEO4J_URI "$tmp/kgb" export --store embedded --db "$tmp/bbc.db" --format neo4j-admin --out "$tmp/import" >/dev/null
    home="$tmp/home"
    mkdir -p "$home/conf" && : >"$home/conf/neo4j.conf"
    (cd "$home" && timed import env NEO4J_ADMIN="$admin" NEO4J_HOME="$home" NEO4J_CONF="$home/conf" "$tmp/import/import.sh" neo4j >"$tmp/import.log" 2>&1) ||
      { cat "$tmp/import.log"; exit 1; }
    # kgb push: the online writer alone, from the same embedded graph.
    "$tmp/neo4jbench" -uri "$uri" -clear-all-kgb >/dev/null
    timed push "$tmp/kgb" push --db "$tmp/bbc.db" >/dev/null 2>&1
    x=$(cat "$tmp/export.s") i=$(cat "$tmp/import.s") p=$(cat "$tmp/push.s") n=$(cat "$tmp/neo4j.s")
    awk -v x="$x" -v i="$i" -v p="$p" -v n="$n" 'BEGIN {
      printf "   kgb export --format neo4j-admin %.2f s + neo4j-admin import %.2f s = %.2f s\n", x, i, x + i
      printf "   online: kgb push (writes only) %.2f s; kgb ingest --store neo4j (extraction + writes, part 1) %.2f s\n", p, n
      printf "   bulk load / push = %.2f\n", (x + i) / p }'
  fi
fi

if [[ " $parts " == *" 3 "* ]]; then
  echo "== 3. writer throughput, synthetic Zipf data (load average $(load))"
  # A server this script started: each run also reports the server CPU it cost.
  server=()
  if [ -n "$started" ] && [ -r "$tmp/state/neo4j-$port.pid" ]; then server=(-server-pid "$(cat "$tmp/state/neo4j-$port.pid")"); fi
  "$tmp/neo4jbench" -uri "$uri" "${server[@]}" "$@" | tee "$tmp/zipf.txt"
  best=$(awk '/^kgb writer/ { for (i = 1; i <= NF; i++) if ($i == "edges/s") print $(i-1) }' "$tmp/zipf.txt" | sort -n | tail -1)
  one=$(awk '/^kgb writer.* 1 writer/ { for (i = 1; i <= NF; i++) if ($i ~ /x$/ && $(i+1) == "baseline,") print substr($i, 1, length($i) - 1) }' "$tmp/zipf.txt")
  check "kgb writer edges/s (best of 1, 2, 4 writers)" "$best" ">=" 30000
  check "kgb writer / baseline, 1 writer" "$one" ">=" 2
  echo "   load average at the end: $(load)"
fi
exit "$missed"
