# shellcheck shell=bash
# Sourced helper: wait until a TCP port accepts connections. Uses bash's /dev/tcp, no netcat needed.
#
#   wait_for_port HOST PORT TIMEOUT_SECONDS LABEL
#
# Prints progress to stderr every 5 seconds and returns non-zero when the timeout expires.

# Returns 0 when one connection attempt to HOST:PORT succeeds within 2 seconds.
port_is_open() {
  local host="$1" port="$2"
  # shellcheck disable=SC2016 # $1 and $2 are expanded by the inner shell
  timeout 2 bash -c 'exec 3<>"/dev/tcp/$1/$2"' _ "$host" "$port" 2>/dev/null
}

wait_for_port() {
  if [[ $# -ne 4 ]]; then
    echo "usage: wait_for_port HOST PORT TIMEOUT_SECONDS LABEL" >&2
    return 2
  fi
  local host="$1" port="$2" timeout_seconds="$3" label="$4"
  local start=$SECONDS elapsed last_report=0

  echo "waiting for ${label} on ${host}:${port} (up to ${timeout_seconds}s)…" >&2
  while true; do
    if port_is_open "$host" "$port"; then
      echo "${label} is accepting connections on ${host}:${port} after $((SECONDS - start))s" >&2
      return 0
    fi
    elapsed=$((SECONDS - start))
    if ((elapsed >= timeout_seconds)); then
      echo "timed out after ${elapsed}s waiting for ${label} on ${host}:${port}" >&2
      return 1
    fi
    if ((elapsed - last_report >= 5)); then
      echo "  still waiting for ${label} on ${host}:${port} (${elapsed}s)…" >&2
      last_report=$elapsed
    fi
    sleep 0.5
  done
}
