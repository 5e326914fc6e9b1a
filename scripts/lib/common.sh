# Shared helpers of the scripts in scripts/ and bench/. Source it; do not run it.

crm_root() { cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd; }

crm_log() { printf '\033[1m[crm]\033[0m %s\n' "$*" >&2; }

# The .NET 10 SDK is the one thing we cannot install quietly for every distribution: say exactly how.
crm_ensure_dotnet() {
  if command -v dotnet >/dev/null 2>&1 && dotnet --list-sdks 2>/dev/null | grep -q '^10\.'; then
    return 0
  fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && apt-cache policy dotnet-sdk-10.0 2>/dev/null | grep -q 'Candidate: [0-9]'; then
    crm_log "installing the .NET 10 SDK (apt-get install dotnet-sdk-10.0)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q dotnet-sdk-10.0 >/dev/null
    return 0
  fi
  cat >&2 <<'MSG'
The .NET 10 SDK is required and was not found. Install it, then run this command again:
  Ubuntu 24.04+:  sudo apt-get install -y dotnet-sdk-10.0
  Debian 12:      follow https://learn.microsoft.com/dotnet/core/install/linux-debian (package dotnet-sdk-10.0)
  any Linux:      the dotnet-install script from https://dot.net/v1/dotnet-install.sh with --channel 10.0
MSG
  return 1
}

# A random secret of URL- and shell-safe characters.
crm_secret() { head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c "${1:-40}"; }

# Waits until URL answers 200, or fails after SECONDS (default 60) or when PID dies.
crm_wait_http() {
  local url=$1 pid=$2 seconds=${3:-60} i
  for ((i = 0; i < seconds * 5; i++)); do
    if ! kill -0 "$pid" 2>/dev/null; then
      return 1
    fi
    if curl -fsS -o /dev/null "$url" 2>/dev/null; then
      return 0
    fi
    sleep 0.2
  done
  return 1
}

crm_ensure_curl() {
  command -v curl >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q curl >/dev/null && return 0
  fi
  echo "curl is required: sudo apt-get install -y curl" >&2
  return 1
}

# crm_free_port START [TAKEN...]: prints the first port from START upwards that nothing on 127.0.0.1 listens on
# and that is not one of TAKEN (ports this run chose but has not bound yet).
crm_free_port() {
  local port=$1
  shift
  while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || [[ " $* " == *" $port "* ]]; do
    port=$((port + 1))
  done
  echo "$port"
}

# crm_choose_port VAR WHAT DEFAULT [SETTING]: sets VAR to SETTING when the user gave one (and fails when something
# already listens there), else to the first free port from DEFAULT, so that two checkouts can run side by side.
# Ports chosen earlier in the same run are skipped; a port other than DEFAULT is announced.
_crm_ports_taken=()
crm_choose_port() {
  local var=$1 what=$2 default=$3 setting=${4:-} port
  if [ -n "$setting" ]; then
    if (exec 3<>"/dev/tcp/127.0.0.1/$setting") 2>/dev/null; then
      crm_log "port $setting ($what) is in use by another process; choose another one or leave it unset to get a free one"
      return 1
    fi
    port=$setting
  else
    port=$(crm_free_port "$default" "${_crm_ports_taken[@]}")
    [ "$port" = "$default" ] || crm_log "port $default ($what) is in use; using $port"
  fi
  _crm_ports_taken+=("$port")
  printf -v "$var" '%s' "$port"
}

# crm_cluster_id STATE: the Orleans cluster id of a state folder, made once. The web API finds the silos' gateways
# in the membership table under this id; one id per state folder means a web API can never join the silo of
# another checkout that took over a port one of its own silos used before (same id, same handshake).
crm_cluster_id() {
  local file=$1/cluster-id
  [ -s "$file" ] || echo "crmactors-$(crm_secret 8 | tr '[:upper:]' '[:lower:]')" >"$file"
  cat "$file"
}

# crm_rotate_log FILE: keeps the logs of earlier runs before FILE is written anew: name.log becomes name.1.log, name.1.log
# name.2.log, and so on; CRM_KEEP_LOGS runs are kept in all (default 5: the new one and the four before it).
crm_rotate_log() {
  local file=$1 keep=${CRM_KEEP_LOGS:-5} base i
  base=${file%.log}
  if [ "$keep" -le 1 ]; then
    rm -f "$file"
    return 0
  fi
  rm -f "$base.$((keep - 1)).log"
  for ((i = keep - 2; i >= 1; i--)); do
    if [ -f "$base.$i.log" ]; then
      mv -f "$base.$i.log" "$base.$((i + 1)).log"
    fi
  done
  if [ -f "$file" ]; then
    mv -f "$file" "$base.1.log"
  fi
  return 0
}

