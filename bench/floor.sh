#!/usr/bin/env bash
# Sets a keyed diff's CPU time against its floor (issue 16): bench/SepFloor reads both files with Sep and hashes every row
# and its key, which no keyed diff can avoid. Both are published the same way (NativeAOT, default instruction set) and run
# alternately on the same 1,000,000-row pairs; the medians of RUNS runs (user + system CPU, wall, peak RSS) are printed as a
# Markdown table for docs/BENCHMARKS.md. Usage: bench/floor.sh   (ROWS=1000000 RUNS=7)
set -euo pipefail
cd "$(dirname "$0")/.."
rows=${ROWS:-1000000}
runs=${RUNS:-7}
work=artifacts/bench
mkdir -p "$work"
eng/native-toolchain.sh
dotnet publish src/CsvDiff.Cli --configuration Release --output artifacts/csvdiff -nologo -verbosity:quiet >&2
dotnet publish bench/SepFloor --configuration Release --output artifacts/sepfloor -nologo -verbosity:quiet >&2
csvdiff=artifacts/csvdiff/csvdiff
# shellcheck source=bench/pairs.sh
. bench/pairs.sh

median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# Prints "cpu wall rss_mb" medians for one command line, run $runs times.
measure() {
  local cpu=() wall=() rss=() run
  for ((run = 0; run < runs; run++)); do
    /usr/bin/time -f '%U %S %e %M' -o "$work/floor-time.txt" "$@" > /dev/null || [ $? -eq 1 ]
    # time(1) writes "Command exited with non-zero status 1" above its figures when csvdiff finds differences.
    read -r user sys elapsed kb < <(tail -n 1 "$work/floor-time.txt")
    cpu+=("$(awk "BEGIN { printf \"%.2f\", $user + $sys }")") wall+=("$elapsed") rss+=("$((kb / 1024))")
  done
  echo "$(printf '%s\n' "${cpu[@]}" | median) $(printf '%s\n' "${wall[@]}" | median) $(printf '%s\n' "${rss[@]}" | median)"
}

echo "| pair | program | CPU (s) | wall (s) | peak RSS (MB) | CPU against the floor |"
echo "| --- | --- | ---: | ---: | ---: | ---: |"
for variant in realistic plain; do
  read -r left right < <(pair_files "$rows" "$variant")
  read -r floor_cpu floor_wall floor_rss < <(measure artifacts/sepfloor/SepFloor "$left" "$right")
  echo "| $variant | Sep floor | $floor_cpu | $floor_wall | $floor_rss | 1.00× |"
  for threads in 1 2; do
    read -r cpu wall rss < <(measure "$csvdiff" "$left" "$right" --key id --format summary --threads "$threads")
    echo "| $variant | csvdiff -j $threads | $cpu | $wall | $rss | $(awk "BEGIN { printf \"%.2f\", $cpu / $floor_cpu }")× |"
  done
done
echo
echo "$(nproc) cores; $(lscpu | sed -n 's/^Model name: *//p' | head -n 1); median of $runs runs each; measured $(date -u +%Y-%m-%d)"
