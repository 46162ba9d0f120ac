#!/usr/bin/env bash
# Whole-process benchmarks: archsel against a release-built hello world (the
# floor: what starting any process costs) and against yamllint, measured side
# by side in one run with hyperfine; then scaling over synthetic catalogs.
# Writes benches/RESULTS.md. Not part of CI's pass/fail (the machine is noisy).
#
#   bash benches/run.sh            # full run (N up to 10,000)
#   QUICK=1 bash benches/run.sh    # smoke run: small N, few runs
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
work=$root/target/bench
mkdir -p "$work"

need() { command -v "$1" >/dev/null 2>&1; }
if ! need hyperfine; then
  apt-get install -y -qq hyperfine >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq hyperfine >/dev/null; }
fi
if ! need yamllint; then
  pip install --quiet yamllint >/dev/null 2>&1 || python3 -m pip install --quiet --user yamllint >/dev/null
fi

if [ -n "${QUICK:-}" ]; then sizes=(100 300); runs=5; warmup=2; else sizes=(100 1000 3000 10000); runs=40; warmup=10; fi

cargo build --release --locked --quiet
cargo build --release --locked --quiet --example gen_catalog
out=$root/target/release
bin=$out/archsel
gen=$out/examples/gen_catalog

# The floor: a hello world built with the same release profile, outside this
# repository: what starting any release-built Rust process costs.
hello_dir=${TMPDIR:-/tmp}/archsel-bench-hello
mkdir -p "$hello_dir/src"
printf '[package]\nname = "hello"\nversion = "0.1.0"\nedition = "2024"\n[workspace]\n[profile.release]\ncodegen-units = 1\nlto = "fat"\npanic = "abort"\nstrip = true\n' > "$hello_dir/Cargo.toml"
echo 'fn main() { println!("hello world"); }' > "$hello_dir/src/main.rs"
(cd "$hello_dir" && cargo build --release --quiet)
hello=$hello_dir/target/release/hello

export NO_COLOR=1
unset ARCHSEL_CATALOG
hf() { hyperfine -N --style none --warmup "$warmup" --runs "$runs" --export-json "$1" "${@:2}" >/dev/null; }

# Start-up is a few milliseconds: a burst of load on a shared machine moves
# one command's median by a third. So the commands are measured in rounds,
# each ratio is taken within its round (the hello world measured moments
# before), and the report gives the median ratio over the rounds and their
# range.
echo "== startup ratios (hello world vs archsel), in rounds"
rounds=5
[ -n "${QUICK:-}" ] && rounds=2
rm -f "$work"/startup-*.json
for round in $(seq "$rounds"); do
  hf "$work/startup-$round.json" \
    "$hello" \
    "$bin show sidecar" \
    "$bin compare --all" \
    "$bin recommend --no-input --answer team-size=3-10 --answer stage=production" \
    "$bin lint patterns decision-trees"
done

echo "== lint vs yamllint on the shipped files"
hyperfine -N --style none --warmup 2 --runs "$(( runs / 4 + 3 ))" --export-json "$work/yamllint.json" \
  "$bin lint patterns decision-trees" \
  "yamllint -d relaxed patterns decision-trees" >/dev/null

peak() { /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1; }
show_peak=$(peak "$bin" show sidecar)

echo "== detect vs PyYAML's C loader (load only) on the same Kubernetes manifests, two sizes"
python3 -c 'import yaml; yaml.CSafeLoader' 2>/dev/null || pip install --quiet pyyaml >/dev/null
cat > "$work/pyyaml_load.py" <<'PY'
import glob, sys, yaml
for f in sorted(glob.glob(sys.argv[1] + "/*.yaml")):
    with open(f) as fh:
        list(yaml.load_all(fh, Loader=yaml.CSafeLoader))
