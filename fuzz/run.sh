#!/usr/bin/env bash
# Runs the fuzz targets, each for a time box, seeded from the shipped catalog
# and the hostile fixtures. Crashes land in fuzz/artifacts/TARGET/; copy each
# into tests/fuzz-regressions/TARGET/ so the test suite replays it for good.
# Appends one line per target to fuzz/LOG.md (date, runs, time, crashes).
#
#   bash fuzz/run.sh                 # every target, 600 s each
#   bash fuzz/run.sh 60 recommend    # one target, 60 s
#
# cargo-fuzz needs nightly features; RUSTC_BOOTSTRAP=1 lets the stable
# toolchain build them. No sanitizer (`-s none`): archsel forbids unsafe code,
# so AddressSanitizer would only slow the search; panics, hangs (-timeout) and
# memory blow-ups (-rss_limit_mb) are what the fuzzer looks for.

set -euo pipefail
cd "$(dirname "$0")"
seconds=${1:-600}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(pattern_file tree_file recommend render)
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1
cargo fuzz build -O -s none >/dev/null

seed() { # seed TARGET FILES...: copy files into the target's corpus
  local dir=corpus/$1; shift
  mkdir -p "$dir"
  for f in "$@"; do cp "$f" "$dir/seed-$(basename "$f")"; done
}
seed pattern_file ../patterns/*.yaml ../tests/fixtures/hostile/*.yaml
seed tree_file ../decision-trees/*.yaml ../tests/fixtures/hostile/*.yaml
mkdir -p corpus/render corpus/recommend
for f in ../patterns/*.yaml; do # render: first byte is the width
  { printf '\x4f'; cat "$f"; } > "corpus/render/seed-$(basename "$f")"
done

for target in "${targets[@]}"; do
  log=$(mktemp)
  mkdir -p "artifacts/$target"
  before=$(ls "artifacts/$target" | wc -l)
  # -timeout: an input that takes 10 s is a hang; -max_len fits a large pattern file.
  cargo fuzz run -O -s none "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 >"$log" 2>&1 || true
  after=$(ls "artifacts/$target" | wc -l)

  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
  line="| $(date -u +%F) | $target | ${seconds} s | ${runs:-0} | $((after - before)) |"
  echo "$line"
  echo "$line" >> LOG.md
  rm -f "$log"
done
