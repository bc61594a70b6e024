#!/usr/bin/env bash
# Sets up what Two Hats needs on a fresh Debian/Ubuntu machine, builds it and
# opens the desktop app. Extra arguments go to twohats, e.g. ./run.sh --data DIR
# or ./run.sh play --scenario lost-key-client.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup-system.sh
export CGO_ENABLED=1
go build -o bin/twohats ./cmd/twohats
exec bin/twohats "$@"
