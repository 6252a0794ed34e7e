#!/usr/bin/env bash
# Makes a published viewer work from a sub-path of a static host (GitHub Pages project sites): base href, 404 page, no Jekyll.
# Usage: eng/rebase-viewer.sh PUBLISHED_WWWROOT /repository-name/
set -euo pipefail
root=$1
base=$2
case "$base" in
  /*/) ;;
  *) echo "rebase-viewer: the base path must start and end with /, like /csvdiff/" >&2; exit 2 ;;
esac
sed -i "s|<base href=\"/\" />|<base href=\"${base}\" />|" "$root/index.html"
grep -q "<base href=\"${base}\" />" "$root/index.html"
# Precompressed copies would still carry the old base.
rm -f "$root/index.html.br" "$root/index.html.gz"
# Pages answers unknown paths with 404.html: the app itself, so deep links still load it.
cp "$root/index.html" "$root/404.html"
# Jekyll would hide _framework (leading underscore).
touch "$root/.nojekyll"
