# Shared by backup.sh and restore.sh: reads a MySQL/MariaDB connection string (the one the silo and crmctl use,
# "Server=...;Port=...;Database=...;User ID=...;Password=...") into DB_HOST, DB_PORT, DB_NAME, DB_USER and a
# client option file holding the password (never on a command line, where `ps` shows it).

# crm_db_from_connection CONNECTION_STRING
crm_db_from_connection() {
  local cs=$1 part key value
  DB_HOST=127.0.0.1 DB_PORT=3306 DB_NAME='' DB_USER='' DB_PASSWORD=''
  IFS=';' read -ra parts <<<"$cs"
  for part in "${parts[@]}"; do
    [ -z "$part" ] && continue
    key=$(printf '%s' "${part%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')
    value=${part#*=}
    case "$key" in
      server | host | datasource) DB_HOST=$value ;;
      port) DB_PORT=$value ;;
      database | initialcatalog) DB_NAME=$value ;;
      userid | user | uid | username) DB_USER=$value ;;
      password | pwd) DB_PASSWORD=$value ;;
    esac
  done
  if [ -z "$DB_NAME" ] || [ -z "$DB_USER" ]; then
    crm_log "the connection string names no Database or no User ID"
    return 2
  fi
}

# crm_db_local_run STATE_DIR: the local run's database (scripts/run.sh): crmactors on 127.0.0.1, user crm.
crm_db_local_run() {
  local state=$1
  if [ ! -f "$state/secrets.env" ]; then
    crm_log "no $state/secrets.env: pass --connection (or CRM_DB_CONNECTION), or start scripts/run.sh once"
    return 2
  fi
  # shellcheck disable=SC1091
  source "$state/secrets.env"
  DB_HOST=127.0.0.1 DB_PORT=${CRM_DB_PORT:-3307} DB_NAME=crmactors DB_USER=crm DB_PASSWORD=$CRM_DB_PASSWORD
}

# crm_db_option_file DIR: writes DIR/client.cnf (mode 600) for the mariadb client tools; prints its path.
crm_db_option_file() {
  local file="$1/client.cnf"
  (
    umask 077
    printf '[client]\nhost=%s\nport=%s\nuser=%s\npassword="%s"\nprotocol=tcp\n' "$DB_HOST" "$DB_PORT" "$DB_USER" "${DB_PASSWORD//\"/\\\"}" >"$file"
  )
  echo "$file"
}

# The client programs' names changed (mysqldump -> mariadb-dump); take whichever is installed.
crm_db_tool() {
  local name
  for name in "$@"; do
    if command -v "$name" >/dev/null 2>&1; then
      echo "$name"
      return 0
    fi
  done
  crm_log "none of $* is installed: apt-get install mariadb-client"
  return 2
}
