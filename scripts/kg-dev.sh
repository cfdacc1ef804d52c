#!/usr/bin/env bash
# news-dev knowledge-graph figures (article mode), the figure a user feels.
# Extracts the 20 news-dev articles with `kgb extract --format jsonl` and
# scores them with the reference scorer (shared/tools/kg_score.py). These are
# in-sample figures: the extractor is tuned on news-dev.
#
# Usage: scripts/kg-dev.sh [--json] [--keep FILE] [--floor]
#   --keep FILE  also write the extraction to FILE
#   --floor      fail when a figure is past its floor (scripts/test.sh runs this); floors sit just
#                under the figures reached and are overridable: KGB_NEWSDEV_MIN_KEY_RECALL,
#                KGB_NEWSDEV_MIN_EE_RECALL, KGB_NEWSDEV_MIN_EE_PRECISION, KGB_NEWSDEV_MAX_JUNK_RATE,
#                KGB_NEWSDEV_MIN_ONE_NAME
# Eval data comes from ${KGB_EVAL_DATA:-../shared} (eval/news-dev, corpora/bbc,
# tools/kg_score.py). Without it the script skips loudly, and fails under CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
. scripts/evaldata.sh
json="" keep="" floor=""
while [ $# -gt 0 ]; do
  case "$1" in
  --json) json="--json" ;;
  --keep) keep="$2"; shift ;;
  --floor) floor=1 ;;
  *) echo "kg-dev: unknown argument $1" >&2; exit 2 ;;
  esac
  shift
done
require_eval_data "the news-dev knowledge-graph figures" eval/news-dev/entities.jsonl corpora/bbc tools/kg_score.py
gold="$EVAL_DATA/eval/news-dev" corpus="$EVAL_DATA/corpora/bbc" scorer="$EVAL_DATA/tools/kg_score.py"
gold="$(cd "$gold" && pwd)" corpus="$(cd "$corpus" && pwd)" scorer="$(cd "$(dirname "$scorer")" && pwd)/$(basename "$scorer")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/kgb" ./cmd/kgb
docs=$(python3 -c "import json,sys; print(' '.join(sorted({json.loads(l)['doc'] for l in open(sys.argv[1])})))" "$gold/entities.jsonl")
# shellcheck disable=SC2086
(cd "$corpus" && "$tmp/kgb" extract --format jsonl $docs) >"$tmp/run.jsonl"
if [ -n "$keep" ]; then cp "$tmp/run.jsonl" "$keep"; fi
if [ -z "$floor" ]; then
  python3 "$scorer" "$gold" "$tmp/run.jsonl" --corpus "$corpus" $json
  exit 0
fi
python3 "$scorer" "$gold" "$tmp/run.jsonl" --corpus "$corpus" --json | python3 "$root/scripts/kg-check-floors.py" "news-dev " \
  "key_recall:>=:KGB_NEWSDEV_MIN_KEY_RECALL:0.75" \
  "ee_recall:>=:KGB_NEWSDEV_MIN_EE_RECALL:0.40" \
  "ee_precision:>=:KGB_NEWSDEV_MIN_EE_PRECISION:0.88" \
  "junk_rate:<=:KGB_NEWSDEV_MAX_JUNK_RATE:0.01" \
  "one_name:>=:KGB_NEWSDEV_MIN_ONE_NAME:0.97"
