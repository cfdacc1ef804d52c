#!/usr/bin/env bash
# Trains kgb's Penn Treebank tagger and dependency parser on UD English EWT
# (train split, 5-fold jackknifed tags for the parser; dev for the recorded
# figures) and writes extract/syntax/model/{tagger,parser}.bin and
# dev.json. Deterministic: a rerun writes the same bytes.
# Usage: scripts/train-parser.sh [extra trainparser flags]
#   UD_EWT=DIR  treebank directory (default ${KGB_EVAL_DATA:-../shared}/corpora/ud-ewt)
set -euo pipefail
cd "$(dirname "$0")/.."
ud="${UD_EWT:-${KGB_EVAL_DATA:-../shared}/corpora/ud-ewt}"
[ -f "$ud/en_ewt-ud-train.conllu" ] || { echo "UD English EWT not found in $ud (set UD_EWT)" >&2; exit 1; }
exec go run ./scripts/trainparser -ud "$ud" -out extract/syntax/model "$@"
