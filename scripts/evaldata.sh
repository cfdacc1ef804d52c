# Sourced by the scripts that read the evaluation data (CaRB dev, the seed
# article, the reference scorers): sets EVAL_DATA to $KGB_EVAL_DATA, by
# default ../shared beside the repository (a relative path is taken from the
# repository root, where the caller has cd'd). The data is not in the
# repository.
#
# require_eval_data WHAT FILE...: when a FILE (relative to EVAL_DATA) is
# missing, prints a loud SKIP naming WHAT and exits 0, or exits 1 under
# CI=true so CI never passes with the check unrun.
EVAL_DATA="${KGB_EVAL_DATA:-../shared}"
require_eval_data() {
  local what=$1 f
  shift
  for f in "$@"; do
    if [ ! -e "$EVAL_DATA/$f" ]; then
      local msg="$what needs $EVAL_DATA/$f: set KGB_EVAL_DATA to the evaluation data folder (default ../shared beside the repository)"
      if [ "${CI:-}" = "true" ]; then
        echo "FAIL: $msg" >&2
        exit 1
      fi
      echo "!!! SKIPPED: $msg" >&2
      exit 0
    fi
  done
}
