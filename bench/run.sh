#!/usr/bin/env bash
# Benchmarks durable lead intake: a throwaway MariaDB, one silo and the web API on this machine, then per
# concurrency level the plain single-row INSERT baseline against the same database and POST /api/v1/leads,
# an open-loop run at half the best API rate (p99 at half peak) and optionally a CSV import.
# Everything lives in a temporary folder that is deleted at the end (CRM_BENCH_KEEP=1 keeps it).
#
# Settings (environment):
#   CRM_BENCH_LEVELS       concurrency levels                         default "16 64"
#   CRM_BENCH_SECONDS      measured seconds per run                   default 20
#   CRM_BENCH_WARMUP       warmup seconds per run (not measured)      default 5
#   CRM_BENCH_IMPORT_ROWS  rows of the import run, 0 skips it         default 100000
#   CRM_BENCH_OPEN_CONNECTIONS  connection limit of the open-loop run default 256
#   CRM_BENCH_PREWARM      seconds of unmeasured API load before the first level (JIT, pools) default 10
#   CRM_BENCH_BUILD        0 uses the existing Release binaries       default 1 (dotnet build CrmActors.sln -c Release)
#   CRM_BENCH_OUT          a folder to copy the JSON results and logs into
#   CRM_BENCH_KEEP         1 keeps the temporary folder
#   CRM_BENCH_ROUTING      1 gives the bench tenant 50 reps and a published rule set, so every new lead is
#                          also routed (assignment, first-touch reminder, inbox) behind its acknowledgement;
#                          0 measures intake alone, as issue 3 defines it      default 0
#   CRM_BENCH_STATS        0 turns the live statistics feed off in the silo (Stats__Enabled=false), to
#                          measure what feeding the dashboard costs             default 1
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
source "$root/scripts/lib/common.sh"
source "$root/scripts/lib/mariadb.sh"
cd "$root"

LEVELS=${CRM_BENCH_LEVELS:-16 64}
DURATION=${CRM_BENCH_SECONDS:-20}
WARMUP=${CRM_BENCH_WARMUP:-5}
IMPORT_ROWS=${CRM_BENCH_IMPORT_ROWS:-100000}
OPEN_CONNECTIONS=${CRM_BENCH_OPEN_CONNECTIONS:-256}
PREWARM=${CRM_BENCH_PREWARM:-10}
BUILD=${CRM_BENCH_BUILD:-1}
OUT=${CRM_BENCH_OUT:-}
KEEP=${CRM_BENCH_KEEP:-0}
ROUTING=${CRM_BENCH_ROUTING:-0}
if [ "${CRM_BENCH_STATS:-1}" = 0 ]; then
  export Stats__Enabled=false
fi

for value in $LEVELS "$DURATION" "$WARMUP" "$IMPORT_ROWS" "$OPEN_CONNECTIONS" "$PREWARM"; do
  [[ $value =~ ^[0-9]+$ ]] || { echo "bench/run.sh: settings must be whole numbers, not '$value'" >&2; exit 2; }
done
for level in $LEVELS; do
  [ "$level" -ge 1 ] || { echo "bench/run.sh: concurrency levels must be at least 1" >&2; exit 2; }
done
[ "$DURATION" -ge 1 ] || { echo "bench/run.sh: CRM_BENCH_SECONDS must be at least 1" >&2; exit 2; }

crm_ensure_dotnet
crm_ensure_curl
crm_ensure_node
mariadb_ensure_installed

work=$(mktemp -d "${TMPDIR:-/tmp}/crm-bench.XXXXXX")
logs="$work/logs"
results="$work/results"
mkdir -p "$logs" "$results"
pids=()
last_log=""

show_tail() {
  local file=$1
  [ -s "$file" ] || return 0
  printf '\n----- last lines of %s -----\n' "$file" >&2
  tail -n "${2:-40}" "$file" >&2 || true
}

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [ "$rc" -ne 0 ] && [ "$rc" -ne 130 ]; then
    crm_log "failed (exit $rc)"
    [ -n "$last_log" ] && show_tail "$last_log"
    show_tail "$logs/silo.log"
    show_tail "$logs/webapi.log"
    show_tail "$work/mariadb/mysqld.err" 20
  fi
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
  mariadb_stop "$work/mariadb" >/dev/null 2>&1 || true
  if [ -n "$OUT" ] && [ -d "$results" ]; then
    mkdir -p "$OUT"
    cp -r "$results" "$logs" "$OUT"/ 2>/dev/null || true
    crm_log "results and logs copied to $OUT"
  fi
  if [ "$KEEP" = 1 ]; then
    crm_log "kept $work"
  else
    rm -rf "$work"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# run_step NAME COMMAND...: runs COMMAND with its output on the terminal and in $logs/NAME.log.
