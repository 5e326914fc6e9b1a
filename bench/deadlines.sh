#!/usr/bin/env bash
# Issue 5's deadline target: a throwaway MariaDB with the product's schema, the real silo hosted in the
# bench process (bench/CrmActors.Bench.Deadlines: GroupCommit storage and ADO.NET reminders, system clock),
# N leads assigned with first-touch deadlines that fall due evenly over a window after all are armed; then
# the lateness of every firing (the lead grain's own histogram), the silo's memory, and a read of every lead
# to count how often each deadline fired. Everything lives in a temporary folder deleted at the end.
#
#   bench/deadlines.sh                                   100,000 deadlines (the command behind docs/BENCHMARKS.md)
#   bench/deadlines.sh --deadlines 2000 --arm-minutes 1 --spread-minutes 1     a quick try
#   bench/deadlines.sh --help                            every option
#
# Settings (environment):
#   CRM_BENCH_BUILD     0 uses the Release binaries already built                default 1
#   CRM_SILO_GEN0SIZE   gen0 budget per GC heap, as the silo gets it             default 0x4000000
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
source "$root/scripts/lib/common.sh"
source "$root/scripts/lib/mariadb.sh"
cd "$root"

if [[ " $* " == *" --help "* || " $* " == *" -h "* ]]; then
  crm_ensure_dotnet
  exec dotnet "$(crm_bench_dll bench/CrmActors.Bench.Deadlines)" --help
fi

crm_ensure_dotnet
mariadb_ensure_installed
dll=$(crm_bench_dll bench/CrmActors.Bench.Deadlines)
crmctl=$(crm_bench_dll tools/crmctl)

work=$(mktemp -d "${TMPDIR:-/tmp}/crm-bench-deadlines.XXXXXX")
cleanup() {
  local rc=$?
  if [ "$rc" -ne 0 ] && [ -s "$work/mariadb/mysqld.err" ]; then
    tail -n 20 "$work/mariadb/mysqld.err" >&2 || true
  fi
  mariadb_stop "$work/mariadb" >/dev/null 2>&1 || true
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

DB_PORT=$(crm_free_port 3430)
DB_PASSWORD=$(crm_secret 24)
crm_log "starting MariaDB on 127.0.0.1:$DB_PORT ($("$(_mariadbd)" --version 2>/dev/null | awk '{print $3}'))"
mariadb_start "$work/mariadb" "$DB_PORT"
mariadb_ensure_user "$work/mariadb" crmactors crm "$DB_PASSWORD"
export ConnectionStrings__crm="Server=127.0.0.1;Port=$DB_PORT;Database=crmactors;User ID=crm;Password=$DB_PASSWORD"
crm_log "applying the schema"
dotnet "$crmctl" db migrate --connection "$ConnectionStrings__crm" >/dev/null

# This process is the silo: its ports, and the silo's GC settings (scripts/lib/common.sh).
export Orleans__Endpoints__SiloPort=$(crm_free_port 11311) Orleans__Endpoints__GatewayPort=$(crm_free_port 30310)
export DOTNET_GCgen0size=$CRM_SILO_GEN0SIZE
dotnet "$dll" --silo-dir "$root/silo" "$@"
