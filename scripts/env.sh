# shellcheck shell=bash
# Shared defaults for the development scripts. Source it, do not execute it:
#   source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
# Every variable keeps a value already present in the environment, so callers can override any of them.
# Shell options (set -euo pipefail) are left to the calling script.

THIDUA_ROOT="${THIDUA_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
export THIDUA_ROOT

# Where the Temporal CLI binary is cached (shared by all checkouts of the repository).
export THIDUA_TOOLS_DIR="${THIDUA_TOOLS_DIR:-${HOME}/.cache/thidua}"

# Temporal dev server (scripts/temporal-dev.sh).
export TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
export TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
export TEMPORAL_DB_FILE="${TEMPORAL_DB_FILE:-${THIDUA_ROOT}/.data/temporal/temporal.sqlite}"
export TEMPORAL_NAMESPACE="${TEMPORAL_NAMESPACE:-default}"
export TEMPORAL_HEADLESS="${TEMPORAL_HEADLESS:-0}"
export TEMPORAL_TASK_QUEUE="${TEMPORAL_TASK_QUEUE:-thidua-cycles}"

# A TEMPORAL_ADDRESS set before this file is first sourced points at an existing cluster: callers should then
# not start the dev server. The flag is computed once so that sourcing this file again does not flip it.
if [[ -z "${THIDUA_TEMPORAL_EXTERNAL:-}" ]]; then
  if [[ -n "${TEMPORAL_ADDRESS:-}" ]]; then
    THIDUA_TEMPORAL_EXTERNAL=1
  else
    THIDUA_TEMPORAL_EXTERNAL=0
  fi
fi
export THIDUA_TEMPORAL_EXTERNAL
export TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-127.0.0.1:${TEMPORAL_PORT}}"

# Embedded PostgreSQL (scripts/postgres.mjs). PGPORT is also the port psql uses by default.
export PGPORT="${PGPORT:-5433}"
export PGDATA_DIR="${PGDATA_DIR:-${THIDUA_ROOT}/.data/postgres}"
export PG_PERSISTENT="${PG_PERSISTENT:-1}"
export PG_DATABASE="${PG_DATABASE:-thidua}"
export DATABASE_URL="${DATABASE_URL:-postgres://postgres:postgres@127.0.0.1:${PGPORT}/${PG_DATABASE}}"
