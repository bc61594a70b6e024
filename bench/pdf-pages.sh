#!/usr/bin/env bash
# Renders the PDF export of a small sample workshop to PNG pages in
# docs/pdf/, for the facilitator guide: the workshop summary's pages and a
# few participants' debriefs.
#
#   bench/pdf-pages.sh            (needs go and pdftoppm from poppler-utils)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LANG=en_US.UTF-8
command -v pdftoppm >/dev/null || { echo "bench/pdf-pages.sh: pdftoppm is missing; apt-get install poppler-utils." >&2; exit 1; }
(cd "$root" && go build -o "$work/twohats" ./cmd/twohats)
printf 'Zoë Ünal-Østergaard\nŁukasz Dąbrowski\n' >"$work/names.txt"
code=$("$work/twohats" sample-workshop --participants 14 --seed 11 --name "Leading teams, March cohort" \
	--scenarios lost-key-client --names "$work/names.txt" --data "$work/data" 2>/dev/null)
"$work/twohats" export --format pdf --part summary --workshop "$code" --out "$work/summary.pdf" --data "$work/data" >/dev/null
"$work/twohats" export --format pdf --part debriefs --workshop "$code" --out "$work/debriefs.pdf" --data "$work/data" >/dev/null
out="$root/docs/pdf"
rm -rf "$out" && mkdir -p "$out"
pdftoppm -r 72 -png "$work/summary.pdf" "$out/summary"
pdftoppm -r 72 -png -l 2 "$work/debriefs.pdf" "$out/debrief"
ls "$out"
