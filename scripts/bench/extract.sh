#!/usr/bin/env bash
# Benchmark of `kgb extract` (article mode, JSONL) against a baseline run in
# the same script: prose v3's full pipeline (prose.NewDocument with
# segmentation, tagging and NER) over the same files with the same number
# of goroutines (GOMAXPROCS). Prints tokens/s of both, the ratio and peak RSS.
# kgb's article mode tags and dependency-parses every sentence (packages
# syntax and clauses); `kgb extract --patterns` is the pre-parser path (flat
# POS patterns). Both run here: tokens/s, peak RSS and the ratio of the
# parse path to the patterns path in this same script.
# Usage: scripts/bench/extract.sh [CORPUS_DIR]   (default ../shared/corpora/bbc)
# Needs /usr/bin/time (Debian package "time").
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus="${1:-../shared/corpora/bbc}"
[ -d "$corpus" ] || { echo "corpus $corpus not found" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time missing: apt-get install -y time" >&2; exit 1; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
CGO_ENABLED=0 go build -o "$tmp/kgb" ./cmd/kgb   # the static, cgo-free binary kgb ships as
go build -o "$tmp/prosebaseline" ./scripts/bench/prosebaseline
procs="$(go run ./scripts/bench/prosebaseline/gomaxprocs.go 2>/dev/null || nproc)"

rss() { awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$1"; }
wall() { awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$1"; }

echo "== baseline: prose.NewDocument (segment+tag+NER), $procs goroutines, $corpus"
/usr/bin/time -v "$tmp/prosebaseline" "$corpus" > "$tmp/base.out" 2> "$tmp/base.time"
cat "$tmp/base.out"
tokens="$(awk '{for(i=1;i<=NF;i++) if($i=="tokens") print $(i+1)}' "$tmp/base.out")"
base_s="$(wall "$tmp/base.time")"  # wall clock of the whole process, like kgb's

echo "== kgb extract --format jsonl $corpus"
/usr/bin/time -v "$tmp/kgb" extract --format jsonl "$corpus" > "$tmp/kgb.jsonl" 2> "$tmp/kgb.time" || {
  rc=$?; cat "$tmp/kgb.time" >&2; [ $rc -eq 3 ] || exit $rc; }
kgb_s="$(wall "$tmp/kgb.time")"
triples="$(wc -l < "$tmp/kgb.jsonl")"

echo "== kgb extract --patterns --format jsonl $corpus"
/usr/bin/time -v "$tmp/kgb" extract --patterns --format jsonl "$corpus" > "$tmp/kgbp.jsonl" 2> "$tmp/kgbp.time" || {
  rc=$?; cat "$tmp/kgbp.time" >&2; [ $rc -eq 3 ] || exit $rc; }
kgbp_s="$(wall "$tmp/kgbp.time")"
ptriples="$(wc -l < "$tmp/kgbp.jsonl")"

awk -v t="$tokens" -v b="$base_s" -v k="$kgb_s" -v tr="$triples" -v br="$(rss "$tmp/base.time")" -v kr="$(rss "$tmp/kgb.time")" -v kp="$kgbp_s" -v kpr="$(rss "$tmp/kgbp.time")" -v ptr="$ptriples" 'BEGIN {
  printf "tokens (prose tokenizer)   %d\n", t
  printf "baseline  %8.2f s  %9.0f tokens/s  peak RSS %6.1f MB\n", b, t/b, br
  printf "kgb       %8.2f s  %9.0f tokens/s  peak RSS %6.1f MB  (%d triples)\n", k, t/k, kr, tr
  printf "ratio kgb/baseline: %.2fx\n", b/k
  printf "patterns  %8.2f s  %9.0f tokens/s  peak RSS %6.1f MB  (%d triples)\n", kp, t/kp, kpr, ptr
  printf "ratio parse/patterns: %.2f\n", kp/k
}'
