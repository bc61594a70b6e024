#!/usr/bin/env bash
# Times `twohats export --format csv` on a 1 000-participant sample workshop
# beside the sqlite3 shell's CSV dump of the same rows (the same attempts
# and answers, with the participants' names, in the same order), each as a
# whole process, and prints the medians and their ratio. Target: at most
# 1.5, and the export well under 2 s; the script exits 1 when either is
# missed. For context it also times the PRAGMA quick_check that read-only
# commands (export, room) run when they open the database; the app and the
# commands that write run the full integrity_check.
#
#   bench/export-csv.sh [RUNS]        (default 15)
#
# Needs go, sqlite3; run from anywhere in the repository.
set -euo pipefail
runs=${1:-15}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LANG=en_US.UTF-8 TWOHATS_DATA="$work/data"

command -v sqlite3 >/dev/null || { echo "bench/export-csv.sh: the sqlite3 shell is not installed (apt-get install sqlite3)." >&2; exit 1; }
(cd "$root" && go build -o "$work/twohats" ./cmd/twohats)
code=$("$work/twohats" sample-workshop --participants 1000 --seed 1 2>/dev/null)
db="$work/data/twohats.db"

# the sqlite3 shell's dump: the stored columns of the same rows, same order
cat >"$work/dump.sql" <<SQL
.headers on
.mode csv
.output $work/sqlite/attempts.csv
SELECT t.workshop_code, w.name, p.id, p.name, p.imported, t.id, t.scenario_id, t.status, t.started_at, t.finished_at,
  (SELECT count(*) FROM answers a WHERE a.attempt_id = t.id), t.fit, t.management, t.leadership, t.reading,
  t.over_managing, t.over_leading, t.ending
FROM attempts t JOIN profiles p ON p.id = t.profile_id LEFT JOIN workshops w ON w.code = t.workshop_code
WHERE t.workshop_code = '$code' ORDER BY p.name COLLATE NOCASE, p.id, t.started_at, t.id;
.output $work/sqlite/answers.csv
SELECT t.workshop_code, p.id, p.name, t.id, t.scenario_id, a.id, a.seq, a.scene_id, a.diagnosis, a.choice_id,
  a.answered_at, a.millis
FROM answers a JOIN attempts t ON t.id = a.attempt_id JOIN profiles p ON p.id = t.profile_id
WHERE t.workshop_code = '$code' ORDER BY p.name COLLATE NOCASE, p.id, t.started_at, t.id, a.seq;
SQL
mkdir -p "$work/sqlite"

ms() { echo $(( $(date +%s%N) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

: >"$work/t-twohats"; : >"$work/t-sqlite"; : >"$work/t-check"
for i in $(seq "$runs"); do
	t0=$(ms); sqlite3 "$db" "PRAGMA quick_check" >/dev/null; t1=$(ms)
	echo $((t1 - t0)) >>"$work/t-check"
	t0=$(ms); "$work/twohats" export --format csv --workshop "$code" --out "$work/export" >/dev/null; t1=$(ms)
	echo $((t1 - t0)) >>"$work/t-twohats"
	t0=$(ms); sqlite3 "$db" <"$work/dump.sql"; t1=$(ms)
	echo $((t1 - t0)) >>"$work/t-sqlite"
done

rows_t=$(( $(wc -l <"$work/export/attempts.csv") + $(wc -l <"$work/export/answers.csv") - 2 ))
rows_s=$(( $(wc -l <"$work/sqlite/attempts.csv") + $(wc -l <"$work/sqlite/answers.csv") - 2 ))
if [ "$rows_t" != "$rows_s" ]; then
	echo "bench/export-csv.sh: the export wrote $rows_t rows but the sqlite3 dump $rows_s; they must be the same rows." >&2
	exit 1
fi
mt=$(median <"$work/t-twohats"); msq=$(median <"$work/t-sqlite")
echo "1 000 participants, $rows_t rows ($(wc -l <"$work/export/attempts.csv") attempts.csv lines, $(wc -l <"$work/export/answers.csv") answers.csv lines), $runs runs each"
printf '%-44s median %5s ms   min %5s ms\n' "twohats export --format csv (whole process)" "$mt" "$(sort -n "$work/t-twohats" | head -1)"
printf '%-44s median %5s ms   min %5s ms\n' "sqlite3 shell .mode csv dump (whole process)" "$msq" "$(sort -n "$work/t-sqlite" | head -1)"
printf '%-44s median %5s ms   (context: read-only commands such as export check the database this way on open)\n' "sqlite3 shell PRAGMA quick_check" "$(median <"$work/t-check")"
awk -v a="$mt" -v b="$msq" 'BEGIN { printf "ratio %.2f (target at most 1.5)\n", a / b; exit !(a / b <= 1.5 && a < 2000) }'
