#!/usr/bin/env bash
# Times `sbctl analyze` on a synthetic mesh of 5,000 services (20,000+ resources) and on twice that,
# to check the target (under 3 s on a 2-core machine) and that time grows no faster than the mesh.
# Usage: bench/analyze/run.sh [RUNS]   (default 5 runs each; prints the median wall time)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
out=bench/analyze/out
rm -rf "$out"
dotnet run --project bench/analyze/generator -c Release -- 5000 "$out/mesh-5k" >/dev/null
dotnet run --project bench/analyze/generator -c Release -- 10000 "$out/mesh-10k" >/dev/null
./sbctl analyze -L >/dev/null   # build once, outside the timing

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
measure() {
  local dir=$1
  for _ in $(seq "$runs"); do
    local start end
    start=$(date +%s.%N)
    ./sbctl analyze "$dir" >/dev/null 2>&1 || true
    end=$(date +%s.%N)
    echo "$end - $start" | bc
  done | median
}
count() { grep -c '^kind:' "$1"/*.yaml | awk -F: '{s+=$2} END {print s}'; }
t5=$(measure "$out/mesh-5k")
t10=$(measure "$out/mesh-10k")
findings=$(./sbctl analyze -o json "$out/mesh-5k" 2>/dev/null | grep -c '"code"' || true)
echo "mesh-5k:  $(count "$out/mesh-5k") resources, median ${t5}s over $runs runs, $findings findings"
echo "mesh-10k: $(count "$out/mesh-10k") resources, median ${t10}s over $runs runs"
echo "ratio 10k/5k: $(echo "scale=2; $t10 / $t5" | bc)"
