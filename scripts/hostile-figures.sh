#!/usr/bin/env bash
# Time and peak memory of the hostile-probe cases of issue 11, for one ambassador binary:
#
#   scripts/hostile-figures.sh target/release/ambassador [CASE...]
#
# Each case runs in a fresh temporary data folder, under /usr/bin/time -v, and is stopped
# after $LIMIT seconds (default 60): "stopped" means it hung or ran on. Prints one line per
# case: seconds, peak resident memory, exit status. Run it on two builds for before/after.
set -euo pipefail

BIN=$(realpath "${1:?usage: $0 path/to/ambassador}")
LIMIT=${LIMIT:-60}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

ONLY=("${@:2}")

case_() {
  local name=$1
  shift
  if [ ${#ONLY[@]} -gt 0 ] && [[ ! " ${ONLY[*]} " == *" $name "* ]]; then
    return
  fi
  local data="$WORK/$name"
  mkdir -p "$data/sessions" "$data-config/workshops"
  "setup_$name" "$data"
  local stats="$WORK/$name.time"
  set +e
  timeout "$LIMIT" /usr/bin/time -f '%e %M %x' -o "$stats" \
    "$BIN" --data-dir "$data" --config-dir "$data-config" "$@" \
    </dev/null >"$WORK/$name.out" 2>"$WORK/$name.err"
  local status=$?
  set -e
  if [ "$status" = 124 ]; then
    printf '%-28s stopped after %ss\n' "$name" "$LIMIT"
  else
    read -r secs kb code < <(tail -n 1 "$stats") || true
    printf '%-28s %6.2f s  %7d KB peak  exit %s  %s\n' "$name" "$secs" "$kb" "$code" \
      "$(head -c 90 "$WORK/$name.err" | tr '\n' ' ')"
  fi
}

big_template() {
  local steps=$1 file=$2
  {
    printf '(\n  id: "big",\n  language: en,\n  title: "Big",\n  steps: [\n'
    seq 0 $((steps - 1)) | awk '{printf "    (id: \"q%d\", title: \"Q %d\", kind: Question, prompt: \"What about %d?\", hint: \"Ask.\", timebox_minutes: 5),\n", $1, $1, $1}'
    printf '  ],\n)\n'
  } >"$file"
}

workshop_lines() {
  awk -v n="$1" 'BEGIN {
    split("trots werk collega klant tijd rooster vacature LinkedIn borrel training compliment leiding team post delen werving proud colleagues customers stories honest events recruit time", w, " ");
    for (i = 0; i < n; i++) { k = 3 + i % 4; s = ""; for (j = 0; j < k; j++) s = s " " w[(i * 7 + j * 5) % 24 + 1]; print s }
  }'
}

random_lines() {
  awk -v n="$1" -v words="${2:-5}" 'BEGIN { srand(11); for (i = 0; i < n; i++) { s = ""; for (j = 0; j < words; j++) { w = ""; for (c = 0; c < 3 + int(rand() * 6); c++) w = w sprintf("%c", 97 + int(rand() * 26)); s = s " " w } print s } }'
}

setup_templates_10k() { big_template 10000 "$1-config/workshops/big.ron"; }
setup_list_dev_zero() { ln -s /dev/zero "$1/sessions/z.ron"; }
setup_list_fifo() { mkfifo "$1/sessions/pipe.ron"; }
setup_templates_fifo() { mkfifo "$1-config/workshops/pipe.ron"; }
setup_group_200k() { workshop_lines 200000 >"$1/ideas.txt"; }
setup_group_200k_random() { random_lines 200000 >"$1/ideas.txt"; }
setup_group_50k() { workshop_lines 50000 >"$1/ideas.txt"; }
setup_group_50k_random() { random_lines 50000 >"$1/ideas.txt"; }
# Just under the limits of `group` (40,000 ideas, 1 MB), with short, long and very long lines.
setup_group_limit_5_words() { random_lines 40000 5 | head -c 1040000 >"$1/ideas.txt" || true; }
setup_group_limit_30_words() { random_lines 10000 30 | head -c 1040000 >"$1/ideas.txt" || true; }
setup_group_limit_300_words() { random_lines 1000 300 | head -c 1040000 >"$1/ideas.txt" || true; }

echo "binary: $BIN"
case_ templates_10k templates
case_ list_dev_zero list
case_ list_fifo list
case_ templates_fifo templates
case_ group_50k group --json "$WORK/group_50k/ideas.txt"
case_ group_50k_random group --json "$WORK/group_50k_random/ideas.txt"
case_ group_200k group --json "$WORK/group_200k/ideas.txt"
case_ group_200k_random group --json "$WORK/group_200k_random/ideas.txt"
for n in 5 30 300; do
  case_ "group_limit_${n}_words" group --json "$WORK/group_limit_${n}_words/ideas.txt"
done
