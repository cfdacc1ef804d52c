#!/usr/bin/env bash
# Local Neo4j 5.26 Community with Neo4j Browser, from Maven Central (no Docker).
#
#   scripts/neo4j-browser.sh start     build if needed, start, wait until ready (idempotent)
#   scripts/neo4j-browser.sh stop      stop it (idempotent)
#   scripts/neo4j-browser.sh status    exit 0 when running, 3 when not
#
# Browser:  http://127.0.0.1:${NEO4J_BROWSER_HTTP_PORT:-7474}/browser/
# Bolt:     bolt://127.0.0.1:${NEO4J_BROWSER_BOLT_PORT:-7688}  (7688, not 7687, so it can run
#           next to the Bolt-only test server of scripts/neo4j-local.sh)
# Authentication is off (Browser connects with "No authentication"), so the server is closed to
# everyone else: every connector listens on 127.0.0.1 only (fixed in the Java main), behind a
# guard that refuses HTTP requests and WebSockets from web pages other than Browser's own
# (a page you visit could otherwise POST Cypher to it), CORS allows only Browser's origin, and
# LOAD CSV cannot read files. scripts/browser/security-check.sh checks all of this.
#
# Environment:
#   NEO4J_BROWSER_HTTP_PORT   HTTP port (default 7474)
#   NEO4J_BROWSER_BOLT_PORT   Bolt port (default 7688)
#   NEO4J_BROWSER_DIR         state folder: data, logs, pid (default .neo4j-browser/ in the repo,
#                             which ignores itself in git); data survives restarts
#   NEO4J_BROWSER_HEAP        JVM heap (default 1g)
#   NEO4J_BROWSER_TIMEOUT     seconds to wait for start/stop (default 180)
#   NEO4J_BROWSER_STYLE       .grass style sheet Browser loads on connect
#                             (default scripts/browser/style.grass; "" = none)
#
# The server runs scripts/neo4j-browser/ (org.neo4j:neo4j + org.neo4j.app:neo4j-server 5.26.30,
# org.neo4j.client:neo4j-browser 5.24.0); Maven caches the artifacts in ~/.m2.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
proj="$root/scripts/neo4j-browser"
http_port="${NEO4J_BROWSER_HTTP_PORT:-7474}"
bolt_port="${NEO4J_BROWSER_BOLT_PORT:-7688}"
state="${NEO4J_BROWSER_DIR:-$root/.neo4j-browser}"
heap="${NEO4J_BROWSER_HEAP:-1g}"
timeout="${NEO4J_BROWSER_TIMEOUT:-180}"
pidfile="$state/server.pid"
logfile="$state/server.log"

say() { echo "neo4j-browser: $*"; }
die() { echo "neo4j-browser: $*" >&2; exit 1; }

