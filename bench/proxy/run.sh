#!/usr/bin/env bash
# Drives one upstream (nginx, 20-byte response) directly, through HAProxy (1 thread), through nginx
# proxy_pass (1 worker) and through switchboard-proxy, with wrk, in one run; prints rps, p50, p99,
# CPU microseconds per request of the proxy process and its RSS. Loopback only, bounded in time.
# Needs: haproxy nginx-light wrk (Debian). Usage: bench/proxy/run.sh [SECONDS] [--aot] [--tracing] [--metrics-ab]
# (default 10 s; --aot also publishes and measures the NativeAOT build, which takes a few minutes to compile; --tracing
# also measures the JIT proxy with an OpenTelemetry provider at 1% and at 100% sampling, exporting OTLP/HTTP to an nginx
# sink; --metrics-ab also runs the same build with Istio metrics turned off by a mesh-wide Telemetry (ALL_METRICS
# disabled) and measures it against metrics on, interleaved on/off AB_ROUNDS times (default 3) so drift in the
# machine's load hits both)
set -euo pipefail
cd "$(dirname "$0")/../.."
secs=${1:-10}
aot=""; tracing=""; metricsab=""
for arg in "${@:2}"; do
  case $arg in --aot) aot=--aot ;; --tracing) tracing=--tracing ;; --metrics-ab) metricsab=--metrics-ab ;; *) echo "unknown option $arg" >&2; exit 64 ;; esac
done
work=$(mktemp -d /tmp/sb-bench-proxy.XXXXXX)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT

