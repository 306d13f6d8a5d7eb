#!/usr/bin/env bash
# The README's screenshots, taken of the real window on a real X server (Xvfb, a 1600x1000
# screen): edgecore-screenshots writes 2pc-commit.png, 3pc-coordinator-crash.png,
# deadlock.png and mallory-refusals.png into OUTDIR and checks each (read back: its size,
# not blank, arrows on the diagram, the Message pane filled); its exit status is this one's.
#   screenshots_xvfb.sh BIN OUTDIR   (ctest's screenshots_xvfb; ./lab screenshots)
set -euo pipefail
bin=$1
out=$2
mkdir -p "$out"
HOME=$(mktemp -d) # nothing of the user's home (the program also keeps its own XDG dirs)
export HOME
trap 'rm -rf "$HOME"' EXIT
unset QT_QPA_PLATFORM
xvfb-run -a -s "-screen 0 1600x1000x24" "$bin" "$out"
for f in 2pc-commit 3pc-coordinator-crash deadlock mallory-refusals; do
    png=$out/$f.png
    [ -s "$png" ] || { echo "no $png written"; exit 1; }
    head -c 8 "$png" | od -An -tx1 | tr -d ' \n' | grep -q '^89504e470d0a1a0a$' || { echo "$png is not a PNG"; exit 1; }
done
echo "screenshots ok: $out"
