#!/usr/bin/env bash
# README command 1 (`npm run start:all`): installs what is missing and runs the whole system in the foreground:
# Temporal dev server (with its Web UI), PostgreSQL, the worker and the API, with the demo province seeded and its
# demo cycle started. Ctrl-C (or SIGTERM) stops everything. A crashed API or worker is restarted (after 1, 2, 4, 8,
# 16 s), naming it and its log; one that dies a sixth time within 2 minutes, or a dead Temporal or PostgreSQL,
# stops everything with the end of its log.
#
# Data persists between runs (.data/temporal/temporal.sqlite, .data/postgres), so running workflows survive a
# restart. Logs go to .data/logs/{temporal,postgres,worker,api}.log.
#
# Environment (defaults in scripts/env.sh):
#   PORT               API port                                            (3000)
#   TEMPORAL_PORT      Temporal gRPC port, TEMPORAL_UI_PORT its Web UI     (7233, 8233)
#   TEMPORAL_DB_FILE   SQLite file of the dev server                       (.data/temporal/temporal.sqlite)
#   TEMPORAL_ADDRESS   host:port of an existing Temporal cluster: no dev server is started
#   PGPORT, PGDATA_DIR embedded PostgreSQL port and data directory         (5433, .data/postgres)
#   DATABASE_URL       an existing PostgreSQL database: no embedded PostgreSQL is started
#   THIDUA_LOG_DIR     where the logs go                                   (.data/logs)
#   SMTP_URL, SMTP_HOST a real SMTP server: no local mail catcher is started
#   MAIL_SINK_SMTP_PORT, MAIL_SINK_HTTP_PORT the local mail catcher's ports (1025, 1080)
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

# Recorded before env.sh is sourced: env.sh always exports a default DATABASE_URL.
if [[ -z "${THIDUA_POSTGRES_EXTERNAL:-}" ]]; then
  if [[ -n "${DATABASE_URL:-}" ]]; then THIDUA_POSTGRES_EXTERNAL=1; else THIDUA_POSTGRES_EXTERNAL=0; fi
fi
export THIDUA_POSTGRES_EXTERNAL

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=env.sh
source "${script_dir}/env.sh"
# shellcheck source=lib/common.sh
source "${script_dir}/lib/common.sh"
# shellcheck source=lib/temporal-cli.sh
source "${script_dir}/lib/temporal-cli.sh"
# shellcheck source=lib/wait-for.sh
source "${script_dir}/lib/wait-for.sh"
cd "$THIDUA_ROOT"

export PORT="${PORT:-3000}"
export DEMO_PASSWORD="${DEMO_PASSWORD:-thidua-demo-2026}"
# Signing key of the access tokens: generated once and kept with the data, so sessions survive a restart.
if [[ -z "${JWT_SECRET:-}" ]]; then
  mkdir -p "${THIDUA_ROOT}/.data"
  [[ -s "${THIDUA_ROOT}/.data/jwt-secret" ]] || node -e 'console.log(require("crypto").randomBytes(48).toString("base64url"))' >"${THIDUA_ROOT}/.data/jwt-secret"
  JWT_SECRET="$(cat "${THIDUA_ROOT}/.data/jwt-secret")"
fi
export JWT_SECRET
# Key that seals the API's commands to the workflows (the worker verifies it; Temporal never sees it). Kept with the data:
# the Temporal state in .data survives restarts, and a cycle's sealed start must still verify when its history replays.
if [[ -z "${COMMAND_SIGNING_KEY:-}" ]]; then
  mkdir -p "${THIDUA_ROOT}/.data"
  [[ -s "${THIDUA_ROOT}/.data/command-signing-key" ]] ||
    (umask 077 && node -e 'console.log(require("crypto").randomBytes(48).toString("base64url"))' >"${THIDUA_ROOT}/.data/command-signing-key")
  COMMAND_SIGNING_KEY="$(cat "${THIDUA_ROOT}/.data/command-signing-key")"
