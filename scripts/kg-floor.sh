#!/usr/bin/env bash
# Seed-article knowledge-graph regression floor, called by scripts/test.sh.
# Extracts the seed article in article mode, scores it with the reference
# scorer ($KGB_EVAL_DATA/tools/kg_score.py --json) and fails when any figure is
# past its floor. Floors are overridable through the environment. The seed
# is a development set: these figures are in-sample.
#
# Reads $KGB_EVAL_DATA (default ../shared): skips loudly when the seed or the
# scorer is missing, fails under CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/evaldata.sh
require_eval_data "the seed knowledge-graph floor" eval/seed/000_666469d40476e5ee.txt tools/kg_score.py
SEED="$EVAL_DATA/eval/seed"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
go run ./cmd/kgb extract --format jsonl "$SEED/000_666469d40476e5ee.txt" >"$out"
python3 "$EVAL_DATA/tools/kg_score.py" "$SEED" "$out" --json | python3 scripts/kg-check-floors.py "" \
  "key_recall:>=:KGB_KG_MIN_KEY_RECALL:0.93" \
  "ee_precision:>=:KGB_KG_MIN_EE_PRECISION:0.90" \
  "junk_rate:<=:KGB_KG_MAX_JUNK_RATE:0.00" \
  "one_name:>=:KGB_KG_MIN_ONE_NAME:1.00"
