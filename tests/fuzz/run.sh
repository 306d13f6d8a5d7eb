#!/usr/bin/env bash
# Builds the libFuzzer targets (the `fuzz` preset, clang) and runs each for SECONDS from the
# seed corpus plus the kept regression inputs. A crash leaves its input in
# build/fuzz/artifacts/ and fails the run; keep it in tests/fuzz/regressions/<target>/ once
# fixed, and tst_fuzzregressions replays it in every test run.
#   tests/fuzz/run.sh [SECONDS]   (default 60; exit 77 when clang's libFuzzer is missing)
set -uo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-60}
if ! command -v clang++ >/dev/null || ! compgen -G "/usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-x86_64.a" >/dev/null; then
    echo "fuzz: clang++ with libFuzzer (packages clang, libclang-rt-14-dev) is not installed" >&2
    exit 77
fi
cmake --preset fuzz >/dev/null || exit 1
cmake --build --preset fuzz >/dev/null || exit 1
corpus=build/fuzz/corpus
artifacts=build/fuzz/artifacts
mkdir -p "$artifacts"
./build/fuzz/tests/fuzz/make_corpus "$corpus" || exit 1
status=0
for target in frames envelope; do
    if compgen -G "tests/fuzz/regressions/$target/*" >/dev/null; then
        cp tests/fuzz/regressions/$target/* "$corpus/$target/"
    fi
    log=build/fuzz/fuzz_$target.log
    if ./build/fuzz/tests/fuzz/fuzz_$target -max_total_time="$secs" -timeout=10 \
        -rss_limit_mb=2048 -artifact_prefix="$artifacts/$target-" "$corpus/$target" >"$log" 2>&1; then
        echo "fuzz_$target: $(grep -E '^Done [0-9]+ runs' "$log" | tail -n 1), no crash"
    else
        echo "fuzz_$target: FAILED; see $log and $artifacts/" >&2
        grep -E 'ERROR|SUMMARY|Test unit written' "$log" >&2
        status=1
    fi
done
exit $status