fi
export COMMAND_SIGNING_KEY
log_dir="${THIDUA_LOG_DIR:-${THIDUA_ROOT}/.data/logs}"
api_url="http://127.0.0.1:${PORT}"
demo_province="BK"
demo_bloc="MTTQ-DT"
demo_year=2020
demo_cycle="cycle.${demo_province}.${demo_bloc}.${demo_year}"
demo_leader="${demo_province}-HLHPN"
demo_member="${demo_province}-LDLD"
own_temporal=0
[[ "$THIDUA_TEMPORAL_EXTERNAL" == "1" ]] || own_temporal=1
own_postgres=0
[[ "$THIDUA_POSTGRES_EXTERNAL" == "1" ]] || own_postgres=1
# Without a real SMTP server the worker's mails go to a local catcher (src/dev/mail-sink.ts) that shows them on a page.
own_mail=0
[[ -n "${SMTP_URL:-}" || -n "${SMTP_HOST:-}" ]] || own_mail=1
MAIL_SINK_SMTP_PORT="${MAIL_SINK_SMTP_PORT:-1025}"
MAIL_SINK_HTTP_PORT="${MAIL_SINK_HTTP_PORT:-1080}"
started_at=$SECONDS

# ---- children: a name, a pid and a log each; stopped API first, then worker, then the servers ----

child_names=()
child_pids=()
child_logs=()
# Each child's command, shell-quoted, to restart it.
child_cmds=()
ticker_pid=""

start_child() {
  local name="$1"
  shift
  spawn "${log_dir}/${name}.log" "$@"
  child_names+=("$name")
  child_pids+=("${THIDUA_CHILD_PIDS[${#THIDUA_CHILD_PIDS[@]} - 1]}")
  child_logs+=("${log_dir}/${name}.log")
  child_cmds+=("$(printf '%q ' "$@")")
}

# Restart times (SECONDS) of each restartable child within the last 2 minutes.
declare -A restarts=()
RESTART_WINDOW=120
RESTART_LIMIT=5