run_step() {
  local name=$1
  shift
  last_log="$logs/$name.log"
  "$@" 2>&1 | tee "$last_log"
}

# CPU time (user + system, in clock ticks) of the web API, the silo and MariaDB, in that order.
cpu_ticks() {
  local pid
  for pid in "$webapi_pid" "$silo_pid" "$(cat "$work/mariadb/mysqld.pid")"; do
    awk '{printf "%s ", $14 + $15}' "/proc/$pid/stat"
  done
}

# Samples cpu_ticks at the start and the end of a step's measured window (after WARMUP, for DURATION);
# run it in the background beside the step. CPU time per request is far less noisy than requests per
# second on a shared machine.
sample_cpu() {
  local name=$1 before after
  sleep "$WARMUP"
  before=$(cpu_ticks)
  sleep "$DURATION"
  after=$(cpu_ticks)
  echo "$before$after" >"$results/cpu-$name.txt"
}

# Prints the CPU microseconds per counted item (JSON field FIELD of the step's result) for each process.
report_cpu() {
  local name=$1 field=$2 what=$3 count hz
  [ -f "$results/cpu-$name.txt" ] || return 0
  count=$(grep -o "\"$field\": *[0-9]*" "$results/$name.json" | head -n 1 | grep -o '[0-9]*$')
  [ -n "$count" ] && [ "$count" -gt 0 ] || return 0
  hz=$(getconf CLK_TCK)
  read -r w0 s0 m0 w1 s1 m1 <"$results/cpu-$name.txt"
  awk -v w=$((w1 - w0)) -v s=$((s1 - s0)) -v m=$((m1 - m0)) -v n="$count" -v hz="$hz" -v what="$what" 'BEGIN {
    f = 1000000 / hz / n
    printf "  CPU per %s (measured window): web API %.0f us, silo %.0f us, MariaDB %.0f us, these three %.0f us\n", what, w * f, s * f, m * f, (w + s + m) * f
  }' | tee "$results/cpu-$name.summary"
}

ensure_alive() {
  local name
  for name in silo webapi; do
    local pid_var="${name}_pid"
    if ! kill -0 "${!pid_var}" 2>/dev/null; then
      last_log="$logs/$name.log"
      crm_log "the $name process died"
      exit 1
    fi
  done
}

# ---------------------------------------------------------------------------------------------------
mariadbd_version=$("$(_mariadbd)" --version 2>/dev/null || echo unknown)
cat <<HEADER
CrmActors benchmark
  command   CRM_BENCH_LEVELS='$LEVELS' CRM_BENCH_SECONDS=$DURATION CRM_BENCH_WARMUP=$WARMUP CRM_BENCH_IMPORT_ROWS=$IMPORT_ROWS CRM_BENCH_OPEN_CONNECTIONS=$OPEN_CONNECTIONS CRM_BENCH_PREWARM=$PREWARM CRM_BENCH_BUILD=$BUILD CRM_BENCH_ROUTING=$ROUTING CRM_BENCH_STATS=${CRM_BENCH_STATS:-1} bench/run.sh
  machine   $(nproc) CPUs ($(LC_ALL=C lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n 1)), $(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo) memory, $(uname -sr)
  mariadbd  $mariadbd_version
  dotnet    $(dotnet --version)
  commit    $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet HEAD 2>/dev/null || echo ' + uncommitted changes')
  temp      $work ($(df -PT "$work" | awk 'NR == 2 {print $2}'))
  date      $(date -u +%Y-%m-%dT%H:%M:%SZ)
  The load generator, the web API, the silo and MariaDB all share this machine.
HEADER

bin() { echo "$root/$1/bin/Release/net10.0/$2"; }
BENCH=$(bin bench/CrmActors.Bench CrmActors.Bench.dll)
CRMCTL=$(bin tools/crmctl crmctl.dll)

if [ "$BUILD" = 1 ]; then
  crm_log "building (Release)"
  last_log="$logs/build.log"
  dotnet build CrmActors.sln -c Release -nologo -v quiet -clp:ErrorsOnly >"$last_log" 2>&1
