#!/usr/bin/env bash
# Runs the whole workshop in tmux and captures the capture step, the board and the close step.
# usage: scripts/walkthrough.sh LANG WIDTH HEIGHT [OUT]   (AMBASSADOR_BIN picks the binary;
# default target/debug/ambassador, which `cargo test` builds at opt-level 2)
set -euo pipefail
lang=$1; w=$2; h=$3
bin=${AMBASSADOR_BIN:-$(dirname "$0")/../target/debug/ambassador}
export AMBASSADOR_CACHE_DIR=$(mktemp -d /tmp/walk-cache.XXXX)
data=$(mktemp -d /tmp/walk-data.XXXX)
out=${4:-/tmp/ambassador-walk}/$lang-${w}x$h
mkdir -p "$out"
s=walk-$lang-$w
tmux kill-session -t $s 2>/dev/null || true
if [ "$lang" = nl ]; then
  people=(--participant Jan --participant Sanne --participant Pieter --participant Fatima)
  ideas=("trots zijn op ons werk" "verhalen delen op LinkedIn" "collega's uitnodigen voor een open dag" "een stagiair onder je hoede nemen" "positief praten over de zorg op verjaardagen" "elke week iets posten over ons werk" "tijd om te schrijven" "een training over social media")
  title="Team Noord"
else
  people=(--participant Ann --participant Bob --participant Chloe --participant Dirk)
  ideas=("proud of the work we do" "sharing our stories on LinkedIn" "inviting friends to an open day" "taking juniors under your wing" "speaking well of the company at birthdays" "posting about our projects every week" "time to write posts" "a social media training")
  title="Team North"
fi
id=$($bin --data-dir "$data" new --lang $lang --title "$title" --org Zorggroep --goal "More applicants through our own people" "${people[@]}" --no-open)
tmux new-session -d -s $s -x $w -y $h "$bin --data-dir $data open $id"
sleep 1.5
k() { tmux send-keys -t $s "$@"; sleep 0.25; }
cap() { tmux capture-pane -p -t $s > "$out/$1.txt"; }
k PageDown; for i in 1 2 3 4; do k 4; k 3; k 5; k Tab; done
k PageDown; k 1; k Tab; k 2; k Tab; k 3; k Tab; k 1
k PageDown
n=0
for q in 1 2; do
  for t in "${ideas[@]:$((q*4-4)):4}"; do tmux send-keys -t $s -l "$t"; k Enter; k Tab; n=$((n+1)); done
  [ $q = 1 ] && cap capture
  k PageDown
done
k PageDown; k PageDown
sleep 2
cap board
k Space; k PageDown
k a; tmux send-keys -t $s -l "Share one story a month"; k Tab; tmux send-keys -t $s -l "Ann"; k Tab; tmux send-keys -t $s -l "monthly"; k Enter
k PageDown
cap close
k C-c
sleep 0.5
tmux kill-session -t $s 2>/dev/null || true
echo "captures in $out"
