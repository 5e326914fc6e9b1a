#!/usr/bin/env bash
# Runs CrmActors locally: a MariaDB process with its own data folder, the schema, one silo, the web API
# and a demo tenant. Ctrl-C stops everything; running it again reuses the data in .local/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/common.sh"
source "$here/lib/mariadb.sh"
root=$(crm_root)
cd "$root"

state="${CRM_STATE_DIR:-$root/.local}"
mkdir -p "$state/logs"

pids=()
stop_all() {
  trap - INT TERM EXIT
  crm_log "stopping"
  crm_stop_step
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -TERM "${pids[i]}" 2>/dev/null || true
    wait "${pids[i]}" 2>/dev/null || true
  done
  mariadb_stop "$state/mariadb" || true
  crm_log "stopped; data kept in $state"
}
# Ctrl-C or SIGTERM in any phase stops what was started so far and ends the script there.
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap stop_all EXIT

crm_ensure_dotnet
crm_ensure_curl
crm_ensure_node
mariadb_ensure_installed

# Every port is free or chosen: two checkouts (each with its own state folder) run side by side. A MariaDB left
# running from this state folder keeps its port.
if running_db_port=$(mariadb_running_port "$state/mariadb") && [ -n "$running_db_port" ]; then
  [ -z "${CRM_DB_PORT:-}" ] || [ "$CRM_DB_PORT" = "$running_db_port" ] \
    || crm_log "MariaDB from $state/mariadb is already running on port $running_db_port; using it, not CRM_DB_PORT=$CRM_DB_PORT"
  DB_PORT=$running_db_port
  _crm_ports_taken+=("$DB_PORT")
else
  crm_choose_port DB_PORT "MariaDB" 3307 "${CRM_DB_PORT:-}"
fi
crm_choose_port API_PORT "web API" 5080 "${CRM_API_PORT:-}"
crm_choose_port SILO_HTTP_PORT "silo HTTP" 5081 "${CRM_SILO_HTTP_PORT:-}"
crm_choose_port SILO_PORT "silo" 11111 "${CRM_SILO_PORT:-}"
crm_choose_port GATEWAY_PORT "gateway" 30000 "${CRM_GATEWAY_PORT:-}"
crm_log "ports: MariaDB $DB_PORT, web API $API_PORT, silo HTTP $SILO_HTTP_PORT, silo $SILO_PORT, gateway $GATEWAY_PORT"

# Secrets are generated once per checkout and kept out of git (.local/ is ignored).
if [ ! -f "$state/secrets.env" ]; then
  (
    umask 077
    printf 'CRM_DB_PASSWORD=%s\nCRM_JWT_SIGNING_KEY=%s\n' "$(crm_secret 24)" "$(crm_secret 48)" >"$state/secrets.env"
  )
fi
# shellcheck disable=SC1091
source "$state/secrets.env"

Orleans__ClusterId=$(crm_cluster_id "$state")
export Orleans__ClusterId

crm_log "starting MariaDB on 127.0.0.1:$DB_PORT (data in $state/mariadb)"
mariadb_start "$state/mariadb" "$DB_PORT"
mariadb_ensure_user "$state/mariadb" crmactors crm "$CRM_DB_PASSWORD"
export ConnectionStrings__crm="Server=127.0.0.1;Port=$DB_PORT;Database=crmactors;User ID=crm;Password=$CRM_DB_PASSWORD"

crm_log "building (Release)"
crm_step dotnet build CrmActors.sln -c Release -nologo -v quiet -clp:ErrorsOnly
bin() { echo "$root/$1/bin/Release/net10.0/$2"; }

crm_log "applying the schema"
crm_step dotnet "$(bin tools/crmctl crmctl.dll)" db migrate --connection "$ConnectionStrings__crm"

# Each run's logs are kept: the last CRM_KEEP_LOGS (5) runs, the newest in silo.log and webapi.log.
crm_rotate_log "$state/logs/silo.log"
crm_rotate_log "$state/logs/webapi.log"

crm_log "starting the silo"
Orleans__Endpoints__SiloPort=$SILO_PORT Orleans__Endpoints__GatewayPort=$GATEWAY_PORT \
  DOTNET_GCgen0size=$CRM_SILO_GEN0SIZE ASPNETCORE_URLS="http://127.0.0.1:$SILO_HTTP_PORT" dotnet "$(bin silo CrmActors.Silo.dll)" --contentRoot "$root/silo" >"$state/logs/silo.log" 2>&1 &
pids+=($!)
crm_wait_http "http://127.0.0.1:$SILO_HTTP_PORT/health/ready" "${pids[-1]}" 90 || { tail -n 40 "$state/logs/silo.log" >&2; exit 1; }

crm_log "starting the web API"
Auth__SigningKey="$CRM_JWT_SIGNING_KEY" ASPNETCORE_URLS="http://127.0.0.1:$API_PORT" dotnet "$(bin webapi CrmActors.WebApi.dll)" --contentRoot "$root/webapi" >"$state/logs/webapi.log" 2>&1 &
pids+=($!)
crm_wait_http "http://127.0.0.1:$API_PORT/health/ready" "${pids[-1]}" 90 || { tail -n 40 "$state/logs/webapi.log" >&2; exit 1; }

CRM_JWT_SIGNING_KEY="$CRM_JWT_SIGNING_KEY" crm_step dotnet "$(bin tools/crmctl crmctl.dll)" demo --api "http://127.0.0.1:$API_PORT" --tenant demo
# Where token.sh finds the signing key, when it is not the default .local/.
state_hint() { [ "$state" = "$root/.local" ] || printf 'CRM_STATE_DIR=%s ' "$state"; }
manager_token=$(CRM_JWT_SIGNING_KEY="$CRM_JWT_SIGNING_KEY" "$here/token.sh" --tenant demo --user demo-manager --role manager)

cat <<MSG

CrmActors is running.
  Dashboard       http://127.0.0.1:$API_PORT/dashboard/#token=$manager_token
  Web API         http://127.0.0.1:$API_PORT/api/v1   (send Authorization: Bearer <token>)
  API reference   http://127.0.0.1:$API_PORT/scalar/v1
  OpenAPI         http://127.0.0.1:$API_PORT/openapi/v1.json
  Health          http://127.0.0.1:$API_PORT/health/ready   silo: http://127.0.0.1:$SILO_HTTP_PORT/health/ready
  Silo            cluster port $SILO_PORT, gateway port $GATEWAY_PORT (cluster id $Orleans__ClusterId)
  Database        127.0.0.1:$DB_PORT, database crmactors, user crm (password in $state/secrets.env)
  Logs            $state/logs/   (silo.log, webapi.log; earlier runs in silo.1.log ... silo.$((${CRM_KEEP_LOGS:-5} - 1)).log)
  More tokens     $(state_hint)scripts/token.sh --user rep-li --role rep   (roles: rep supervisor manager service marketing admin)
Try:  curl -H "Authorization: Bearer <supervisor token above>" http://127.0.0.1:$API_PORT/api/v1/reps/sup-wang/inbox
Press Ctrl-C to stop.
MSG
wait -n "${pids[@]}"
crm_log "a process exited; see $state/logs"
