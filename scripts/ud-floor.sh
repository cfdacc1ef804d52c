#!/usr/bin/env bash
# UD English EWT dev regression floor for kgb's tagger and dependency
# parser, called by scripts/test.sh. Fails when UAS or LAS fall below the
# floors, which sit just under the figures recorded in
# extract/syntax/model/dev.json. Raise them when the parser improves.
# Skips (loudly) when the treebank is missing, except under CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."
dev="${KGB_EVAL_DATA:-../shared}/corpora/ud-ewt/en_ewt-ud-dev.conllu"
if [ ! -f "$dev" ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "CI=true but $dev is missing: cannot run the UD floor" >&2; exit 1
  fi
  echo "!! SKIP UD floor: $dev not found (set KGB_EVAL_DATA)" >&2; exit 0
fi
MIN_UAS="${KGB_UD_MIN_UAS:-83.5}"
MIN_LAS="${KGB_UD_MIN_LAS:-80.1}"
go run ./cmd/kgb eval ud --gold "$dev" --min-uas "$MIN_UAS" --min-las "$MIN_LAS"
