#!/usr/bin/env bash
# Runs every test project of Switchboard and ends with one line: "N passed, N failed[, N skipped]".
#  1. installs the Debian packages the tests use, if missing (as root; apt-get update first),
#  2. restores and builds the whole solution once (Release),
#  3. runs each test project under test/, reading its counts from a TRX report,
#  4. exits non-zero when anything failed or a test project could not run.
set -uo pipefail
cd "$(dirname "$0")"

# Real peers the tests drive: openssl makes certificates the analyzers must accept or reject;
# curl drives the proxy as a user would (curl -x); iptables and iproute2 let the capture tests install the sidecar
# rules in real network namespaces (test/Switchboard.Runtime.Tests); prometheus scrapes the sidecars of a local mesh and
# is queried over its HTTP API (test/Switchboard.Runtime.Tests/Up/MeshPrometheusTests.cs).
packages=(openssl curl iptables iproute2 prometheus socat)  # socat: the server-first TCP apps of TcpMeshTests
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || {
    echo "test.sh: could not install ${missing[*]}"; echo "0 passed, 1 failed"; exit 1; }
fi

if ! dotnet build Switchboard.sln -c Release --nologo -v quiet -clp:ErrorsOnly; then
  echo "test.sh: build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

results=artifacts/test-results
rm -rf "$results"
passed=0; failed=0; skipped=0; broken=0
for project in test/*/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "== $name"
  dotnet test "$project" -c Release --no-build --nologo -v quiet \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results" || true
  trx="$results/$name.trx"
  counters=$(grep -o '<Counters [^>]*>' "$trx" 2>/dev/null | head -1)
  if [ -z "$counters" ]; then
    echo "test.sh: $name produced no results"
    broken=$((broken + 1))
    continue
  fi
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
failed=$((failed + broken))
summary="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
echo "$summary"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
