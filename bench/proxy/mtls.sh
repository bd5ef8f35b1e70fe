#!/usr/bin/env bash
# The sidecar pair, plain text and mutual TLS: wrk → client proxy (outbound) → server proxy (inbound, standing in
# for the pod address 127.0.0.2) → nginx on 127.0.0.1:18080. Both proxies are programmed by a real control plane
# and get their SPIFFE certificates from its CA. Prints rps, latency, and the CPU µs per request of the two proxies
# together; issue 5's ceiling: mTLS at most 1.5× the plain-text pair. Loopback only, bounded in time.
# Needs: nginx-light wrk (Debian). Usage: bench/proxy/mtls.sh [SECONDS]   (default 10 s)
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-10}
work=$(mktemp -d /tmp/sb-bench-mtls.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

cat > "$work/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx.err;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:18080; location / { return 200 "hello from upstream\n"; } }
}
NGINX
nginx -c "$work/nginx.conf" & pids+=($!)

./sbctl --help >/dev/null 2>&1 || true
dotnet build src/Switchboard.Proxy -c Release -o "$work/proxy" --nologo -v quiet -clp:ErrorsOnly >/dev/null
mkdir -p "$work/store"
dotnet artifacts/sbctl/sbctl.dll controlplane --dir "$work/store" --port 18114 --discovery-port 18110 --secure-port 18112 >"$work/cp.log" 2>&1 & pids+=($!)
for _ in $(seq 300); do curl -sf -o /dev/null http://127.0.0.1:18114/healthz && break; sleep 0.1; done
sb() { dotnet artifacts/sbctl/sbctl.dll "$@" --controlplane http://127.0.0.1:18114; }
mesh() { # PeerAuthentication mode, DestinationRule tls mode (or "auto")
  cat > "$work/mesh.yaml" <<MESH
apiVersion: v1
kind: Namespace
metadata: {name: bench, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Service
metadata: {name: up, namespace: bench}
spec: {selector: {app: up}, ports: [{name: http, port: 8080, targetPort: 18080}]}
---
apiVersion: v1
kind: Pod
metadata: {name: up-0, namespace: bench, labels: {app: up}}
spec: {serviceAccountName: up, containers: [{name: app, image: nginx, ports: [{containerPort: 18080}]}]}
status: {podIP: 127.0.0.2}
---
apiVersion: v1
kind: Pod
metadata: {name: client-0, namespace: bench, labels: {app: client}}
spec: {serviceAccountName: client, containers: [{name: app, image: wrk}]}
status: {podIP: 127.0.0.3}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: bench}
spec: {mtls: {mode: $1}}
MESH
  if [ "$2" != auto ]; then
    printf -- '---\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: up, namespace: bench}\nspec: {host: up, trafficPolicy: {tls: {mode: %s}}}\n' "$2" >> "$work/mesh.yaml"
  else
    printf -- '---\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: up, namespace: bench}\nspec: {host: up}\n' >> "$work/mesh.yaml"
  fi
  sb apply -f "$work/mesh.yaml" >/dev/null
}
mesh PERMISSIVE DISABLE
root="$work/store/.switchboard/ca/root-cert.pem"
for who in up/up-0 client/client-0; do
  sa=${who%/*}; pod=${who#*/}
  dotnet artifacts/sbctl/sbctl.dll x token "bench/$sa" --workload "$pod" --dir "$work/store" --out "$work/$pod.token"
done
proxy() { # pod outbound-port extra-args...
  local pod=$1 port=$2; shift 2
  dotnet "$work/proxy/switchboard-proxy.dll" --discovery https://127.0.0.1:18112 --ca https://127.0.0.1:18112 --root-cert "$root" \
    --token-file "$work/$pod.token" --workload "bench/$pod" --outbound-port "$port" --admin-port 0 --ready-port 0 --metrics-port 0 \
    --access-log off "$@" 2>"$work/$pod.err" &
}
proxy up-0 18121 --inbound-address 127.0.0.2:18080; server=$!; pids+=($server)
proxy client-0 18131; client=$!; pids+=($client)
for _ in $(seq 300); do curl -sf -o /dev/null -H 'Host: up.bench:8080' http://127.0.0.1:18131/ && break; sleep 0.1; done

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
run() { # name
  wrk -t1 -c16 -d2s -H 'Host: up.bench:8080' http://127.0.0.1:18131/ >/dev/null
  local before=$(( $(cpu_ticks $client) + $(cpu_ticks $server) ))
  local out; out=$(wrk -t1 -c16 -d"${secs}s" --latency -H 'Host: up.bench:8080' http://127.0.0.1:18131/)
  local ticks=$(( $(cpu_ticks $client) + $(cpu_ticks $server) - before )) hz; hz=$(getconf CLK_TCK)
  local reqs rps p50 p99 errors
  reqs=$(echo "$out" | awk '/requests in/ {print $1}')
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $5}')
  printf '| %s | %.0f | %s | %s | %s | %s |\n' "$1" "$rps" "$p50" "$p99" "$(echo "scale=1; $ticks * 1000000 / $hz / $reqs" | bc)" "${errors:-0}"
}
echo "| pair | rps | p50 | p99 | CPU µs/request (both proxies) | non-2xx |"
echo "|---|---|---|---|---|---|"
run "plain text (DR tls DISABLE, PERMISSIVE)"
mesh STRICT auto
sleep 2
curl -sf -o /dev/null -H 'Host: up.bench:8080' http://127.0.0.1:18131/
# Proof the pair really is mTLS now: the pod address refuses plain text.
if curl -sf -o /dev/null --max-time 2 http://127.0.0.2:18080/; then echo "error: STRICT pod accepted plain text" >&2; exit 1; fi
run "mutual TLS (auto mTLS, STRICT)"
mesh PERMISSIVE DISABLE
sleep 2
run "plain text again (drift check)"
