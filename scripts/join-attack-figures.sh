#!/usr/bin/env bash
# Figures of the join server under attack, for one ambassador binary (a release build):
#
#   scripts/join-attack-figures.sh target/release/ambassador
#
# The program runs in a private tmux server at 80×24 with joining on 127.0.0.1:$PORT (default
# 18737). Attackers on other loopback addresses (127.0.0.2 and up: the whole of 127.0.0.0/8
# is this machine) hold $BODIES stalled bodies and $SLOWLORIS slowloris connections (default
# 300 each), opening a new one whenever the server drops one ($RECONNECT seconds later,
# default 0: a flood of reconnections). Meanwhile a device on
# 127.0.0.1 joins and sends ideas. Prints: how long until an idea is "received", how long a
# key takes to show on the facilitator's screen, the program's peak memory, and how long F6
# off, Ctrl-C and SIGTERM take to finish. Nothing is sent to any other address.
set -euo pipefail

BIN=$(realpath "${1:?usage: $0 path/to/ambassador}")
command -v tmux >/dev/null || { echo "needs tmux" >&2; exit 1; }
command -v python3 >/dev/null || { echo "needs python3" >&2; exit 1; }

exec python3 - "$BIN" <<'PY'
import glob, os, re, selectors, shutil, signal, socket, statistics, subprocess, sys, tempfile
import threading, time, urllib.parse

BIN = sys.argv[1]
PORT = int(os.environ.get("PORT", "18737"))
BODIES = int(os.environ.get("BODIES", "300"))
SLOWLORIS = int(os.environ.get("SLOWLORIS", "300"))
# Seconds an attacker waits before opening a new connection in place of a dropped one (0: at
# once, a flood of reconnections; 1: holding its connections without flooding).
RECONNECT = float(os.environ.get("RECONNECT", "0"))
HOST = f"127.0.0.1:{PORT}"
work = tempfile.mkdtemp(prefix="join-attack-")
data, config = os.path.join(work, "data"), os.path.join(work, "config")
sock_path = os.path.join(work, "tmux.sock")
env = dict(os.environ, AMBASSADOR_CACHE_DIR=os.path.join(work, "cache"))


def tmux(*args, capture=False):
    out = subprocess.run(["tmux", "-S", sock_path, *args], env=env, check=not capture,
                         capture_output=capture, text=True)
    return out.stdout if capture else None


def screen():
    return tmux("capture-pane", "-p", "-t", "t:0", capture=True) or ""


def start_program(session):
    tmux("new-session", "-d", "-s", "t", "-x", "80", "-y", "24", "--", BIN,
         "--data-dir", data, "--config-dir", config, "open", session, "--join", "--bind", HOST)
    pid = int(tmux("display", "-p", "-t", "t:0", "#{pane_pid}", capture=True).strip())
    code = None
    deadline = time.time() + 60
    while code is None:
        assert time.time() < deadline, "joining did not start:\n" + screen()
        try:
            with open(session + ".room") as f:
                found = re.search(r"\?c=([A-Z0-9]+)", f.read())
                code = found and found.group(1)
        except OSError:
            pass
        time.sleep(0.05)
    tmux("send-keys", "-t", "t:0", "Escape")
    return pid, code


def alive(pid):
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split()[2] != "Z"
    except OSError:
        return False


