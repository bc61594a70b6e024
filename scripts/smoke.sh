#!/usr/bin/env bash
# Smoke test: build the real binary, start it under Xvfb on a temporary data
# folder, wait for the "Two Hats" window, save a screenshot, then ask it to
# quit (SIGTERM) and check it exits cleanly with its database intact.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/xvfb.sh
out=${1:-${SMOKE_SHOT:-/tmp/twohats-smoke.png}}
work=$(mktemp -d)
app_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill -9 "$app_pid" 2>/dev/null || true
  stop_xvfb
  rm -rf "$work"
}
trap cleanup EXIT

go build -o "$work/twohats" ./cmd/twohats
isolated_env "$work"
start_xvfb
"$work/twohats" --data "$work/data/twohats" >"$work/app.log" 2>&1 &
app_pid=$!
if ! id=$(wait_window "Two Hats" 60); then
  echo "smoke: no 'Two Hats' window appeared within 60 s" >&2
  cat "$work/app.log" >&2
  exit 1
fi
sleep 1.5 # let the first frame paint
import -window root "$out"
echo "smoke: window $id is up; screenshot in $out"
kill -TERM "$app_pid"
rc=0
wait "$app_pid" || rc=$?
app_pid=""
if [ "$rc" -ne 0 ]; then
  echo "smoke: the app exited with $rc after SIGTERM" >&2
  cat "$work/app.log" >&2
  exit 1
fi
check=$(sqlite3 "$work/data/twohats/twohats.db" 'PRAGMA integrity_check')
if [ "$check" != "ok" ]; then
  echo "smoke: integrity_check after exit: $check" >&2
  exit 1
fi
echo "smoke: clean exit, database ok"
