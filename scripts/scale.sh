#!/usr/bin/env bash
# Runs a local cluster the way docker-compose.yml does with containers: one MariaDB, N silo processes and M web API
# processes, all on loopback, each with its own ports, joined through the database (ADO.NET clustering).
#
#   scripts/scale.sh up [N] [M]     start MariaDB, N silos (default 3) and M web APIs (default 2); Ctrl-C stops all
#                                   gracefully (web APIs drain, silos hand their grains over), the database last
#   scripts/scale.sh add-silo       from another terminal: one more silo in the running cluster; Ctrl-C (SIGTERM)
#                                   removes it gracefully, kill -9 removes it the hard way
#   scripts/scale.sh add-api        the same for a web API instance
#
# State (database, secrets, logs) lives in $CRM_STATE_DIR (default .local-scale/), apart from scripts/run.sh's. Every
# port is the first free one from its base (MariaDB 3317 unless CRM_DB_PORT says otherwise; silos 11111, 30000 and
# 5300; web APIs 5200), so a second state folder runs beside the first; each process's log keeps earlier runs'
# as NAME.1.log, NAME.2.log, ... (CRM_KEEP_LOGS runs, default 5).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/common.sh"
source "$here/lib/mariadb.sh"
root=$(crm_root)
cd "$root"

command=${1:-up}
state="${CRM_STATE_DIR:-$root/.local-scale}"
mkdir -p "$state/logs"
bin() { echo "$root/$1/bin/Release/net10.0/$2"; }

load_secrets() {
  if [ ! -f "$state/secrets.env" ]; then
    umask 077
    printf 'CRM_DB_PASSWORD=%s\nCRM_JWT_SIGNING_KEY=%s\n' "$(crm_secret 24)" "$(crm_secret 48)" >"$state/secrets.env"
  fi
  # shellcheck disable=SC1091
  source "$state/secrets.env"
  export ConnectionStrings__crm="Server=127.0.0.1;Port=$DB_PORT;Database=crmactors;User ID=crm;Password=$CRM_DB_PASSWORD;Maximum Pool Size=200"
  Orleans__ClusterId=$(crm_cluster_id "$state")
  export Orleans__ClusterId Orleans__ServiceId=crmactors-local
}

pids=()
stop_all() {
  trap - INT TERM EXIT
  crm_log "stopping ${#pids[@]} process(es) gracefully, newest first"
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${pids[i]}" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  crm_stop_step
  if [ "${owns_db:-0}" = 1 ]; then
    mariadb_stop "$state/mariadb" || true
  fi
  crm_log "stopped; data kept in $state"
}
# Ctrl-C or SIGTERM in any phase stops what was started so far and ends the script there.
trap_stop() {
  trap 'stop_all; exit 130' INT
  trap 'stop_all; exit 143' TERM
  trap stop_all EXIT
}

# new_log NAME: the log file of a process about to start; the same name's logs of earlier runs are kept (crm_rotate_log).
new_log() {
  crm_rotate_log "$state/logs/$1.log"
  echo "$state/logs/$1.log"
}

