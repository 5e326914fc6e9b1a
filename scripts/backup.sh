#!/usr/bin/env bash
# Takes a consistent backup of a running CrmActors database, while it serves: one InnoDB snapshot
# (mariadb-dump --single-transaction), so every table is read as of the same instant: a lead and its assignment,
# its deadline's wake-up and reminder rows are all in the backup or all not. Nothing is locked for writers.
#
#   scripts/backup.sh [--connection CS] [--out FILE]
#
# CS is the database's connection string (or CRM_DB_CONNECTION), the one the silo uses; without either, the local
# run's database (scripts/run.sh; CRM_STATE_DIR, CRM_DB_PORT as for it). FILE defaults to
# backups/crmactors-<UTC time>.sql.gz. It prints the file, its size, and where the binary log stood at the snapshot
# when the server keeps one (the start for point-in-time recovery: docs/OPERATIONS.md, "Backup and restore").
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/lib/common.sh"
source "$here/lib/dbconnect.sh"
root=$(crm_root)

connection=${CRM_DB_CONNECTION:-}
out=''
while [ $# -gt 0 ]; do
  case "$1" in
    --connection) connection=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
    *) crm_log "unknown option $1 (see --help)"; exit 2 ;;
  esac
done

if [ -n "$connection" ]; then crm_db_from_connection "$connection"; else crm_db_local_run "${CRM_STATE_DIR:-$root/.local}"; fi
dump=$(crm_db_tool mariadb-dump mysqldump)
client=$(crm_db_tool mariadb mysql)
out=${out:-$root/backups/crmactors-$(date -u +%Y%m%dT%H%M%SZ).sql.gz}
mkdir -p "$(dirname "$out")"
work=$(mktemp -d "${TMPDIR:-/tmp}/crm-backup.XXXXXX")
trap 'rm -rf "$work" "$out.partial"' EXIT
options=$(crm_db_option_file "$work")

# With a binary log, the dump records its position at the snapshot (as a comment), where a point-in-time
# recovery replays from.
position=()
if [ "$("$client" --defaults-extra-file="$options" -N -B -e "SELECT @@log_bin" 2>/dev/null || echo 0)" = 1 ]; then
  position=(--master-data=2)
fi

crm_log "backing up $DB_NAME on $DB_HOST:$DB_PORT"
# --single-transaction: one consistent snapshot without locking writers; --quick streams rows; --hex-blob keeps
# the model zips and grain state bytes exact. The file is written under another name and renamed when complete,
# so a half-written backup never looks like a backup.
"$dump" --defaults-extra-file="$options" --single-transaction --quick --hex-blob --routines --triggers \
  --default-character-set=utf8mb4 "${position[@]}" "$DB_NAME" | gzip >"$out.partial"
mv "$out.partial" "$out"
echo "backup: $out ($(du -h "$out" | cut -f1))"
if [ ${#position[@]} -gt 0 ]; then
  echo "binary log at the snapshot: $(zcat "$out" | grep -m1 -o "MASTER_LOG_FILE='[^']*', MASTER_LOG_POS=[0-9]*" || echo unknown)"
fi
