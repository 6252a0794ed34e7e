#!/usr/bin/env bash
# Runs the BenchmarkDotNet micro-benchmarks (tokenizer, hashing, key index, keyed diff, content matching; memory
# diagnoser; naive baselines) and a phase-by-phase profile of one whole 1,000,000-row keyed diff, and writes
# docs/MICRO-BENCHMARKS.md. Usage: bench/micro.sh   (JOB=short|medium|long)
set -euo pipefail
cd "$(dirname "$0")/.."
job=${JOB:-short}
out=artifacts/bench/micro
rm -rf "$out"
dotnet run --project bench/CsvDiff.Benchmarks --configuration Release -- \
  --filter '*' --job "$job" --artifacts "$out" --exporters github >&2
pair=artifacts/bench/1000000-realistic
[ -f "$pair-left.csv" ] || dotnet run --project src/CsvDiff.Cli --configuration Release -- generate "$pair-left.csv" "$pair-right.csv" \
  --rows 1000000 --columns 10 --seed 1 >&2
dotnet run --project bench/CsvDiff.Benchmarks --configuration Release -- phases "$pair-left.csv" "$pair-right.csv" > "$out/phases.md"
{
  echo "# Micro-benchmarks"
  echo
  echo "Measured by \`bench/micro.sh\` (BenchmarkDotNet, \`--job $job\`, memory diagnoser) on pairs from \`csvdiff generate\`:"
  echo "100,000 rows × 10 columns for reading, hashing and the keyed diff; 10,000 shuffled rows for content matching;"
  echo "1,000,000 random hashes for the key index. Each stage is set against a naive baseline written the obvious way."
  echo
  echo "$(nproc) cores; $(lscpu | sed -n 's/^Model name: *//p' | head -n 1); .NET $(dotnet --version); measured $(date -u +%Y-%m-%d)"
  for report in "$out"/results/*-report-github.md; do
    echo
    echo "## $(basename "$report" -report-github.md | sed 's/^CsvDiff\.Benchmarks\.//')"
    echo
    # BenchmarkDotNet's own environment block repeats for every class; the line above says it once.
    sed -n '/^| /,$p' "$report"
  done
  echo
  echo "## One whole diff, phase by phase"
  echo
  echo "The 1,000,000-row keyed pair of docs/BENCHMARKS.md, in one process after one untimed warm-up run (so without start-up"
  echo "and first-call compilation, which the whole-process times there include). A phase runs until the next one starts."
  echo
  cat "$out/phases.md"
} > docs/MICRO-BENCHMARKS.md
echo "wrote docs/MICRO-BENCHMARKS.md" >&2
