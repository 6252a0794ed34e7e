#!/usr/bin/env bash
# Times the viewer in Debian's Chromium (1 worker against N, and daff's browser build in the same page) on the pairs
# bench/compare.sh generates, then rewrites docs/BENCHMARKS.md. Usage: bench/browser.sh   (SIZES="100000 1000000", WORKERS=2,
# RUNS=3: the viewer's median of that many runs is reported; LARGE_SIZES="5000000": pairs past one engine's memory, run
# once, with the full pool only and without daff)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"100000 1000000"}
large_sizes=${LARGE_SIZES-"5000000"}
work=artifacts/bench
mkdir -p "$work" docs

command -v chromium >/dev/null || { echo "bench/browser.sh: needs Debian's chromium (./test.sh installs it)" >&2; exit 2; }
eng/native-toolchain.sh
dotnet publish src/CsvDiff.Cli --configuration Release --output artifacts/csvdiff -nologo -verbosity:quiet >&2
# Exact versions are pinned in bench/package.json; no lock file is kept (see bench/compare.sh).
npm install --prefix bench --no-package-lock --no-audit --no-fund --silent >&2

pairs_for() {
  for rows in "$@"; do
    left="$work/$rows-realistic-left.csv"
    right="$work/$rows-realistic-right.csv"
    [ -f "$left" ] || artifacts/csvdiff/csvdiff generate "$left" "$right" --rows "$rows" --columns 10 --seed 1 >&2
    echo "$left" "$right"
  done
}
# shellcheck disable=SC2046 # the generated paths hold no spaces
WORKERS=${WORKERS:-2} node bench/browser.mjs artifacts/csvdiff/csvdiff "$work/browser.tsv" $(pairs_for $sizes)
if [ -n "$large_sizes" ]; then
  # shellcheck disable=SC2046
  APPEND=1 RUNS=1 POOL_SIZES=${WORKERS:-2} DAFF_MAX_BYTES=0 node bench/browser.mjs artifacts/csvdiff/csvdiff "$work/browser.tsv" $(pairs_for $large_sizes)
fi
echo "$(chromium --version)" > "$work/browser-machine.txt"
[ -f "$work/results.tsv" ] && [ -f "$work/machine.txt" ] && node bench/report.mjs "$work/results.tsv" "$work/machine.txt"
