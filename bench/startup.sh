#!/usr/bin/env bash
# Start-up benchmark: time from launch to a mapped window, and idle memory
# (RSS 3 s after the window maps), of twohats side by side with a bare
# one-label Fyne window built with the same toolchain. Several runs each;
# prints medians and the ratios twohats / bare (target: both at most 1.3).
#   bash bench/startup.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/xvfb.sh
runs=${1:-7}
work=$(mktemp -d)
trap 'stop_xvfb; rm -rf "$work"' EXIT
go build -o "$work/twohats" ./cmd/twohats
go build -o "$work/bare" ./bench/bare
isolated_env "$work"
start_xvfb
# a data folder with a profile, so twohats opens on its home screen
"$work/twohats" play --data "$work/data/th" --profile Bench --scenario lost-key-client \
  --answers scenarios/testdata/golden/lost-key-client.best.answers >/dev/null

measure() { # name binary args... ; prints "ms rss_kb"
  local name=$1; shift
  local t0 t1 pid id rss
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1 &
  pid=$!
  id=$(wait_window "$name" 60) || { echo "no window for $name" >&2; kill -9 $pid; return 1; }
  t1=$(date +%s%N)
  sleep 3
  rss=$(awk '/VmRSS/ {print $2}' /proc/$pid/status)
  kill -TERM $pid; wait $pid 2>/dev/null || true
  echo "$(( (t1 - t0) / 1000000 )) $rss"
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

: >"$work/th.txt"; : >"$work/bare.txt"
for i in $(seq 1 "$runs"); do
  # alternate, so drift on a shared machine hits both alike
  measure "Bare" "$work/bare" >>"$work/bare.txt"
  measure "Two Hats" "$work/twohats" --data "$work/data/th" >>"$work/th.txt"
done
bm=$(cut -d' ' -f1 "$work/bare.txt" | median); br=$(cut -d' ' -f2 "$work/bare.txt" | median)
tm=$(cut -d' ' -f1 "$work/th.txt" | median); tr=$(cut -d' ' -f2 "$work/th.txt" | median)
awk -v bm="$bm" -v br="$br" -v tm="$tm" -v tr="$tr" 'BEGIN {
  printf "%-10s %14s %14s\n", "", "window (ms)", "idle RSS (MB)"
  printf "%-10s %14d %14.1f\n", "bare", bm, br/1024
  printf "%-10s %14d %14.1f\n", "twohats", tm, tr/1024
  printf "%-10s %14.2f %14.2f\n", "ratio", tm/bm, tr/br
}' 
echo "($runs runs each, medians; raw: bare $(tr '\n' ';' <"$work/bare.txt") twohats $(tr '\n' ';' <"$work/th.txt"))"
