#!/usr/bin/env bash
# The main job: builds csvdiff and compares the built-in example pair (pass two files to compare your own).
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/CsvDiff.Cli --configuration Release -nologo -verbosity:quiet -consoleLoggerParameters:NoSummary >&2
csvdiff=src/CsvDiff.Cli/bin/Release/net10.0/csvdiff

if [ $# -eq 0 ]; then
  set -- examples/customers-january.csv examples/customers-february.csv --key id
fi
status=0
"$csvdiff" "$@" || status=$?
# 1 means "the tables differ", which is the expected outcome of a diff, not a failure of this script.
[ "$status" -le 1 ] || exit "$status"
