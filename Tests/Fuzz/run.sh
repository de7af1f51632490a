#!/usr/bin/env bash
# Builds the libFuzzer targets (Linux, swift.org toolchain) and runs each for a given time.
#
#   Tests/Fuzz/run.sh [SECONDS] [TARGET...]    default: 60 seconds each, fuzz-csv then fuzz-feed
#
# The targets run one after the other, one process each (the machine has 2 cores and others build on
# it). Each starts from its seed corpus Corpus/<name>/ (only read) and its dictionary <name>.dict, and
# keeps the inputs it finds in .build-fuzz-corpus/<name>/ (not committed; delete it to start afresh).
# At the end it prints per target the executions, executions per second, coverage (cov: edges, ft:
# features) and corpus size from libFuzzer's final stats, and any crash-/leak-/timeout-/oom- file,
# written to .build-fuzz-artifacts/ (with the full log, <target>.log). The exit status is 1 when a
# target stopped on a finding.
#
# Environment: CONFIG=debug|release (default release), SCRATCH (build folder, default
# Tests/Fuzz/.build-fuzz), FUZZ_ARGS (more libFuzzer options), JOBS (build jobs, default 2).
# Replay an input: .build-fuzz/release/fuzz-csv FILE; minimise a crash: add -minimize_crash=1 -runs=10000.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
seconds="${1:-60}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(fuzz-csv fuzz-feed)
config="${CONFIG:-release}"
scratch="${SCRATCH:-$here/.build-fuzz}"
work="$here/.build-fuzz-corpus"
artifacts="$here/.build-fuzz-artifacts"
mkdir -p "$work" "$artifacts"

if [ "$(uname)" != "Linux" ]; then
  echo "run.sh: libFuzzer builds are set up for Linux only (on macOS use a swift.org toolchain: xcrun --toolchain swift)" >&2
  exit 2
fi

# Shorter allocation stacks in reports (the default 30 frames cost a fifth of the time).
export ASAN_OPTIONS="${ASAN_OPTIONS:-malloc_context_size=10}"

cd "$here"
for t in "${targets[@]}"; do
  echo "== building $t ($config)"
  swift build --scratch-path "$scratch" -c "$config" -j "${JOBS:-2}" --product "$t" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library
done
bin="$(swift build --scratch-path "$scratch" -c "$config" --show-bin-path)"

status=0
summary=""
for t in "${targets[@]}"; do
  name="${t#fuzz-}"
  seeds="$here/Corpus/$name"
  dict=()
  [ -f "$here/$name.dict" ] && dict=(-dict="$here/$name.dict")
  mkdir -p "$work/$name"
  log="$artifacts/$t.log"
  # fuzz-feed's data roots: removed at exit, but not after a crash.
  export TMPDIR="$here/.build-fuzz-tmp"
  rm -rf "$TMPDIR" && mkdir -p "$TMPDIR"
  echo "== running $t for ${seconds}s (log: $log)"
  set +e
  # The first corpus folder receives new inputs; the seed folder is only read.
  # -print_final_stats=1: executions, exec/s; the last "#N DONE/pulse" line: cov, ft, corpus.
  "$bin/$t" "$work/$name" "$seeds" \
    -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -detect_leaks=1 \
    "${dict[@]}" -artifact_prefix="$artifacts/$t-" ${FUZZ_ARGS:-} >"$log" 2>&1
  rc=$?
  set -e
  rm -rf "$TMPDIR"
  [ $rc -ne 0 ] && status=1
  last="$(grep -E '^#[0-9]+' "$log" | tail -1 || true)"
  runs="$(sed -nE 's/^stat::number_of_executed_units: *([0-9]+)/\1/p' "$log" | tail -1)"
  speed="$(sed -nE 's/^stat::average_exec_per_sec: *([0-9]+)/\1/p' "$log" | tail -1)"
  rss="$(sed -nE 's/^stat::peak_rss_mb: *([0-9]+)/\1/p' "$log" | tail -1)"
  cov="$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")"
  ft="$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")"
  corp="$(sed -nE 's/.* corp: ([0-9]+\/[0-9]+[a-zA-Z]*).*/\1/p' <<<"$last")"
  line="$t: exit $rc, ${runs:-?} executions, ${speed:-?} exec/s, cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}, peak RSS ${rss:-?} MB"
  found="$(sed -nE 's/.*Test unit written to (.*)/    \1/p' "$log" | sort -u)"
  [ -n "$found" ] && line="$line"$'\n'"  found:"$'\n'"$found"
  echo "$line"
  summary="$summary$line"$'\n'
done
echo "== summary"
printf '%s' "$summary"
exit $status
