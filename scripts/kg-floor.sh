#!/usr/bin/env bash
# Seed-article knowledge-graph regression floor, called by scripts/test.sh.
# Extracts the seed article in article mode, scores it with the reference
# scorer (../shared/tools/kg_score.py --json) and fails when any figure is
# past its floor. Floors are overridable through the environment.
set -euo pipefail
cd "$(dirname "$0")/.."
SEED=../shared/eval/seed
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
go run ./cmd/kgb extract --format jsonl "$SEED/000_666469d40476e5ee.txt" >"$out"
python3 ../shared/tools/kg_score.py "$SEED" "$out" --json | python3 scripts/kg-check-floors.py "" \
  "key_recall:>=:KGB_KG_MIN_KEY_RECALL:0.93" \
  "ee_precision:>=:KGB_KG_MIN_EE_PRECISION:0.90" \
  "junk_rate:<=:KGB_KG_MAX_JUNK_RATE:0.00" \
  "one_name:>=:KGB_KG_MIN_ONE_NAME:1.00"
