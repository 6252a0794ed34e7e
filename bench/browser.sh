#!/usr/bin/env bash
# Times the viewer in Debian's Chromium (1 worker against N, and daff's browser build in the same page) on the pairs
# bench/compare.sh generates, then rewrites docs/BENCHMARKS.md. Usage: bench/browser.sh   (SIZES="100000 1000000", WORKERS=2)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"100000 1000000"}
work=artifacts/bench
mkdir -p "$work" docs

command -v chromium >/dev/null || { echo "bench/browser.sh: needs Debian's chromium (./test.sh installs it)" >&2; exit 2; }
dotnet publish src/CsvDiff.Cli --configuration Release --output artifacts/csvdiff -nologo -verbosity:quiet >&2
# Exact versions are pinned in bench/package.json; no lock file is kept (see bench/compare.sh).
npm install --prefix bench --no-package-lock --no-audit --no-fund --silent >&2

pairs=()
for rows in $sizes; do
  left="$work/$rows-realistic-left.csv"
  right="$work/$rows-realistic-right.csv"
  [ -f "$left" ] || dotnet artifacts/csvdiff/csvdiff.dll generate "$left" "$right" --rows "$rows" --columns 10 --seed 1 >&2
  pairs+=("$left" "$right")
done
WORKERS=${WORKERS:-2} node bench/browser.mjs artifacts/csvdiff/csvdiff.dll "$work/browser.tsv" "${pairs[@]}"
echo "$(chromium --version)" > "$work/browser-machine.txt"
[ -f "$work/results.tsv" ] && [ -f "$work/machine.txt" ] && node bench/report.mjs "$work/results.tsv" "$work/machine.txt"
