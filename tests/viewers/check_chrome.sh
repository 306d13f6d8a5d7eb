#!/usr/bin/env bash
# The lab's trace.json in Chrome DevTools' trace engine: a simulator run and a threaded run,
# every message arrow bound. Skipped (77) when node or the engine is not installed (./lab test
# installs both: nodejs from Debian, the engine from npm into build/dev/viewers).
set -euo pipefail
lab=$1 engine=$2
here=$(cd "$(dirname "$0")" && pwd)
command -v node >/dev/null || { echo "skipped: node is not installed"; exit 77; }
[ -f "$engine/node_modules/@paulirish/trace_engine/analyze-trace.mjs" ] ||
    { echo "skipped: the trace engine is not installed in $engine"; exit 77; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$lab" --headless --sim --scenario demo --sessions 30 --seed 5 --out "$out/sim" >/dev/null
"$lab" --headless --scenario demo --sessions 20 --seed 5 --speed 10 --out "$out/threads" >/dev/null
node "$here/chrome_flows.mjs" "$engine" "$out/sim/trace.json"
node "$here/chrome_flows.mjs" "$engine" "$out/threads/trace.json"
