# Sourced by the benchmark scripts: the generated pairs they all measure, made once and kept in artifacts/bench.
# pair_files ROWS VARIANT prints LEFT and RIGHT, generating them with $csvdiff first if missing. The realistic pair has line
# breaks inside some quoted cells; the plain pair has none, for tools that cannot read them.
pair_files() {
  local rows=$1 variant=$2 left right flags=()
  left="artifacts/bench/$rows-$variant-left.csv"
  right="artifacts/bench/$rows-$variant-right.csv"
  [ "$variant" = plain ] && flags=(--no-line-breaks)
  [ -f "$left" ] || "$csvdiff" generate "$left" "$right" --rows "$rows" --columns 10 --seed 1 "${flags[@]}" >&2
  echo "$left" "$right"
}
