#!/usr/bin/env bash
# Runs every check CI runs, from a fresh clone: formatting, a warnings-as-errors build, and all test suites.
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== browser, git and node for the end-to-end tests"
missing=""
# Debian's Chromium: test tools cannot download their own browsers on these machines. git drives the git driver tests;
# node runs daff, whose diffs `csvdiff patch` must apply.
command -v chromium >/dev/null 2>&1 || missing="$missing chromium fonts-dejavu-core"
command -v git >/dev/null 2>&1 || missing="$missing git"
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
if [ -n "$missing" ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  # shellcheck disable=SC2086 # one word per package
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq $missing >/dev/null
fi
chromium --version
git --version

echo "== peers the tests run (daff's command line, from npm)"
npm ci --prefix tests/peers --no-audit --no-fund --loglevel=error

echo "== type-check the viewer's JavaScript (TypeScript from npm; page and worker code apart)"
npm ci --prefix eng/typecheck --no-audit --no-fund --loglevel=error
eng/typecheck/node_modules/.bin/tsc -p eng/typecheck/tsconfig.page.json
eng/typecheck/node_modules/.bin/tsc -p eng/typecheck/tsconfig.worker.json

echo "== native toolchain for publishing csvdiff (NativeAOT)"
eng/native-toolchain.sh

echo "== restore and build (warnings are errors)"
dotnet build CsvDiff.slnx --configuration Release

echo "== publish csvdiff with its viewer (the end-to-end tests run this build)"
dotnet publish src/CsvDiff.Cli --configuration Release --output artifacts/csvdiff

echo "== code style"
dotnet format CsvDiff.slnx --verify-no-changes --no-restore

echo "== tests"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
# TEST_FILTER narrows the run (dotnet test --filter), for hosts that lack what some suites read, such as ../shared/peer-suites.
dotnet test CsvDiff.slnx --configuration Release --no-build --logger "console;verbosity=normal" ${TEST_FILTER:+--filter "$TEST_FILTER"} 2>&1 | tee "$log" || status=$?
# One closing line for every suite together, in the plain form CI reads.
passed=$({ grep -E '^\s+Passed: [0-9]+' "$log" || true; } | awk '{ s += $2 } END { print s + 0 }')
failed=$({ grep -E '^\s+Failed: [0-9]+' "$log" || true; } | awk '{ s += $2 } END { print s + 0 }')
echo "tests: $passed passed, $failed failed"
exit "$status"