# crm_step CMD...: runs a long step (a build, a migration) in its own process group and waits for it. Bash runs a
# trap only once the foreground command has ended, so a step run in the foreground would finish its build before
# Ctrl-C or SIGTERM took effect; waiting on it in the background lets the trap run at once, and crm_stop_step then
# stops the step with every process it started (MSBuild nodes, compilers).
_crm_step_pid=
crm_step() {
  local rc=0
  setsid -w "$@" &
  _crm_step_pid=$!
  wait "$_crm_step_pid" || rc=$?
  _crm_step_pid=
  return "$rc"
}

# crm_stop_step: stops the step crm_step is waiting for, if any (from a trap).
crm_stop_step() {
  local pid=$_crm_step_pid i
  [ -n "$pid" ] || return 0
  _crm_step_pid=
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 100; i++)); do
    _crm_group_alive "$pid" || break
    sleep 0.1
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  return 0
}

# True while a process of group PGID is still running (its leader may be a zombie until it is waited for).
_crm_group_alive() { ps -e -o pgid=,stat= | awk -v g="$1" '$1 == g && $2 !~ /^Z/ { found = 1 } END { exit !found }'; }

# The silo's gen0 allocation budget per GC heap. The runtime sizes it from the CPU cache, which on small VMs
# gives a budget so small that routing decisions meet a gen0 GC every few hundred calls: p99 of a decision
# inside the silo 0.9-1.1 ms at the default, 0.43-0.48 ms at 64 MiB (bench/router-grain.sh, docs/BENCHMARKS.md).
# Only an environment variable sets it (runtimeconfig.json does not); docker/Dockerfile sets the same value.
CRM_SILO_GEN0SIZE=${CRM_SILO_GEN0SIZE:-0x4000000}

# Builds a benchmark project in Release (unless CRM_BENCH_BUILD=0) and prints the path of its dll.
crm_bench_dll() {
  local project=$1 name
  name=$(basename "$project")
  local dll="$project/bin/Release/net10.0/$name.dll"
  if [ "${CRM_BENCH_BUILD:-1}" = 1 ]; then
    crm_log "building $project (Release)"
    dotnet build "$project" -c Release -nologo -v quiet -clp:ErrorsOnly >/dev/null
  fi
  [ -f "$dll" ] || { crm_log "missing $dll (build with: dotnet build $project -c Release)"; return 1; }
  printf '%s\n' "$dll"
}

# Debian packages this script may install as root, or name for the user to install.
_crm_apt_install() {
  local what=$1
  shift
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    crm_log "installing $what (apt-get install $*)"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null
    return 0
  fi
  crm_log "$what is required and not installed. Install it, then run this command again:"
  echo "  sudo apt-get install -y $*" >&2
  return 1
}

# Node.js and npm: the web API's build restores the dashboard's chart library with npm.
crm_ensure_node() {
  command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 && return 0
  _crm_apt_install "Node.js and npm" nodejs npm
}

# Debian's Chromium (and a font with Chinese glyphs) for the dashboard's browser test, and its npm packages.
crm_ensure_browser_test() {
  if ! [ -x /usr/bin/chromium ] || ! fc-list 2>/dev/null | grep -qi "wenquanyi\|noto sans cjk"; then
    _crm_apt_install "Chromium and a Chinese font" chromium fonts-wqy-microhei
  fi
  if [ ! -d "$(crm_root)/tests/browser/node_modules/playwright-core" ]; then
    crm_log "installing the browser test's npm packages (tests/browser)"
    (cd "$(crm_root)/tests/browser" && npm ci --no-audit --no-fund >/dev/null)
  fi
}

# Prints "PID COMMAND" for every process still running whose environment holds CRM_TEST_RUN=MARKER (what the
# test projects of one run started), leaving out the watchers that kill such processes when a test host dies.
crm_leftover_processes() {
  local marker=$1 environ pid cmd
  for environ in /proc/[0-9]*/environ; do
    pid=${environ#/proc/}
    pid=${pid%/environ}
    [ "$pid" = "$$" ] && continue
    { tr '\0' '\n' <"$environ"; } 2>/dev/null | grep -qxF "CRM_TEST_RUN=$marker" || continue
    cmd=$({ tr '\0' ' ' <"/proc/$pid/cmdline"; } 2>/dev/null) || continue
    case "$cmd" in *crm-reaper*|"") continue ;; esac
    echo "$pid $cmd"
  done
}
