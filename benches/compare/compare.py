#!/usr/bin/env python3
"""Whole-process comparison of `group` with the scikit-learn alternative on N synthetic lines.

Installs scikit-learn from PyPI into a local venv (target/sklearn-venv) on first use.
usage: benches/compare/compare.py [N] [GROUP_COMMAND...]   (default 5000, target/release/ambassador group)
"""
import os, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(os.path.dirname(here))
venv = os.path.join(root, "target", "sklearn-venv")
py = os.path.join(venv, "bin", "python")
n = int(sys.argv[1]) if len(sys.argv) > 1 else 5000
cmd = sys.argv[2:] or [os.path.join(root, "target", "release", "ambassador"), "group"]
if not os.path.exists(py):
    subprocess.run([sys.executable, "-m", "venv", venv], check=True)
    subprocess.run([os.path.join(venv, "bin", "pip"), "install", "-q", "scikit-learn"], check=True)
with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as f:
    subprocess.run([sys.executable, os.path.join(here, "synth.py"), str(n)], stdout=f, check=True)
    data = f.name

def timed(args):
    t = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t

try:
    a = timed(cmd + ["--json", data])
    b = timed([py, os.path.join(here, "sklearn_group.py"), data])
    print(f"lines={n}  group={a:.2f}s  scikit-learn={b:.2f}s  speed-up={b / a:.0f}x")
finally:
    os.unlink(data)
