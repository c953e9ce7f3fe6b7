#!/usr/bin/env bash
# The Windows checks, from Linux: the store, domain, export and grouping tests (the library's
# own, `tests/store` and `tests/cli`) built for x86_64-pc-windows-gnu and run under Wine, then
# the real release `ambassador.exe` under Wine doing what a facilitator does from the command
# line. Installs mingw-w64 and Wine with apt-get where it can (see scripts/lib/needs.sh).
#
# Debian's Wine 8.0 has no ProcessPrng in bcryptprimitives.dll, which Rust's std calls at
# start: a tiny shim DLL (scripts/wine/process-prng-shim.c), built here with mingw and put next
# to each .exe of the check, gives it. A test aid only; Windows has the real one.
set -euo pipefail
cd "$(dirname "$0")/.."

target=x86_64-pc-windows-gnu
needed="x86_64-w64-mingw32-gcc:gcc-mingw-w64-x86-64 wine:wine64 tmux:tmux"
# shellcheck source=scripts/lib/needs.sh
. scripts/lib/needs.sh
install_needed scripts/windows-check.sh
rustup target add "$target" >/dev/null

work=$(mktemp -d)
trap 'wineserver -k >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
export WINEPREFIX="$work/wine" WINEDEBUG=-all
export AMBASSADOR_PRNG_SHIM="$work/bcryptprimitives.dll"
x86_64-w64-mingw32-gcc -O2 -shared -o "$AMBASSADOR_PRNG_SHIM" \
  scripts/wine/process-prng-shim.c scripts/wine/process-prng-shim.def -ladvapi32
wineboot --init >/dev/null 2>&1 || true

echo "windows-check: tests under Wine"
CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER="$PWD/scripts/wine/run" \
  cargo test --locked --target "$target" --lib --test store --test cli

echo "windows-check: the release ambassador.exe under Wine"
cargo build --locked --release --target "$target"
cp "target/$target/release/ambassador.exe" "$work/"
data='Z:'$(echo "$work/data" | tr / '\\')
config='Z:'$(echo "$work/config" | tr / '\\')
exe() { wine "$work/ambassador.exe" --data-dir "$data" --config-dir "$config" "$@"; }
check() { # $1: what, $2: text that must be in the output, then the command
  local what=$1 want=$2 out
  shift 2
  if ! out=$("$@" 2>&1) || [[ "$out" != *"$want"* ]]; then
    echo "windows-check: $what failed; it printed:" >&2
    echo "$out" >&2
    exit 1
  fi
  echo "  ok  $what"
}
check "new --no-open" "team-zorg" \
  exe new --title "Team Zorg" --lang nl --participant Anouk --participant Pieter --no-open
check "list --json" '"participants": [' exe list --json
# the session's id from the list, read twice at most and said plainly if it is not there
# (once a CI run stopped here without a word)
session_id() {
  local out
  out=$(exe list --json 2>&1) || true
  grep -o '"id": "[^"]*team-zorg"' <<<"$out" | head -1 | cut -d'"' -f4 || true
}
id=$(session_id)
[ -n "$id" ] || id=$(session_id)
if [ -z "$id" ]; then
  echo "windows-check: list --json names no team-zorg session; it printed:" >&2
  exe list --json >&2 || echo "(and exited with $?)" >&2
  exit 1
fi
check "export md" "**Deelnemers:** Anouk, Pieter" exe export "$id" --format md
check "export html" "<title>Team Zorg</title>" exe export "$id" --format html
check "export json" '"format": "ambassador-export"' exe export "$id" --format json
check "export md --anonymous" "**Deelnemers:** 2" exe export "$id" --format md --anonymous
check "group --json" '"groups":[' \
  bash -c "printf 'trots op ons werk\nproud of our team\nLinkedIn posts\nposten op LinkedIn\n' |
    wine '$work/ambassador.exe' group --json"
check "templates" "ambassadorship-follow-up" exe templates
check "paths" "sessions:  $data\\sessions" exe paths
refused() { # like check, for a command that must fail with that text
  local what=$1 want=$2 out
  shift 2
  if out=$("$@" 2>&1) || [[ "$out" != *"$want"* ]]; then
    echo "windows-check: $what was not refused as it should be; it printed:" >&2
    echo "$out" >&2
    exit 1
  fi
  echo "  ok  $what"
}
refused "a device name (NUL) is refused" "a device, not a session file" \
  exe export NUL.ron --format md

# The full-screen program in Wine's console inside tmux (Wine reports key releases as Windows
# does): three steps on, two ideas, Ctrl-C. Each key must act once, every idea be saved once.
# (Wine's console draws the screen imperfectly; what counts here is the file.)
echo "windows-check: the full-screen program under Wine"
session="$work/data/sessions/$id.ron"
waits() { # $1: what, $2: a pattern the session file must come to match
  for _ in $(seq 1 100); do
    grep -q "$2" "$session" && return 0
    sleep 0.2
  done
  echo "windows-check: $1: the session file never had $2" >&2
  tmux kill-session -t ambassador-wine 2>/dev/null || true
  exit 1
}
tmux kill-session -t ambassador-wine 2>/dev/null || true
tmux new-session -d -s ambassador-wine -x 100 -y 30 \
  "wine '$work/ambassador.exe' --data-dir '$data' --config-dir '$config' open $id"
sleep 5
tmux send-keys -t ambassador-wine PageDown PageDown PageDown
waits "three steps on" "current_step: 3,"
tmux send-keys -t ambassador-wine "Proud of our team" Enter
waits "the first idea" 'text: "Proud of our team"'
tmux send-keys -t ambassador-wine "Tell friends" Enter
waits "the second idea" 'text: "Tell friends"'
tmux send-keys -t ambassador-wine C-c
for _ in $(seq 1 50); do
  tmux has-session -t ambassador-wine 2>/dev/null || break
  sleep 0.2
done
if tmux has-session -t ambassador-wine 2>/dev/null; then
  tmux kill-session -t ambassador-wine
  echo "windows-check: Ctrl-C did not end the program" >&2
  exit 1
fi
if [ "$(grep -c 'text: ' "$session")" != 2 ] || ! grep -q "current_step: 3," "$session"; then
  echo "windows-check: a key acted twice or an idea is missing:" >&2
  grep "text: \|current_step" "$session" >&2
  exit 1
fi
echo "  ok  keys act once, both ideas saved once, Ctrl-C ends it"
echo "windows-check: all passed"
