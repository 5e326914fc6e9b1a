#!/usr/bin/env bash
# Issue 4's routing benchmark: builds bench/CrmActors.Bench.Routing in Release and times
# CompiledRuleSet.Route for a generated tenant of 500 reps and 200 rules (target: p99 <= 1 ms).
# In process, no database, no silo: the routing library alone, as a routing grain calls it.
#
#   bench/routing.sh                       the defaults (the command behind docs/BENCHMARKS.md)
#   bench/routing.sh --json out.json       any option of the program is passed through (--help lists them)
#
# Settings (environment):
#   CRM_BENCH_BUILD   0 uses the Release binary already built   default 1
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
source "$root/scripts/lib/common.sh"
cd "$root"

crm_ensure_dotnet
dll=$(crm_bench_dll bench/CrmActors.Bench.Routing)

crm_log "bench/routing.sh${*:+ $*} (commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$([ -z "$(git status --porcelain -- routing bench/CrmActors.Bench.Routing 2>/dev/null)" ] || echo ' + uncommitted changes in routing/ or the bench'))"
exec dotnet "$dll" "$@"
