#!/usr/bin/env bash
# Installs what publishing csvdiff as native code (NativeAOT) needs on Debian, when it is missing: clang to compile and
# link, zlib's headers. Called by run.sh, test.sh and the benchmark scripts before they publish.
set -euo pipefail
missing=()
command -v clang >/dev/null 2>&1 || missing+=(clang)
[ -f /usr/include/zlib.h ] || missing+=(zlib1g-dev)
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing ${missing[*]} for the native build" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