# start_silo: one silo on three free ports (cluster, gateway, HTTP for health and /metrics).
start_silo() {
  local silo_port gateway_port http_port n=${#pids[@]}
  silo_port=$(crm_free_port $((11111 + n * 3)))
  gateway_port=$(crm_free_port $((30000 + n * 3)))
  http_port=$(crm_free_port $((5300 + n)))
  Orleans__Endpoints__AdvertisedIPAddress=127.0.0.1 Orleans__Endpoints__SiloPort=$silo_port Orleans__Endpoints__GatewayPort=$gateway_port \
    DOTNET_GCgen0size=$CRM_SILO_GEN0SIZE ASPNETCORE_URLS="http://127.0.0.1:$http_port" \
    dotnet "$(bin silo CrmActors.Silo.dll)" --contentRoot "$root/silo" >"$(new_log "silo-$http_port")" 2>&1 &
  pids+=($!)
  crm_wait_http "http://127.0.0.1:$http_port/health/ready" "${pids[-1]}" 90 || { tail -n 40 "$state/logs/silo-$http_port.log" >&2; exit 1; }
  crm_log "silo pid ${pids[-1]}: cluster $silo_port, gateway $gateway_port, http://127.0.0.1:$http_port (/health/ready, /metrics)"
  echo "127.0.0.1:$http_port" >>"$state/targets-silo"
}

start_api() {
  local http_port
  http_port=$(crm_free_port $((5200 + ${#pids[@]})))
  Auth__SigningKey="$CRM_JWT_SIGNING_KEY" ASPNETCORE_URLS="http://127.0.0.1:$http_port" \
    dotnet "$(bin webapi CrmActors.WebApi.dll)" --contentRoot "$root/webapi" >"$(new_log "webapi-$http_port")" 2>&1 &
  pids+=($!)
  crm_wait_http "http://127.0.0.1:$http_port/health/ready" "${pids[-1]}" 90 || { tail -n 40 "$state/logs/webapi-$http_port.log" >&2; exit 1; }
  crm_log "web API pid ${pids[-1]}: http://127.0.0.1:$http_port (/api/v1, /health/ready, /metrics)"
  echo "127.0.0.1:$http_port" >>"$state/targets-webapi"
}

case "$command" in
  up)
    silos=${2:-3}
    apis=${3:-2}
    crm_ensure_dotnet
    crm_ensure_curl
    mariadb_ensure_installed
    trap_stop
    # A free port unless CRM_DB_PORT says which; a MariaDB left running from this state folder keeps its own.
    DB_PORT=$(mariadb_running_port "$state/mariadb") || crm_choose_port DB_PORT "MariaDB" 3317 "${CRM_DB_PORT:-}"
    load_secrets
    owns_db=1
    rm -f "$state/targets-silo" "$state/targets-webapi"
    crm_log "starting MariaDB on 127.0.0.1:$DB_PORT (data in $state/mariadb)"
    mariadb_start "$state/mariadb" "$DB_PORT"
    mariadb_ensure_user "$state/mariadb" crmactors crm "$CRM_DB_PASSWORD"
    crm_log "building (Release)"
    crm_step dotnet build CrmActors.sln -c Release -nologo -v quiet -clp:ErrorsOnly
    crm_step dotnet "$(bin tools/crmctl crmctl.dll)" db migrate --connection "$ConnectionStrings__crm"
    for ((s = 0; s < silos; s++)); do start_silo; done
    for ((a = 0; a < apis; a++)); do start_api; done
    token=$(CRM_JWT_SIGNING_KEY="$CRM_JWT_SIGNING_KEY" "$here/token.sh" --tenant demo --user ops-admin --role admin)
    cat <<MSG

$silos silo(s) and $apis web API(s) are running against MariaDB 127.0.0.1:$DB_PORT.
  Web APIs        $(sed 's|^|http://|' "$state/targets-webapi" | paste -sd' ')   (put any load balancer in front)
  Admin token     $token
  Prometheus      scrape_configs: [{job_name: crmactors-webapi, static_configs: [{targets: [$(sed 's/.*/"&"/' "$state/targets-webapi" | paste -sd,)]}]},
                                   {job_name: crmactors-silo, static_configs: [{targets: [$(sed 's/.*/"&"/' "$state/targets-silo" | paste -sd,)]}]}]
  More            scripts/scale.sh add-silo   |   scripts/scale.sh add-api   (in another terminal)
  Logs            $state/logs/
Press Ctrl-C to stop everything.
MSG
    wait -n "${pids[@]}"
    crm_log "a process exited; see $state/logs"
    ;;
  add-silo | add-api)
    DB_PORT=$(mariadb_running_port "$state/mariadb") && [ -f "$state/secrets.env" ] \
      || { echo "no running cluster in $state: start one with scripts/scale.sh up" >&2; exit 1; }
    load_secrets
    trap_stop
    if [ "$command" = add-silo ]; then start_silo; else start_api; fi
    crm_log "running; Ctrl-C removes it gracefully"
    wait "${pids[@]}"
    ;;
  *)
    sed -n '2,15p' "$0" >&2
    exit 2
    ;;
esac
