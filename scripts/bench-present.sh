#!/usr/bin/env bash
# Save→redraw latency of the room view (median and p95 over N saves), then its idle CPU over
# a minute. Builds the release binary, runs `ambassador present` in a private tmux server,
# replaces the session file atomically N times (as a save does) and polls the screen until the
# change shows. Usage: scripts/bench-present.sh [N] [IDLE_SECONDS]
set -euo pipefail
N=${1:-200}
IDLE=${2:-60}
cd "$(dirname "$0")/.."
flock /tmp/ambassador-cargo.lock cargo build --release --quiet
BIN=$PWD/target/release/ambassador
WORK=$(mktemp -d)
trap 'tmux -S "$WORK/sock" kill-server 2>/dev/null || true; rm -rf "$WORK"' EXIT
"$BIN" --data-dir "$WORK/data" --config-dir "$WORK/config" new --no-open --title Bench >/dev/null
FILE=$(ls "$WORK"/data/sessions/*.ron)
tmux -S "$WORK/sock" new-session -d -s b -x 100 -y 30 -- "$BIN" --data-dir "$WORK/data" \
  --config-dir "$WORK/config" present "$FILE"
python3 - "$WORK/sock" "$FILE" "$N" <<'PY'
import os, re, subprocess, sys, time, statistics
sock, path, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
original = open(path).read()
def screen():
    return subprocess.run(["tmux", "-S", sock, "capture-pane", "-p", "-t", "b"],
                          capture_output=True, text=True).stdout
deadline = time.time() + 10
while "step 1" not in screen() and time.time() < deadline:
    time.sleep(0.02)
lat = []
for i in range(n):
    mark = f"MARK{i:04d}"
    text = original.replace('prompt: "', f'prompt: "{mark} ', 1)
    tmp = path + ".bench-tmp"
    with open(tmp, "w") as f:
        f.write(text); f.flush(); os.fsync(f.fileno())
    t0 = time.monotonic()
    os.rename(tmp, path)
    while mark not in screen():
        if time.monotonic() - t0 > 5:
            sys.exit(f"save {i} never showed")
    lat.append((time.monotonic() - t0) * 1000)
lat.sort()
print(f"saves: {n}  median: {statistics.median(lat):.0f} ms  p95: {lat[int(len(lat)*0.95)-1]:.0f} ms  max: {lat[-1]:.0f} ms")
PY
PID=$(tmux -S "$WORK/sock" list-panes -t b -F '#{pane_pid}')
ticks() { awk '{print $14+$15}' "/proc/$PID/stat"; }
HZ=$(getconf CLK_TCK)
A=$(ticks); sleep "$IDLE"; B=$(ticks)
python3 -c "print(f'idle CPU over $IDLE s: {($B-$A)/$HZ:.2f} s of CPU = {100*($B-$A)/$HZ/$IDLE:.2f} %')"
