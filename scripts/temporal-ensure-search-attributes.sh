#!/usr/bin/env bash
# Registers the custom search attributes the workflows use on a running Temporal server.
#
# `temporal server start-dev --search-attribute` registers attributes only when it creates a namespace; with a
# persisted SQLite file the namespace already exists on the next start, so attributes added to the list later
# would be missing. This script waits for the server and creates every missing attribute. An attribute that
# already exists with the same type is left alone; one that exists with another type is an error.
#
# Environment (defaults in scripts/env.sh): TEMPORAL_ADDRESS (127.0.0.1:$TEMPORAL_PORT), TEMPORAL_NAMESPACE,
# TEMPORAL_WAIT_SECONDS (60), TEMPORAL_CLI.
set -euo pipefail

script_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=env.sh
source "${script_dir}/env.sh"
# shellcheck source=lib/temporal-cli.sh
source "${script_dir}/lib/temporal-cli.sh"
# shellcheck source=lib/wait-for.sh
source "${script_dir}/lib/wait-for.sh"

ensure_temporal_cli

wait_seconds="${TEMPORAL_WAIT_SECONDS:-60}"
host="${TEMPORAL_ADDRESS%:*}"
port="${TEMPORAL_ADDRESS##*:}"
start=$SECONDS

wait_for_port "$host" "$port" "$wait_seconds" "Temporal frontend"

# The port opens before every service is ready: wait until the namespace answers.
until "$TEMPORAL_CLI" operator namespace describe \
  --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" --command-timeout 5s >/dev/null 2>&1; do
  if ((SECONDS - start >= wait_seconds)); then
    echo "namespace ${TEMPORAL_NAMESPACE} is not available on ${TEMPORAL_ADDRESS} after ${wait_seconds}s" >&2
    exit 1
  fi
  sleep 1
done

# A namespace just registered on a full Temporal server is in its database before it is in the frontend's namespace
# cache (refreshed every few seconds): the list answers "Namespace … is not found" until then, so retry it too.
until existing="$("$TEMPORAL_CLI" operator search-attribute list \
  --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" --command-timeout 10s 2>&1)"; do
  if ((SECONDS - start >= wait_seconds)); then
    echo "cannot list the search attributes of ${TEMPORAL_NAMESPACE} on ${TEMPORAL_ADDRESS} after ${wait_seconds}s: ${existing}" >&2
    exit 1
  fi
  sleep 1
done

for attribute in "${THIDUA_SEARCH_ATTRIBUTES[@]}"; do
  name="${attribute%%=*}"
  type="${attribute#*=}"
  existing_type="$(awk -v name="$name" '$1 == name { print $2 }' <<<"$existing")"
  if [[ "$existing_type" == "$type" ]]; then
    echo "search attribute ${name} (${type}) already registered in namespace ${TEMPORAL_NAMESPACE}" >&2
    continue
  fi
  if [[ -n "$existing_type" ]]; then
    echo "search attribute ${name} exists in namespace ${TEMPORAL_NAMESPACE} as ${existing_type}, expected ${type}" >&2
    exit 1
  fi
  # "already exists" can still come back when another process registered the attribute in the meantime.
  if output="$("$TEMPORAL_CLI" operator search-attribute create \
    --address "$TEMPORAL_ADDRESS" --namespace "$TEMPORAL_NAMESPACE" \
    --name "$name" --type "$type" --command-timeout 10s 2>&1)"; then
    echo "search attribute ${name} (${type}) registered in namespace ${TEMPORAL_NAMESPACE}" >&2
  elif [[ "$output" == *"already exists"* && "$output" != *"different type"* ]]; then
    echo "search attribute ${name} (${type}) already registered in namespace ${TEMPORAL_NAMESPACE}" >&2
  else
    echo "failed to register search attribute ${name} (${type}): ${output}" >&2
    exit 1
  fi
done