# 1. upstream and the nginx proxy (one master, one worker, as in reference/performance.md)
cat > "$work/nginx.conf" <<NGINX
worker_processes 1;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx.err;
events { worker_connections 1024; }
http {
  access_log off;
  upstream up { server 127.0.0.1:18080; keepalive 64; }
  server { listen 127.0.0.1:18080; location / { return 200 "hello from upstream\n"; } }
  server { listen 127.0.0.1:18082; location / { proxy_pass http://up; proxy_http_version 1.1; proxy_set_header Connection ""; } }
  # the trace collector for --tracing: takes any OTLP/HTTP export, logging one line per batch
  server { listen 127.0.0.1:18089; access_log $work/otlp.log; location / { return 200; } }
}
NGINX
nginx -c "$work/nginx.conf" & pids+=($!)

# 2. haproxy, one thread
cat > "$work/haproxy.cfg" <<HAP
global
  nbthread 1
defaults
  mode http
  timeout connect 5s
  timeout client 30s
  timeout server 30s
  option http-keep-alive
frontend f
  bind 127.0.0.1:18081
  default_backend b
backend b
  http-reuse always
  server s1 127.0.0.1:18080
HAP
haproxy -f "$work/haproxy.cfg" -db & pids+=($!)

# 3. switchboard-proxy (Release build), static mode: service bench.default → 127.0.0.1:18080
mkdir -p "$work/mesh"
cat > "$work/mesh/mesh.yaml" <<MESH
apiVersion: v1
kind: Service
metadata: {name: bench, namespace: default}
spec:
  selector: {app: bench}
  ports: [{name: http, port: 8080, targetPort: 8080}]
---
apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata: {name: bench-upstream, namespace: default}
spec: {address: 127.0.0.1, ports: {http: 18080}, labels: {app: bench}}
---
apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata: {name: client, namespace: default}
spec: {address: 127.0.0.1, labels: {app: client}}
MESH
dotnet build src/Switchboard.Proxy -c Release -o "$work/proxy" --nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet "$work/proxy/switchboard-proxy.dll" --config "$work/mesh" --workload default/client --outbound-port 18083 \
  --admin-port 18084 --ready-port 18085 --metrics-port 18086 --access-log off 2>"$work/proxy.err" & sbpid=$!; pids+=($sbpid)
for _ in $(seq 100); do curl -sf -o /dev/null -H 'Host: bench.default:8080' http://127.0.0.1:18083/ && break; sleep 0.1; done
if [ "$tracing" = --tracing ]; then
  # The same mesh with a mesh-wide OpenTelemetry provider (OTLP/HTTP to the nginx sink) and a Telemetry sampling rate.
  for rate in 1 100; do
    mkdir -p "$work/mesh-trace$rate"
    cp "$work/mesh/mesh.yaml" "$work/mesh-trace$rate/"
    cat > "$work/mesh-trace$rate/tracing.yaml" <<TRACE
apiVersion: v1
kind: ConfigMap
metadata: {name: istio, namespace: istio-system}
data:
  mesh: |
    extensionProviders:
    - name: otel
      opentelemetry: {service: 127.0.0.1, port: 18089, http: {path: /v1/traces}}
    defaultProviders:
      tracing: [otel]
---
apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: mesh-default, namespace: istio-system}
spec:
  tracing: [{randomSamplingPercentage: $rate}]
TRACE
  done
  dotnet "$work/proxy/switchboard-proxy.dll" --config "$work/mesh-trace1" --workload default/client --outbound-port 18103 \
    --admin-port 18104 --ready-port 18105 --metrics-port 18106 --access-log off 2>"$work/trace1.err" & trace1pid=$!; pids+=($trace1pid)
  dotnet "$work/proxy/switchboard-proxy.dll" --config "$work/mesh-trace100" --workload default/client --outbound-port 18113 \
    --admin-port 18114 --ready-port 18115 --metrics-port 18116 --access-log off 2>"$work/trace100.err" & trace100pid=$!; pids+=($trace100pid)
  for port in 18103 18113; do
    for _ in $(seq 100); do curl -sf -o /dev/null -H 'Host: bench.default:8080' "http://127.0.0.1:$port/" && break; sleep 0.1; done
  done
fi
if [ "$metricsab" = --metrics-ab ]; then
  # The same mesh with metrics off the way a user turns them off: a Telemetry in the root namespace disabling them all.
  mkdir -p "$work/mesh-nometrics"
  cp "$work/mesh/mesh.yaml" "$work/mesh-nometrics/"
  cat > "$work/mesh-nometrics/telemetry.yaml" <<NOMETRICS
apiVersion: telemetry.istio.io/v1
kind: Telemetry
metadata: {name: mesh-default, namespace: istio-system}
spec:
  metrics: [{providers: [{name: prometheus}], overrides: [{match: {metric: ALL_METRICS}, disabled: true}]}]
NOMETRICS
  dotnet "$work/proxy/switchboard-proxy.dll" --config "$work/mesh-nometrics" --workload default/client --outbound-port 18123 \
    --admin-port 18124 --ready-port 18125 --metrics-port 18126 --access-log off 2>"$work/nometrics.err" & offpid=$!; pids+=($offpid)
  for _ in $(seq 100); do curl -sf -o /dev/null -H 'Host: bench.default:8080' http://127.0.0.1:18123/ && break; sleep 0.1; done
fi
# 4. the floor: a bare Kestrel + YARP forwarder with no mesh features
dotnet build bench/proxy/bare-forwarder -c Release -o "$work/bare" --nologo -v quiet -clp:ErrorsOnly >/dev/null
dotnet "$work/bare/BareForwarder.dll" 18087 http://127.0.0.1:18080 & barepid=$!; pids+=($barepid)
for _ in $(seq 100); do curl -sf -o /dev/null http://127.0.0.1:18087/ && break; sleep 0.1; done
if [ "$aot" = --aot ]; then
  dotnet publish bench/proxy/bare-forwarder -c Release -r linux-x64 -p:PublishAot=true -o "$work/bare-aot" --nologo -v quiet -clp:ErrorsOnly >/dev/null
  "$work/bare-aot/BareForwarder" 18097 http://127.0.0.1:18080 & bareaotpid=$!; pids+=($bareaotpid)
  for _ in $(seq 100); do curl -sf -o /dev/null http://127.0.0.1:18097/ && break; sleep 0.1; done
  dotnet publish src/Switchboard.Proxy -c Release -r linux-x64 -p:PublishAot=true -o "$work/aot" --nologo -v quiet -clp:ErrorsOnly >/dev/null
  "$work/aot/switchboard-proxy" --config "$work/mesh" --workload default/client --outbound-port 18093 \
    --admin-port 18094 --ready-port 18095 --metrics-port 18096 --access-log off 2>"$work/aot.err" & aotpid=$!; pids+=($aotpid)
  for _ in $(seq 100); do curl -sf -o /dev/null -H 'Host: bench.default:8080' http://127.0.0.1:18093/ && break; sleep 0.1; done
  if [ "$metricsab" = --metrics-ab ]; then
    "$work/aot/switchboard-proxy" --config "$work/mesh-nometrics" --workload default/client --outbound-port 18133 \
      --admin-port 18134 --ready-port 18135 --metrics-port 18136 --access-log off 2>"$work/aot-nometrics.err" & aotoffpid=$!; pids+=($aotoffpid)
    for _ in $(seq 100); do curl -sf -o /dev/null -H 'Host: bench.default:8080' http://127.0.0.1:18133/ && break; sleep 0.1; done
  fi
fi

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_mb() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }
run() { # name url pid [host-header]
  local name=$1 url=$2 pid=$3 host=${4:-}
  local args=(-t1 -c16 -d"${secs}s" --latency)
  [ -n "$host" ] && args+=(-H "Host: $host")
  wrk -t1 -c16 -d2s ${host:+-H "Host: $host"} "$url" >/dev/null   # warm-up (JIT, pools)
  local before=0; [ "$pid" != - ] && before=$(cpu_ticks "$pid")
  local out; out=$(wrk "${args[@]}" "$url")
  local rps p50 p99 reqs
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  reqs=$(echo "$out" | awk '/requests in/ {print $1}')
  p50=$(echo "$out" | awk '$1=="50%" {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  local cpu="-" rss="-"
  if [ "$pid" != - ]; then
    local ticks=$(( $(cpu_ticks "$pid") - before )) hz; hz=$(getconf CLK_TCK)
    cpu=$(echo "scale=1; $ticks * 1000000 / $hz / $reqs" | bc)
    rss=$(rss_mb "$pid")
  fi
  printf '| %s | %.0f | %s | %s | %s | %s |\n' "$name" "$rps" "$p50" "$p99" "$cpu" "$rss"
  last_cpu=$cpu last_rss=$rss
}
nginx_worker=$(pgrep -P "$(cat "$work/nginx.pid")" | head -1)
echo "| path | rps | p50 | p99 | proxy CPU µs/request | proxy RSS MB |"
echo "|---|---|---|---|---|---|"
run "direct to nginx upstream" http://127.0.0.1:18080/ -
run "HAProxy, 1 thread" http://127.0.0.1:18081/ "$(pgrep -n haproxy)"
run "nginx proxy_pass, 1 worker (also the upstream)" http://127.0.0.1:18082/ "$nginx_worker"
run "bare YARP forwarder (JIT, Release)" http://127.0.0.1:18087/ "$barepid"
run "switchboard-proxy (JIT, Release)" http://127.0.0.1:18083/ "$sbpid" bench.default:8080
if [ "$tracing" = --tracing ]; then
  run "switchboard-proxy (JIT, Release), tracing 1%" http://127.0.0.1:18103/ "$trace1pid" bench.default:8080
  run "switchboard-proxy (JIT, Release), tracing 100%" http://127.0.0.1:18113/ "$trace100pid" bench.default:8080
  # Proof the traced rows really exported: the OTLP batches the sink took.
  echo "OTLP export batches received by the sink: $(wc -l < "$work/otlp.log")"
fi
if [ "$aot" = --aot ]; then
  run "bare YARP forwarder (NativeAOT)" http://127.0.0.1:18097/ "$bareaotpid"
  # HAProxy again right before the NativeAOT row: the machine's load drifts over a run, and issue 3's ceiling compares
  # the two (the first HAProxy row is minutes earlier).
  run "HAProxy, 1 thread (again, beside the next row)" http://127.0.0.1:18081/ "$(pgrep -n haproxy)"; hap_cpu=$last_cpu
  run "switchboard-proxy (NativeAOT)" http://127.0.0.1:18093/ "$aotpid" bench.default:8080
  echo "NativeAOT against the HAProxy row beside it: $(echo "scale=2; $last_cpu / $hap_cpu" | bc)x the CPU per request (ceiling 2x), RSS $last_rss MB (ceiling 50)"
fi
# Istio request series a proxy's /stats/prometheus holds: the proof that "off" recorded nothing and "on" did.
series() { curl -sf "http://127.0.0.1:$1/stats/prometheus" | grep -c '^istio_requests_total{' || true; }
# One A/B: a full unreported run of each first (the "off" process has served nothing yet, and a JIT's tiering and PGO
# take a few seconds of load to settle), then ROUNDS interleaved on/off pairs, and the mean CPU µs/request of each side.
ab() { # label on-url on-pid off-url off-pid
  local label=$1 onurl=$2 onpid=$3 offurl=$4 offpid=$5 on=() off=()
  run "(warm-up, not compared) $label, metrics on" "$onurl" "$onpid" bench.default:8080 >/dev/null
  run "(warm-up, not compared) $label, metrics off" "$offurl" "$offpid" bench.default:8080 >/dev/null
  for round in $(seq "$rounds"); do
    run "switchboard-proxy ($label), metrics on, A/B round $round" "$onurl" "$onpid" bench.default:8080; on+=("$last_cpu")
    run "switchboard-proxy ($label), metrics off, A/B round $round" "$offurl" "$offpid" bench.default:8080; off+=("$last_cpu")
  done
  local mon moff
  mon=$(printf '%s\n' "${on[@]}" | awk '{s += $1} END {printf "%.1f", s / NR}')
  moff=$(printf '%s\n' "${off[@]}" | awk '{s += $1} END {printf "%.1f", s / NR}')
  echo "$label: mean CPU µs/request over $rounds rounds: metrics on $mon (${on[*]}), off $moff (${off[*]}), difference $(echo "$mon - $moff" | bc)"
}
rounds=${AB_ROUNDS:-3}
if [ "$metricsab" = --metrics-ab ]; then
  ab JIT http://127.0.0.1:18083/ "$sbpid" http://127.0.0.1:18123/ "$offpid"
  echo "istio_requests_total series: JIT metrics on $(series 18086), metrics off $(series 18126)"
  if [ "$aot" = --aot ]; then
    ab NativeAOT http://127.0.0.1:18093/ "$aotpid" http://127.0.0.1:18133/ "$aotoffpid"
    echo "istio_requests_total series: NativeAOT metrics on $(series 18096), metrics off $(series 18136)"
  fi
fi
true
