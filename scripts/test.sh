#!/usr/bin/env bash
# README command 2: installs what is missing (npm packages, Debian's Chromium for the browser tests, Temporal's Java
# test server for the time-skipping tier, the Temporal server and its SQL tool for the topology tier) and runs the
# whole test suite (typecheck, lint, format, jest: unit, integration, time-skipping, topology, browser) against a real
# Temporal dev server and a real PostgreSQL, both started here on free ports and removed after; the time-skipping tier
# starts its own test server, the topology tier its own Temporal server on that PostgreSQL (scripts/temporal-server.sh).
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=env.sh
source "${script_dir}/env.sh"
# shellcheck source=lib/common.sh
source "${script_dir}/lib/common.sh"
# shellcheck source=lib/temporal-cli.sh
source "${script_dir}/lib/temporal-cli.sh"
# shellcheck source=lib/temporal-server.sh
source "${script_dir}/lib/temporal-server.sh"
# shellcheck source=lib/temporal-test-server.sh
source "${script_dir}/lib/temporal-test-server.sh"
# shellcheck source=lib/wait-for.sh
source "${script_dir}/lib/wait-for.sh"
cd "$THIDUA_ROOT"

ensure_node_modules
ensure_chromium
ensure_libreoffice
say "locating the Temporal CLI"
ensure_temporal_cli
say "locating Temporal's Java test server (the time-skipping tests; resolved from Maven Central the first time)"
ensure_temporal_test_server
say "locating the Temporal server ${THIDUA_TEMPORAL_SERVER_VERSION} and its SQL tool (the topology tier; built from Go modules the first time)"
ensure_temporal_server

work="$(mktemp -d /tmp/thidua-test.XXXXXX)"
# The embedded PostgreSQL runs as the system user `postgres`, which must reach its data directory.
chmod 755 "$work"
cleanup() {
  stop_children
  rm -rf "$work"
}
trap cleanup EXIT

temporal_port="$(free_port)"
pg_port="$(free_port)"
say "starting Temporal dev server on 127.0.0.1:${temporal_port} and PostgreSQL on 127.0.0.1:${pg_port}"
spawn "$work/temporal.log" env TEMPORAL_PORT="$temporal_port" TEMPORAL_UI_PORT="$(free_port)" \
  TEMPORAL_DB_FILE="$work/temporal.sqlite" TEMPORAL_HEADLESS=1 "${script_dir}/temporal-dev.sh"
spawn "$work/postgres.log" env PGPORT="$pg_port" PGDATA_DIR="$work/pg" PG_PERSISTENT=0 PG_DATABASE=thidua \
  node "${script_dir}/postgres.mjs"

say "typecheck, lint and format check (while the servers start)"
npm run --silent typecheck
npm run --silent lint
npm run --silent format:check
say "building (the durability test runs the compiled worker as its own process)"
npm run --silent build

wait_for_port 127.0.0.1 "$temporal_port" 60 "Temporal dev server" || { tail -n 30 "$work/temporal.log" >&2; exit 1; }
wait_for_postgres "$work/postgres.log" 60
TEMPORAL_ADDRESS="127.0.0.1:${temporal_port}" "${script_dir}/temporal-ensure-search-attributes.sh"

say "running jest"
export TEST_DATABASE_URL="postgres://postgres:postgres@127.0.0.1:${pg_port}/thidua"
export TEST_TEMPORAL_ADDRESS="127.0.0.1:${temporal_port}"
export TEMPORAL_CLI TEMPORAL_TEST_SERVER TEMPORAL_SERVER TEMPORAL_SQL_TOOL
# The key the test API and workers seal commands with (test/integration/support/harness.ts); one per run.
COMMAND_SIGNING_KEY="$(node -e 'console.log(require("crypto").randomBytes(48).toString("base64url"))')"
export COMMAND_SIGNING_KEY
status=0
# One jest process runs every file in band: its heap outgrows the default 4 GiB over the whole suite.
NODE_OPTIONS="${NODE_OPTIONS:-} --max-old-space-size=12288" npx jest --runInBand --json --outputFile="$work/jest.json" "$@" || status=$?
# One plain closing line for CI: "jest: N passed, N failed, N skipped".
node -e 'const r=require(process.argv[1]);console.log(`jest: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`)' "$work/jest.json" || true

# A province's year beside raw Temporal at smoke size (npm run bench): it starts its own servers, prints one table and
# asserts nothing about time, only that every bloc's year completed with no refused or failed step. THIDUA_BENCH=0 skips it.
if [[ "${THIDUA_BENCH:-1}" != "0" ]]; then
  say "benchmark at smoke size: 2 blocs x 5 units (npm run bench)"
  bench_status=0
  node "${script_dir}/bench-year.mjs" --blocs 2 --units 5 --probe 10 --no-build || bench_status=$?
  if ((bench_status != 0)); then
    echo "bench: the smoke year did not complete without errors (exit ${bench_status})" >&2
    status=1
  fi
fi
exit "$status"
