#!/usr/bin/env bash
# Neo4j Browser end-to-end test, self-sufficient (scripts/test.sh runs it):
#   1. Debian's chromium (apt-get install when /usr/bin/chromium is missing) and
#      playwright-core from package-lock.json (npm ci when node_modules is missing);
#   2. a fresh local Neo4j 5.26 with Browser (scripts/neo4j-browser.sh) on its own
#      ports and data folder, so a developer's running server is left alone;
#   3. `kgb ingest` of examples/articles into it, `kgb browse` for the URL;
#      scripts/browser/security-check.sh proves it closed to other web pages
#      (cross-origin POST, foreign WebSocket, LOAD CSV of a file: all refused);
#   4. browser.e2e.mjs in headless Chromium: connect, run the query, assert the
#      captions and the style's colours, save a PNG screenshot;
#   5. the server is stopped and its data removed, also on failure.
#
# Environment:
#   KGB_E2E_HTTP_PORT / KGB_E2E_BOLT_PORT   ports (default 7475 / 7689)
#   KGB_E2E_ENTITY                          entity to browse (default "Helen Marsh")
#   KGB_E2E_ARTIFACTS                       screenshot folder (default testdata/artifacts/browser-e2e)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cd "$root"
start_s=$SECONDS
say() { echo "browser-e2e: $*"; }
die() { echo "browser-e2e: $*" >&2; exit 1; }

http_port="${KGB_E2E_HTTP_PORT:-7475}"
bolt_port="${KGB_E2E_BOLT_PORT:-7689}"
entity="${KGB_E2E_ENTITY:-Helen Marsh}"
artifacts="${KGB_E2E_ARTIFACTS:-$root/testdata/artifacts/browser-e2e}"
style="$root/scripts/browser/style.grass"

# 1. Tools.
if [ ! -x /usr/bin/chromium ]; then
  say "installing Debian's chromium"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
[ -x /usr/bin/chromium ] || die "/usr/bin/chromium is missing (apt-get install chromium)"
command -v node >/dev/null || die "node is missing (Node.js 20+)"
command -v npm >/dev/null || die "npm is missing"
if [ ! -d "$here/node_modules/playwright-core" ]; then
  say "npm ci (playwright-core; no browser download)"
  (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error)
fi
say "$(/usr/bin/chromium --version 2>/dev/null | head -1), node $(node --version), playwright-core $(node -p "require('$here/node_modules/playwright-core/package.json').version")"

# 2. Neo4j with Browser, fresh data, stopped on exit whatever happens.
state="$(mktemp -d "${TMPDIR:-/tmp}/kgb-browser-e2e.XXXXXX")"
export NEO4J_BROWSER_DIR="$state" NEO4J_BROWSER_HTTP_PORT="$http_port" NEO4J_BROWSER_BOLT_PORT="$bolt_port"
if [ -f "$style" ]; then
  export NEO4J_BROWSER_STYLE="$style"
  if grep -q '/\*' "$style"; then
    say "!! $style has /* comments */: Browser's :style and drag-and-drop cannot parse them" \
      "(neo4j-browser.sh strips them before serving the file)"
  fi
else
  say "!! $style is missing: Browser's default style, colours not checked"
  export NEO4J_BROWSER_STYLE=""
fi
interrupted=""
cleanup() {
  local rc=$?
  [ -z "$interrupted" ] || rc=130
  bash "$root/scripts/neo4j-browser.sh" stop || true
  [ "$rc" -eq 0 ] || [ "$rc" -eq 130 ] || { say "server log (tail):"; tail -20 "$state/server.log" 2>/dev/null || true; }
  rm -rf "$state"
  say "finished in $((SECONDS - start_s)) s (exit $rc)"
  exit "$rc"
}
trap cleanup EXIT
trap 'interrupted=1; exit 130' INT TERM
bash "$root/scripts/neo4j-browser.sh" start
bash "$root/scripts/browser/security-check.sh"

# 3. Data and URL.
kgb="$state/kgb"
go build -o "$kgb" ./cmd/kgb
say "kgb ingest examples/articles -> bolt://127.0.0.1:$bolt_port"
"$kgb" ingest --quiet --store neo4j --neo4j-uri "bolt://127.0.0.1:$bolt_port" examples/articles
url="$("$kgb" browse --no-auth --uri "bolt://127.0.0.1:$bolt_port" --database "" --browser-url "http://127.0.0.1:$http_port/browser/" "$entity")"
say "kgb browse URL: $url"

# 4. The browser test.
mkdir -p "$artifacts"
rm -f "$artifacts"/*.png
say "artifacts: $artifacts"
(cd "$here" && KGB_E2E_URL="$url" KGB_E2E_HTTP="http://127.0.0.1:$http_port" KGB_E2E_ENTITY="$entity" \
  KGB_E2E_STYLE="${NEO4J_BROWSER_STYLE}" KGB_E2E_ARTIFACTS="$artifacts" \
  node --test --test-reporter=spec browser.e2e.mjs)
say "screenshot: $artifacts/browser.png"
