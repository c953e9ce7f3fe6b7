#!/usr/bin/env bash
# Scale of `ambassador themes` (issue 26): builds a programme archive of 200 generated
# sessions with 10,000 ideas in <data>/archive/sessions and reports
#   - the time to the themes the first time (the encoder embeds every idea; target <= 60 s
#     on 2 cores) and with the embeddings cached (target <= 5 s),
#   - the peak memory of each (target <= 500 MB), from /usr/bin/time -v,
#   - the time of `ambassador list` beside it (it reads only the own folder: instant).
# Usage: scripts/bench-programme.sh [SESSIONS] [IDEAS_PER_SESSION]   (default 200 50)
# Builds the release binary first (through the shared build lock).
set -euo pipefail
cd "$(dirname "$0")/.."
sessions=${1:-200}
per=${2:-50}
# AMBASSADOR_BENCH_BUILT=1 skips the build (a release binary already built from this tree)
if [ -z "${AMBASSADOR_BENCH_BUILT:-}" ]; then
  flock /tmp/ambassador-build.lock cargo build --release --quiet
fi
bin=$PWD/target/release/ambassador
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export AMBASSADOR_DATA_DIR=$work/data AMBASSADOR_CONFIG_DIR=$work/cfg AMBASSADOR_CACHE_DIR=$work/cache
# one session of our own, whose workshop the generated ones copy
base=$("$bin" new --no-open --lang en --title "Base" --participant A | tail -1)
mkdir -p "$work/data/archive/sessions"
python3 scripts/gen-programme.py "$base" "$work/data/archive/sessions" "$sessions" "$per" --archive
ideas=$(grep -o 'participant: [0-9]*, text:' "$work"/data/archive/sessions/*.ron | wc -l)
echo "archive: $sessions sessions, $ideas ideas"

measure() { # label, then the command
  local label=$1; shift
  /usr/bin/time -v "$@" >"$work/out" 2>"$work/time" || { cat "$work/time"; exit 1; }
  local wall rss
  wall=$(grep 'Elapsed (wall clock)' "$work/time" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$work/time" | awk '{print $NF}')
  printf '%-28s wall %8s  peak %6d MB\n' "$label" "$wall" $((rss / 1024))
}
measure "themes, first time" "$bin" themes --json
themes=$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(len(r["themes"]), "themes;", sum(1 for t in r["themes"] if len(t["sessions"])>1), "shared by 2+ sessions")' "$work/out")
echo "  $themes"
measure "themes, embeddings cached" "$bin" themes --json
measure "themes --format html" "$bin" themes --format html -o "$work/report.html"
measure "list" "$bin" list
