#!/usr/bin/env bash
# Times csvdiff (release build) against daff, tabular-data-differ and DuckDB (its SQL keyed diff) on the same generated pairs, and writes
# docs/BENCHMARKS.md with a chart. Usage: bench/compare.sh   (SIZES="10000 100000 1000000", LARGE_SIZES="10000000",
# PEER_TIMEOUT=300, RUNS=3: the median of that many runs is reported). LARGE_SIZES run csvdiff alone: daff needs about 2.6 GB per million rows.
# LARGE_RUNS=3: the median for the large sizes too, whose time against the 1,000,000-row time is a target: one run of the
# 10,000,000-row pair took 3.07–4.25 s on the 2-core machine (docs/BENCHMARKS.md).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${SIZES:-"10000 100000 1000000"}
large_sizes=${LARGE_SIZES-"10000000"}
peer_timeout=${PEER_TIMEOUT:-300}
runs=${RUNS:-3}
large_runs=${LARGE_RUNS:-3}
work=artifacts/bench
mkdir -p "$work" docs

# The build people run: published, so compiled ahead to native code (NativeAOT), as run.sh builds it.
eng/native-toolchain.sh
dotnet publish src/CsvDiff.Cli --configuration Release --output artifacts/csvdiff -nologo -verbosity:quiet >&2
csvdiff=artifacts/csvdiff/csvdiff
# shellcheck source=bench/pairs.sh
. bench/pairs.sh
# Exact versions are pinned in bench/package.json and neither peer has dependencies, so no lock file is kept.
npm install --prefix bench --no-package-lock --no-audit --no-fund --silent >&2

results="$work/results.tsv"
printf 'rows\tmode\ttool\tstatus\tseconds\trss_kb\tinput_bytes\tnote\n' > "$results"

# Runs one tool $runs times ($large_runs for the large sizes) and records the median wall seconds and the highest peak RSS:
# a single run here varies by about ±0.05 s. An exit status outside the tool's accepted ones (csvdiff answers 1 for
# "differences found") is a failure, recorded with the first line of its error.
measure() {
  local rows=$1 mode=$2 tool=$3 limit=$4 accepted=$5 input_bytes=$6
  shift 6
  local status=ok seconds="" rss="" note="" code=0 times=() peak=0 run
  for ((run = 0; run < runs; run++)); do
    code=0
    timeout "$limit" /usr/bin/time -f '%e %M' -o "$work/time.txt" "$@" > "$work/out.txt" 2> "$work/err.txt" || code=$?
    [ "$code" -eq 124 ] || [[ " $accepted " != *" $code "* ]] && break
    read -r seconds rss < <(tail -n 1 "$work/time.txt")
    times+=("$seconds")
    [ "$rss" -gt "$peak" ] && peak=$rss
  done
  if [ "$code" -eq 124 ]; then
    status=timeout
    note="no result within $limit s"
  elif [[ " $accepted " == *" $code "* ]]; then
    seconds=$(printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (${#times[@]} + 1) / 2 ))p")
    rss=$peak
    note=$(head -n 1 "$work/out.txt" | tr '\t' ' ' | cut -c1-90)
  else
    status=failed
    note=$(grep -m 1 -E 'Error|error' "$work/err.txt" | tr '\t' ' ' | cut -c1-90 || true)
  fi
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$rows" "$mode" "$tool" "$status" "$seconds" "$rss" "$input_bytes" "$note" >> "$results"
  echo "$rows $mode $tool: $status $seconds s ${rss:-?} KB $note" >&2
}

for rows in $sizes; do
  for variant in realistic plain; do
    read -r left right < <(pair_files "$rows" "$variant")
    bytes=$(( $(stat -c %s "$left") + $(stat -c %s "$right") ))
    mode="keyed, $variant"
    # csvdiff's summary only counts (no row added or removed is read back), as DuckDB's query does; daff writes its whole diff.
    measure "$rows" "$mode" "csvdiff -j 1" 600 "0 1" "$bytes" "$csvdiff" "$left" "$right" --key id --format summary --threads 1
    measure "$rows" "$mode" "csvdiff -j 2" 600 "0 1" "$bytes" "$csvdiff" "$left" "$right" --key id --format summary --threads 2
    measure "$rows" "$mode" "daff" "$peer_timeout" "0" "$bytes" node bench/node_modules/daff/bin/daff.js --id id --output "$work/daff.csv" "$left" "$right"
    measure "$rows" "$mode" "tabular-data-differ" "$peer_timeout" "0" "$bytes" node bench/tabular-data-differ.mjs "$left" "$right"
    measure "$rows" "$mode" "DuckDB" "$peer_timeout" "0" "$bytes" node bench/duckdb.mjs "$left" "$right"
    if [ "$variant" = realistic ] && [ "$rows" -le 100000 ]; then
      measure "$rows" "content, $variant" "csvdiff -j 2" 600 "0 1" "$bytes" "$csvdiff" "$left" "$right" --format summary --threads 2
    fi
  done
done

runs=$large_runs
for rows in $large_sizes; do
  left="$work/$rows-realistic-left.csv"
  right="$work/$rows-realistic-right.csv"
  [ -f "$left" ] || "$csvdiff" generate "$left" "$right" --rows "$rows" --columns 10 --seed 1 >&2
  bytes=$(( $(stat -c %s "$left") + $(stat -c %s "$right") ))
  measure "$rows" "keyed, realistic" "csvdiff -j 2" 1800 "0 1" "$bytes" "$csvdiff" "$left" "$right" --key id --format summary --threads 2
done

{
  echo "$(nproc) cores, $(free -h | awk '/^Mem:/ { print $2 }') memory; $(lscpu | sed -n 's/^Model name: *//p' | head -n 1)"
  echo "$(uname -sr); .NET $(dotnet --version); node $(node --version)"
  echo "measured $(date -u +%Y-%m-%d)"
} > "$work/machine.txt"
node bench/report.mjs "$results" "$work/machine.txt"
