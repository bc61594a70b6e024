#!/usr/bin/env bash
# Checks the coverage `go test -cover ./...` printed (its output is the
# first argument) against a floor for the packages that must stay well
# tested: the domain, the play session service, the store and the room host. A package
# below its floor, or missing from the output, fails the run.
set -euo pipefail
out="$1"
status=0
while read -r pkg floor; do
	line=$(grep -E "^ok[[:space:]]+github.com/twohats/twohats/$pkg[[:space:]]" "$out" || true)
	pct=$(printf '%s\n' "$line" | sed -n 's/.*coverage: \([0-9.]*\)% of statements.*/\1/p')
	if [ -z "$pct" ]; then
		echo "coverage floor: no coverage reported for $pkg" >&2
		status=1
		continue
	fi
	if awk -v p="$pct" -v f="$floor" 'BEGIN { exit !(p < f) }'; then
		echo "coverage floor: $pkg is at $pct%, below its floor of $floor%" >&2
		status=1
	else
		echo "coverage floor: $pkg $pct% (floor $floor%)"
	fi
done <<'FLOORS'
game 75
internal/session 80
internal/store 75
internal/room 80
FLOORS
exit $status
