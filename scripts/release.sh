#!/usr/bin/env bash
# Builds the release archives into dist/:
#   two-hats-VERSION-linux-amd64.tar.xz   the Fyne package: binary, icon, .desktop file
#   two-hats-VERSION-windows-amd64.zip    "Two Hats.exe" (GUI subsystem, icon, version
#                                         info), twohats.exe (console, for the command
#                                         line and scripts), the README and the docs
#   SHA256SUMS                            checksums of both
# Reproducible: paths are trimmed, build ids cleared, and every file in the
# archives gets the commit's time, so two runs on one commit give the same
# bytes (checked at the end when run with --twice).
#
# Needs the build packages (scripts/setup-system.sh) and, for Windows,
# gcc-mingw-w64-x86-64 and zip. The Fyne tool is installed with the host
# compiler first (fyne.io/tools/cmd/fyne@v1.7.4).
#
# Usage: scripts/release.sh [--twice]
set -euo pipefail
cd "$(dirname "$0")/.."
version="$(sed -n 's/^Version = "\(.*\)"/\1/p' cmd/twohats/FyneApp.toml)"
buildno="$(sed -n 's/^Build = \([0-9]*\)/\1/p' cmd/twohats/FyneApp.toml)"
epoch="$(git log -1 --format=%ct 2>/dev/null || echo 0)"
export SOURCE_DATE_EPOCH="$epoch" CGO_ENABLED=1
flags=(-trimpath -buildvcs=false -ldflags "-buildid= -X main.version=$version")
dist="$PWD/dist"
work="$(mktemp -d)"
# `fyne package --release` bumps Build in FyneApp.toml on every run, which
# would make each build differ: keep the file as committed
cp cmd/twohats/FyneApp.toml "$work/FyneApp.toml"
trap 'cp "$work/FyneApp.toml" cmd/twohats/FyneApp.toml; rm -rf "$work"' EXIT

command -v fyne >/dev/null || GOBIN="$(go env GOPATH)/bin" go install fyne.io/tools/cmd/fyne@v1.7.4
fyne="$(command -v fyne || echo "$(go env GOPATH)/bin/fyne")"

build() {
	rm -rf "$dist"
	mkdir -p "$dist"
	# Linux: the Fyne package
	cp "$work/FyneApp.toml" cmd/twohats/FyneApp.toml
	(cd cmd/twohats && "$fyne" package -os linux --release --app-version "$version" --app-build "$buildno" >/dev/null)
	mkdir -p "$work/linux" && tar -C "$work/linux" -xJf "cmd/twohats/Two Hats.tar.xz" && rm "cmd/twohats/Two Hats.tar.xz"
	find "$work/linux" -exec touch -h -d "@$epoch" {} +
	tar -C "$work/linux" --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$epoch" -cf - . |
		xz -9e > "$dist/two-hats-$version-linux-amd64.tar.xz"
	# Windows: the GUI app packaged by Fyne, and the console program
	mkdir -p "$work/win/Two Hats/docs"
	cp "$work/FyneApp.toml" cmd/twohats/FyneApp.toml
	(cd cmd/twohats && GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc \
		"$fyne" package -os windows --release --app-version "$version" --app-build "$buildno" >/dev/null)
	mv "cmd/twohats/Two Hats.exe" "$work/win/Two Hats/Two Hats.exe"
	GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc go build "${flags[@]}" -o "$work/win/Two Hats/twohats.exe" ./cmd/twohats
	cp README.md "$work/win/Two Hats/README.md"
	cp docs/*.md "$work/win/Two Hats/docs/"
	find "$work/win" -exec touch -h -d "@$epoch" {} +
	(cd "$work/win" && find "Two Hats" -print | LC_ALL=C sort | zip -X -q -9 "$dist/two-hats-$version-windows-amd64.zip" -@)
	(cd "$dist" && sha256sum two-hats-* > SHA256SUMS)
	rm -rf "$work/linux" "$work/win"
}

build
cat "$dist/SHA256SUMS"
if [ "${1:-}" = "--twice" ]; then
	cp "$dist/SHA256SUMS" "$work/first"
	build
	if cmp -s "$work/first" "$dist/SHA256SUMS"; then
		echo "reproducible: a second build gave the same bytes"
	else
		echo "not reproducible: the second build differs:" >&2
		diff "$work/first" "$dist/SHA256SUMS" >&2
		exit 1
	fi
fi
