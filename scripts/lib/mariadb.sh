# MariaDB as a plain local process with its own data folder: no systemd, no root once installed.
# Source it; do not run it. Functions return non-zero with a message on failure.

mariadb_ensure_installed() {
  if command -v mariadbd >/dev/null 2>&1 || [ -x /usr/sbin/mariadbd ]; then
    return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "[crm] installing MariaDB (apt-get install mariadb-server mariadb-client)" >&2
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q mariadb-server mariadb-client >/dev/null
    return 0
  fi
  echo "MariaDB is required and not installed. Install it, then run this command again:" >&2
  echo "  sudo apt-get install -y mariadb-server mariadb-client" >&2
  return 1
}

_mariadbd() { command -v mariadbd 2>/dev/null || echo /usr/sbin/mariadbd; }

# Runs the mariadb client as root over the data folder's own socket.
_mariadb_sql() {
  local datadir=$1
  shift
  # Socket authentication: the OS user who initialized the folder is its database superuser.
  mariadb --no-defaults --socket="$datadir/mysqld.sock" -u"$(id -un)" "$@"
}

_mariadb_running() {
  local datadir=$1
  [ -f "$datadir/mysqld.pid" ] && kill -0 "$(cat "$datadir/mysqld.pid")" 2>/dev/null
}

# mariadb_start DATADIR PORT: initializes DATADIR on first use, starts the server on 127.0.0.1:PORT and
# waits until it answers. Reuses a server already running from DATADIR.
mariadb_start() {
  local datadir=$1 port=$2 user_flag=() i
  datadir=$(mkdir -p "$datadir" && cd "$datadir" && pwd)
  [ "$(id -u)" = 0 ] && user_flag=(--user=root)
  if _mariadb_running "$datadir"; then
    return 0
  fi
  if [ ! -d "$datadir/mysql" ]; then
    mariadb-install-db --no-defaults "${user_flag[@]}" --datadir="$datadir" \
      --auth-root-authentication-method=socket --skip-test-db >"$datadir/install.log" 2>&1 \
      || { echo "mariadb-install-db failed; see $datadir/install.log" >&2; return 1; }
  fi
  "$(_mariadbd)" --no-defaults "${user_flag[@]}" --datadir="$datadir" --port="$port" --bind-address=127.0.0.1 \
    --socket="$datadir/mysqld.sock" --pid-file="$datadir/mysqld.pid" --log-error="$datadir/mysqld.err" \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_general_ci --max-connections=500 \
    --max-allowed-packet=64M --skip-name-resolve --innodb-buffer-pool-size="${CRM_MARIADB_BUFFER_POOL:-256M}" \
    ${CRM_MARIADB_OPTIONS:-} >/dev/null 2>&1 &
  # Remembered until the server has written its pid file, so that a stop in between still finds it.
  _mariadb_started_pid=$!
  for ((i = 0; i < 150; i++)); do
    if mariadb-admin --no-defaults --socket="$datadir/mysqld.sock" -u"$(id -un)" ping >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.2
  done
  echo "MariaDB did not start within 30 s; last lines of $datadir/mysqld.err:" >&2
  tail -n 20 "$datadir/mysqld.err" >&2 || true
  return 1
}

# mariadb_stop DATADIR: SIGTERM and wait until the server is gone (also one started a moment ago by mariadb_start
# that has not written its pid file yet).
mariadb_stop() {
  local datadir=$1 pid i
  # The pid file may also be gone because the server is stopping already (say, a signal to the whole process group).
  pid=$(cat "$datadir/mysqld.pid" 2>/dev/null) || pid=
  pid=${pid:-${_mariadb_started_pid:-}}
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 300; i++)); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  echo "MariaDB (pid $pid) did not stop within 30 s" >&2
  return 1
}

# mariadb_running_port DATADIR: prints the port of the server running from DATADIR; fails when none runs.
mariadb_running_port() {
  local datadir=$1
  _mariadb_running "$datadir" || return 1
  _mariadb_sql "$datadir" -N -B -e 'SELECT @@port' 2>/dev/null
}

_sql_quote() { printf "%s" "$1" | sed "s/'/''/g"; }

# mariadb_ensure_user DATADIR DBNAME USER PASSWORD: the application's database and user.
mariadb_ensure_user() {
  local datadir=$1 db=$2 user=$3 password
  password=$(_sql_quote "$4")
  _mariadb_sql "$datadir" <<SQL
CREATE DATABASE IF NOT EXISTS \`$db\` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
CREATE USER IF NOT EXISTS '$user'@'127.0.0.1' IDENTIFIED BY '$password';
CREATE USER IF NOT EXISTS '$user'@'localhost' IDENTIFIED BY '$password';
ALTER USER '$user'@'127.0.0.1' IDENTIFIED BY '$password';
ALTER USER '$user'@'localhost' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON \`$db\`.* TO '$user'@'127.0.0.1';
GRANT ALL PRIVILEGES ON \`$db\`.* TO '$user'@'localhost';
SQL
}

# mariadb_ensure_admin_user DATADIR USER PASSWORD: a user that may create throwaway databases (tests).
mariadb_ensure_admin_user() {
  local datadir=$1 user=$2 password
  password=$(_sql_quote "$3")
  _mariadb_sql "$datadir" <<SQL
CREATE USER IF NOT EXISTS '$user'@'127.0.0.1' IDENTIFIED BY '$password';
ALTER USER '$user'@'127.0.0.1' IDENTIFIED BY '$password';
GRANT ALL PRIVILEGES ON *.* TO '$user'@'127.0.0.1' WITH GRANT OPTION;
SQL
}
