#!/bin/sh
# Peak memory of importing many large results files (issue "Trust nothing
# that arrives", item 7). Writes N files of about MB megabytes each (default
# twelve of 50 MB) with bench/bigresults, then imports them all at once into
# a fresh data folder with the real binary, under GOMAXPROCS 2 and 8, and
# prints the peak resident memory of each run (target: under about 400 MB
# whatever the number of files and cores). Each file is parsed and checked
# whole and then rejected (its last attempt is at a scenario nobody has), so
# the run measures the reading and checking, not minutes of inserts.
#
# Usage: bench/import-memory.sh            (from anywhere in the module)
#        N=24 MB=50 bench/import-memory.sh
set -eu
export LANG="${LANG:-en_US.UTF-8}"
cd "$(dirname "$0")/.."
n="${N:-12}"
mb="${MB:-50}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/files"
CGO_ENABLED=1 go build -o "$work/twohats" ./cmd/twohats
go run ./bench/bigresults -n "$n" -mb "$mb" -out "$work/files"
du -sh "$work/files" | sed 's/^/files: /'
for procs in 2 8; do
	rm -rf "$work/data"
	start=$(date +%s.%N)
	GOMAXPROCS=$procs /usr/bin/time -f '%M' -o "$work/rss" "$work/twohats" import --data "$work/data" "$work/files" >/dev/null 2>"$work/err" || true
	end=$(date +%s.%N)
	rejected=$(grep -c 'nobody-has-this' "$work/err" || true)
	awk -v kb="$(tail -n 1 "$work/rss")" -v p="$procs" -v n="$n" -v r="$rejected" -v s="$start" -v e="$end" \
		'BEGIN { printf "GOMAXPROCS=%d: %d files (%d checked whole and rejected), peak RSS %.0f MB, %.1f s\n", p, n, r, kb/1024, e-s }'
done
