# Sourced by scripts/bench/extract.sh and scripts/bench/peers.sh: run a
# command under GNU time and read back its wall time, CPU time and peak RSS.
# The caller sets $tmp (a scratch directory) before sourcing.

# need_gnu_time installs GNU time as root with apt-get, or explains.
need_gnu_time() {
  [ -x /usr/bin/time ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y time >/dev/null || { apt-get update >/dev/null && apt-get install -y time >/dev/null; }
  else
    echo "/usr/bin/time is missing: install GNU time (apt-get install time)" >&2
    return 1
  fi
}

# measure LABEL OUT CMD...: runs CMD with its standard output in OUT and
# records "wall_s peak_rss_kb user_s sys_s" in $tmp/LABEL.time. Exit status
# 3 (kgb: some files failed, the rest processed) is accepted.
measure() {
  local label=$1 out=$2 rc=0
  shift 2
  /usr/bin/time -f "%e %M %U %S" -o "$tmp/$label.time.raw" "$@" >"$out" 2>"$tmp/$label.err" || rc=$?
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 3 ]; then
    echo "$label: $* exited $rc" >&2
    tail -20 "$tmp/$label.err" >&2
    return "$rc"
  fi
  tail -1 "$tmp/$label.time.raw" >"$tmp/$label.time" # time -o puts "exited with status" first
}
wall_s() { awk '{print $1}' "$tmp/$1.time"; }
cpu_s() { awk '{printf "%.2f", $3 + $4}' "$tmp/$1.time"; }
rss_mb() { awk '{printf "%.1f", $2 / 1024}' "$tmp/$1.time"; }