fi
for dll in "$BENCH" "$CRMCTL" "$(bin silo CrmActors.Silo.dll)" "$(bin webapi CrmActors.WebApi.dll)"; do
  [ -f "$dll" ] || { crm_log "missing $dll (build with: dotnet build CrmActors.sln -c Release)"; exit 1; }
done

DB_PORT=$(crm_free_port 3410)
API_PORT=$(crm_free_port 5180)
SILO_HTTP_PORT=$(crm_free_port $((API_PORT + 1)))
SILO_PORT=$(crm_free_port 11211)
GATEWAY_PORT=$(crm_free_port 30110)
DB_PASSWORD=$(crm_secret 24)
SIGNING_KEY=$(crm_secret 48)

crm_log "starting MariaDB on 127.0.0.1:$DB_PORT"
last_log="$work/mariadb/mysqld.err"
mariadb_start "$work/mariadb" "$DB_PORT"
mariadb_ensure_user "$work/mariadb" crmactors crm "$DB_PASSWORD"
CS="Server=127.0.0.1;Port=$DB_PORT;Database=crmactors;User ID=crm;Password=$DB_PASSWORD"
echo "  durability: $(_mariadb_sql "$work/mariadb" -N -B -e "SELECT CONCAT('innodb_flush_log_at_trx_commit=', @@innodb_flush_log_at_trx_commit, ' sync_binlog=', @@sync_binlog, ' log_bin=', @@log_bin, ' innodb_buffer_pool_size=', @@innodb_buffer_pool_size DIV 1048576, 'M')")"

crm_log "applying the schema"
run_step migrate dotnet "$CRMCTL" db migrate --connection "$CS"

crm_log "starting the silo (http $SILO_HTTP_PORT, silo $SILO_PORT, gateway $GATEWAY_PORT)"
ConnectionStrings__crm="$CS" Orleans__Endpoints__SiloPort=$SILO_PORT Orleans__Endpoints__GatewayPort=$GATEWAY_PORT \
  ASPNETCORE_URLS="http://127.0.0.1:$SILO_HTTP_PORT" DOTNET_GCgen0size=$CRM_SILO_GEN0SIZE \
  dotnet "$(bin silo CrmActors.Silo.dll)" --contentRoot "$root/silo" >"$logs/silo.log" 2>&1 &
silo_pid=$!
pids+=("$silo_pid")
last_log="$logs/silo.log"
crm_wait_http "http://127.0.0.1:$SILO_HTTP_PORT/health/ready" "$silo_pid" 90 || { crm_log "the silo did not become ready"; exit 1; }

crm_log "starting the web API on 127.0.0.1:$API_PORT"
# The bench measures capacity, not the per-tenant rate limit (1,000/s by default): its tenant gets a limit it cannot reach.
ConnectionStrings__crm="$CS" Auth__SigningKey="$SIGNING_KEY" ASPNETCORE_URLS="http://127.0.0.1:$API_PORT" \
  Limits__Tenants__bench__PermitsPerSecond=1000000 Limits__Tenants__bench__Burst=1000000 \
  dotnet "$(bin webapi CrmActors.WebApi.dll)" --contentRoot "$root/webapi" >"$logs/webapi.log" 2>&1 &
webapi_pid=$!
pids+=("$webapi_pid")
last_log="$logs/webapi.log"
crm_wait_http "http://127.0.0.1:$API_PORT/health/ready" "$webapi_pid" 90 || { crm_log "the web API did not become ready"; exit 1; }
API="http://127.0.0.1:$API_PORT"

last_log="$logs/token.log"
TOKEN=$(dotnet "$CRMCTL" token --tenant bench --user bench-admin --role admin --signing-key "$SIGNING_KEY" 2>"$last_log")

if [ "$ROUTING" = 1 ]; then
  # 50 reps in one group with room for every lead of the run, and a rule set whose fallback ranks them all.
  crm_log "routing on: 50 reps and a published rule set in the bench tenant"
  for i in $(seq -w 1 50); do
    curl -fsS -o /dev/null -X PUT "$API/api/v1/reps/rep-$i" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -d "{\"displayName\":\"Rep $i\",\"capacity\":10000,\"groups\":[\"sales\"],\"industries\":[\"healthcare\"]}"
  done
  curl -fsS -o /dev/null -X PUT "$API/api/v1/routing/rules/draft" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
    -d '{"rules":[{"id":"urgent","conditions":[{"field":"note","operator":"containsAny","values":["急","urgent"]}],"action":{"target":{"kind":"group","id":"sales"},"urgency":"high","firstTouchSla":"00:30:00"}}],"fallback":{"target":{"kind":"group","id":"sales"}}}'
  curl -fsS -o /dev/null -X POST "$API/api/v1/routing/rules/publish" -H "Authorization: Bearer $TOKEN"
