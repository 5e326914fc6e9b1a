#!/usr/bin/env bash
# Mints a token the local web API accepts, at once: the signing key comes from the secrets file that
# scripts/run.sh generated, and the token is signed here with openssl (no build, no dotnet start-up).
#
#   scripts/token.sh --user rep-li --role rep [--tenant demo] [--hours 12]
#
# Roles: rep supervisor manager service marketing admin. The key is read from $CRM_STATE_DIR/secrets.env
# (default .local/secrets.env; scripts/scale.sh keeps its own in .local-scale/), or taken from
# CRM_JWT_SIGNING_KEY when that is set. The token carries the same claims as `crmctl token`
# (tools/crmctl/TokenMinter.cs): sub, tid, role, iss crmactors, aud crmactors-api, iat, nbf, exp; HS256.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//' >&2; }
fail() { echo "token.sh: $*" >&2; exit 2; }

tenant=demo user="" role="" hours=12
while [ $# -gt 0 ]; do
  case "$1" in
    --tenant | --user | --role | --hours)
      [ $# -ge 2 ] || fail "$1 needs a value"
      declare "${1#--}=$2"
      shift 2
      ;;
    -h | --help) usage; exit 0 ;;
    *) usage; fail "unexpected argument '$1'" ;;
  esac
done

# The same rules as the web API's: ids of 1-64 letters, digits, '-', '_' or '.' (so they need no JSON escaping).
id_pattern='^[A-Za-z0-9._-]{1,64}$'
[ -n "$user" ] || { usage; fail "--user is required"; }
[ -n "$role" ] || { usage; fail "--role is required"; }
[[ $tenant =~ $id_pattern ]] || fail "'$tenant' is not a valid tenant id: use 1-64 letters, digits, '-', '_' or '.'"
[[ $user =~ $id_pattern ]] || fail "'$user' is not a valid user id: use 1-64 letters, digits, '-', '_' or '.'"
case "$role" in
  rep | supervisor | manager | service | marketing | admin | ops) ;;
  *) fail "unknown role '$role'; use one of rep, supervisor, manager, service, marketing, admin, ops (the Orleans dashboard only)" ;;
esac
[[ $hours =~ ^[0-9]+$ ]] && [ "$hours" -gt 0 ] || fail "--hours must be a whole number of hours above 0, not '$hours'"

key=${CRM_JWT_SIGNING_KEY:-}
if [ -z "$key" ]; then
  secrets="${CRM_STATE_DIR:-$root/.local}/secrets.env"
  if [ ! -f "$secrets" ]; then
    cat >&2 <<MSG
token.sh: no signing key: $secrets does not exist.
  It is created by the first start of scripts/run.sh (which also prints a token per demo user); start it once.
  Running with another state folder? Point at it: CRM_STATE_DIR=/that/folder scripts/token.sh ...
  (scripts/scale.sh keeps its secrets in .local-scale/.) Or set CRM_JWT_SIGNING_KEY to the web API's Auth:SigningKey.
MSG
    exit 1
  fi
  # Read the one line rather than sourcing the file: nothing in it is run.
  key=$(sed -n 's/^CRM_JWT_SIGNING_KEY=//p' "$secrets" | tail -n 1)
  [ -n "$key" ] || { echo "token.sh: $secrets has no CRM_JWT_SIGNING_KEY line" >&2; exit 1; }
fi
[ "${#key}" -ge 32 ] || { echo "token.sh: the signing key must be at least 32 characters (the web API refuses shorter ones)" >&2; exit 1; }
command -v openssl >/dev/null 2>&1 || { echo "token.sh: openssl is required: sudo apt-get install -y openssl" >&2; exit 1; }

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now=$(date +%s)
header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
payload=$(printf '{"sub":"%s","tid":"%s","role":"%s","iss":"crmactors","aud":"crmactors-api","iat":%d,"nbf":%d,"exp":%d}' \
  "$user" "$tenant" "$role" "$now" "$now" $((now + hours * 3600)) | b64url)
# The key as hex, so no character of it can be read as an openssl option.
hexkey=$(printf '%s' "$key" | od -An -v -tx1 | tr -d ' \n')
signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -mac HMAC -macopt "hexkey:$hexkey" -binary | b64url)
printf '%s.%s.%s\n' "$header" "$payload" "$signature"
