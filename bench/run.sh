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
#   CRM_BENCH_CRUD         1 also runs the hand-written CRUD intake service (bench/CrmActors.Bench.Crud: one transaction
#                          per lead, least-loaded rep, then rep by phone hash) at the last level    default 1
#   CRM_BENCH_LONG_SECONDS a last closed-loop run this long at the last level (no warmup), with CPU per lead by
#                          block of 100,000 leads (bench/longrun.py): does the millionth lead cost what the first did
#                                                                               default 0 (skipped)
#   CRM_BENCH_SHAPE        separate: the silo and the web API as two processes (today's deployment);
#                          cohosted: one process serving both (bench/CrmActors.Bench.CoHost)   default separate
#   CRM_BENCH_TRACE        1 samples the web API's and the silo's stacks (dotnet-trace) for 10 s in the middle of
#                          the last level's measured window and prints the CPU by stage (bench/stages.py);
#                          alloc records their allocations instead (dotnet-trace's gc-verbose profile) and prints
#                          what each allocates per lead, by type and by code (bench/CrmActors.Bench.Allocations)
#                                                                               default 0
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
TRACE=${CRM_BENCH_TRACE:-0}
CRUD=${CRM_BENCH_CRUD:-1}
LONG=${CRM_BENCH_LONG_SECONDS:-0}
SHAPE=${CRM_BENCH_SHAPE:-separate}
[[ $TRACE =~ ^(0|1|alloc)$ ]] || { echo "bench/run.sh: CRM_BENCH_TRACE is 0, 1 or alloc, not '$TRACE'" >&2; exit 2; }
[[ $SHAPE =~ ^(separate|cohosted)$ ]] || { echo "bench/run.sh: CRM_BENCH_SHAPE is separate or cohosted, not '$SHAPE'" >&2; exit 2; }
if [ "${CRM_BENCH_STATS:-1}" = 0 ]; then
  export Stats__Enabled=false
fi

for value in $LEVELS "$LONG" "$DURATION" "$WARMUP" "$IMPORT_ROWS" "$OPEN_CONNECTIONS" "$PREWARM"; do
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

# CPU time (user + system, in clock ticks) of the processes measured (cpu_pids: the web API, the silo and MariaDB, or
# the CRUD service and MariaDB), in that order.
cpu_ticks() {
  local pid
  for pid in "${cpu_pids[@]}"; do
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
  local name=$1 field=$2 what=$3 count hz labels
  [ -f "$results/cpu-$name.txt" ] || return 0
  count=$(grep -o "\"$field\": *[0-9]*" "$results/$name.json" | head -n 1 | grep -o '[0-9]*$')
  [ -n "$count" ] && [ "$count" -gt 0 ] || return 0
  hz=$(getconf CLK_TCK)
  labels=$(IFS=,; echo "${cpu_labels[*]}")
  awk -v n="$count" -v hz="$hz" -v what="$what" -v labels="$labels" '{
    k = NF / 2; split(labels, label, ","); f = 1000000 / hz / n; total = 0; line = ""
    for (i = 1; i <= k; i++) { d = $(i + k) - $i; total += d; line = line sprintf("%s%s %.0f us", (i > 1 ? ", " : ""), label[i], d * f) }
    printf "  CPU per %s (measured window): %s, these %d %.0f us\n", what, line, k, total * f
  }' "$results/cpu-$name.txt" | tee "$results/cpu-$name.summary"
}

# Samples the stacks of the web API and the silo for 10 s, halfway into a measured window (run in the background).
# Traces the web API and the silo for 10 s in the middle of a measured window: their sampled stacks (CRM_BENCH_TRACE=1)
# or their allocations (alloc).
trace_stages() {
  local name=$1 tool profile=(--profile dotnet-sampled-thread-time --format Speedscope)
  [ "$TRACE" = alloc ] && profile=(--profile gc-verbose)
  tool=$(command -v dotnet-trace || echo "$HOME/.dotnet/tools/dotnet-trace")
  [ -x "$tool" ] || { crm_log "dotnet-trace is not installed (dotnet tool install -g dotnet-trace); no trace"; return 0; }
  sleep $((WARMUP + DURATION / 2 > 5 ? WARMUP + DURATION / 2 - 5 : 0))
  "$tool" collect -p "$webapi_pid" "${profile[@]}" --duration 00:00:00:10 \
    -o "$results/trace-$name-webapi.nettrace" >"$logs/trace-$name-webapi.log" 2>&1 &
  "$tool" collect -p "$silo_pid" "${profile[@]}" --duration 00:00:00:10 \
    -o "$results/trace-$name-silo.nettrace" >"$logs/trace-$name-silo.log" 2>&1
  wait
}

