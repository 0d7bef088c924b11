#!/usr/bin/env bash
# zongjie beside Hugo on the same corpus: benches/vs-hugo.sh [UNITS] [YEARS] [RUNS]
#
# Generates (benches/vs-hugo/gen.py, one seeded random source) UNITS units × YEARS years of
# half-year files (default 1000 × 5 = 10 000 files) as a zongjie project and as an equivalent
# Hugo site (front matter with the figures, the same Markdown, rates computed in the template),
# then runs both builds alternately RUNS times (default 3) under /usr/bin/time -v and prints the
# median wall time and peak memory of each, and their ratios. Not part of CI's tests.
# Needs python3, /usr/bin/time and Debian's hugo (installed with apt when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
UNITS=${1:-1000} YEARS=${2:-5} RUNS=${3:-3}
if ! command -v hugo >/dev/null; then apt-get install -y -q hugo </dev/null; fi
cargo build --release --quiet
BIN=$(pwd)/target/release/zongjie
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
python3 benches/vs-hugo/gen.py "$WORK" "$UNITS" "$YEARS"

# measure NAME DIR CMD...: one timed run; appends "wall_seconds max_rss_kb" to $WORK/NAME.
measure() {
  local name=$1 dir=$2
  shift 2
  (cd "$dir" && /usr/bin/time -v "$@" >/dev/null 2>"$WORK/$name.time")
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; w = s }
              /Maximum resident set size/ { m = $2 } END { print w, m }' "$WORK/$name.time" >>"$WORK/$name.runs"
}

for i in $(seq "$RUNS"); do
  rm -rf "$WORK/zongjie/site" "$WORK/hugo/public"
  measure zongjie "$WORK/zongjie" "$BIN" build -q
  measure hugo "$WORK/hugo" hugo --quiet
  echo "run $i: zongjie $(tail -1 "$WORK/zongjie.runs"), hugo $(tail -1 "$WORK/hugo.runs") (s, KiB)"
done

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
zw=$(cut -d' ' -f1 "$WORK/zongjie.runs" | median) hw=$(cut -d' ' -f1 "$WORK/hugo.runs" | median)
zm=$(cut -d' ' -f2 "$WORK/zongjie.runs" | median) hm=$(cut -d' ' -f2 "$WORK/hugo.runs" | median)
zpages=$(find "$WORK/zongjie/site" -name '*.html' | wc -l)
hpages=$(find "$WORK/hugo/public" -name '*.html' | wc -l)
zsize=$(du -sk "$WORK/zongjie/site" | cut -f1)
echo
echo "corpus: $UNITS units × $YEARS years of half-year files; median of $RUNS runs"
printf '%-8s %8s %10s %8s %s\n' "" "wall s" "peak MiB" "pages" "site"
printf '%-8s %8.2f %10.0f %8d %s\n' zongjie "$zw" "$(echo "$zm / 1024" | bc -l)" "$zpages" "$((zsize / 1024)) MiB"
printf '%-8s %8.2f %10.0f %8d\n' hugo "$hw" "$(echo "$hm / 1024" | bc -l)" "$hpages"
printf 'ratio zongjie/hugo: wall %.2f×, memory %.2f×\n' "$(echo "$zw / $hw" | bc -l)" "$(echo "$zm / $hm" | bc -l)"