running_pid() {
  [ -f "$pidfile" ] || return 1
  local pid
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
  # Guard against a recycled pid: it must be our Java main.
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'dev.kgb.browser.BrowserServer' || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

ready() {
  port_open "$bolt_port" &&
    curl -fsS --max-time 5 "http://127.0.0.1:$http_port/" 2>/dev/null | grep -q '"bolt_direct"' &&
    curl -fsS --max-time 5 -o /dev/null "http://127.0.0.1:$http_port/browser/index.html" 2>/dev/null
}

build() {
  local jar="$proj/target/kgb-neo4j-browser-1.0.0.jar" cp="$proj/target/classpath.txt"
  if [ -f "$jar" ] && [ -f "$cp" ] && [ -f "$proj/target/classes/browser/index.html" ] &&
    [ -z "$(find "$proj/pom.xml" "$proj/src" -newer "$jar" -print -quit)" ]; then
    return 0
  fi
  command -v java >/dev/null || die "java not found: install Java 17+ (e.g. apt-get install openjdk-17-jre-headless)"
  command -v mvn >/dev/null || die "mvn not found: install Maven (e.g. apt-get install maven)"
  say "building $proj (Maven; first run downloads Neo4j into ~/.m2)"
  mvn -q -B -f "$proj/pom.xml" package >"$state/build.log" 2>&1 || {
    tail -40 "$state/build.log" >&2
    die "Maven build failed; full log: $state/build.log"
  }
}

start() {
  mkdir -p "$state"
  [ -f "$state/.gitignore" ] || echo '*' >"$state/.gitignore"
  if pid="$(running_pid)"; then
    if ready; then
      say "already running (pid $pid): Browser http://127.0.0.1:$http_port/browser/ Bolt bolt://127.0.0.1:$bolt_port"
      return 0
    fi
    die "a server (pid $pid) is running from $state but does not answer on ports $http_port/$bolt_port; run '$0 stop' first"
  fi
  for p in "$http_port" "$bolt_port"; do
    port_open "$p" && die "port $p on 127.0.0.1 is already in use (set NEO4J_BROWSER_HTTP_PORT / NEO4J_BROWSER_BOLT_PORT)"
  done
  build
  # Served from the same classpath folder as Browser (see pom.xml) and loaded by
  # browser.post_connect_cmd = "style URL" right after Browser connects.
  local style="${NEO4J_BROWSER_STYLE-$root/scripts/browser/style.grass}" style_url=""
  rm -f "$proj/target/classes/browser/kgb/style.grass"
  if [ -n "$style" ]; then
    if [ -f "$style" ]; then
      mkdir -p "$proj/target/classes/browser/kgb"
      # Browser's grass parser (5.24) does not understand /* comments */: they
      # corrupt the first rule. Serve the sheet without them.
      perl -0pe 's{/\*.*?\*/}{}gs' "$style" >"$proj/target/classes/browser/kgb/style.grass"
      style_url="http://127.0.0.1:$http_port/browser/kgb/style.grass"
    else
      say "warning: style sheet $style not found; Browser will use its default style"
    fi
  fi
  local t0 t1
  t0="$(date +%s%N)"
  # setsid: the server must not die with the shell that started it, nor get its Ctrl-C.
  setsid java -Xms256m -Xmx"$heap" -XX:+UseG1GC \
    -cp "$proj/target/classes:$(cat "$proj/target/classpath.txt")" \
    dev.kgb.browser.BrowserServer "$state/home" "$http_port" "$bolt_port" $style_url \
    >"$logfile" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$pidfile"
  local deadline=$((SECONDS + timeout))
  until ready; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -30 "$logfile" >&2 || true
      rm -f "$pidfile"
      die "server exited during start-up; log: $logfile"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -30 "$logfile" >&2 || true
      kill "$pid" 2>/dev/null || true
      rm -f "$pidfile"
      die "not ready after ${timeout}s; log: $logfile"
    fi
    sleep 0.2
  done
  t1="$(date +%s%N)"
  say "started in $(((t1 - t0) / 1000000)) ms (pid $pid, log $logfile)"
  say "Browser http://127.0.0.1:$http_port/browser/  Bolt bolt://127.0.0.1:$bolt_port  (no authentication, loopback only)"
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$pidfile"
    say "not running"
    return 0
  fi
  kill -TERM "$pid"
  local deadline=$((SECONDS + timeout))
  while kill -0 "$pid" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      say "pid $pid still alive after ${timeout}s: killing"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  rm -f "$pidfile"
  say "stopped (pid $pid)"
}

status() {
  local pid
  if pid="$(running_pid)" && ready; then
    say "running (pid $pid): Browser http://127.0.0.1:$http_port/browser/ Bolt bolt://127.0.0.1:$bolt_port"
    return 0
  fi
  say "not running"
  return 3
}

case "${1:-}" in
start) start ;;
stop) stop ;;
status) status ;;
restart) stop && start ;;
*)
  echo "usage: $0 start|stop|status|restart" >&2
  exit 2
  ;;
esac