def cpu_seconds(pid):
    """User and system time the process has used so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmHWM:\s+(\d+)", f.read()).group(1))


RETRIES = [0]


def request(method, path, cookie=None, body=None):
    """One request from the device, as its page makes it: a connection that closes without
    an answer (dropped at the cap before its head was read) is tried again, and counted."""
    for _ in range(50):
        answer = request_once(method, path, cookie, body)
        if answer is not None:
            return answer
        RETRIES[0] += 1
        time.sleep(0.1)
    raise RuntimeError("no answer in 50 tries")


def request_once(method, path, cookie=None, body=None):
    s = socket.create_connection(("127.0.0.1", PORT), timeout=30)
    head = f"{method} {path} HTTP/1.1\r\nHost: {HOST}\r\nAccept: application/json\r\n"
    if cookie:
        head += f"Cookie: {cookie}\r\n"
    body = body or ""
    head += f"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {len(body.encode())}\r\n\r\n"
    try:
        s.sendall(head.encode() + body.encode())
    except OSError:
        s.close()
        return None
    reply = b""
    while True:
        try:
            chunk = s.recv(65536)
        except OSError:
            break
        if not chunk:
            break
        reply += chunk
    s.close()
    head, _, rest = reply.partition(b"\r\n\r\n")
    if not head:
        return None
    status = int(head.split()[1])
    cookie = re.search(rb"Set-Cookie: ([^;]+)", head)
    return status, (cookie.group(1).decode() if cookie else None), rest.decode(errors="replace")


class Attack(threading.Thread):
    """Holds `bodies` stalled bodies and `slow` slowloris connections from 127.0.0.2 and up,
    opening a new one whenever one is dropped, until stopped."""

    def __init__(self, bodies, slow):
        super().__init__(daemon=True)
        self.want = [("body", n) for n in range(bodies)] + [("slow", n) for n in range(slow)]
        self.stop = threading.Event()
        self.opened = 0
        self.dropped = 0

    def connect(self, kind, n):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind((f"127.0.{1 + n // 200}.{2 + n % 200}", 0))
        s.setblocking(False)
        try:
            s.connect(("127.0.0.1", PORT))
        except BlockingIOError:
            pass
        except OSError:
            s.close()
            return None
        self.opened += 1
        return s

    def run(self):
        sel = selectors.DefaultSelector()
        held = {}  # socket -> (kind, n, sent)
        dropped_at = {}  # (kind, n) -> when the server dropped it
        last_drip = time.time()
        while not self.stop.is_set():
            busy = {(k, n) for (k, n, _) in held.values()}
            now = time.time()
            for kind, n in self.want:
                if (kind, n) not in busy and now - dropped_at.get((kind, n), 0) >= RECONNECT:
                    s = self.connect(kind, n)
                    if s is not None:
                        held[s] = (kind, n, False)
                        sel.register(s, selectors.EVENT_READ | selectors.EVENT_WRITE)
            for key, events in sel.select(timeout=0.05):
                s = key.fileobj
                kind, n, sent = held[s]
                if events & selectors.EVENT_WRITE and not sent:
                    if kind == "body":
                        start = (f"POST /join HTTP/1.1\r\nHost: {HOST}\r\n"
                                 "Content-Length: 1000\r\n\r\ncode=")
                    else:
                        start = f"GET / HTTP/1.1\r\nHost: {HOST}\r\n"
                    try:
                        s.send(start.encode())
                    except OSError:
                        pass
                    held[s] = (kind, n, True)
                    sel.modify(s, selectors.EVENT_READ)
                elif events & selectors.EVENT_READ:
                    try:
                        s.recv(65536)
                    except OSError:
                        pass
                    sel.unregister(s)
                    s.close()
                    del held[s]
                    dropped_at[(kind, n)] = time.time()
                    self.dropped += 1
            if time.time() - last_drip > 5:
                last_drip = time.time()
                for s, (kind, n, sent) in list(held.items()):
                    if kind == "slow" and sent:
                        try:
                            s.send(b"X-a: b\r\n")
                        except OSError:
                            pass
            time.sleep(0.02)
        for s in held:
            s.close()


def attacked():
    attack = Attack(BODIES, SLOWLORIS)
    attack.start()
    time.sleep(3)
    return attack


def wait_gone(pid, limit=30):
    start = time.time()
    while alive(pid):
        if time.time() - start > limit:
            return None
        time.sleep(0.005)
    return time.time() - start


def port_closed():
    """True once connecting is refused; a connection that does not answer within 50 ms
    (a full backlog under attack) says nothing yet."""
    try:
        socket.create_connection(("127.0.0.1", PORT), timeout=0.05).close()
        return False
    except ConnectionRefusedError:
        return True
    except OSError:
        return False


def main():
    subprocess.run([BIN, "--data-dir", data, "--config-dir", config, "new", "--title", "Attack",
                    "--participant", "Ann", "--participant", "Bob", "--no-open"],
                   env=env, check=True, capture_output=True)
    session = glob.glob(os.path.join(data, "sessions", "*.ron"))[0]
    pid, code = start_program(session)
    print(f"binary: {BIN}")
    print(f"attackers: {BODIES} stalled bodies + {SLOWLORIS} slowloris, from 127.0.x.y (not .0.1), "
          f"each dropped one opened again after {RECONNECT:g} s")

    typed = ""

    def key_times(letters):
        """How long each letter takes from tmux send-keys until capture-pane shows it (typed
        into the facilitator's idea field): an upper bound on drawing a key."""
        nonlocal typed
        times = []
        for ch in letters:
            typed += ch
            start = time.time()
            tmux("send-keys", "-t", "t:0", "-l", ch)
            while typed not in screen():
                assert time.time() - start < 10, "the key never showed"
            times.append(time.time() - start)
        return times

    def ms(times):
        return f"median {statistics.median(times)*1000:.0f} ms, max {max(times)*1000:.0f} ms"

    for _ in range(3):
        tmux("send-keys", "-t", "t:0", "PageDown")
    deadline = time.time() + 20
    while "What is ambassadorship?" not in screen():
        assert time.time() < deadline, "the first question did not show:\n" + screen()
        time.sleep(0.05)
    quiet_keys = key_times("abcdefghij")
    attack = attacked()
    cpu_start, mine_start, wall_start = cpu_seconds(pid), os.times(), time.time()
    status, ann, _ = request("POST", "/join", body=urllib.parse.urlencode({"code": code, "participant": "1"}))
    assert status == 200, status
    deadline = time.time() + 20
    while '"step":3' not in request("GET", "/state", cookie=ann)[2]:
        assert time.time() < deadline
        time.sleep(0.05)
    received = []
    for n in range(10):
        body = urllib.parse.urlencode({"key": f"attack-{n}", "text": f"Idea {n} under attack", "step": "3"})
        start = time.time()
        while True:
            status, _, _ = request("POST", "/idea", cookie=ann, body=body)
            if status not in (429, 503):
                break
            time.sleep(0.2)
        received.append(time.time() - start)
        assert status == 200, status
        time.sleep(0.3)
    keys = key_times("zqjvkxwyzq")
    held = attack.opened - attack.dropped
    peak = peak_kb(pid)
    wall = time.time() - wall_start
    program_cpu = (cpu_seconds(pid) - cpu_start) / wall
    mine = os.times()
    attacker_cpu = (mine.user + mine.system - mine_start.user - mine_start.system) / wall
    print(f"idea received under attack: {ms(received)} ({len(received)} ideas; "
          f"{RETRIES[0]} of the device's connections closed unanswered and were tried again)")
    print(f"key on screen (tmux send-keys to capture-pane): no attack {ms(quiet_keys)}; "
          f"under attack {ms(keys)}")
    print(f"attack: {attack.opened} connections opened, {attack.dropped} dropped by the server, {held} open now")
    print(f"CPU while attacked: the program {program_cpu*100:.0f}% of a core, "
          f"this script (attackers, device, tmux polling) {attacker_cpu*100:.0f}%")

    # F6 shows the join panel, F6 there turns joining off.
    tmux("send-keys", "-t", "t:0", "F6")
    time.sleep(0.5)
    start = time.time()
    tmux("send-keys", "-t", "t:0", "F6")
    f6 = f6_screen = None
    while f6 is None or f6_screen is None:
        assert time.time() - start < 30, "F6 did not turn joining off"
        if f6_screen is None and "Joining is off" in screen():
            f6_screen = time.time() - start
        if f6 is None and port_closed():
            f6 = time.time() - start
    print(f"F6 off: the screen said so after {f6_screen*1000:.0f} ms, "
          f"connecting was refused after {f6*1000:.0f} ms")

    # On again, attacked again, then Ctrl-C.
    tmux("send-keys", "-t", "t:0", "F6")
    deadline = time.time() + 20
    while port_closed():
        assert time.time() < deadline
        time.sleep(0.05)
    tmux("send-keys", "-t", "t:0", "Escape")
    time.sleep(3)
    peak = max(peak, peak_kb(pid))
    start = time.time()
    tmux("send-keys", "-t", "t:0", "C-c")
    ctrl_c = wait_gone(pid)
    attack.stop.set()
    attack.join()
    print(f"Ctrl-C: the program had quit after {ctrl_c*1000:.0f} ms" if ctrl_c is not None
          else "Ctrl-C: still running after 30 s")
    tmux("kill-server", capture=True)

    # Once more, for SIGTERM.
    pid, code = start_program(session)
    attack = attacked()
    peak = max(peak, peak_kb(pid))
    start = time.time()
    os.kill(pid, signal.SIGTERM)
    term = wait_gone(pid)
    attack.stop.set()
    attack.join()
    print(f"SIGTERM: the program had quit after {term*1000:.0f} ms" if term is not None
          else "SIGTERM: still running after 30 s")
    print(f"peak memory (VmHWM) under attack: {peak/1024:.1f} MB")
    tmux("kill-server", capture=True)


try:
    main()
finally:
    tmux("kill-server", capture=True)
    shutil.rmtree(work, ignore_errors=True)
PY
