#!/usr/bin/env bash
# Restores a backup of scripts/backup.sh into a database that is new or empty, then forgets the silos the backup
# recorded as members (they belong to the cluster that was backed up): silos started on the restored database form
# a new cluster with its grain state, reminders and stored wake-ups, and every deadline armed at the backup fires
# once there. Start the silos with the same Orleans ServiceId as the backed-up system (state is keyed by it).
#
#   scripts/restore.sh --from FILE [--connection CS]
#
# CS names the target database (or CRM_DB_CONNECTION); without either, the local run's (scripts/run.sh). The
# database is created when missing; one that already holds tables is refused (restore never mixes two systems).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/common.sh"
source "$here/lib/dbconnect.sh"
root=$(crm_root)

connection=${CRM_DB_CONNECTION:-}
from=''
while [ $# -gt 0 ]; do
  case "$1" in
    --connection) connection=$2; shift 2 ;;
    --from) from=$2; shift 2 ;;
    -h | --help) sed -n '2,11p' "$0"; exit 0 ;;
    *) crm_log "unknown option $1 (see --help)"; exit 2 ;;
  esac
done
if [ -z "$from" ] || [ ! -f "$from" ]; then
  crm_log "--from FILE: a backup of scripts/backup.sh is required${from:+ ($from does not exist)}"
  exit 2
fi

if [ -n "$connection" ]; then crm_db_from_connection "$connection"; else crm_db_local_run "${CRM_STATE_DIR:-$root/.local}"; fi
client=$(crm_db_tool mariadb mysql)
work=$(mktemp -d "${TMPDIR:-/tmp}/crm-restore.XXXXXX")
trap 'rm -rf "$work"' EXIT
options=$(crm_db_option_file "$work")
sql() { "$client" --defaults-extra-file="$options" -N -B "$@"; }

sql -e "CREATE DATABASE IF NOT EXISTS \`$DB_NAME\` CHARACTER SET utf8mb4"
tables=$(sql -e "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '$DB_NAME'")
if [ "$tables" != 0 ]; then
  crm_log "$DB_NAME on $DB_HOST:$DB_PORT already holds $tables tables; restore into a new or empty database"
  exit 1
fi

crm_log "restoring $from into $DB_NAME on $DB_HOST:$DB_PORT"
gzip -dc "$from" | sql --default-character-set=utf8mb4 "$DB_NAME"
sql "$DB_NAME" -e "DELETE FROM OrleansMembershipTable"
echo "restored: $(sql "$DB_NAME" -e "SELECT COUNT(*) FROM crm_grain_state") grain states, $(sql "$DB_NAME" -e "SELECT COUNT(*) FROM OrleansRemindersTable") reminders into $DB_NAME"
