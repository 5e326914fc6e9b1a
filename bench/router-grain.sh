#!/usr/bin/env bash
# Issue 4's routing target "inside the silo": builds bench/CrmActors.Bench.RouterGrain in Release, starts a silo
# in that process (real grains, in-memory storage), loads the tenant of bench/routing.sh (500 reps, 200 rules)
# through the grains, and times RouterGrain.RouteAsync from inside the grain and as a call. No database.
#
#   bench/router-grain.sh                          the defaults (the command behind docs/BENCHMARKS.md)
#   bench/router-grain.sh --concurrency 1,4        any option of the program is passed through (--help lists them)
#
# Settings (environment):
#   CRM_BENCH_BUILD     0 uses the Release binary already built                 default 1
#   CRM_SILO_GEN0SIZE   gen0 budget per GC heap, as the silo gets it; 0 for the runtime's default  default 0x4000000
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
source "$root/scripts/lib/common.sh"
cd "$root"

crm_ensure_dotnet
dll=$(crm_bench_dll bench/CrmActors.Bench.RouterGrain)
# This process is the silo: it runs with the silo's GC settings (scripts/lib/common.sh).
export DOTNET_GCgen0size=$CRM_SILO_GEN0SIZE
crm_log "DOTNET_GCgen0size=$DOTNET_GCgen0size (set CRM_SILO_GEN0SIZE=0 for the runtime's own default)"
exec dotnet "$dll" "$@"
