#!/usr/bin/env bash
# Ingest benchmark (scripts/bench.sh ingest): kgb ingest into the embedded
# store, measured with /usr/bin/time -v.
#
#   1. all of ../shared/corpora/bbc: articles/s, MB/s, peak RSS, summary counts
#      (want 2,225 files: the articles, README.TXT skipped by the default --exclude; 98 duplicates, 0 failed);
#   2. the same command again, everything unchanged: want < 5% of run 1's time;
#   3. linear scaling: a corpus generated from BBC's sentences (scripts/gencorpus)
#      at 1x and at 4x BBC's size: want time(4x) <= 4.4 x time(1x), and
#      peak RSS(4x) <= 1.3 x peak RSS(1x) and <= 200 MB.
#
# Wall-clock time is what the targets use; CPU time (user+sys) is printed too,
# because on a shared machine wall time also measures the neighbours.
# Exits 1 when a target is missed. Usage: scripts/bench/ingest.sh [--keep]
set -euo pipefail
cd "$(dirname "$0")/../.."
bbc="${KGB_BENCH_BBC:-${KGB_EVAL_DATA:-../shared}/corpora/bbc}"
[ -d "$bbc" ] || { echo "no BBC corpus at $bbc" >&2; exit 1; }

if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
  else
    echo "/usr/bin/time is missing: install GNU time (apt-get install time)" >&2; exit 1
  fi
fi

tmp="$(mktemp -d "${TMPDIR:-/tmp}/kgb-bench-ingest.XXXXXX")"
if [ "${1:-}" = "--keep" ]; then echo "keeping $tmp"; else trap 'rm -rf "$tmp"' EXIT; fi

echo "== building kgb (CGO_ENABLED=0)"
CGO_ENABLED=0 go build -o "$tmp/kgb" ./cmd/kgb   # the static, cgo-free binary kgb ships as
echo "== generating the scaling corpora from $bbc (outside the repo, in $tmp)"
go run ./scripts/gencorpus -src "$bbc" -scale 1 -seed 1 -out "$tmp/gen1"
go run ./scripts/gencorpus -src "$bbc" -scale 4 -seed 4 -out "$tmp/gen4"

# run LABEL DB DIR: ingest DIR into DB; leaves $tmp/LABEL.json (summary),
# $tmp/LABEL.time (wall seconds, peak RSS KB, user s, sys s) and
# $tmp/LABEL.split (peak RssAnon KB = Go heap and stacks, peak RssFile KB =
# mapped files: the kgb binary itself), sampled from /proc.
run() {
  local label=$1 db=$2 dir=$3 rc=0 tpid kpid a f maxa=0 maxf=0
  sync
  /usr/bin/time -f "%e %M %U %S" -o "$tmp/$label.time" \
    env -u NEO4J_URI -u KGB_NEO4J_URI -u KGB_STORE "$tmp/kgb" ingest --json --db "$db" "$dir" >"$tmp/$label.json" &
  tpid=$!
  while kill -0 "$tpid" 2>/dev/null; do
    kpid=$(pgrep -P "$tpid" | head -1 || true)
    if [ -n "$kpid" ] && [ -r "/proc/$kpid/status" ]; then
      a=$(awk '/^RssAnon/ {print $2}' "/proc/$kpid/status" 2>/dev/null || true)
      f=$(awk '/^RssFile/ {print $2}' "/proc/$kpid/status" 2>/dev/null || true)
      [ -n "$a" ] && [ "$a" -gt "$maxa" ] && maxa=$a
      [ -n "$f" ] && [ "$f" -gt "$maxf" ] && maxf=$f
    fi
    sleep 0.2
  done
  wait "$tpid" || rc=$?
  echo "$maxa $maxf" >"$tmp/$label.split"
  if [ "$rc" -ne 0 ]; then echo "kgb ingest $dir exited $rc" >&2; cat "$tmp/$label.json" >&2; exit 1; fi
}
field() { grep -o "\"$2\":[0-9.e+-]*" "$tmp/$1.json" | head -1 | cut -d: -f2; }
wall() { cut -d' ' -f1 "$tmp/$1.time"; }
rss() { cut -d' ' -f2 "$tmp/$1.time"; }
rsssplit() { awk '{printf "(heap %d MB + mapped files %d MB)", $1 / 1024, $2 / 1024}' "$tmp/$1.split"; }
cpu() { awk '{printf "%.2f", $3 + $4}' "$tmp/$1.time"; }
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) b = 0.001; printf "%.3f", a / b }'; }
fail=0
check() { # check DESCRIPTION CONDITION(awk expression)
  if awk "BEGIN { exit !($2) }"; then echo "  PASS  $1"; else echo "  FAIL  $1"; fail=1; fi
}

echo "== BBC, first run (embedded store, $(nproc) cores)"
run bbc1 "$tmp/bbc.db" "$bbc"
echo "== BBC, same command again (all unchanged)"
run bbc2 "$tmp/bbc.db" "$bbc"
echo "== generated 1x"
run gen1 "$tmp/gen1.db" "$tmp/gen1"
echo "== generated 4x"
run gen4 "$tmp/gen4.db" "$tmp/gen4"

files=$(field bbc1 files); new=$(field bbc1 new); dup=$(field bbc1 duplicate); failed=$(field bbc1 failed)
bytes=$(field bbc1 bytes)
echo
echo "BBC first run:  $(wall bbc1) s wall ($(cpu bbc1) s CPU), $files files, $new new, $dup duplicate, $failed failed,"
echo "                $(field bbc1 sentences) sentences, $(field bbc1 triples) triples"
echo "                $(div "$new" "$(wall bbc1)") articles/s, $(div "$(div "$bytes" 1048576)" "$(wall bbc1)") MiB/s, peak RSS $(( $(rss bbc1) / 1024 )) MB $(rsssplit bbc1)"
echo "BBC rerun:      $(wall bbc2) s wall ($(cpu bbc2) s CPU), $(field bbc2 unchanged) unchanged, peak RSS $(( $(rss bbc2) / 1024 )) MB"
echo "generated 1x:   $(field gen1 new) articles, $(field gen1 bytes) bytes: $(wall gen1) s wall ($(cpu gen1) s CPU), peak RSS $(( $(rss gen1) / 1024 )) MB $(rsssplit gen1)"
echo "generated 4x:   $(field gen4 new) articles, $(field gen4 bytes) bytes: $(wall gen4) s wall ($(cpu gen4) s CPU), peak RSS $(( $(rss gen4) / 1024 )) MB $(rsssplit gen4)"
echo
rerun=$(div "$(wall bbc2)" "$(wall bbc1)")
tratio=$(div "$(wall gen4)" "$(wall gen1)")
cratio=$(div "$(cpu gen4)" "$(cpu gen1)")
rratio=$(div "$(rss gen4)" "$(rss gen1)")
echo "ratios: rerun/first = $rerun; 4x/1x time = $tratio (CPU $cratio); 4x/1x peak RSS = $rratio"
check "BBC summary: 2225 files, 98 duplicates, 0 failed" "$files == 2225 && $dup == 98 && $failed == 0"
check "rerun takes < 5% of the first run ($rerun)" "$rerun < 0.05"
check "4x corpus takes <= 4.4x the time of 1x ($tratio)" "$tratio <= 4.4"
check "4x peak RSS <= 1.3x of 1x ($rratio)" "$rratio <= 1.3"
check "4x peak RSS <= 200 MB ($(( $(rss gen4) / 1024 )) MB)" "$(rss gen4) <= 200 * 1024"
exit $fail
