#!/usr/bin/env bash
# Idle CPU: how much processor twohats uses while nothing happens, on every
# screen, side by side with a bare Fyne window (one label) and a bare window
# with a focused Entry (Fyne's cursor blink). Under Xvfb; each screen is
# opened with `twohats --screen NAME` in a fresh process, left to settle,
# then its user+system CPU time (utime+stime in /proc/PID/stat) is read over
# the measuring window. "tour" walks through every screen in one process
# (a second on each) and measures on Home at the end, so work left running
# by a screen that was left shows up there.
#
# Target: every screen at most 1.5x its baseline: the Entry baseline for
# a screen with a focused text field (typing: the welcome screen after a
# letter typed into its name field), the label baseline for the rest. No
# screen focuses a field when it opens.
#
#   bash bench/idle-cpu.sh [SECONDS] [ROUNDS]    (defaults: 10 s, 1 round)
#   SCREENS="settings tour" bash bench/idle-cpu.sh    (some screens only)
#
# Needs go, Xvfb, xdotool and x11-utils (scripts/setup-system.sh installs
# them). With ROUNDS > 1 the medians are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/xvfb.sh
secs=${1:-10}
rounds=${2:-1}
settle=${SETTLE:-4}
work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill -TERM "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  stop_xvfb
  rm -rf "$work"
}
trap cleanup EXIT
go build -o "$work/twohats" ./cmd/twohats
go build -o "$work/bare" ./bench/bare
isolated_env "$work"
start_xvfb
hz=$(getconf CLK_TCK)

# a player with one finished attempt (for the debrief and progress screens)
# and a workshop (for the Facilitator area)
"$work/twohats" play --data "$work/seed" --profile Bench --scenario lost-key-client \
  --answers scenarios/testdata/golden/lost-key-client.best.answers >/dev/null
"$work/twohats" workshop create --data "$work/seed" "Bench workshop" >/dev/null 2>&1

# welcome is the first run's screen, on an empty data folder; typing is the
# same after one letter typed into its name field, which then has the focus
# and blinks its cursor
read -r -a screens <<<"${SCREENS:-welcome typing home library play debrief progress facilitator settings profiles tour}"
entry_screens=" typing "
tour=library,play,debrief,progress,facilitator,settings,profiles,home

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# measure NAME COMMAND...: starts the command, waits for its window (and,
# with --screen, for twohats to say it opened the last screen), lets it
# settle, prints the CPU used over $secs seconds in percent of one core.
measure() {
  local name=$1 id a b
  shift
  "$@" >"$work/out.log" 2>&1 &
  pid=$!
  id=$(wait_window "$name" 60) || { echo "no window $name for: $*" >&2; cat "$work/out.log" >&2; exit 1; }
  xdotool windowfocus "$id" 2>/dev/null || true
  if [[ " $* " == *" --screen "* ]]; then
    for _ in $(seq 1 600); do
      grep -q '^screen ' "$work/out.log" && break
      sleep 0.1
    done
    grep -q '^screen ' "$work/out.log" || { echo "twohats did not open the screens: $*" >&2; cat "$work/out.log" >&2; exit 1; }
  elif [ "$name" = "Two Hats" ]; then
    sleep 3 # the first screen follows the store's opening checks
  fi
  if [ -n "${keys:-}" ]; then
    xdotool type --delay 100 "$keys"
  fi
  sleep "$settle"
  a=$(ticks "$pid")
  sleep "$secs"
  b=$(ticks "$pid")
  kill -TERM "$pid"; wait "$pid" 2>/dev/null || true
  pid=
  awk -v t=$((b - a)) -v hz="$hz" -v s="$secs" 'BEGIN { printf "%.2f\n", 100 * t / hz / s }'
}

app() { # app SCREENS: twohats on a fresh copy of the seeded data
  rm -rf "$work/data"
  if [ "$1" = welcome ] || [ "$1" = typing ]; then
    echo "$work/twohats" --data "$work/data"
    return
  fi
  cp -r "$work/seed" "$work/data"
  echo "$work/twohats" --data "$work/data" --screen "$1"
}

for r in $(seq 1 "$rounds"); do
  measure Bare "$work/bare" >>"$work/bare.txt"
  measure Bare "$work/bare" --entry >>"$work/entry.txt"
  for s in "${screens[@]}"; do
    list=$s
    [ "$s" = tour ] && list=$tour
    keys=
    [ "$s" = typing ] && keys=A
    # shellcheck disable=SC2046
    keys=$keys measure "Two Hats" $(app "$list") >>"$work/$s.txt"
  done
done

median() { sort -n "$1" | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
bare=$(median "$work/bare.txt")
entry=$(median "$work/entry.txt")
printf "Idle CPU over %s s after %s s settling, %% of one core (%s round(s), medians)\n" "$secs" "$settle" "$rounds"
printf "%-12s %8s %10s %8s %7s\n" screen twohats baseline base% ratio
worst=0
for s in "${screens[@]}"; do
  v=$(median "$work/$s.txt")
  base=label; b=$bare
  if [[ $entry_screens == *" $s "* ]]; then base=entry; b=$entry; fi
  # a floor of 0.5% of a core keeps the ratio meaningful when both are ~0
  ratio=$(awk -v v="$v" -v b="$b" 'BEGIN { if (b < 0.5) b = 0.5; printf "%.2f", v / b }')
  printf "%-12s %7.2f%% %10s %7.2f%% %6sx\n" "$s" "$v" "$base" "$b" "$ratio"
  worst=$(awk -v w="$worst" -v r="$ratio" 'BEGIN { print (r > w) ? r : w }')
done
printf "%-12s %7.2f%%\n%-12s %7.2f%%\n" "bare label" "$bare" "bare entry" "$entry"
echo "worst ratio: ${worst}x (target: at most 1.5x)"
