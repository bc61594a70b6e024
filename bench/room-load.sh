#!/usr/bin/env bash
# Room play under load, and after a crash (issue 14, "Show"). Builds the real
# binary, measures the desktop app at rest (its VmRSS and VmHWM about 5 s
# after its window maps, under Xvfb), then runs tools/roomload against
# `twohats host` on 127.0.0.1 with a temporary data folder:
#  - load: N simulated phones (default 200), each from its own loopback
#    address, join, keep an event stream open and vote on the reading and
#    the action at every moment of the scenario, to the ending; prints
#    joins, votes sent / acknowledged / counted by the host (they must be
#    equal), the vote round trip p50 / p99 / max (target p99 < 50 ms), and
#    the host's peak memory beside the app at rest (target < 1.5x);
#  - fault: a second session is killed with SIGKILL mid-vote, restarted
#    with the same flags plus --workshop, and must resume with every
#    acknowledged vote, the phones' old tokens still working.
# Exits non-zero when a count differs or an acknowledged vote is lost.
#   bash bench/room-load.sh [N]          SCENARIO=... SEED=... THINK=1s
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/xvfb.sh
n=${1:-200}
scenario=${SCENARIO:-lost-key-client}
work=$(mktemp -d)
trap 'stop_xvfb; rm -rf "$work"' EXIT
CGO_ENABLED=1 go build -o "$work/twohats" ./cmd/twohats
go build -o "$work/roomload" ./tools/roomload
isolated_env "$work"

# the desktop app at rest, on its home screen
"$work/twohats" play --data "$work/app" --profile Bench --scenario "$scenario" \
  --answers "scenarios/testdata/golden/$scenario.best.answers" >/dev/null
start_xvfb
"$work/twohats" --data "$work/app" >/dev/null 2>&1 &
app=$!
wait_window "Two Hats" 60 >/dev/null || { echo "the app showed no window" >&2; kill -9 $app; exit 1; }
sleep 5
app_rss=$(awk '/VmRSS/ {print $2}' /proc/$app/status)
app_hwm=$(awk '/VmHWM/ {print $2}' /proc/$app/status)
kill -TERM $app; wait $app 2>/dev/null || true
stop_xvfb; XVFB_PID=

start=$(date +%s)
"$work/roomload" -bin "$work/twohats" -data "$work/host" -scenario "$scenario" -n "$n" \
  -seed "${SEED:-1}" -think "${THINK:-1s}" -app-rss "$app_rss" -app-hwm "$app_hwm"
echo "(load and fault parts: $(( $(date +%s) - start )) s)"