# The bench tenant's reps (CRM_BENCH_ROUTING=1): how many, and how many leads each can hold.
BENCH_REPS=50
BENCH_REP_CAPACITY=10000

# Leads the bench tenant's reps hold now (their open lead ids, read through the API).
held_leads() {
  local i n total=0
  for i in $(seq -w 1 "$BENCH_REPS"); do
    n=$(curl -fsS "$API/api/v1/reps/rep-$i" -H "Authorization: Bearer $TOKEN" | grep -o '"openLeadIds":\[[^]]*\]' | grep -o '"L[^"]*"' | wc -l)
    total=$((total + n))
  done
  echo "$total"
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
  command   CRM_BENCH_LEVELS='$LEVELS' CRM_BENCH_SECONDS=$DURATION CRM_BENCH_WARMUP=$WARMUP CRM_BENCH_IMPORT_ROWS=$IMPORT_ROWS CRM_BENCH_OPEN_CONNECTIONS=$OPEN_CONNECTIONS CRM_BENCH_PREWARM=$PREWARM CRM_BENCH_BUILD=$BUILD CRM_BENCH_ROUTING=$ROUTING CRM_BENCH_STATS=${CRM_BENCH_STATS:-1} CRM_BENCH_CRUD=$CRUD CRM_BENCH_LONG_SECONDS=$LONG CRM_BENCH_SHAPE=$SHAPE CRM_BENCH_TRACE=$TRACE bench/run.sh
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
CRUD_DLL=$(bin bench/CrmActors.Bench.Crud CrmActors.Bench.Crud.dll)

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

if [ "$SHAPE" = cohosted ]; then
  crm_log "starting one process serving the silo and the web API (http $API_PORT, silo $SILO_PORT, gateway $GATEWAY_PORT)"
  ConnectionStrings__crm="$CS" Orleans__Endpoints__SiloPort=$SILO_PORT Orleans__Endpoints__GatewayPort=$GATEWAY_PORT \
    ASPNETCORE_URLS="http://127.0.0.1:$API_PORT" DOTNET_GCgen0size=$CRM_SILO_GEN0SIZE Auth__SigningKey="$SIGNING_KEY" \
    Limits__Tenants__bench__PermitsPerSecond=1000000 Limits__Tenants__bench__Burst=1000000 \
    dotnet "$(bin bench/CrmActors.Bench.CoHost CrmActors.Bench.CoHost.dll)" --contentRoot "$root/silo" >"$logs/silo.log" 2>&1 &
  silo_pid=$!
  webapi_pid=$silo_pid
  pids+=("$silo_pid")
  last_log="$logs/silo.log"
  crm_wait_http "http://127.0.0.1:$API_PORT/health/ready" "$silo_pid" 90 || { crm_log "the co-hosted process did not become ready"; exit 1; }
else
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
fi
API="http://127.0.0.1:$API_PORT"
if [ "$SHAPE" = cohosted ]; then
  cpu_pids=("$silo_pid" "$(cat "$work/mariadb/mysqld.pid")")
  cpu_labels=("silo + web API" "MariaDB")
else
  cpu_pids=("$webapi_pid" "$silo_pid" "$(cat "$work/mariadb/mysqld.pid")")
  cpu_labels=("web API" "silo" "MariaDB")
fi

last_log="$logs/token.log"
TOKEN=$(dotnet "$CRMCTL" token --tenant bench --user bench-admin --role admin --signing-key "$SIGNING_KEY" 2>"$last_log")

if [ "$ROUTING" = 1 ]; then
  # 50 reps in one group with room for 500,000 leads, and a rule set whose fallback ranks them all.
  crm_log "routing on: $BENCH_REPS reps and a published rule set in the bench tenant"
  for i in $(seq -w 1 "$BENCH_REPS"); do
    curl -fsS -o /dev/null -X PUT "$API/api/v1/reps/rep-$i" -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
      -d "{\"displayName\":\"Rep $i\",\"capacity\":$BENCH_REP_CAPACITY,\"groups\":[\"sales\"],\"industries\":[\"healthcare\"]}"
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
last_level=${LEVELS##* }
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
  sampler=$!
  tracer=""
  if [ "$TRACE" != 0 ] && [ "$SHAPE" = separate ] && [ "$level" = "$last_level" ]; then
    trace_stages "http-$level" &
    tracer=$!
  fi
  run_step "http-$level" dotnet "$BENCH" http --api "$API" --token "$TOKEN" --concurrency "$level" \
    --duration "$DURATION" --warmup "$WARMUP" --seed "$((seed + 10))" --json "$results/http-$level.json"
  wait "$sampler"
  report_cpu "http-$level" accepted "accepted lead"
  if [ -n "$tracer" ] && [ "$TRACE" = alloc ]; then
    wait "$tracer"
    rate=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["acceptedPerSecond"])' "$results/http-$level.json")
    for process in webapi silo; do
      echo "$process:"
      dotnet "$(bin bench/CrmActors.Bench.Allocations CrmActors.Bench.Allocations.dll)" "$results/trace-http-$level-$process.nettrace" \
        --seconds 10 --leads-per-second "$rate" --top 15
    done | tee "$results/allocations-http-$level.txt" || crm_log "could not read the traces (see $logs/trace-*.log)"
  elif [ -n "$tracer" ]; then
    wait "$tracer"
    per_lead=$(sed -n 's/.*web API \([0-9]*\) us, silo \([0-9]*\) us.*/webapi=\1 silo=\2/p' "$results/cpu-http-$level.summary")
    # shellcheck disable=SC2086 # two words on purpose
    python3 "$here/stages.py" "$results/trace-http-$level-webapi.speedscope.json" "$results/trace-http-$level-silo.speedscope.json" \
      --us-per-lead $per_lead | tee "$results/stages-http-$level.txt" || crm_log "could not read the traces (see $logs/trace-*.log)"
  fi
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

if [ "$CRUD" = 1 ]; then
  CRUD_PORT=$(crm_free_port $((API_PORT + 20)))
  for pick in least-loaded phone-hash; do
    crm_log "CRUD service ($pick): $last_level workers, ${WARMUP}s warmup + ${DURATION}s"
    ConnectionStrings__crud="$CS" Crud__Pick=$pick ASPNETCORE_URLS="http://127.0.0.1:$CRUD_PORT" \
      dotnet "$CRUD_DLL" >"$logs/crud-$pick.log" 2>&1 &
    crud_pid=$!
    pids+=("$crud_pid")
    last_log="$logs/crud-$pick.log"
    crm_wait_http "http://127.0.0.1:$CRUD_PORT/health/ready" "$crud_pid" 60 || { crm_log "the CRUD service did not become ready"; exit 1; }
    saved_pids=("${cpu_pids[@]}")
    saved_labels=("${cpu_labels[@]}")
    cpu_pids=("$crud_pid" "$(cat "$work/mariadb/mysqld.pid")")
    cpu_labels=("CRUD service" "MariaDB")
    sample_cpu "crud-$pick-$last_level" &
    run_step "crud-$pick-$last_level" dotnet "$BENCH" http --api "http://127.0.0.1:$CRUD_PORT" --token none --concurrency "$last_level" \
      --duration "$DURATION" --warmup "$WARMUP" --seed 70 --json "$results/crud-$pick-$last_level.json"
    wait $!
    report_cpu "crud-$pick-$last_level" accepted "accepted lead"
    cpu_pids=("${saved_pids[@]}")
    cpu_labels=("${saved_labels[@]}")
    kill -TERM "$crud_pid" 2>/dev/null || true
    wait "$crud_pid" 2>/dev/null || true
  done
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

room_before_long=""
if [ "$LONG" -gt 0 ] && [ "$ROUTING" = 1 ]; then
  # Past the reps' capacity, leads wait without an owner and a block measures no routing.
  room_before_long=$((BENCH_REPS * BENCH_REP_CAPACITY - $(held_leads)))
fi
if [ "$LONG" -gt 0 ]; then
  crm_log "long run: $last_level workers for ${LONG}s (CPU sampled every 5 s)"
  (
    start=$(date +%s.%N)
    while kill -0 "$silo_pid" 2>/dev/null; do
      echo "$(awk -v s="$start" -v n="$(date +%s.%N)" 'BEGIN {printf "%.2f", n - s}') $(cpu_ticks)" >>"$results/long-cpu.txt"
      sleep 5
    done
  ) &
  long_sampler=$!
  run_step long dotnet "$BENCH" http --api "$API" --token "$TOKEN" --concurrency "$last_level" \
    --duration "$LONG" --warmup 0 --seed 60 --json "$results/long.json"
  kill "$long_sampler" 2>/dev/null || true
  wait "$long_sampler" 2>/dev/null || true
  python3 "$here/longrun.py" "$logs/long.log" "$results/long-cpu.txt" 100000 ${room_before_long:+"$room_before_long"} | tee "$results/long.summary"
  ensure_alive
fi

last_log=""
dotnet "$BENCH" summary --dir "$results" | tee "$work/summary.txt"
[ -f "$results/long.summary" ] && cat "$results/long.summary" >>"$work/summary.txt"
if [ "$ROUTING" = 1 ]; then
  # Leads are routed before their 201 (the summary counts those naming the owner); what the reps hold and the
  # dashboard's unassigned tile (leads without an owner, routing owed or nobody free) say whether anything is behind.
  sleep 5
  routed=$(held_leads)
  tiles=$(curl -fsS "$API/api/v1/stats" -H "Authorization: Bearer $TOKEN" | python3 -c '
import json, sys
m = {x["id"]: x for x in json.load(sys.stdin)["metrics"]}
print("unassigned %s, longest wait for an owner %s min" % (m["unassigned"]["value"], m["unassigned-longest-wait"]["value"]))' || echo "stats unavailable")
  echo "Routing on: $routed leads held across the $BENCH_REPS reps by the end; dashboard: $tiles" | tee -a "$work/summary.txt"
fi
# Whether the tenant's rows outgrew the buffer pool: pages InnoDB had to read (from the OS) and what they live in;
# with CRM_MARIADB_OPTIONS=--performance-schema=ON, also the files the reads came from and the indexes rows were read through.
system_schemas="('mysql', 'information_schema', 'performance_schema', 'sys')"
ours="table_schema NOT IN $system_schemas"
_mariadb_sql "$work/mariadb" -N -B -e "
  SELECT CONCAT('MariaDB at the end: data and indexes ', ROUND(SUM(data_length + index_length) / 1048576), ' MB, buffer pool ',
    @@innodb_buffer_pool_size DIV 1048576, ' MB, ', (SELECT variable_value FROM information_schema.global_status
    WHERE variable_name = 'INNODB_BUFFER_POOL_READS'), ' pages read into it') FROM information_schema.tables WHERE $ours;
  SELECT CONCAT('  ', table_name, ': ', table_rows, ' rows (estimated), ', ROUND((data_length + index_length) / 1048576), ' MB')
    FROM information_schema.tables WHERE $ours ORDER BY data_length + index_length DESC LIMIT 6;
  SELECT CONCAT('  reads from ', SUBSTRING_INDEX(file_name, '/', -2), ': ', count_read)
    FROM performance_schema.file_summary_by_instance WHERE count_read > 0 AND event_name LIKE 'wait/io/file/innodb/%'
    ORDER BY count_read DESC LIMIT 8;
  SELECT CONCAT('  rows fetched through ', object_name, '.', IFNULL(index_name, '(table scan)'), ': ', count_fetch)
    FROM performance_schema.table_io_waits_summary_by_index_usage WHERE object_schema NOT IN $system_schemas AND count_fetch > 0
    ORDER BY count_fetch DESC LIMIT 8" \
  | tee -a "$work/summary.txt" || true
if compgen -G "$results/cpu-*.summary" >/dev/null; then
  echo
  echo "CPU per item in each measured window (user + system time from /proc; the load generator not included):"
  for f in "$results"/cpu-*.summary; do
    printf '  %-14s%s\n' "$(basename "$f" .summary | sed 's/^cpu-//')" "$(sed 's/^  CPU per //' "$f")"
  done | tee -a "$work/summary.txt"
fi