# Child I (the API or the worker) has exited: says so with the end of its log, then starts it again after a backoff
# that doubles with each recent crash; past RESTART_LIMIT crashes within RESTART_WINDOW seconds it gives up.
restart_child() {
  local i="$1" status=0 t recent=()
  local name="${child_names[$i]}" log="${child_logs[$i]}"
  wait "${child_pids[$i]}" 2>/dev/null || status=$?
  for t in ${restarts[$name]:-}; do
    if ((SECONDS - t < RESTART_WINDOW)); then recent+=("$t"); fi
  done
  recent+=("$SECONDS")
  restarts[$name]="${recent[*]}"
  echo >&2
  echo "!! ${name} exited (status ${status}); last lines of ${log}:" >&2
  tail -n 15 "$log" | sed 's/^/!!   /' >&2
  if ((${#recent[@]} > RESTART_LIMIT)); then
    echo "!! ${name} keeps dying (${#recent[@]} times within ${RESTART_WINDOW}s): stopping everything. Its log: ${log}" >&2
    exit 1
  fi
  local delay=$((1 << (${#recent[@]} - 1)))
  echo "!! restarting ${name} in ${delay}s (crash ${#recent[@]} of at most ${RESTART_LIMIT} within ${RESTART_WINDOW}s; log: ${log})" >&2
  sleep "$delay"
  echo "---- restarted by start.sh at $(date -u +%FT%TZ) after exit status ${status} ----" >>"$log"
  eval "setsid ${child_cmds[$i]} >>\"\$log\" 2>&1 &"
  child_pids[i]=$!
  say "${name} restarted (pid ${child_pids[$i]})"
}

# Stops the named children with stop_children (TERM to the process group, KILL after 10 s).
stop_named() {
  local i name stopping=()
  THIDUA_CHILD_PIDS=()
  for name in "$@"; do
    for i in "${!child_names[@]}"; do
      if [[ "${child_names[$i]}" == "$name" ]] && kill -0 "${child_pids[$i]}" 2>/dev/null; then
        THIDUA_CHILD_PIDS+=("${child_pids[$i]}")
        stopping+=("$name")
      fi
    done
  done
  if ((${#stopping[@]} > 0)); then
    say "stopping ${stopping[*]}"
    stop_children
  fi
}

cleanup() {
  local status=$?
  trap '' INT TERM HUP
  if [[ -n "$ticker_pid" ]]; then kill "$ticker_pid" 2>/dev/null || true; fi
  if ((${#child_pids[@]} > 0)); then
    # The API and the worker go first, so that the servers they use are still there while they drain.
    stop_named api
    stop_named worker
    stop_named temporal postgres mail
    say "stopped; logs are in ${log_dir}"
  fi
  exit "$status"
}
trap cleanup EXIT
on_signal() {
  trap '' INT TERM HUP
  say "$1 received"
  exit "$2"
}
trap 'on_signal SIGINT 130' INT
trap 'on_signal SIGTERM 143' TERM
trap 'on_signal SIGHUP 129' HUP

# Exits (stopping the rest) when the named child is no longer running, with the end of its log.
check_alive() {
  local name="$1" i status
  for i in "${!child_names[@]}"; do
    [[ "${child_names[$i]}" == "$name" ]] || continue
    if ! kill -0 "${child_pids[$i]}" 2>/dev/null; then
      status=0
      wait "${child_pids[$i]}" 2>/dev/null || status=$?
      echo >&2
      echo "!! ${name} exited (status ${status}); last lines of ${child_logs[$i]}:" >&2
      tail -n 30 "${child_logs[$i]}" | sed 's/^/!!   /' >&2
      exit 1
    fi
  done
}

# wait_until LABEL CHILD TIMEOUT COMMAND...: runs COMMAND until it succeeds, while CHILD is alive.
wait_until() {
  local label="$1" child="$2" timeout="$3" start=$SECONDS last_report=$SECONDS
  shift 3
  echo "waiting for ${label} (up to ${timeout}s)…" >&2
  until "$@"; do
    check_alive "$child"
    if ((SECONDS - start >= timeout)); then
      echo "!! ${label}: not ready after ${timeout}s; see ${log_dir}/${child}.log" >&2
      exit 1
    fi
    if ((SECONDS - last_report >= 5)); then
      echo "  still waiting for ${label} ($((SECONDS - start))s)…" >&2
      last_report=$SECONDS
    fi
    sleep 0.5
  done
  echo "${label}: ready after $((SECONDS - start))s" >&2
}

# Runs a command in the foreground and prints the elapsed time every 10 s while it runs.
with_ticker() {
  local label="$1" status=0
  shift
  (
    elapsed=0
    while sleep 1; do
      elapsed=$((elapsed + 1))
      if ((elapsed % 10 == 0)); then echo "  … ${label}: ${elapsed}s" >&2; fi
    done
  ) &
  ticker_pid=$!
  "$@" || status=$?
  kill "$ticker_pid" 2>/dev/null || true
  wait "$ticker_pid" 2>/dev/null || true
  ticker_pid=""
  return "$status"
}

# ---- HTTP: curl when installed, node's fetch otherwise. Sets HTTP_STATUS ("000" when unreachable), HTTP_BODY ----

HTTP_STATUS=""
HTTP_BODY=""
# As USER (logged in with the demo password) when given; anonymous otherwise (health).
api_request() {
  local method="$1" path="$2" body="${3:-}" user="${4:-}" out
  # shellcheck disable=SC2016 # JavaScript, not shell
  out="$(node -e '
    const [method, base, path, body, user, password] = process.argv.slice(1);
    const call = (m, p, b, token) =>
      fetch(base + p, {
        method: m,
        headers: { ...(b ? { "content-type": "application/json" } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: b || undefined,
        signal: AbortSignal.timeout(30000),
      });
    (async () => {
      let token;
      if (user) {
        const login = await call("POST", "/v1/auth/login", JSON.stringify({ username: user, password }));
        if (login.status !== 200) return console.log(`${await login.text()}\n${login.status}`);
        token = (await login.json()).accessToken;
      }
      const r = await call(method, path, body, token);
      console.log(`${await r.text()}\n${r.status}`);
    })().catch(() => console.log("\n000"));
  ' "$method" "$api_url" "$path" "$body" "$user" "$DEMO_PASSWORD")"
  HTTP_STATUS="${out##*$'\n'}"
  HTTP_BODY="${out%$'\n'*}"
}

api_is_healthy() {
  api_request GET /v1/health/ready
  [[ "$HTTP_STATUS" == "200" ]]
}

postgres_is_ready() { grep -q '^postgres ready ' "${log_dir}/postgres.log" 2>/dev/null; }
worker_is_polling() { grep -q 'worker: polling' "${log_dir}/worker.log" 2>/dev/null; }

# ---- ports: refuse early, naming the variable to change ----

busy=()
other_ports=()
check_port() {
  if port_is_open 127.0.0.1 "$1"; then
    busy+=("port $1 (${2}, ${3}) is already in use")
    other_ports+=("${2}=$(($1 + 1))")
  fi
}
check_port "$PORT" PORT "the API"
if ((own_temporal)); then
  check_port "$TEMPORAL_PORT" TEMPORAL_PORT "the Temporal dev server"
  [[ "$TEMPORAL_HEADLESS" == "1" ]] || check_port "$TEMPORAL_UI_PORT" TEMPORAL_UI_PORT "the Temporal Web UI"
fi
if ((own_postgres)); then check_port "$PGPORT" PGPORT "PostgreSQL"; fi
if ((own_mail)); then
  check_port "$MAIL_SINK_SMTP_PORT" MAIL_SINK_SMTP_PORT "the mail catcher's SMTP"
  check_port "$MAIL_SINK_HTTP_PORT" MAIL_SINK_HTTP_PORT "the mail catcher's page"
fi
if ((${#busy[@]} > 0)); then
  {
    echo
    printf '!! %s\n' "${busy[@]}"
    echo "!! Is an earlier 'npm run start:all' still running? Stop it (Ctrl-C in its terminal), or choose other ports:"
    echo "!!   ${other_ports[*]} npm run start:all"
  } >&2
  exit 1
fi

# ---- 1. tools ----

ensure_node_modules
ensure_libreoffice
if ((own_temporal)); then
  say "locating the Temporal CLI (built from Go modules the first time: several minutes)"
  ensure_temporal_cli
  echo "Temporal CLI: ${TEMPORAL_CLI}" >&2
fi

# ---- 2-4. servers (started first, they boot while TypeScript compiles) ----

mkdir -p "$log_dir"
if ((own_temporal)); then
  say "starting the Temporal dev server on 127.0.0.1:${TEMPORAL_PORT} (data: ${TEMPORAL_DB_FILE}; log: ${log_dir}/temporal.log)"
  start_child temporal "${script_dir}/temporal-dev.sh"
else
  say "using the existing Temporal cluster at ${TEMPORAL_ADDRESS} (TEMPORAL_ADDRESS was set)"
fi
if ((own_postgres)); then
  say "starting PostgreSQL on 127.0.0.1:${PGPORT} (data: ${PGDATA_DIR}; log: ${log_dir}/postgres.log)"
  # As root, PostgreSQL runs as the system user `postgres`, which must be able to reach the data directory.
  mkdir -p "$(dirname "$PGDATA_DIR")"
  start_child postgres node "${script_dir}/postgres.mjs"
else
  say "using the existing PostgreSQL database from DATABASE_URL"
fi

say "compiling what changed (npm run build: server and web app, each skipped when its output is newer than its sources)"
build_start=$SECONDS
with_ticker "compiling" npm run --silent build
echo "compiled in $((SECONDS - build_start))s" >&2

if ((own_temporal)); then
  say "waiting for the Temporal dev server"
  wait_until "Temporal dev server on 127.0.0.1:${TEMPORAL_PORT}" temporal 90 port_is_open 127.0.0.1 "$TEMPORAL_PORT"
  "${script_dir}/temporal-ensure-search-attributes.sh"
  check_alive temporal
else
  echo "(the search attributes ${THIDUA_SEARCH_ATTRIBUTES[*]} must exist on that cluster:" \
    "scripts/temporal-ensure-search-attributes.sh registers them)" >&2
fi
if ((own_postgres)); then
  say "waiting for PostgreSQL (the first start creates the cluster)"
  wait_until "PostgreSQL on 127.0.0.1:${PGPORT}" postgres 120 postgres_is_ready
fi

# ---- 5. schema and demo data ----

say "applying database migrations"
node dist/src/db/run-migrations.js
say "seeding the demo province (idempotent)"
node dist/src/seed/seed-demo.js

# ---- 6. worker and API ----

if ((own_temporal)) && [[ "$TEMPORAL_HEADLESS" != "1" ]]; then
  export TEMPORAL_UI_URL="http://127.0.0.1:${TEMPORAL_UI_PORT}"
fi
# Links in the mails open the web app here (a production deployment sets its public origin).
export APP_BASE_URL="${APP_BASE_URL:-${api_url}}"
if ((own_mail)); then
  say "starting the mail catcher: SMTP 127.0.0.1:${MAIL_SINK_SMTP_PORT}, mails on http://127.0.0.1:${MAIL_SINK_HTTP_PORT}/ (log: ${log_dir}/mail.log)"
  start_child mail env MAIL_SINK_SMTP_PORT="$MAIL_SINK_SMTP_PORT" MAIL_SINK_HTTP_PORT="$MAIL_SINK_HTTP_PORT" node dist/src/dev/mail-sink.js
  export SMTP_URL="smtp://127.0.0.1:${MAIL_SINK_SMTP_PORT}"
  mail_line="http://127.0.0.1:${MAIL_SINK_HTTP_PORT}/ (local catcher: every mail the worker sends, JSON at /messages; nothing leaves this machine)"
else
  mail_line="sent through ${SMTP_HOST:-the server of SMTP_URL} (SMTP_URL or SMTP_HOST set)"
fi
say "starting the worker (log: ${log_dir}/worker.log) and the API on port ${PORT} (log: ${log_dir}/api.log)"
# NO_COLOR: plain text in the log files. Memory (README: Memory): each process's heap bounds and the allocators'
# settings, the same defaults as docker-compose.yml and the bench; each can be overridden from the environment.
worker_node_options="${NODE_OPTIONS:+$NODE_OPTIONS }${WORKER_NODE_OPTIONS:---max-old-space-size=384 --max-semi-space-size=2}"
api_node_options="${NODE_OPTIONS:+$NODE_OPTIONS }${API_NODE_OPTIONS:---max-old-space-size=256 --max-semi-space-size=4}"
allocator=(MIMALLOC_PURGE_DELAY="${MIMALLOC_PURGE_DELAY:-0}" MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
  MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-131072}" MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-131072}")
start_child worker env NO_COLOR=1 NODE_OPTIONS="$worker_node_options" "${allocator[@]}" node dist/src/worker/main.js
start_child api env NO_COLOR=1 NODE_OPTIONS="$api_node_options" "${allocator[@]}" node dist/src/api/main.js
wait_until "worker (polling ${TEMPORAL_TASK_QUEUE})" worker 120 worker_is_polling
wait_until "API readiness ${api_url}/v1/health/ready" api 90 api_is_healthy

# ---- 7. demo cycle ----

say "starting the demo cycle ${demo_cycle}"
# The demo year (2020) is past: it is the RECORD of that year, each step dated as it happened on paper.
api_request POST /v1/cycles "{\"provinceCode\":\"${demo_province}\",\"blocCode\":\"${demo_bloc}\",\"year\":${demo_year},\"mode\":\"RECORD\"}" admin
case "$HTTP_STATUS" in
  201) echo "demo cycle ${demo_cycle} started" >&2 ;;
  409)
    if [[ "$HTTP_BODY" == *CYCLE_ALREADY_EXISTS* ]]; then
      echo "demo cycle ${demo_cycle} already exists (kept from an earlier run)" >&2
    else
      echo "!! POST /v1/cycles answered 409: ${HTTP_BODY}" >&2
      exit 1
    fi
    ;;
  *)
    echo "!! POST /v1/cycles answered ${HTTP_STATUS}: ${HTTP_BODY}" >&2
    exit 1
    ;;
esac

# ---- 8. what to do next ----

# The demo cycle records a past year: its deadlines are that year's (no timer closes anything in a RECORD), and every
# step carries occurredOn, the day it happened on paper.
pledge_deadline="${demo_year}-02-14T10:00:00Z"
assessment_deadline="${demo_year}-11-30T10:00:00Z"
traces_line="off (set OTEL_EXPORTER_OTLP_ENDPOINT to a collector's OTLP/HTTP address; README, Operations)"
if [[ -n "${OTEL_EXPORTER_OTLP_TRACES_ENDPOINT:-${OTEL_EXPORTER_OTLP_ENDPOINT:-}}" && "${OTEL_SDK_DISABLED:-}" != "true" ]]; then
  traces_line="OTLP/HTTP to ${OTEL_EXPORTER_OTLP_TRACES_ENDPOINT:-${OTEL_EXPORTER_OTLP_ENDPOINT}}, sampler ${OTEL_TRACES_SAMPLER:-parentbased_traceidratio}"
  if [[ -z "${OTEL_TRACES_SAMPLER:-}" || -n "${OTEL_TRACES_SAMPLER_ARG:-}" ]]; then traces_line+=" ${OTEL_TRACES_SAMPLER_ARG:-0.1}"; fi
  if [[ -z "${OTEL_TRACES_SAMPLER:-}" ]]; then traces_line+=" (the default sampler)"; fi
fi
temporal_ui_line="(headless: no Web UI)"
if ((own_temporal)) && [[ "$TEMPORAL_HEADLESS" != "1" ]]; then
  temporal_ui_line="${TEMPORAL_UI_URL}"
elif ((!own_temporal)); then
  temporal_ui_line="(external cluster ${TEMPORAL_ADDRESS})"
fi

cat <<EOF

==> thidua is running (started in $((SECONDS - started_at))s). Ctrl-C stops everything.

  Web app      ${api_url}/app/  (log in with a demo account below)
  API          ${api_url}/v1
  Swagger UI   ${api_url}/docs
  Temporal UI  ${temporal_ui_line}
  Demo cycle   ${demo_cycle} (province ${demo_province}, bloc ${demo_bloc}, year ${demo_year}; Trưởng khối: ${demo_leader})
  Logs         ${log_dir}/{temporal,postgres,worker,api}.log (api and worker: JSON lines, level LOG_LEVEL=${LOG_LEVEL:-info})
  Health       ${api_url}/v1/health/live (process up)  ${api_url}/v1/health/ready (PostgreSQL, Temporal, a worker)
  Metrics      ${api_url}/metrics (Prometheus text)
  Traces       ${traces_line}
  Mail         ${mail_line}

Demo accounts (password ${DEMO_PASSWORD}): admin, kiemtoan (auditor), chuyenvien.bk, truongphong.bk, chutich.bk,
hoidong.bk.1-5, and head.<unit> / focal.<unit> for each unit (e.g. head.bk-hlhpn, the Trưởng khối in ${demo_year}).

Try it. Log in as the Trưởng khối (head of ${demo_leader}) and launch the cycle:

  login() { curl -sS -X POST ${api_url}/v1/auth/login -H 'content-type: application/json' \\
    -d "{\\"username\\":\\"\$1\\",\\"password\\":\\"${DEMO_PASSWORD}\\"}" | node -pe 'JSON.parse(require("fs").readFileSync(0)).accessToken'; }
  LEADER=\$(login head.bk-hlhpn); MEMBER=\$(login head.bk-ldld); ADMIN=\$(login admin)

  curl -sS -X POST ${api_url}/v1/cycles/${demo_cycle}/launch -H "authorization: Bearer \$LEADER" \\
    -H 'content-type: application/json' \\
    -d '{"plan":"Kế hoạch thi đua năm ${demo_year} của Khối thi đua MTTQ và các đoàn thể tỉnh",
         "pledgeText":"Các đơn vị thành viên cam kết hoàn thành xuất sắc nhiệm vụ chính trị năm ${demo_year}",
         "criteria":[{"code":"TC1","name":"Thực hiện nhiệm vụ chính trị được giao","maxPoints":60,"evidenceRequired":true},
                     {"code":"TC2","name":"Xây dựng tổ chức, đoàn kết nội bộ","maxPoints":40,"evidenceRequired":false}],
         "pledgeDeadline":"${pledge_deadline}","selfAssessmentDeadline":"${assessment_deadline}",
         "occurredOn":"${demo_year}-01-15"}'

A member unit (${demo_member}) signs the pledge:

  curl -sS -X POST ${api_url}/v1/cycles/${demo_cycle}/pledges -H "authorization: Bearer \$MEMBER" \\
    -H 'content-type: application/json' -d '{"occurredOn":"${demo_year}-01-20"}'

The state of the cycle and its history:

  curl -sS ${api_url}/v1/cycles/${demo_cycle} -H "authorization: Bearer \$ADMIN"
  curl -sS ${api_url}/v1/cycles/${demo_cycle}/timeline -H "authorization: Bearer \$ADMIN"

EOF

# ---- 9. stay in the foreground until a signal; restart a crashed API or worker; stop when a server dies ----

while true; do
  for i in "${!child_names[@]}"; do
    if kill -0 "${child_pids[$i]}" 2>/dev/null; then continue; fi
    case "${child_names[$i]}" in
      api | worker | mail) restart_child "$i" ;;
      *) check_alive "${child_names[$i]}" ;;
    esac
  done
  sleep 1
done
