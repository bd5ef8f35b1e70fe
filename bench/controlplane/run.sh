#!/usr/bin/env bash
# Control-plane scale: a mesh of SERVICES services × ENDPOINTS endpoints in the file store, the real control
# plane (`sbctl controlplane`, its own process), and N simulated proxies speaking the real discovery protocol
# from one process. Measures first sync, control-plane memory per connected proxy, and convergence (apply sent →
# last proxy's ACK) of a VirtualService change and of an endpoint change, with the control plane's CPU for each.
# Loopback only. Usage: bench/controlplane/run.sh [PROXIES...]   (default: 1000 10000)
set -euo pipefail
cd "$(dirname "$0")/../.."
services=${SERVICES:-1000}
endpoints=${ENDPOINTS:-10}
counts=("$@")
[ ${#counts[@]} -eq 0 ] && counts=(1000 10000)
work=$(mktemp -d /tmp/sb-bench-cp.XXXXXX)
cp_pid=""
cleanup() { [ -n "$cp_pid" ] && kill "$cp_pid" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

./sbctl version >/dev/null 2>&1 || true   # builds the CLI if needed
dotnet build bench/controlplane/simulator -c Release -o "$work/sim" --nologo -v quiet -clp:ErrorsOnly >/dev/null
sim="dotnet $work/sim/Simulator.dll"

for n in "${counts[@]}"; do
  rm -rf "$work/store"
  $sim generate "$work/store" "$services" "$endpoints"
  echo "== $services services × $endpoints endpoints, $n proxies"
  dotnet artifacts/sbctl/sbctl.dll controlplane --dir "$work/store" --port 25014 --discovery-port 25010 --secure-port 25012 > "$work/cp.log" 2>&1 &
  cp_pid=$!
  for _ in $(seq 1 600); do curl -fs http://127.0.0.1:25014/healthz >/dev/null 2>&1 && break; sleep 0.1; done
  $sim run http://127.0.0.1:25010 http://127.0.0.1:25014 "$cp_pid" "$n" "$services" "$endpoints" 3
  curl -fs http://127.0.0.1:25014/metrics | grep -E '^pilot_(xds |proxy_convergence_time_(sum|count)|xds_push_time_(sum|count))' || true
  kill "$cp_pid"; wait "$cp_pid" 2>/dev/null || true; cp_pid=""
done
