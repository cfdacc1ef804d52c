#!/usr/bin/env bash
# Runs a real Neo4j 5.26 Community for kgb's tests and local use, without
# Docker: the embedded DBMS from Maven Central (scripts/neo4j/), built with
# Maven (artifacts cached in ~/.m2), Bolt on 127.0.0.1.
#
# Closed to strangers: LOAD CSV cannot read files, and without a password
# (NEO4J_LOCAL_PASSWORD unset, auth off) the port accepts raw Bolt only, so a
# web page cannot reach the server through a WebSocket; only local programs
# (kgb, drivers, cypher-shell) can.
#
# Usage: scripts/neo4j-local.sh start|stop|status|restart
#
#   start    builds if needed, starts Neo4j in the background and returns once
#            Bolt answers; does nothing if it is already running on that port
#   stop     stops it gracefully (SIGTERM, shutdown hook), SIGKILL after 60 s
#   status   exit 0 and "running ..." when Bolt answers, exit 3 otherwise
#
# Environment:
#   NEO4J_LOCAL_PORT  Bolt port (default 7687)
#   NEO4J_LOCAL_DIR   state folder: pid file, log, data (default .neo4j-local/
#                     in the repository, gitignored)
#   NEO4J_LOCAL_DATA  data folder (default $NEO4J_LOCAL_DIR/data-$PORT);
#                     "temp" for a fresh temporary folder on every start
#   NEO4J_LOCAL_HEAP  JVM heap, e.g. 1g (default 1g)
#   NEO4J_LOCAL_JVM_OPTS  JIT and GC options (default "-XX:+UseSerialGC
#                     -XX:TieredStopAtLevel=1": the quick C1 compiler only and
#                     the serial collector, so a fresh server is near full speed
#                     at once instead of spending a core on C2 compilation and
#                     G1's concurrent threads; on this 2-core machine that cut a
#                     cold server's BBC ingest from 3.76x to 2.90-3.19x the
#                     embedded store's, and a warmed one is as fast as with
#                     G1 and C2 (2.62x vs 2.56x), scripts/bench.sh neo4j)
#   NEO4J_LOCAL_WAIT  seconds to wait for Bolt on start (default 180)
#   NEO4J_LOCAL_PASSWORD  when set, auth is enabled and user neo4j has this
#                     password (default: auth disabled)
#
# Requires Java 17+ and Maven 3.6+. Connect with bolt://127.0.0.1:$PORT and
# any user/password (auth is disabled unless NEO4J_LOCAL_PASSWORD is set):
# `kgb query --neo4j-uri bolt://127.0.0.1:7687 ...`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
port="${NEO4J_LOCAL_PORT:-7687}"
state="${NEO4J_LOCAL_DIR:-$root/.neo4j-local}"
pidfile="$state/neo4j-$port.pid"
logfile="$state/neo4j-$port.log"
project="$here/neo4j"
wait_s="${NEO4J_LOCAL_WAIT:-180}"

log() { echo "neo4j-local: $*" >&2; }

# bolt_answers: true when a Bolt server on 127.0.0.1:$port completes the
# handshake (magic 0x6060B017, offering 5.x/4.4) with a non-zero version.
bolt_answers() {
	local reply
	reply="$(timeout 5 bash -c '
		exec 3<>/dev/tcp/127.0.0.1/'"$port"' || exit 1
		printf "\x60\x60\xb0\x17\x00\x08\x08\x05\x00\x00\x04\x04\x00\x00\x00\x00\x00\x00\x00\x00" >&3
		head -c 4 <&3 | od -An -tx1 | tr -d " \n"
	' 2>/dev/null)" || return 1
	[ -n "$reply" ] && [ "$reply" != "00000000" ]
}

