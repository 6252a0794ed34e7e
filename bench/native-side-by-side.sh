#!/usr/bin/env bash
# Times two or more native csvdiff builds side by side: the same runs, one build after the other, round after round, so that
# the machine's drift falls on every build alike. Prints each case's median wall time per build, and for the 1,000,000-row
# pair the ratio of one thread to two. Usage: bench/native-side-by-side.sh CSVDIFF [CSVDIFF ...]   (ROUNDS=11)
# The cases: `--version` (the process's start alone), the example pair, 10,000 rows and 1,000,000 rows (realistic, keyed,
# `--format summary`) at one and at two threads. The pairs are generated once into artifacts/bench by the first build.
# From 5b2358c on, a summary only counts (no row added or removed is read back): builds from before it list every row, so
# compare them with each other, or against a build that lists them too.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${ROUNDS:-11}
[ $# -ge 1 ] || { echo "usage: $0 CSVDIFF [CSVDIFF ...]" >&2; exit 2; }
builds=("$@")
csvdiff=${builds[0]}
# shellcheck source=bench/pairs.sh
. bench/pairs.sh
read -r small_left small_right < <(pair_files 10000 realistic)
read -r large_left large_right < <(pair_files 1000000 realistic)

cases=(
  "start|--version"
  "example|examples/customers-january.csv examples/customers-february.csv --key id --format summary"
  "10,000 rows|$small_left $small_right --key id --format summary"
  "1,000,000 rows -j 1|$large_left $large_right --key id --format summary --threads 1"
  "1,000,000 rows -j 2|$large_left $large_right --key id --format summary --threads 2"
)

samples=$(mktemp)
trap 'rm -f "$samples"' EXIT
for ((round = 0; round < rounds; round++)); do
  for entry in "${cases[@]}"; do
    name=${entry%%|*}
    read -r -a arguments <<< "${entry#*|}"
    # Each round starts with the next build: in a fixed order, the first build's 1,000,000-row run at one thread took up to
    # 100 ms longer than the second's, whichever build came first.
    for ((turn = 0; turn < ${#builds[@]}; turn++)); do
      b=$(( (round + turn) % ${#builds[@]} ))
      start=$EPOCHREALTIME
      # Exit code 1 says the inputs differ; anything above it is a failure worth stopping for.
      "${builds[b]}" "${arguments[@]}" > /dev/null || [ $? -eq 1 ]
      end=$EPOCHREALTIME
      printf '%s\t%s\t%s\n' "$b" "$name" "$(echo "($end - $start) * 1000" | bc)" >> "$samples"
    done
  done
done

# Medians per build and case, in milliseconds; then each build's one-thread time over its two-thread time.
python3 - "$samples" "${builds[@]}" <<'PY'
import statistics, sys
from collections import defaultdict
path, builds = sys.argv[1], sys.argv[2:]
times = defaultdict(list)
for line in open(path):
    build, name, ms = line.rstrip("\n").split("\t")
    times[(int(build), name)].append(float(ms))
names = list(dict.fromkeys(name for _, name in times))
print("case\t" + "\t".join(builds))
for name in names:
    print(name + "\t" + "\t".join(f"{statistics.median(times[(b, name)]):.1f} ms" for b in range(len(builds))))
ratios = [statistics.median(times[(b, "1,000,000 rows -j 1")]) / statistics.median(times[(b, "1,000,000 rows -j 2")]) for b in range(len(builds))]
print("2 threads against 1\t" + "\t".join(f"{r:.2f}x" for r in ratios))
PY
