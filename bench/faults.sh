#!/usr/bin/env bash
# Issue 9's fault runs, each a bounded test with separate silo and web API processes on a real MariaDB
# (tests/CrmActors.Integration.Tests/Faults, also part of the suite scripts/test.sh runs):
#   kill-silos       kill -9 one of three silos every few seconds under intake; lost, duplicates, deadlines fired once
#   restart-mariadb  MariaDB stopped and started under intake: 503 + Retry-After while down, recovery, nothing lost
#   bad-input        631 hostile requests: no 5xx, refused ones write nothing, injected names inert in the dashboard
#   scale-out        a silo joins, one leaves (SIGTERM), a web API leaves (SIGTERM) under intake
# Prints each run's report (acknowledged vs found, duplicates, deadlines, answers by status) and keeps them in
# bench/results/faults-<time>/ for docs/RELIABILITY.md.
#
#   bench/faults.sh                 all four (about 8 minutes on 2 cores)
#   bench/faults.sh kill-silos      one of them (SiloKill, DatabaseRestart, BadInput, ScaleOut by name)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
source "$root/scripts/lib/common.sh"
source "$root/scripts/lib/mariadb.sh"
cd "$root"

declare -A classes=([kill-silos]=SiloKillFaultTests [restart-mariadb]=DatabaseRestartFaultTests [bad-input]=BadInputFaultTests [scale-out]=ScaleOutFaultTests)
filter="Category=Fault"
if [ $# -gt 0 ]; then
  [ -n "${classes[$1]:-}" ] || { echo "unknown fault run '$1'; one of: ${!classes[*]}" >&2; exit 2; }
  filter="FullyQualifiedName~${classes[$1]}"
fi

crm_ensure_dotnet
crm_ensure_node
crm_ensure_browser_test
mariadb_ensure_installed

work=$(mktemp -d "${TMPDIR:-/tmp}/crm-faults.XXXXXX")
DB_PORT=$(crm_free_port 3360)
cleanup() {
  mariadb_stop "$work/mariadb" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
mariadb_start "$work/mariadb" "$DB_PORT"
password=$(crm_secret 24)
mariadb_ensure_admin_user "$work/mariadb" crmtest "$password"
export CRM_TEST_MYSQL="Server=127.0.0.1;Port=$DB_PORT;User ID=crmtest;Password=$password"
export CRM_BUILD_CONFIGURATION=Release
results="$root/bench/results/faults-$(date -u +%Y%m%dT%H%M%SZ)"
export CRM_FAULT_REPORT_DIR="$results"
mkdir -p "$results"

crm_log "building (Release)"
dotnet build CrmActors.sln -c Release -nologo -v quiet -clp:ErrorsOnly
crm_log "running $filter (machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo))"
set +e
timeout 30m dotnet test tests/CrmActors.Integration.Tests -c Release --no-build -nologo --filter "$filter" \
  --logger "console;verbosity=normal" >"$results/console.log" 2>&1
status=$?
set -e
grep -E '^\s+(Passed|Failed) |Total tests|Passed:|Failed:' "$results/console.log" || true
for report in "$results"/*.txt; do
  [ -f "$report" ] && { echo; cat "$report"; }
done
echo
crm_log "reports in $results (exit $status)"
exit "$status"
