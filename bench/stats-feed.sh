#!/usr/bin/env bash
# Issue 8's feed-cost target, by parts: a throwaway MariaDB with the schema, then per lead the time to build and
# offer its figures and its share of the batched upsert into crm_lead_figures (bench/CrmActors.Bench.Stats), to
# set beside intake's CPU per lead from bench/run.sh. Also the reload and dashboard computation at that size.
#
#   bench/stats-feed.sh [LEADS]        default 50,000
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
source "$root/scripts/lib/common.sh"
source "$root/scripts/lib/mariadb.sh"
cd "$root"

crm_ensure_dotnet
mariadb_ensure_installed
dll=$(crm_bench_dll bench/CrmActors.Bench.Stats)
crmctl=$(crm_bench_dll tools/crmctl)
work=$(mktemp -d "${TMPDIR:-/tmp}/crm-bench-stats.XXXXXX")
cleanup() {
  mariadb_stop "$work/mariadb" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

DB_PORT=$(crm_free_port 3450)
DB_PASSWORD=$(crm_secret 24)
mariadb_start "$work/mariadb" "$DB_PORT"
mariadb_ensure_user "$work/mariadb" crmactors crm "$DB_PASSWORD"
export ConnectionStrings__crm="Server=127.0.0.1;Port=$DB_PORT;Database=crmactors;User ID=crm;Password=$DB_PASSWORD"
dotnet "$crmctl" db migrate --connection "$ConnectionStrings__crm" >/dev/null
echo "command: bench/stats-feed.sh $*"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), MariaDB $("$(_mariadbd)" --version | awk '{print $3}')"
dotnet "$dll" "$@"
