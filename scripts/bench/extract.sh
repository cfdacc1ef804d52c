#!/usr/bin/env bash
# Benchmark of `kgb extract` (article mode, JSONL) against two baselines run
# in the same script over the same files with the same number of goroutines
# (GOMAXPROCS):
#   - prose tag-only: prose.NewDocument with NER off, i.e. segmentation,
#     tokenisation and part-of-speech tagging: the stages kgb itself runs
#     before its own rules (the fair baseline);
#   - prose full: prose.NewDocument's default pipeline, which adds prose's
#     NER (kgb does not run it).
# Prints, for each, wall seconds, CPU seconds (user+sys), tokens/s, tokens
# per CPU second, peak RSS, and kgb's ratio against it. On a shared machine
# the CPU-second ratio is the steadier figure: wall time also measures the
# neighbours. kgb's article mode tags and dependency-parses every sentence
# (packages syntax and clauses); `kgb extract --patterns` (the pre-parser
# path, flat POS patterns) runs too, and the parse path's ratio to it is
# printed as "kgb x(...)" on its row. Usage: scripts/bench/extract.sh [CORPUS_DIR]
# (default $KGB_EVAL_DATA/corpora/bbc, KGB_EVAL_DATA defaulting to ../shared).
set -euo pipefail
cd "$(dirname "$0")/../.."
corpus="${1:-${KGB_EVAL_DATA:-../shared}/corpora/bbc}"
[ -d "$corpus" ] || { echo "corpus $corpus not found (set KGB_EVAL_DATA or pass a folder)" >&2; exit 1; }
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
. scripts/bench/lib.sh
need_gnu_time
CGO_ENABLED=0 go build -o "$tmp/kgb" ./cmd/kgb   # the static, cgo-free binary kgb ships as
go build -o "$tmp/prosebaseline" ./scripts/bench/prosebaseline
procs="$(go run ./scripts/bench/prosebaseline/gomaxprocs.go 2>/dev/null || nproc)"
echo "== $corpus, $procs goroutines each"

echo "== baseline: prose tag-only (segment+tokenize+tag)"
measure tag "$tmp/tag.out" "$tmp/prosebaseline" -ner=false "$corpus"
cat "$tmp/tag.out"
echo "== baseline: prose full pipeline (segment+tokenize+tag+NER)"
measure full "$tmp/full.out" "$tmp/prosebaseline" "$corpus"
cat "$tmp/full.out"
echo "== kgb extract --format jsonl"
measure kgb "$tmp/kgb.jsonl" "$tmp/kgb" extract --format jsonl "$corpus"
echo "== kgb extract --patterns --format jsonl (pre-parser path)"
measure patterns "$tmp/patterns.jsonl" "$tmp/kgb" extract --patterns --format jsonl "$corpus"

tokens="$(awk '{for(i=1;i<=NF;i++) if($i=="tokens") print $(i+1)}' "$tmp/tag.out")"
triples="$(wc -l <"$tmp/kgb.jsonl")"
echo "tokens (prose tokenizer): $tokens; kgb triples: $triples"
printf '%-22s %8s %8s %10s %12s %9s %11s %11s\n' run wall_s cpu_s tokens/s tokens/cpu-s rss_MB "kgb x(wall)" "kgb x(cpu)"
for r in tag full kgb patterns; do
  awk -v name="$r" -v t="$tokens" -v w="$(wall_s $r)" -v c="$(cpu_s $r)" -v m="$(rss_mb $r)" \
    -v kw="$(wall_s kgb)" -v kc="$(cpu_s kgb)" 'BEGIN {
    label = name == "tag" ? "prose tag-only" : name == "full" ? "prose full (with NER)" : name == "patterns" ? "kgb --patterns" : "kgb extract"
    printf "%-22s %8.2f %8.2f %10.0f %12.0f %9.1f %10.2fx %10.2fx\n", label, w, c, t/w, t/c, m, w/kw, c/kc
  }'
done
