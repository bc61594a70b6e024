#!/usr/bin/env bash
# Sets up what the tests need on a fresh Debian/Ubuntu machine and runs them
# all: formatting, vet, staticcheck, the Go test suite (engine, store with
# its crash test, scenarios, headless UI, exports with the xAPI conformance
# check) and a smoke test of the real binary under Xvfb.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/setup-system.sh --test
export CGO_ENABLED=1 LANG=en_US.UTF-8

echo "== gofmt"
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))
if [ -n "$unformatted" ]; then echo "gofmt would change:"; echo "$unformatted"; exit 1; fi

echo "== go vet"
go vet ./...

echo "== staticcheck (pinned by the tool directive in go.mod)"
go tool staticcheck ./...

echo "== go test (with coverage: the domain, the session service and the store keep a floor)"
out="$(mktemp)"
trap 'rm -f "$out"' EXIT
go test -count=1 -timeout 30m -cover ./... 2>&1 | tee "$out"
bash scripts/coverage-floor.sh "$out"

echo "== smoke test: the real app under Xvfb"
bash scripts/smoke.sh

echo "== Windows: cross-compiled, tested under Wine"
bash scripts/windows-test.sh
