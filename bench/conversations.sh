#!/usr/bin/env bash
# Issue 19's targets: the conversation extractor's precision and recall per field on the labelled conversations
# (conversations/Labelled): the dev half the rules were tuned on and the held-out half only evaluated, each also by
# language. No database and no network; a few seconds.
#
#   bench/conversations.sh                  the run behind docs/BENCHMARKS.md
#   bench/conversations.sh --set heldout --misses    one half, with every miss listed
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
source "$root/scripts/lib/common.sh"
cd "$root"

crm_ensure_dotnet
exec dotnet "$(crm_bench_dll tools/crmctl)" conversations-eval "$@"