PY
# The generator is crates/archsel-detect/benches/detect.rs (--generate-only).
cargo bench --locked --quiet -p archsel-detect --bench detect --no-run
gen_k8s=$(ls -t "$root"/target/release/deps/detect-* 2>/dev/null | grep -v '\.d$' | head -1)
detect_sizes=(1000 4000)
[ -n "${QUICK:-}" ] && detect_sizes=(250 1000)
: > "$work/detect.tsv"
for n in "${detect_sizes[@]}"; do
  dir=$work/k8s-$n
  [ -d "$dir" ] || "$gen_k8s" "$dir" --count "$n" --generate-only
  hyperfine -N --style none --warmup 1 --runs "$(( runs / 8 + 3 ))" --export-json "$work/detect-$n.json" \
    "$bin detect $dir --format json" \
    "python3 $work/pyyaml_load.py $dir" >/dev/null
  printf '%s\t%s\t%s\n' "$n" "$(peak "$bin" detect "$dir" --format json)" "$(du -sk "$dir" | cut -f1)" >> "$work/detect.tsv"
done

echo "== site of the default catalog (no Graphviz: the same work on every machine)"
hyperfine -N --style none --warmup 1 --runs "$(( runs / 8 + 3 ))" --export-json "$work/site.json" \
  "$bin site --graph list --force $work/site" >/dev/null
printf '%s\t%s\t%s\n' "$(find "$work/site" -type f | wc -l)" "$(du -sk "$work/site" | cut -f1)" \
  "$(peak "$bin" site --graph list --force "$work/site")" > "$work/site.tsv"

echo "== scaling"
: > "$work/scaling.tsv"
for n in "${sizes[@]}"; do
  dir=$work/catalog-$n
  [ -d "$dir" ] || "$gen" --count "$n" --seed 1 --out "$dir" 2>/dev/null
  hyperfine -N --style none --warmup 1 --runs 5 --export-json "$work/scale-$n.json" \
    "$bin lint $dir" \
    "$bin --catalog $dir compare --all --format json" \
    "$bin --catalog $dir recommend --no-input --format json" >/dev/null
  printf '%s\t%s\t%s\t%s\n' "$n" "$(peak "$bin" lint "$dir")" \
    "$(peak "$bin" --catalog "$dir" compare --all --format json)" \
    "$(peak "$bin" --catalog "$dir" recommend --no-input --format json)" >> "$work/scaling.tsv"
done

python3 - "$work" "$show_peak" "${sizes[@]}" <<'PY'
import json, sys, datetime, os, platform, subprocess
work, show_peak, sizes = sys.argv[1], int(sys.argv[2]), [int(s) for s in sys.argv[3:]]
def results(name):
    return json.load(open(f"{work}/{name}"))["results"]
def ms(r): return r["median"] * 1000
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
lines = [
    "# Benchmark results", "",
    f"Date: {datetime.date.today()} · machine: {os.cpu_count()} cores, {cpu} · command: `bash benches/run.sh`", "",
    "Medians of whole-process wall time (hyperfine, warm cache). Ratios are what count: the machine is shared and noisy.", "",
    "## Start-up, against a release-built hello world", "",
    "| command | median | ratio to hello world (median of rounds) | range over rounds | target |", "|---|---|---|---|---|",
]
import glob, statistics
rounds = [results(os.path.basename(f)) for f in sorted(glob.glob(f"{work}/startup-*.json"))]
hellos = [ms(r[0]) for r in rounds]
targets = {"show sidecar": "≤ 3×", "compare --all": "≤ 3×", "recommend": "≤ 3×", "lint patterns": "≤ 4×"}
lines.append(f"| hello world | {statistics.median(hellos):.2f} ms | 1.00× | {min(hellos):.2f}–{max(hellos):.2f} ms | |")
for i, r in enumerate(rounds[0][1:], start=1):
    cmd = r["command"].split("/archsel ", 1)[-1]
    target = next((t for k, t in targets.items() if cmd.startswith(k)), "")
    times = [ms(round_[i]) for round_ in rounds]
    ratios = [t / h for t, h in zip(times, hellos)]
    lines.append(f"| `archsel {cmd}` | {statistics.median(times):.2f} ms | {statistics.median(ratios):.2f}× | {min(ratios):.2f}–{max(ratios):.2f}× | {target} |")
