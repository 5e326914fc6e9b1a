#!/usr/bin/env bash
# Issue 8's targets: how far the dashboard lags behind intake at peak. Starts the product as scripts/run.sh does
# (MariaDB, silo, web API, demo tenant) in a temporary folder on free ports, opens the dashboard in headless
# Chromium as the demo manager, and runs C closed-loop workers posting leads for S seconds through the API; each
# acknowledgement is timed, and the k-th counts as visible when the page first shows k more leads
# (tests/browser/dashboard.mjs --load-seconds). Prints the intake rate and the lag's p50/p90/p99/max.
# For the cost of feeding the statistics, compare bench/run.sh with CRM_BENCH_STATS=1 and 0.
#
#   bench/dashboard.sh                 20 s at 32 workers
#   CRM_BENCH_SECONDS=10 CRM_BENCH_CONCURRENCY=64 bench/dashboard.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
source "$root/scripts/lib/common.sh"
cd "$root"

SECONDS_LOAD=${CRM_BENCH_SECONDS:-20}
CONCURRENCY=${CRM_BENCH_CONCURRENCY:-32}
crm_ensure_node
crm_ensure_browser_test

work=$(mktemp -d "${TMPDIR:-/tmp}/crm-bench-dashboard.XXXXXX")
export CRM_STATE_DIR="$work/state"
export CRM_DB_PORT=$(crm_free_port 3440) CRM_API_PORT=$(crm_free_port 5180)
export CRM_SILO_HTTP_PORT=$(crm_free_port $((CRM_API_PORT + 1)))
run_pid=
cleanup() {
  if [ -n "$run_pid" ] && kill -TERM "$run_pid" 2>/dev/null; then
    wait "$run_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

crm_log "starting the product in $work (API on $CRM_API_PORT)"
bash scripts/run.sh >"$work/run.log" 2>&1 &
run_pid=$!
for _ in $(seq 1 600); do
  grep -q "CrmActors is running" "$work/run.log" && break
  kill -0 "$run_pid" 2>/dev/null || { tail -n 40 "$work/run.log" >&2; exit 1; }
  sleep 1
done
token=$(sed -n 's#.*/dashboard/\#token=\(.*\)$#\1#p' "$work/run.log")
[ -n "$token" ] || { tail -n 40 "$work/run.log" >&2; exit 1; }

echo "command: CRM_BENCH_SECONDS=$SECONDS_LOAD CRM_BENCH_CONCURRENCY=$CONCURRENCY bench/dashboard.sh"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/{print $2}') GiB"
node tests/browser/dashboard.mjs --api "http://127.0.0.1:$CRM_API_PORT" --token "$token" --out "$work/shots" \
  --load-seconds "$SECONDS_LOAD" --concurrency "$CONCURRENCY"
