#!/usr/bin/env bash
# The main job: publishes csvdiff with its browser viewer and serves the viewer on 127.0.0.1, example pair included.
# With arguments, runs csvdiff on them instead, e.g. ./run.sh old.csv new.csv --key id
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
eng/native-toolchain.sh
dotnet publish src/CsvDiff.Cli --configuration Release --output artifacts/csvdiff -nologo -verbosity:quiet >&2
csvdiff=artifacts/csvdiff/csvdiff

if [ $# -eq 0 ]; then
  # The page offers "Load example"; `csvdiff serve LEFT RIGHT` would open with two files loaded instead.
  exec "$csvdiff" serve
fi
status=0
"$csvdiff" "$@" || status=$?
# 1 means "the tables differ", the expected outcome of a diff, not a failure of this script.
[ "$status" -le 1 ] || exit "$status"
