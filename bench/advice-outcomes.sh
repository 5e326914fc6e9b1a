#!/usr/bin/env bash
# Issue 18's targets: advice judged by the wins it brings. crmctl advise-eval chooses the advice settings on the base
# world's validation split, then for every held-out simulated world (other rates and priors, several concerns per
# lead, sparse and misspelled tags, rep effects with drift) and seed: trains on that world's logged team practice,
# works the same fresh leads forward following the model, the team's practice, the team's usual action, the
# hand-written and the tuned playbooks, a logistic regression and the oracle, and scores held-out logged leads
# beside the points score and the oracle. Means over seeds with 95% t-intervals. No database is needed.
#
#   bench/advice-outcomes.sh                        the run behind docs/BENCHMARKS.md (3 seeds, about 20 min on 2 cores)
#   bench/advice-outcomes.sh --seeds 5 --out DIR    more seeds; the report and every run's figures written to DIR
#   bench/advice-outcomes.sh --families sparse-tags --seeds 1 --tune no    a quick try
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
source "$root/scripts/lib/common.sh"
cd "$root"

crm_ensure_dotnet
exec dotnet "$(crm_bench_dll tools/crmctl)" advise-eval "$@"
