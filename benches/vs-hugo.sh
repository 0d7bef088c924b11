#!/usr/bin/env bash
# zongjie beside Hugo on the same corpus: benches/vs-hugo.sh [UNITS] [YEARS] [RUNS]
#
# Generates (benches/vs-hugo/gen.py, one seeded random source) UNITS units × YEARS years of
# half-year files (default 1000 × 5 = 10 000 files) as a zongjie project and as an equivalent
# Hugo site (front matter with the figures, the same Markdown, rates computed in the template),
# then runs both builds alternately RUNS times (default 3) under /usr/bin/time -v and prints the
# median wall time, CPU time (user + system) and peak memory of each, and their ratios; then the
# average size of a report page, and how long merely copying each tool's output tree takes on
# the same file system (the floor for writing that many files and folders there).
# Not part of CI's tests. Needs python3, /usr/bin/time and Debian's hugo (installed with apt
# when missing). ZONGJIE_BENCH_DIR=/dev/shm runs it on tmpfs: on this machine's ext4, creating
# files soon after deleting many costs seconds of system time at random (ext4's
# recently_deleted inode scan), which then dominates the spread of both tools' times.
set -euo pipefail
cd "$(dirname "$0")/.."
UNITS=${1:-1000} YEARS=${2:-5} RUNS=${3:-3}
if ! command -v hugo >/dev/null; then apt-get install -y -q hugo </dev/null; fi
cargo build --release --quiet
BIN=$(pwd)/target/release/zongjie
WORK=$(mktemp -d "${ZONGJIE_BENCH_DIR:-${TMPDIR:-/tmp}}/vs-hugo.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
python3 benches/vs-hugo/gen.py "$WORK" "$UNITS" "$YEARS"

# measure NAME DIR CMD...: one timed run; appends "wall_seconds max_rss_kb" to $WORK/NAME.
measure() {
  local name=$1 dir=$2
  shift 2
  (cd "$dir" && /usr/bin/time -v "$@" >/dev/null 2>"$WORK/$name.time")
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; w = s }
              /User time/ { u = $2 } /System time/ { y = $2 }
              /Maximum resident set size/ { m = $2 } END { print w, m, u + y }' "$WORK/$name.time" >>"$WORK/$name.runs"
}

for i in $(seq "$RUNS"); do
  rm -rf "$WORK/zongjie/site" "$WORK/hugo/public"
  measure zongjie "$WORK/zongjie" "$BIN" build -q
  measure hugo "$WORK/hugo" hugo --quiet
  echo "run $i: zongjie $(tail -1 "$WORK/zongjie.runs"), hugo $(tail -1 "$WORK/hugo.runs") (wall s, peak KiB, CPU s)"
done

median() { sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
zw=$(cut -d' ' -f1 "$WORK/zongjie.runs" | median) hw=$(cut -d' ' -f1 "$WORK/hugo.runs" | median)
zm=$(cut -d' ' -f2 "$WORK/zongjie.runs" | median) hm=$(cut -d' ' -f2 "$WORK/hugo.runs" | median)
zc=$(cut -d' ' -f3 "$WORK/zongjie.runs" | median) hc=$(cut -d' ' -f3 "$WORK/hugo.runs" | median)
zpages=$(find "$WORK/zongjie/site" -name '*.html' | wc -l)
hpages=$(find "$WORK/hugo/public" -name '*.html' | wc -l)
zsize=$(du -sk "$WORK/zongjie/site" | cut -f1)
# A report page: site/<unit>/<period>/index.html, the period starting with its year.
report_kb() { find "$1" -path '*/[12][0-9][0-9][0-9]*/index.html' -printf '%s\n' | awk '{ s += $1; n++ } END { printf "%.1f", s / n / 1024 }'; }
# The floor: copying the finished tree (from the page cache) into a fresh folder.
copy_s() {
  local t0 t1
  t0=$(date +%s.%N)
  cp -r "$1" "$2"
  t1=$(date +%s.%N)
  rm -rf "$2"
  echo "$t1 - $t0" | bc -l
}
zfiles=$(find "$WORK/zongjie/site" -type f | wc -l) zdirs=$(find "$WORK/zongjie/site" -type d | wc -l)
hfiles=$(find "$WORK/hugo/public" -type f | wc -l) hdirs=$(find "$WORK/hugo/public" -type d | wc -l)
zcopy=$(copy_s "$WORK/zongjie/site" "$WORK/site-copy") hcopy=$(copy_s "$WORK/hugo/public" "$WORK/public-copy")
hsize=$(du -sk "$WORK/hugo/public" | cut -f1)
echo
echo "corpus: $UNITS units × $YEARS years of half-year files; median of $RUNS runs; in $WORK ($(stat -f -c %T "$WORK"))"
printf '%-8s %8s %8s %10s %8s %9s %10s %11s %s\n' "" "wall s" "CPU s" "peak MiB" "pages" "files" "folders" "report KiB" "site"
printf '%-8s %8.2f %8.2f %10.0f %8d %9d %10d %11s %s\n' zongjie "$zw" "$zc" "$(echo "$zm / 1024" | bc -l)" "$zpages" "$zfiles" "$zdirs" "$(report_kb "$WORK/zongjie/site")" "$((zsize / 1024)) MiB"
printf '%-8s %8.2f %8.2f %10.0f %8d %9d %10d %11s %s\n' hugo "$hw" "$hc" "$(echo "$hm / 1024" | bc -l)" "$hpages" "$hfiles" "$hdirs" "" "$((hsize / 1024)) MiB"
printf 'ratio zongjie/hugo: wall %.2f×, CPU %.2f×, memory %.2f×\n' "$(echo "$zw / $hw" | bc -l)" "$(echo "$zc / $hc" | bc -l)" "$(echo "$zm / $hm" | bc -l)"
printf 'copying the finished tree here (cp -r): zongjie site %.2f s, hugo public %.2f s\n' "$zcopy" "$hcopy"
