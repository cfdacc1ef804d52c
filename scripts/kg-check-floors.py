#!/usr/bin/env python3
"""Checks kg_score.py --json figures (stdin) against floors; exits 1 when one is past its floor.

Usage: kg_score.py ... --json | kg-check-floors.py LABEL FIGURE:OP:ENV:DEFAULT ...
  FIGURE  a key of the scorer's JSON (key_recall, ee_precision, ...)
  OP      ">=" (a minimum) or "<=" (a maximum)
  ENV     environment variable that overrides DEFAULT
Used by scripts/kg-floor.sh (seed article) and scripts/kg-dev.sh --floor (news-dev).
"""
import json, os, sys

label, specs = sys.argv[1], sys.argv[2:]
res = json.load(sys.stdin)
bad = []
for spec in specs:
    key, op, env, default = spec.split(":")
    lim = float(os.environ.get(env, default))
    if key not in res:
        bad.append("%s missing from scorer output" % key)
        continue
    v = float(res[key])
    ok = v >= lim if op == ">=" else v <= lim
    print("%s%-13s %.3f (floor %s %.2f) %s" % (label, key, v, op, lim, "ok" if ok else "FAIL"))
    if not ok:
        bad.append(key)
if bad:
    print("%sbelow floor: %s" % (label, ", ".join(bad)), file=sys.stderr)
    sys.exit(1)
