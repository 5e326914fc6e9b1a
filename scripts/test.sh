#!/usr/bin/env bash
# Runs every test against a throwaway MariaDB and ends with one line: "N passed, N failed, N skipped".
# Exits non-zero when any test fails or a test project cannot run. A missing database is a failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/common.sh"
source "$here/lib/mariadb.sh"
root=$(crm_root)
cd "$root"

crm_ensure_dotnet
crm_ensure_curl
crm_ensure_node
crm_ensure_browser_test
mariadb_ensure_installed

work=$(mktemp -d "${TMPDIR:-/tmp}/crm-test.XXXXXX")
DB_PORT=${CRM_TEST_DB_PORT:-$(crm_free_port 3317)}
cleanup() {
  mariadb_stop "$work/mariadb" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

crm_log "starting a throwaway MariaDB on 127.0.0.1:$DB_PORT"
mariadb_start "$work/mariadb" "$DB_PORT"
password=$(crm_secret 24)
mariadb_ensure_admin_user "$work/mariadb" crmtest "$password"
export CRM_TEST_MYSQL="Server=127.0.0.1;Port=$DB_PORT;User ID=crmtest;Password=$password"
export CRM_BUILD_CONFIGURATION=Release
# The fault runs (tests/CrmActors.Integration.Tests/Faults) write what they found here; printed at the end.
export CRM_FAULT_REPORT_DIR="$work/faults"
# The rolling upgrade test's "next version" is built at the lowest priority while the other process tests run.
export CRM_NEXT_VERSION_EARLY=1

crm_log "building (Release)"
dotnet build CrmActors.sln -c Release -nologo -v quiet -clp:ErrorsOnly

passed=0 failed=0 skipped=0 broken=0
for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  crm_log "testing $name"
  results="$work/results/$name"
  mkdir -p "$results"
  # The exit status is dotnet test's own (read before anything else runs: under pipefail an "|| true" here would
  # replace it, and a test host that crashed mid-run would pass unnoticed with the tests it had run so far).
  set +e
  # A test that hangs is stopped after 10 minutes (the longest fault run takes ~3.5): its host is killed, the run
  # counts as failed, and what the host started is killed by the watchers the tests set up.
  CRM_TEST_RUN="$work" dotnet test "$project" -c Release --no-build -nologo --results-directory "$results" \
    --blame-hang-timeout 10m --blame-hang-dump-type none \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" 2>&1 | tee "$results/console.log" \
    | grep -E '^\s+(Passed|Failed|Skipped) |^\s+(Total tests|Passed|Failed|Skipped):|error|Error Message|Test Run Aborted|aborted'
  status=${PIPESTATUS[0]}
  set -e
  # The TRX report is the machine-readable count; console formats differ between test platforms.
  counters=$(grep -o '<Counters [^>]*>' "$results/$name.trx" 2>/dev/null || true)
  if [ -z "$counters" ]; then
    crm_log "$name did not report results (exit $status); its last output:"
    tail -n 60 "$results/console.log" >&2 || true
    broken=$((broken + 1))
    continue
  fi
  count() { sed -E "s/.* $1=\"([0-9]+)\".*/\1/" <<<"$counters"; }
  p=$(count passed) f=$(count failed) total=$(count total) executed=$(count executed)
  s=$((total - executed))
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  crm_log "$name: $p passed, $f failed, $s skipped"
  if [ "$f" -gt 0 ]; then
    # Each failure's message and stack trace, as the test platform printed them.
    grep -E -A 40 '^\s+Failed ' "$results/console.log" | head -n 400 >&2 || true
  fi
  if [ "$status" -ne 0 ] && [ "$f" -eq 0 ]; then
    crm_log "$name exited with $status although no test failed; its last output:"
    tail -n 30 "$results/console.log" >&2 || true
    broken=$((broken + 1))
  elif grep -q 'Test Run Aborted' "$results/console.log"; then
    crm_log "$name: the test run was aborted (the test host crashed); counted as a failure"
    broken=$((broken + 1))
  fi
done

# Every process a test starts is stopped when the test ends (tests/CrmActors.Integration.Tests/Processes/ProcessReaper.cs
# covers a test host that died): anything still running from this run is a defect, reported and then stopped.
sleep 2
leftovers=$(crm_leftover_processes "$work")
if [ -n "$leftovers" ]; then
  crm_log "processes started by the tests were still running after them (stopped now):"
  echo "$leftovers" >&2
  echo "$leftovers" | while read -r pid _; do kill -9 "$pid" 2>/dev/null || true; done
  broken=$((broken + 1))
fi

for report in "$CRM_FAULT_REPORT_DIR"/*.txt; do
  [ -f "$report" ] && { cat "$report"; echo; }
done

failed=$((failed + broken))
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
