#!/usr/bin/env bash
# Times archsel-detect against PyYAML's C loader on the same 1,000 manifests.
# Usage: crates/archsel-detect/benches/compare.sh   (installs PyYAML if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 -c 'import yaml; yaml.CSafeLoader' 2>/dev/null || pip install --quiet pyyaml
cargo bench --quiet --bench detect --no-run
/usr/bin/time -f "archsel-detect peak RSS %M KB (cargo + bench binary)" cargo bench --quiet --bench detect -- "$dir"
python3 - "$dir" <<'PY'
import glob, sys, time, yaml
files = sorted(glob.glob(sys.argv[1] + "/*.yaml"))
best = 1e9
for _ in range(3):
    t = time.perf_counter()
    for f in files:
        with open(f) as fh:
            list(yaml.load_all(fh, Loader=yaml.CSafeLoader))
    best = min(best, time.perf_counter() - t)
print(f"PyYAML CSafeLoader load only, best of 3: {best*1e3:.1f} ms ({len(files)} files)")
PY
