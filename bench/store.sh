#!/bin/sh
# Durable answer commits: Store.SaveAnswer against a bare INSERT of a row of
# the same columns and size, through the same driver, pragmas and file system
# (internal/store/bench_test.go). Prints the median ns/op of each, the ratio
# (target: at most 1.3) and the per-answer time.
#
# BareInsertSchema, a bare INSERT into the store's own schema, runs too, to
# tell what the schema's indexes cost from what the store's Go code costs.
#
# All are bound by fsync, whose latency drifts with whatever else the
# machine's disk is doing. So the test binary is built once and the two
# benchmarks run COUNT times each (default 6) in alternating rounds,
# SaveAnswer first in odd rounds and BareInsert first in even ones, each run
# short (BENCHTIME, default 1s), so both see the same conditions. Besides the
# ratio of the medians it prints the median of the per-round ratios, which
# cancels drift between rounds.
#
# Usage: bench/store.sh            (from anywhere in the module)
#        COUNT=10 BENCHTIME=2000x bench/store.sh
set -eu
export LANG="${LANG:-en_US.UTF-8}"
cd "$(dirname "$0")/.."
count="${COUNT:-6}"
benchtime="${BENCHTIME:-1s}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

go test -c -o "$work/store.test" ./internal/store
i=1
while [ "$i" -le "$count" ]; do
	if [ $((i % 2)) -eq 1 ]; then order="SaveAnswer BareInsert BareInsertSchema"; else order="BareInsertSchema BareInsert SaveAnswer"; fi
	for b in $order; do
		(cd internal/store && "$work/store.test" -test.run '^$' -test.bench "^Benchmark$b\$" \
			-test.benchtime "$benchtime" -test.count 1 -test.benchmem) | grep '^Benchmark' |
			sed "s/\$/	round $i/" | tee -a "$work/out.txt"
	done
	i=$((i + 1))
done

awk '
function median(a, n,    i, j, t) {
	for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
	return (n % 2) ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
$1 ~ /^BenchmarkSaveAnswer(-[0-9]+)?$/ { s[++ns] = $3; sr[$NF] = $3 }
$1 ~ /^BenchmarkBareInsert(-[0-9]+)?$/ { b[++nb] = $3; br[$NF] = $3 }
$1 ~ /^BenchmarkBareInsertSchema(-[0-9]+)?$/ { x[++nx] = $3; xr[$NF] = $3 }
END {
	if (ns == 0 || nb == 0) { print "no benchmark results" > "/dev/stderr"; exit 1 }
	for (k in sr) if (k in br) r[++nr] = sr[k] / br[k]
	for (k in sr) if (k in xr) rx[++nrx] = sr[k] / xr[k]
	ms = median(s, ns); mb = median(b, nb); ratio = ms / mb
	printf "\nmedian of %d runs each\n", ns
	printf "  SaveAnswer   %10.0f ns/op   %.3f ms per durable answer\n", ms, ms / 1e6
	printf "  BareInsert   %10.0f ns/op   %.3f ms per durable insert\n", mb, mb / 1e6
	printf "  ratio        %10.2f         (target: at most 1.3) %s\n", ratio, (ratio <= 1.3 ? "OK" : "OVER")
	printf "  per-round ratio, median %.2f\n", median(r, nr)
	if (nx > 0) {
		mx = median(x, nx)
		printf "\n  BareInsertSchema %6.0f ns/op   a bare INSERT into the store'"'"'s schema\n", mx
		printf "  schema vs bare     %6.2f         what the indexes, checks and foreign key cost\n", mx / mb
		printf "  store vs schema    %6.2f         what the store'"'"'s Go code costs (per round: %.2f)\n", ms / mx, median(rx, nrx)
	}
}' "$work/out.txt"
