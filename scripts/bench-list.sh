#!/usr/bin/env bash
# Wall time of `ambassador list` over a data dir of 1,000 sessions, cold (no index) and warm.
# Usage: scripts/bench-list.sh [N]   (builds the release binary first)
set -euo pipefail
n=${1:-1000}
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/ambassador
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
"$bin" --data-dir "$data" new --title "Seed" --org Acme --participant Ann --participant Bob --no-open >/dev/null
seed=$(ls "$data"/sessions/*.ron)
for i in $(seq 1 "$n"); do
  sed "s/id: \"[^\"]*\"/id: \"s$i\"/; s/title: \"Seed\"/title: \"Team $i\"/" "$seed" > "$data/sessions/2026-01-01-team-$i.ron"
done
rm "$seed"
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
cold=$(ms "$bin" --data-dir "$data" list)
warm=()
for _ in 1 2 3 4 5; do warm+=("$(ms "$bin" --data-dir "$data" list)"); done
sorted=$(printf '%s\n' "${warm[@]}" | sort -n | tr '\n' ' ')
echo "ambassador list over $n sessions: cold (builds the index) ${cold} ms; warm runs (ms): $sorted"
