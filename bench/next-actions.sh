#!/usr/bin/env bash
# Issue 7's targets: (1) training on 100,000 interactions in under 2 minutes on this machine: crmctl train on the
# default simulated tenant (15,500 leads, about 100,600 interactions) into a temporary folder, its own timing;
# (2) inference p99 <= 0.5 ms in the silo: the real silo hosting code in the bench process with the shipped
# model (bench/CrmActors.Bench.NextActions), advice for simulated leads, read from the grain's own histograms.
# No database is needed: inference reads no state, and training reads the simulator.
#
#   bench/next-actions.sh                       both (the command behind docs/BENCHMARKS.md)
#   bench/next-actions.sh --requests 2000       a quick try
#   bench/next-actions.sh --help                every option
#
# Settings (environment):
#   CRM_BENCH_BUILD     0 uses the Release binaries already built     default 1
#   CRM_BENCH_TRAIN     0 skips the training run                       default 1
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
source "$root/scripts/lib/common.sh"
cd "$root"

crm_ensure_dotnet
dll=$(crm_bench_dll bench/CrmActors.Bench.NextActions)
if [[ " $* " == *" --help "* || " $* " == *" -h "* ]]; then
  exec dotnet "$dll" --help
fi

if [ "${CRM_BENCH_TRAIN:-1}" = 1 ]; then
  crmctl=$(crm_bench_dll tools/crmctl)
  work=$(mktemp -d "${TMPDIR:-/tmp}/crm-bench-train.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  crm_log "training on the default simulated tenant (crmctl train --out $work)"
  started=$(date +%s.%N)
  dotnet "$crmctl" train --out "$work" | tee "$work/train.log" | sed -n '1p;/\] trained in/p;/^model /p'
  echo "training command wall time (simulate, train both models, evaluate, learning curve, write): $(awk -v s="$started" -v e="$(date +%s.%N)" 'BEGIN{printf "%.1f s", e-s}')"
fi

exec dotnet "$dll" "$@"
