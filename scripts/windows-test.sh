#!/usr/bin/env bash
# Builds Two Hats for Windows with MinGW-w64 and tests the build under Wine:
# the engine, scenario and session tests (go test -exec wine), then the real
# twohats.exe: every scenario's golden transcript, byte for byte, and a
# store round trip (play with a profile, history, results file, import into
# a second data folder, CSV export). Debian 12's Wine 8.0 lacks ProcessPrng,
# which every Go >= 1.24 Windows program calls at start-up; a stand-in DLL
# built here (scripts/windows/processprng.c) is copied into the test's own
# Wine prefix. It is never shipped.
#
# Usage: scripts/windows-test.sh   (test.sh runs it; it needs the packages
# scripts/setup-system.sh --test installs)
set -euo pipefail
cd "$(dirname "$0")/.."
work="$(mktemp -d)"
trap 'wineserver -k >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
export WINEPREFIX="$work/wine" WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml="
export GOOS=windows GOARCH=amd64
# Wine turns arguments into UTF-16 by the locale; a locale that is not
# installed (test.sh sets en_US.UTF-8, which Debian does not generate by
# default) makes it read UTF-8 names as Latin-1. C.UTF-8 is always there.
export LANG=C.UTF-8 LC_ALL=C.UTF-8

echo "== windows: cross-compile twohats.exe"
start=$(date +%s)
CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc go build -o "$work/twohats.exe" ./cmd/twohats
echo "built in $(( $(date +%s) - start )) s, $(du -h "$work/twohats.exe" | cut -f1)"

echo "== windows: a Wine prefix with the ProcessPrng stand-in"
wineboot --init >/dev/null 2>&1 || true
x86_64-w64-mingw32-gcc -shared -O2 -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
	scripts/windows/processprng.c scripts/windows/processprng.def -lbcrypt

echo "== windows: go test under Wine"
# the dependency tests run `go list`, a Linux tool here; they run on Linux
CGO_ENABLED=0 go test -count=1 -exec wine ./game ./scenarios ./internal/session ./internal/terminal \
	-skip 'TestDependencyDirection|TestAdaptersDoNotImportEachOther|TestUIHasNoStorage|TestSessionIsDomainOnly'

exe() { wine "$work/twohats.exe" "$@"; }

echo "== windows: the golden transcripts with twohats.exe"
n=0
for answers in scenarios/testdata/golden/*.answers; do
	id="$(basename "$answers" | cut -d. -f1)"
	want="${answers%.answers}.json"
	exe play --scenario "$id" --seed 1 --answers "$answers" --json > "$work/got.json"
	if ! cmp -s "$want" "$work/got.json"; then
		echo "twohats.exe plays $answers differently from the golden transcript:" >&2
		diff "$want" "$work/got.json" | head -20 >&2
		exit 1
	fi
	n=$((n + 1))
done
echo "$n golden transcripts identical"

echo "== windows: a store round trip"
laptop="$work/laptop data"   # a space in the path, as in C:\Users\Ana Ünal
facil="$work/facilitator-ünal"
first="$(ls scenarios/testdata/golden/*.best.answers | head -1)"
id="$(basename "$first" | cut -d. -f1)"
exe play --scenario "$id" --seed 1 --answers "$first" --profile "Zoë Ünal" --data "$laptop" | grep -c '^saved ' > "$work/saved"
exe history --profile "Zoë Ünal" --json --data "$laptop" > "$work/history.json"
grep -q '"status": "finished"' "$work/history.json"
exe results --profile "Zoë Ünal" --out "$work/zoe.json" --data "$laptop" > /dev/null
exe import "$work/zoe.json" --data "$facil" > "$work/import.txt"
grep -q "Imported 1 of 1 file" "$work/import.txt"
exe export --format csv --out "$work/csv" --data "$facil" > /dev/null
grep -q "Zoë Ünal" "$work/csv/attempts.csv"
echo "played $(cat "$work/saved") answers with a profile, history, a results file, import into a second folder and a CSV export: all under Wine"
