#!/usr/bin/env bash
# Temporal's Java test server (time skipping), resolved once from Maven Central into $THIDUA_TOOLS_DIR (see
# scripts/lib/temporal-test-server.sh).
#   scripts/temporal-test-server.sh --path     resolves it if needed and prints the cached wrapper's path
#   scripts/temporal-test-server.sh <port>     resolves it if needed and runs it in the foreground
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=env.sh
source "${script_dir}/env.sh"
# shellcheck source=lib/temporal-test-server.sh
source "${script_dir}/lib/temporal-test-server.sh"

ensure_temporal_test_server
if [[ "${1:-}" == "--path" ]]; then
  echo "$TEMPORAL_TEST_SERVER"
  exit 0
fi
exec "$TEMPORAL_TEST_SERVER" "$@"