lines += ["", f"{len(rounds)} rounds; each ratio is taken within its round."]
lines += ["", "Both are default release builds (dynamically linked, position-independent)."]
lines += ["", f"Peak memory of `archsel show sidecar`: {show_peak/1024:.1f} MB.", ""]
y = results("yamllint.json")
lines += ["## Lint against yamllint (the shipped catalog)", "",
          f"archsel lint: {ms(y[0]):.1f} ms · yamllint: {ms(y[1]):.1f} ms · archsel takes {ms(y[0])/ms(y[1]):.3f} of yamllint's time (target ≤ 1/50 = 0.020)", ""]
lines += ["## Scaling over synthetic catalogs (`examples/gen_catalog.rs`)", "",
          "| N | lint | peak | compare --all (json) | peak | recommend | peak |", "|---|---|---|---|---|---|---|"]
peaks = {int(l.split()[0]): [int(x) for x in l.split()[1:]] for l in open(f"{work}/scaling.tsv")}
times = {}
for n in sizes:
    rs = results(f"scale-{n}.json")
    times[n] = [ms(r) for r in rs]
    p = peaks[n]
    lines.append(f"| {n} | {times[n][0]:.0f} ms | {p[0]/1024:.0f} MB | {times[n][1]:.0f} ms | {p[1]/1024:.0f} MB | {times[n][2]:.0f} ms | {p[2]/1024:.0f} MB |")
lines.append("")
pairs = [(a, b) for a in sizes for b in sizes if b == a * 10]
if pairs:
    lines += ["Growth per 10× N (target ≤ 11×): " + "; ".join(
        f"{a}→{b}: lint {times[b][0]/times[a][0]:.1f}×, compare {times[b][1]/times[a][1]:.1f}×, recommend {times[b][2]/times[a][2]:.1f}×" for a, b in pairs), ""]
lines += ["## detect against PyYAML's C loader (load only), 1,000 manifests ≈ 4 MB", "",
          "| manifests | size | archsel detect | peak | PyYAML CSafeLoader | ratio (target ≤ 0.10) |", "|---|---|---|---|---|---|"]
det = {}
for l in open(f"{work}/detect.tsv"):
    n, pk, kb = (int(x) for x in l.split())
    rs = results(f"detect-{n}.json")
    det[n] = ms(rs[0])
    lines.append(f"| {n} | {kb/1024:.1f} MB | {ms(rs[0]):.0f} ms | {pk/1024:.0f} MB (target ≤ 100) | {ms(rs[1]):.0f} ms | {ms(rs[0])/ms(rs[1]):.3f} |")
ns = sorted(det)
if len(ns) == 2:
    lines += ["", f"Growth {ns[0]}→{ns[1]} ({ns[1]/ns[0]:.0f}× the files): {det[ns[1]]/det[ns[0]]:.1f}× the time (linear: {ns[1]/ns[0]:.1f}×)", ""]
files, kb, site_peak = (int(x) for x in open(f"{work}/site.tsv").read().split())
lines += ["## `archsel site` of the default catalog (`--graph list`)", "",
          f"{ms(results('site.json')[0]):.0f} ms for {files} files ({kb/1024:.1f} MB on disk), peak {site_peak/1024:.0f} MB; the leaf pages are rendered on {os.cpu_count()} threads at most (8).", ""]
# Hand-written notes (how much runs differ) follow every result.
if os.path.exists("benches/NOTES.md"):
    lines += ["", open("benches/NOTES.md").read().rstrip("\n")]
open("benches/RESULTS.md", "w").write("\n".join(lines) + "\n")
print("\n".join(lines))
PY
