#!/usr/bin/env bash
# The real window on a real X server (Xvfb): it opens, runs a load test, saves a screenshot of
# itself and closes cleanly. Checks the exit status and that the screenshot is a real PNG.
set -euo pipefail
app=$1
out=${2:-$(mktemp -d)/smoke.png}
rm -f "$out"
export HOME=$(mktemp -d) # keep settings and run folders out of the user's home
unset QT_QPA_PLATFORM
xvfb-run -a -s "-screen 0 1400x900x24" "$app" --seed 3 --sessions 40 --quit-after 3000 --screenshot "$out"
[ -s "$out" ] || { echo "no screenshot written"; exit 1; }
head -c 8 "$out" | od -An -tx1 | tr -d ' \n' | grep -q '^89504e470d0a1a0a$' || { echo "not a PNG"; exit 1; }
size=$(stat -c %s "$out")
[ "$size" -gt 20000 ] || { echo "screenshot suspiciously small ($size bytes)"; exit 1; }
echo "window smoke run ok: $out ($size bytes)"
