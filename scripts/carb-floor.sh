#!/usr/bin/env bash
# CaRB dev regression floor, called by scripts/test.sh. Fails when kgb's
# lines-mode extraction scores below the floors, which sit just under the
# figures reached (see README). Raise them when the extractor improves.
set -euo pipefail
cd "$(dirname "$0")/.."
MIN_F1="${KGB_CARB_MIN_F1:-0.525}"
MIN_AUC="${KGB_CARB_MIN_AUC:-0.355}"
go run ./cmd/kgb eval carb \
  --gold ../shared/eval/carb/dev.gold.tsv \
  --sentences ../shared/eval/carb/dev.txt \
  --subset ../shared/eval/carb/dev.newswire.txt \
  --min-f1 "$MIN_F1" --min-auc "$MIN_AUC"
