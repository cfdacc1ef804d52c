#!/usr/bin/env bash
# Checks that a running scripts/neo4j-browser.sh server (auth off) is closed to
# other web pages and cannot read local files:
#   1. a cross-origin POST to /db/neo4j/tx/commit (what any web page can send) -> 403
#   2. the same POST with a rebinding Host header                                -> 403
#   3. a WebSocket handshake to the Bolt port from a foreign Origin              -> 403
#   4. the preflight answer allows no origin but Browser's own
#   5. LOAD CSV FROM 'file:///etc/passwd', sent from Browser's own origin        -> refused by Neo4j
#   6. a same-origin request still works (the checks above are not vacuous)
# Usage: scripts/browser/security-check.sh   (NEO4J_BROWSER_HTTP_PORT / NEO4J_BROWSER_BOLT_PORT
# as for scripts/neo4j-browser.sh). Run by scripts/browser/e2e/run.sh.
#
# scripts/browser/security-check.sh --bolt-only PORT checks a scripts/neo4j-local.sh server started
# without a password instead: a WebSocket handshake from a web page is refused (403), raw Bolt works.
set -euo pipefail
if [ "${1:-}" = --bolt-only ]; then
  port="${2:?usage: $0 --bolt-only PORT}"
  code="$(curl -sS -o /dev/null -w '%{http_code}' --max-time 10 -H 'Origin: http://evil.example' -H 'Connection: Upgrade' \
    -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: a2diLXNlY3VyaXR5LWNoZWNr' "http://127.0.0.1:$port/" || true)"
  [ "$code" = 403 ] || { echo "security-check: FAIL WebSocket handshake to $port answered $code, want 403" >&2; exit 1; }
  echo "security-check: ok   WebSocket to the unauthenticated Bolt port $port refused ($code)"
  reply="$(timeout 5 bash -c 'exec 3<>/dev/tcp/127.0.0.1/'"$port"'
    printf "\x60\x60\xb0\x17\x00\x08\x08\x05\x00\x00\x04\x04\x00\x00\x00\x00\x00\x00\x00\x00" >&3
    head -c 4 <&3 | od -An -tx1 | tr -d " \n"' 2>/dev/null || true)"
  [ -n "$reply" ] && [ "$reply" != 00000000 ] || { echo "security-check: FAIL raw Bolt handshake on $port got '$reply'" >&2; exit 1; }
  echo "security-check: ok   raw Bolt still answers on $port (version $reply)"
  exit 0
fi
http_port="${NEO4J_BROWSER_HTTP_PORT:-7474}"
bolt_port="${NEO4J_BROWSER_BOLT_PORT:-7688}"
base="http://127.0.0.1:$http_port"
own="http://127.0.0.1:$http_port"
fails=0
ok() { echo "security-check: ok   $*"; }
bad() { echo "security-check: FAIL $*" >&2; fails=$((fails + 1)); }
status() { curl -sS -o /dev/null -w '%{http_code}' --max-time 10 "$@" || true; }
tx() { # tx ORIGIN HOST STATEMENT -> response body
  curl -sS --max-time 20 -H "Origin: $1" -H "Host: $2" -H 'Content-Type: application/json' \
    -d "{\"statements\":[{\"statement\":\"$3\"}]}" "$base/db/neo4j/tx/commit" || true
}

code="$(status -H 'Origin: http://evil.example' -H 'Content-Type: text/plain' \
  -d '{"statements":[{"statement":"RETURN 1"}]}' "$base/db/neo4j/tx/commit")"
[ "$code" = 403 ] && ok "cross-origin POST refused ($code)" || bad "cross-origin POST answered $code, want 403"

code="$(status -H "Host: evil.example:$http_port" -H 'Content-Type: application/json' \
  -d '{"statements":[{"statement":"RETURN 1"}]}' "$base/db/neo4j/tx/commit")"
[ "$code" = 403 ] && ok "rebinding Host refused ($code)" || bad "POST with Host evil.example answered $code, want 403"

code="$(status -H 'Origin: http://evil.example' -H 'Connection: Upgrade' -H 'Upgrade: websocket' \
  -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: a2diLXNlY3VyaXR5LWNoZWNr' "http://127.0.0.1:$bolt_port/")"
[ "$code" = 403 ] && ok "foreign WebSocket to Bolt refused ($code)" || bad "foreign WebSocket handshake answered $code, want 403"

acao="$(curl -sS -D - -o /dev/null --max-time 10 -X OPTIONS -H "Origin: $own" \
  -H 'Access-Control-Request-Method: POST' "$base/db/neo4j/tx/commit" | tr -d '\r' |
  awk -F': ' 'tolower($1)=="access-control-allow-origin"{print $2}')"
[ "$acao" = "$own" ] && ok "CORS allows only $own" || bad "Access-Control-Allow-Origin is '$acao', want $own"

body="$(tx "$own" "127.0.0.1:$http_port" "LOAD CSV FROM 'file:///etc/passwd' AS l RETURN l LIMIT 1")"
if grep -q 'root:' <<<"$body"; then
  bad "LOAD CSV read /etc/passwd"
elif grep -q 'allow_csv_import_from_file_urls' <<<"$body"; then
  ok "LOAD CSV of a local file refused by Neo4j"
else
  bad "LOAD CSV answer not recognised: $body"
fi

body="$(tx "$own" "127.0.0.1:$http_port" "RETURN 41 + 1 AS x")"
grep -q '\[42\]' <<<"$body" && ok "Browser's own origin is served" || bad "same-origin RETURN 42 failed: $body"

[ "$fails" -eq 0 ] || { echo "security-check: $fails check(s) failed" >&2; exit 1; }
