#!/usr/bin/env bash
# Runs the Temporal dev server (server 1.29.1 with the Web UI) in the foreground, bound to 127.0.0.1.
# The script execs the server, so its PID is the server's PID and signals reach the server directly.
#
# Environment (defaults in scripts/env.sh):
#   TEMPORAL_PORT       gRPC frontend port            (7233)
#   TEMPORAL_UI_PORT    Web UI port                   (8233)
#   TEMPORAL_DB_FILE    SQLite file for persistence   (<repo>/.data/temporal/temporal.sqlite)
#   TEMPORAL_NAMESPACE  namespace created at launch   (default)
#   TEMPORAL_HEADLESS   1 disables the Web UI         (0)
#   TEMPORAL_CLI        path to the Temporal CLI      (resolved by scripts/lib/temporal-cli.sh)
# Extra arguments are passed on to `temporal server start-dev`.
#
# The Web UI binds 127.0.0.1 with the server. CLI 1.5.1 builds the UI's configuration in code (temporalcli/devserver:
# no flag or dynamic-config key for ui-server's disableWriteActions), so the dev UI keeps its write actions; the
# workflows refuse any update or start the API did not seal (src/shared/command-seal.ts), the UI's included.
#
# Search attributes given with --search-attribute are only registered when a namespace is created. With an
# existing SQLite file, run scripts/temporal-ensure-search-attributes.sh once the server is up.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=env.sh
source "${script_dir}/env.sh"
# shellcheck source=lib/temporal-cli.sh
source "${script_dir}/lib/temporal-cli.sh"

ensure_temporal_cli

mkdir -p "$(dirname "$TEMPORAL_DB_FILE")"

args=(
  server start-dev
  --ip 127.0.0.1
  --port "$TEMPORAL_PORT"
  --ui-port "$TEMPORAL_UI_PORT"
  --db-filename "$TEMPORAL_DB_FILE"
  --namespace "$TEMPORAL_NAMESPACE"
  --log-level warn
  # A bloc's units pledge and vote at the same moment on one cycle workflow: the server's default of 10 updates in
  # flight per workflow makes the 11th and later wait for the client's retry (about a second each); see README.
  --dynamic-config-value "history.maxInFlightUpdates=${THIDUA_MAX_IN_FLIGHT_UPDATES:-64}"
)
for attribute in "${THIDUA_SEARCH_ATTRIBUTES[@]}"; do
  args+=(--search-attribute "$attribute")
done
if [[ "$TEMPORAL_HEADLESS" == "1" ]]; then
  args+=(--headless)
fi

echo "starting Temporal dev server on 127.0.0.1:${TEMPORAL_PORT} (namespace ${TEMPORAL_NAMESPACE}, db ${TEMPORAL_DB_FILE})" >&2
if [[ "$TEMPORAL_HEADLESS" != "1" ]]; then
  echo "Temporal Web UI: http://127.0.0.1:${TEMPORAL_UI_PORT}" >&2
fi
exec "$TEMPORAL_CLI" "${args[@]}" "$@"
