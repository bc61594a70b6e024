#!/usr/bin/env bash
# Installs the system packages Two Hats needs to build (cgo, X11/GL headers
# for Fyne) and to run its tests (a virtual display, screenshots, Node.js for
# the xAPI conformance check, the sqlite3 shell). Idempotent: it installs
# only what is missing. Debian/Ubuntu.
set -euo pipefail

packages=(
  gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev
  libxinerama-dev libxi-dev libxxf86vm-dev libwayland-dev libxkbcommon-dev
  libgl1-mesa-dri
)
if [ "${1:-}" = "--test" ]; then
  packages+=(xvfb xauth xdotool x11-utils imagemagick sqlite3 nodejs npm poppler-utils)
  # the Windows build, cross-compiled and tested under Wine
  packages+=(gcc-mingw-w64-x86-64 wine wine64)
  # the room page's real-browser test (internal/room, chromedp)
  packages+=(chromium)
fi

missing=()
for p in "${packages[@]}"; do
  if [ "$p" = nodejs ] || [ "$p" = npm ]; then
    command -v "${p/nodejs/node}" >/dev/null 2>&1 && continue
  fi
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
