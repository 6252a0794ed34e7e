#!/usr/bin/env bash
# Fuzzes the tokenizer and the diff with AFL++ for a time budget; any crash is copied into the regression corpus.
# Usage: fuzz/run.sh [SECONDS]   (default 300)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-300}
work=artifacts/fuzz
tools=artifacts/tools

if ! command -v afl-fuzz >/dev/null 2>&1; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq afl++ >/dev/null
fi
if [ ! -x "$tools/sharpfuzz" ]; then
  dotnet tool install SharpFuzz.CommandLine --version 2.3.0 --tool-path "$tools" >/dev/null
fi

dotnet publish fuzz/CsvDiff.Fuzz --configuration Release --output "$work/bin" -nologo -verbosity:quiet
# Instrumentation adds the coverage hooks AFL++ steers by; only the engine's own code needs them.
"$tools/sharpfuzz" "$work/bin/CsvDiff.Core.dll"

# Seeds: every test case's pair, joined the way FuzzTarget splits them.
rm -rf "$work/seeds" && mkdir -p "$work/seeds"
for case in tests/CsvDiff.Cli.Tests/Data/cases/*/; do
  name=$(basename "$case")
  if [ -f "$case/left.csv" ] && [ -f "$case/right.csv" ] && [ "$(cat "$case/left.csv" "$case/right.csv" | wc -c)" -lt 4096 ]; then
    { cat "$case/left.csv"; printf '\f'; cat "$case/right.csv"; } > "$work/seeds/$name"
  fi
done

# afl-fuzz refuses to start over a previous run's findings; the last run's are kept aside (its crashes were copied below).
rm -rf "$work/findings.previous"
if [ -d "$work/findings" ]; then
  mv "$work/findings" "$work/findings.previous"
fi

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1
status=0
timeout --signal=INT "$seconds" afl-fuzz -i "$work/seeds" -o "$work/findings" -t 5000 -m none -- dotnet "$work/bin/CsvDiff.Fuzz.dll" || status=$?
[ "$status" -eq 0 ] || [ "$status" -eq 124 ] || [ "$status" -eq 130 ] || exit "$status"

crashes=$(find "$work/findings" -path '*/crashes/id:*' -type f 2>/dev/null | wc -l)
for crash in $(find "$work/findings" -path '*/crashes/id:*' -type f 2>/dev/null); do
  cp "$crash" "tests/CsvDiff.Core.Tests/Data/fuzz-regressions/crash-$(sha256sum "$crash" | cut -c1-16)"
done
grep -h -E "execs_done|corpus_count|saved_crashes" "$work"/findings/*/fuzzer_stats 2>/dev/null || true
echo "fuzz: $crashes crashes in $seconds s; any were copied to tests/CsvDiff.Core.Tests/Data/fuzz-regressions"
