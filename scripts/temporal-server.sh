#!/usr/bin/env bash
# The Temporal server itself (not the dev server) with PostgreSQL persistence, in the foreground: the production
# topology's Temporal, run as a process (README "Beyond one machine"; test/topology starts it this way).
#
#   1. builds or finds temporal-server and temporal-sql-tool (scripts/lib/temporal-server.sh);
#   2. creates the two databases when missing and creates or upgrades their schemas with Temporal's own SQL tool
#      (the schema files of the server module, postgresql/v12/temporal and postgresql/v12/visibility);
#   3. writes the server's config YAML into TEMPORAL_SERVER_CONFIG_DIR and starts the frontend, history, matching and
#      worker services in this one process;
#   4. registers the namespace when missing and the custom search attributes the workflows use;
#   5. prints `temporal server ready <address>` on stdout, then waits; SIGINT/SIGTERM stop the server.
# Running it again on the same databases keeps every workflow (schemas are only upgraded, never reset).
#
# Environment (defaults in scripts/env.sh where they exist):
#   TEMPORAL_PORT                  frontend gRPC port on TEMPORAL_BIND_IP (7233); the server also takes the nine
#                                  ports after it: membership and gRPC of each service, frontend HTTP, metrics
#   TEMPORAL_BIND_IP               address the services bind to and announce to each other (127.0.0.1)
#   TEMPORAL_PG_HOST, TEMPORAL_PG_PORT, TEMPORAL_PG_USER, TEMPORAL_PG_PASSWORD
#                                  PostgreSQL of the server (127.0.0.1, $PGPORT, postgres, postgres)
#   TEMPORAL_PG_DATABASE           persistence database (temporal)
#   TEMPORAL_PG_VISIBILITY_DATABASE visibility database (temporal_visibility)
#   TEMPORAL_HISTORY_SHARDS        number of history shards (4); fixed when the databases are first set up
#   TEMPORAL_NAMESPACE             namespace registered when missing (default)
#   TEMPORAL_NAMESPACE_RETENTION   how long closed workflows are kept (720h)
#   TEMPORAL_SERVER_LOG_LEVEL      debug, info, warn or error (info)
#   TEMPORAL_SERVER_CONFIG_DIR     where the config is written (.data/temporal-server)
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=env.sh
source "${script_dir}/env.sh"
# shellcheck source=lib/temporal-cli.sh
source "${script_dir}/lib/temporal-cli.sh"
# shellcheck source=lib/temporal-server.sh
source "${script_dir}/lib/temporal-server.sh"
# shellcheck source=lib/wait-for.sh
source "${script_dir}/lib/wait-for.sh"

bind_ip="${TEMPORAL_BIND_IP:-127.0.0.1}"
port="${TEMPORAL_PORT}"
pg_host="${TEMPORAL_PG_HOST:-127.0.0.1}"
pg_port="${TEMPORAL_PG_PORT:-${PGPORT}}"
pg_user="${TEMPORAL_PG_USER:-postgres}"
pg_password="${TEMPORAL_PG_PASSWORD:-postgres}"
db="${TEMPORAL_PG_DATABASE:-temporal}"
visibility_db="${TEMPORAL_PG_VISIBILITY_DATABASE:-temporal_visibility}"
shards="${TEMPORAL_HISTORY_SHARDS:-4}"
retention="${TEMPORAL_NAMESPACE_RETENTION:-720h}"
log_level="${TEMPORAL_SERVER_LOG_LEVEL:-info}"
config_dir="${TEMPORAL_SERVER_CONFIG_DIR:-${THIDUA_ROOT}/.data/temporal-server}"

log() { echo "[temporal-server.sh] $*" >&2; }

if ! [[ "$port" =~ ^[0-9]+$ ]] || ((port < 1 || port > 65526)); then
  log "TEMPORAL_PORT must leave room for nine more ports after it, got ${port}"
  exit 1
fi
if ! [[ "$shards" =~ ^[1-9][0-9]*$ ]]; then
  log "TEMPORAL_HISTORY_SHARDS must be a positive integer, got ${shards}"
  exit 1
fi

ensure_temporal_server
ensure_temporal_cli

# ---- 2. databases and schemas (idempotent) ----

sql_tool() {
  "$TEMPORAL_SQL_TOOL" --quiet --plugin postgres12 --endpoint "$pg_host" --port "$pg_port" \
    --user "$pg_user" --password "$pg_password" "$@"
}

# Runs a schema step, showing the tool's log only when the step fails.
schema_step() {
  local output
  if ! output="$(sql_tool "$@" 2>&1)"; then
    log "temporal-sql-tool $* failed:"
    echo "$output" >&2
    exit 1
  fi
}

# create-database leaves an existing database alone.
schema_step --database "$db" create-database
schema_step --database "$visibility_db" create-database
# Version 0.0 creates only the version tables (IF NOT EXISTS); update-schema then applies every versioned step the
# database does not have yet, from the schema files built into the SQL tool.
schema_step --database "$db" setup-schema --version 0.0
schema_step --database "$db" update-schema --schema-name postgresql/v12/temporal
schema_step --database "$visibility_db" setup-schema --version 0.0
schema_step --database "$visibility_db" update-schema --schema-name postgresql/v12/visibility
log "schemas of ${db} and ${visibility_db} are at the server's version (${THIDUA_TEMPORAL_SERVER_VERSION})"

# ---- 3. config and server ----

mkdir -p "$config_dir"
# The password goes into this file: keep it readable by this user only.
umask 077
cat >"${config_dir}/thidua.yaml" <<YAML
# Written by scripts/temporal-server.sh; rewritten on every start.
log:
  stdout: true
  level: ${log_level}
persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: ${shards}
  datastores:
    postgres-default:
      sql:
        pluginName: postgres12
        databaseName: ${db}
        connectAddr: "${pg_host}:${pg_port}"
        connectProtocol: tcp
        user: "${pg_user}"
        password: "${pg_password}"
        maxConns: 20
        maxIdleConns: 20
        maxConnLifetime: 1h
    postgres-visibility:
      sql:
        pluginName: postgres12
        databaseName: ${visibility_db}
        connectAddr: "${pg_host}:${pg_port}"
        connectProtocol: tcp
        user: "${pg_user}"
        password: "${pg_password}"
        maxConns: 5
        maxIdleConns: 5
        maxConnLifetime: 1h
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "${bind_ip}"
  metrics:
    prometheus:
      framework: tally
      timerType: histogram
      listenAddress: "${bind_ip}:$((port + 9))"
services:
  frontend:
    rpc:
      grpcPort: ${port}
      membershipPort: $((port + 1))
      httpPort: $((port + 8))
      bindOnIP: "${bind_ip}"
  history:
    rpc:
      grpcPort: $((port + 2))
      membershipPort: $((port + 3))
      bindOnIP: "${bind_ip}"
  matching:
    rpc:
      grpcPort: $((port + 4))
      membershipPort: $((port + 5))
      bindOnIP: "${bind_ip}"
  worker:
    rpc:
      grpcPort: $((port + 6))
      membershipPort: $((port + 7))
      bindOnIP: "${bind_ip}"
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: active
  currentClusterName: active
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: frontend
      rpcAddress: "${bind_ip}:${port}"
      httpAddress: "${bind_ip}:$((port + 8))"
dcRedirectionPolicy:
  policy: noop
dynamicConfigClient:
  filepath: "${config_dir}/dynamic-config.yaml"
  pollInterval: 60s
YAML
cat >"${config_dir}/dynamic-config.yaml" <<'YAML'
# Written by scripts/temporal-server.sh; settings an operator may change without a restart (polled every minute).
# Every decision of the API is a workflow Update: on by default since 1.25, stated here because nothing works without it.
frontend.enableUpdateWorkflowExecution:
  - value: true
# A bloc's units pledge and vote at the same moment on one cycle workflow: beyond the default of 10 updates in flight
# per workflow the server answers RESOURCE_EXHAUSTED and the client retries about a second later.
history.maxInFlightUpdates:
  - value: 64
YAML
umask 022

address="${bind_ip}:${port}"
log "starting Temporal server ${THIDUA_TEMPORAL_SERVER_VERSION} on ${address} (ports ${port}-$((port + 9)); config ${config_dir}/thidua.yaml)"
# --allow-no-auth: no authorizer, as the dev server; the trust boundary is the network and the command seals
# (README "Security"); production adds mTLS through the config's global.tls section.
"$TEMPORAL_SERVER" --root "$config_dir" --config . --env thidua --allow-no-auth start &
server_pid=$!
stop_server() {
  trap '' INT TERM HUP
  kill -TERM "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  exit "${1:-0}"
}
trap 'stop_server 0' INT TERM HUP
# Whatever ends this script (a failed step under set -e included) ends the server with it: never an orphan.
trap 'kill -TERM "$server_pid" 2>/dev/null || true' EXIT

server_alive() { kill -0 "$server_pid" 2>/dev/null; }

start=$SECONDS
until port_is_open "$bind_ip" "$port"; do
  server_alive || {
    log "the server exited during start-up (see its log above)"
    exit 1
  }
  if ((SECONDS - start > 120)); then
    log "the frontend did not open ${address} within 120s"
    stop_server 1
  fi
  sleep 0.5
done

# ---- 4. namespace and search attributes ----

until "$TEMPORAL_CLI" operator cluster health --address "$address" --command-timeout 5s >/dev/null 2>&1; do
  server_alive || exit 1
  if ((SECONDS - start > 120)); then
    log "the cluster did not report SERVING within 120s"
    stop_server 1
  fi
  sleep 1
done
if "$TEMPORAL_CLI" operator namespace describe --address "$address" --namespace "$TEMPORAL_NAMESPACE" \
  --command-timeout 5s >/dev/null 2>&1; then
  log "namespace ${TEMPORAL_NAMESPACE} already registered"
elif ! "$TEMPORAL_CLI" operator namespace create --address "$address" --namespace "$TEMPORAL_NAMESPACE" \
  --retention "$retention" --command-timeout 10s >&2; then
  log "the namespace ${TEMPORAL_NAMESPACE} could not be registered"
  stop_server 1
fi
TEMPORAL_ADDRESS="$address" TEMPORAL_WAIT_SECONDS=120 "${script_dir}/temporal-ensure-search-attributes.sh" || {
  log "the search attributes could not be registered"
  stop_server 1
}
# With SQL visibility a custom search attribute is an alias in the namespace's record, which each service reads from
# its namespace cache: wait until the frontend accepts a query on every one of them.
probe_query=""
for attribute in "${THIDUA_SEARCH_ATTRIBUTES[@]}"; do
  probe_query+="${probe_query:+ AND }${attribute%%=*} IS NULL"
done
until "$TEMPORAL_CLI" workflow count --address "$address" --namespace "$TEMPORAL_NAMESPACE" \
  --query "$probe_query" --command-timeout 5s >/dev/null 2>&1; do
  server_alive || exit 1
  if ((SECONDS - start > 120)); then
    log "the search attributes are not queryable after 120s (${probe_query})"
    stop_server 1
  fi
  sleep 1
done

log "ready in $((SECONDS - start))s"
echo "temporal server ready ${address}"
status=0
wait "$server_pid" || status=$?
log "the server exited (status ${status})"
exit "$status"
