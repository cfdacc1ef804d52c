#!/usr/bin/env bash
# UD English EWT dev regression floor for kgb's tagger and dependency
# parser, called by scripts/test.sh. Fails when UAS or LAS fall below the
# floors, which sit just under the figures recorded in
# extract/syntax/model/dev.json (dev is the tuning set: in-sample). Raise
# them when the parser improves.
#
# Reads $KGB_EVAL_DATA/corpora/ud-ewt (default ../shared): skips loudly when
# it is missing, fails under CI=true.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/evaldata.sh
require_eval_data "the UD English EWT dev floor" corpora/ud-ewt/en_ewt-ud-dev.conllu
MIN_UAS="${KGB_UD_MIN_UAS:-83.5}"
MIN_LAS="${KGB_UD_MIN_LAS:-80.1}"
go run ./cmd/kgb eval ud --gold "$EVAL_DATA/corpora/ud-ewt/en_ewt-ud-dev.conllu" --min-uas "$MIN_UAS" --min-las "$MIN_LAS"