fi

# ---------------------------------------------------------------------------------------------------
if [ "$PREWARM" -gt 0 ]; then
  # The first measured level should not pay for JIT, tiered compilation and growing connection pools.
  crm_log "warming up the API once (${PREWARM}s at 16 workers, not measured; output in $logs/prewarm.log)"
  run_step prewarm dotnet "$BENCH" http --api "$API" --token "$TOKEN" --concurrency 16 --duration "$PREWARM" \
    --warmup 0 --seed 99 --quiet >/dev/null
  ensure_alive
fi

seed=0
for level in $LEVELS; do
  seed=$((seed + 1))
  crm_log "level $level: baseline (single-row INSERTs, $level connections, ${WARMUP}s warmup + ${DURATION}s)"
  sample_cpu "baseline-$level" &
  run_step "baseline-$level" dotnet "$BENCH" baseline --connection "$CS" --concurrency "$level" \
    --duration "$DURATION" --warmup "$WARMUP" --seed "$seed" --json "$results/baseline-$level.json"
  wait $!
  report_cpu "baseline-$level" inserts "row INSERT"
  ensure_alive
  crm_log "level $level: API (POST /api/v1/leads, $level workers, ${WARMUP}s warmup + ${DURATION}s)"
  sample_cpu "http-$level" &
  run_step "http-$level" dotnet "$BENCH" http --api "$API" --token "$TOKEN" --concurrency "$level" \
    --duration "$DURATION" --warmup "$WARMUP" --seed "$((seed + 10))" --json "$results/http-$level.json"
  wait $!
  report_cpu "http-$level" accepted "accepted lead"
  ensure_alive
done

best=$(dotnet "$BENCH" summary --dir "$results" --best-rate)
half=$((best / 2))
if [ "$half" -gt 0 ]; then
  crm_log "open loop at $half requests/s (half of the best measured $best/s), up to $OPEN_CONNECTIONS connections"
  sample_cpu openloop &
  run_step openloop dotnet "$BENCH" http --api "$API" --token "$TOKEN" --rate "$half" --concurrency "$OPEN_CONNECTIONS" \
    --duration "$DURATION" --warmup "$WARMUP" --seed 50 --json "$results/openloop.json"
  wait $!
  report_cpu openloop accepted "accepted lead"
  ensure_alive
fi

if [ "$IMPORT_ROWS" -gt 0 ]; then
  crm_log "import: generating $IMPORT_ROWS rows"
  run_step gen-csv dotnet "$BENCH" gen-csv --rows "$IMPORT_ROWS" --out "$work/leads.csv" --seed 90
  crm_log "import: uploading to the web API (pid $webapi_pid)"
  if ! run_step import dotnet "$BENCH" import --api "$API" --token "$TOKEN" --file "$work/leads.csv" --pid "$webapi_pid" \
    --json "$results/import.json"; then
    crm_log "the import did not complete (see above; the import endpoint may not exist yet); continuing"
  fi
  ensure_alive
fi

last_log=""
dotnet "$BENCH" summary --dir "$results" | tee "$work/summary.txt"
if [ "$ROUTING" = 1 ]; then
  # Routing runs behind the acknowledgement; give the last ones a moment, then count what the reps hold.
  sleep 5
  routed=0
  for i in $(seq -w 1 50); do
    n=$(curl -fsS "$API/api/v1/reps/rep-$i" -H "Authorization: Bearer $TOKEN" | grep -o '"openLeadIds":\[[^]]*\]' | grep -o '"L[^"]*"' | wc -l)
    routed=$((routed + n))
  done
  echo "Routing on: $routed leads assigned across the 50 reps by the end (every created lead owes one)" | tee -a "$work/summary.txt"
fi
if compgen -G "$results/cpu-*.summary" >/dev/null; then
  echo
  echo "CPU per item in each measured window (user + system time from /proc; the load generator not included):"
  for f in "$results"/cpu-*.summary; do
    printf '  %-14s%s\n' "$(basename "$f" .summary | sed 's/^cpu-//')" "$(sed 's/^  CPU per //' "$f")"
  done | tee -a "$work/summary.txt"
fi
