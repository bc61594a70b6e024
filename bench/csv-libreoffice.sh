#!/usr/bin/env bash
# Opens a CSV export in LibreOffice Calc, headless, and checks what a
# facilitator would see: accents intact and no formula evaluated.
#
# A sample workshop gets participants with hostile names (accents and
# =HYPERLINK(…), +1, -2, @SUM(…), =1+1); `twohats export --format csv` writes
# it; LibreOffice converts each file with its CSV import set to UTF-8,
# comma-separated, "-quoted (--infilter=CSV:44,34,76,1: a headless run has no
# import dialog, whose character-set guess would otherwise apply) to .xlsx
# and back to .csv. The script then checks that the workbook holds no
# formula at all, that every hostile name shows as the text it is, and that
# the accents survived. A control file with the same names not neutralised
# is converted too, to show LibreOffice would have evaluated them.
#
#   bench/csv-libreoffice.sh          (installs libreoffice-calc-nogui with apt-get when missing)
#
# Not part of `go test`: LibreOffice takes tens of seconds to start.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LANG=en_US.UTF-8
lo() { HOME="$work/home" libreoffice "$@"; } # a throwaway LibreOffice profile

if ! command -v libreoffice >/dev/null; then
	echo "Installing libreoffice-calc-nogui…" >&2
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-calc-nogui >/dev/null
fi
lo --version

(cd "$root" && go build -o "$work/twohats" ./cmd/twohats)
cat >"$work/names.txt" <<'NAMES'
Zoë Ünal-Østergaard
=HYPERLINK("http://evil.example","click me")
+1
-2
@SUM(A1:A9)
=1+1
Łukasz Dąbrowski-Šťastný
François Müller
NAMES
code=$("$work/twohats" sample-workshop --participants 12 --seed 3 --names "$work/names.txt" --data "$work/data" 2>/dev/null)
"$work/twohats" export --format csv --workshop "$code" --out "$work/export" --data "$work/data"

# the control: the same names, as a careless export would write them
{ printf 'participant,n\r\n'; while IFS= read -r n; do printf '"%s",1\r\n' "${n//\"/\"\"}"; done <"$work/names.txt"; } >"$work/control.csv"

convert() { # FILE.csv → FILE.xlsx (as Calc stores it) → FILE.roundtrip.csv (what Calc shows)
	local in=$1 base=${1%.csv}
	lo --headless --infilter="CSV:44,34,76,1" --convert-to xlsx --outdir "$(dirname "$in")" "$in" >/dev/null 2>&1
	mkdir -p "$base.rt"
	lo --headless --convert-to csv:"Text - txt - csv (StarCalc)":44,34,76,1 --outdir "$base.rt" "$base.xlsx" >/dev/null 2>&1
	mv "$base.rt/$(basename "$base").csv" "$base.roundtrip.csv"
}
for f in "$work/export/attempts.csv" "$work/export/answers.csv" "$work/control.csv"; do convert "$f"; done

python3 - "$work" <<'PY'
import csv, io, re, sys, zipfile
work = sys.argv[1]
names = open(f"{work}/names.txt", encoding="utf-8").read().split("\n")[:-1]
hostile = [n for n in names if n[0] in "=+-@"]
ok = True

def formulas(xlsx):
    with zipfile.ZipFile(xlsx) as z:
        return sum(len(re.findall(rb"<f[ >]", z.read(n))) for n in z.namelist() if n.startswith("xl/worksheets/"))

def cells(path):
    with open(path, encoding="utf-8", newline="") as f:
        return [c for row in csv.reader(f) for c in row]

for part in ("attempts", "answers"):
    n = formulas(f"{work}/export/{part}.xlsx")
    shown = cells(f"{work}/export/{part}.roundtrip.csv")
    print(f"{part}.csv → xlsx: {n} formula cells; {len(shown)} cells read back")
    if n:
        ok = False
        print(f"  FAIL: LibreOffice stored {n} formulas")
    for name in names:
        want = "'" + name if name in hostile else name
        if want not in shown and name not in shown:
            ok = False
            print(f"  FAIL: {name!r} does not show as text (accents or neutralisation lost)")
        elif name in hostile:
            print(f"  ok: {name!r} shows as the text {want!r}")
        else:
            print(f"  ok: {name!r} intact")

    first = cells(f"{work}/export/{part}.roundtrip.csv")[0]
    if first != "workshop":
        ok = False
        print(f"  FAIL: the first header cell reads {first!r}: the byte-order mark was not taken as UTF-8")

n = formulas(f"{work}/control.xlsx")
with open(f"{work}/control.roundtrip.csv", encoding="utf-8", newline="") as f:
    shown = [row[0] for row in csv.reader(f)][1:]
print(f"control.csv (the same names, not neutralised) → xlsx: {n} formula cells; LibreOffice shows:")
for name, cell in zip(names, shown):
    if name != cell:
        print(f"  {name!r} as {cell!r}")
print("PASS: the CSV export opens in LibreOffice with accents intact and no formula evaluated." if ok else "FAIL")
sys.exit(0 if ok else 1)
PY