running_pid() {
	[ -f "$pidfile" ] || return 1
	local pid
	pid="$(cat "$pidfile" 2>/dev/null)" || return 1
	[ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

build() {
	command -v java >/dev/null || { log "java not found: install Java 17+ (or use docker compose up -d)"; exit 1; }
	command -v mvn >/dev/null || { log "mvn not found: install Maven (or use docker compose up -d)"; exit 1; }
	local cp="$project/target/classpath.txt" main="$project/target/classes/dev/kgb/neo4jlocal/Main.class"
	if [ -f "$cp" ] && [ -f "$main" ] && [ "$cp" -nt "$project/pom.xml" ] &&
		[ -z "$(find "$project/src" -newer "$main" -print -quit)" ]; then
		# Cached build: make sure every jar is still in ~/.m2.
		local missing=0 jar
		IFS=: read -r -a jars <"$cp" || true
		for jar in "${jars[@]}"; do [ -f "$jar" ] || missing=1; done
		[ "$missing" = 0 ] && return 0
	fi
	log "building scripts/neo4j with Maven (first run downloads ~250 MB into ~/.m2)"
	(cd "$project" && mvn -B -q -Dstyle.color=never package -DskipTests) >&2
}

start() {
	mkdir -p "$state"
	if pid="$(running_pid)"; then
		if bolt_answers; then
			log "already running (pid $pid) on bolt://127.0.0.1:$port"
			return 0
		fi
	elif bolt_answers; then
		log "port $port already answers Bolt (not started by this script); leaving it alone"
		return 0
	fi
	build
	local data="${NEO4J_LOCAL_DATA:-$state/data-$port}"
	rm -f "$state/neo4j-$port.tempdata"
	if [ "$data" = temp ]; then
		data="$(mktemp -d "${TMPDIR:-/tmp}/kgb-neo4j-XXXXXX")"
		echo "$data" >"$state/neo4j-$port.tempdata" # removed by stop
	fi
	local t0 cp
	t0="$(date +%s%N)"
	cp="$project/target/classes:$(cat "$project/target/classpath.txt")"
	# Detached: own session, no inherited stdio, so `start` returns at once.
	NEO4J_LOCAL_PORT="$port" setsid nohup java \
		-Xms"${NEO4J_LOCAL_HEAP:-1g}" -Xmx"${NEO4J_LOCAL_HEAP:-1g}" \
		${NEO4J_LOCAL_JVM_OPTS:--XX:+UseSerialGC -XX:TieredStopAtLevel=1} \
		-XX:+ExitOnOutOfMemoryError -Djdk.tls.ephemeralDHKeySize=2048 \
		--add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED \
		--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
		--add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
		-cp "$cp" dev.kgb.neo4jlocal.Main "$data" \
		</dev/null >"$logfile" 2>&1 &
	local pid=$!
	echo "$pid" >"$pidfile"
	local deadline=$((SECONDS + wait_s))
	# Ready when Bolt answers and Main has finished its set-up (password).
	until grep -q "ready on bolt://" "$logfile" 2>/dev/null && bolt_answers; do
		if ! kill -0 "$pid" 2>/dev/null; then
			log "Neo4j exited during start; last lines of $logfile:"
			tail -n 30 "$logfile" >&2 || true
			rm -f "$pidfile"
			exit 1
		fi
		if [ "$SECONDS" -ge "$deadline" ]; then
			log "Bolt did not answer within ${wait_s}s; see $logfile"
			stop
			exit 1
		fi
		sleep 0.2
	done
	local ms=$((($(date +%s%N) - t0) / 1000000))
	log "Neo4j started (pid $pid) on bolt://127.0.0.1:$port in ${ms} ms; data $data; log $logfile"
}

stop() {
	local pid
	if ! pid="$(running_pid)"; then
		rm -f "$pidfile"
		log "not running on port $port"
		return 0
	fi
	kill -TERM "$pid" 2>/dev/null || true
	local i
	for i in $(seq 1 300); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.2
	done
	if kill -0 "$pid" 2>/dev/null; then
		log "graceful stop timed out; killing pid $pid"
		kill -KILL "$pid" 2>/dev/null || true
	fi
	rm -f "$pidfile"
	if [ -f "$state/neo4j-$port.tempdata" ]; then
		rm -rf "$(cat "$state/neo4j-$port.tempdata")" "$state/neo4j-$port.tempdata"
	fi
	log "stopped (pid $pid)"
}

status() {
	local pid
	if pid="$(running_pid)" && bolt_answers; then
		echo "running (pid $pid) on bolt://127.0.0.1:$port"
		return 0
	fi
	if bolt_answers; then
		echo "port $port answers Bolt, but not started by this script"
		return 0
	fi
	echo "not running on port $port"
	return 3
}

case "${1:-}" in
start) start ;;
stop) stop ;;
status) status ;;
restart) stop && start ;;
*)
	echo "usage: scripts/neo4j-local.sh start|stop|status|restart" >&2
	exit 2
	;;
esac
