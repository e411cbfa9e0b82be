# shellcheck shell=bash
# Sourced helper: locate (or build once) the Temporal server itself and Temporal's SQL schema tool, for the
# production topology (scripts/topology.sh, test/topology). Not the dev server: the real server with PostgreSQL
# persistence, at the version the CLI's go.mod pins (so its module is already in the Go module cache).
#
#   source scripts/lib/temporal-server.sh
#   ensure_temporal_server || exit 1
#   "$TEMPORAL_SERVER" --config-file ... start
#   "$TEMPORAL_SQL_TOOL" --plugin postgres12 ... update-schema --schema-name postgresql/v12/temporal
#
# Resolution order: $TEMPORAL_SERVER and $TEMPORAL_SQL_TOOL when both are executable; then
# $THIDUA_TOOLS_DIR/bin/temporal-server and temporal-sql-tool (default THIDUA_TOOLS_DIR: $HOME/.cache/thidua);
# otherwise both are built from Go modules there (several minutes the first time). The SQL tool carries the server
# module's schema files (schema/postgresql/v12/temporal and visibility) embedded, so no schema directory is needed.
# Messages go to stderr.

THIDUA_TEMPORAL_SERVER_VERSION="1.29.1"
THIDUA_TEMPORAL_SERVER_MIN_GO="1.25"

_temporal_server_log() {
  echo "[temporal-server] $*" >&2
}

_temporal_server_print_help() {
  cat >&2 <<HELP
[temporal-server] Cannot provide the Temporal server ${THIDUA_TEMPORAL_SERVER_VERSION}: $1
[temporal-server] Do one of the following, then run the command again:
[temporal-server]   - install Go >= ${THIDUA_TEMPORAL_SERVER_MIN_GO} (https://go.dev/dl/) with access to the Go module proxy;
[temporal-server]     the server and its SQL tool are then built once into ${THIDUA_TOOLS_DIR:-$HOME/.cache/thidua}/bin;
[temporal-server]   - or set TEMPORAL_SERVER and TEMPORAL_SQL_TOOL to the binaries of a server ${THIDUA_TEMPORAL_SERVER_VERSION} release
[temporal-server]     (temporal-server, temporal-sql-tool).
HELP
}

_temporal_server_go_is_recent_enough() {
  local version major minor want_major want_minor
  version="$(go env GOVERSION 2>/dev/null)" || return 1
  version="${version#go}"
  major="${version%%.*}"
  minor="${version#*.}"
  minor="${minor%%[!0-9]*}"
  want_major="${THIDUA_TEMPORAL_SERVER_MIN_GO%%.*}"
  want_minor="${THIDUA_TEMPORAL_SERVER_MIN_GO#*.}"
  [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] || return 1
  ((major > want_major || (major == want_major && minor >= want_minor)))
}

# Builds both binaries into "$1/bin". A lock file keeps concurrent
# callers from building twice: the second caller waits and then finds the binaries.
_temporal_server_build() {
  local tools_dir="$1"
  local log_file="${tools_dir}/temporal-server-build.log"

  if ! command -v go >/dev/null 2>&1; then
    _temporal_server_print_help "it is not installed and 'go' is not on PATH."
    return 1
  fi
  if ! _temporal_server_go_is_recent_enough; then
    _temporal_server_print_help "$(go env GOVERSION 2>/dev/null || echo 'an unknown Go version') is too old."
    return 1
  fi
  mkdir -p "${tools_dir}/bin"

  (
    if command -v flock >/dev/null 2>&1; then
      if ! flock -n 9; then
        _temporal_server_log "another process is building the Temporal server; waiting for it…"
        flock 9
      fi
    fi
    if [[ -x "${tools_dir}/bin/temporal-server" && -x "${tools_dir}/bin/temporal-sql-tool" ]]; then
      exit 0
    fi

    # `go install` names binaries after their directories (server, sql): build into a scratch GOBIN, then rename.
    staging="$(mktemp -d "${tools_dir}/temporal-server-build.XXXXXX")"
    trap 'rm -rf "$staging"' EXIT
    _temporal_server_log "building Temporal server ${THIDUA_TEMPORAL_SERVER_VERSION} and temporal-sql-tool from Go modules, first time takes several minutes…"
    _temporal_server_log "  target: ${tools_dir}/bin/temporal-server, ${tools_dir}/bin/temporal-sql-tool"
    _temporal_server_log "  log:    ${log_file}"
    started=$SECONDS
    CGO_ENABLED=0 GOBIN="${staging}" go install -v \
      "go.temporal.io/server/cmd/server@v${THIDUA_TEMPORAL_SERVER_VERSION}" \
      "go.temporal.io/server/cmd/tools/sql@v${THIDUA_TEMPORAL_SERVER_VERSION}" >"$log_file" 2>&1 &
    build_pid=$!
    trap 'kill "$build_pid" 2>/dev/null || true; rm -rf "$staging"' EXIT
    last_report=$SECONDS
    while kill -0 "$build_pid" 2>/dev/null; do
      sleep 1
      if ((SECONDS - last_report >= 15)); then
        last_report=$SECONDS
        _temporal_server_log "  still building… $((SECONDS - started))s elapsed, $(wc -l <"$log_file" | tr -d ' ') log lines"
      fi
    done
    if wait "$build_pid"; then
      build_status=0
    else
      build_status=$?
    fi
    trap 'rm -rf "$staging"' EXIT

    if ((build_status != 0)) || [[ ! -x "${staging}/server" || ! -x "${staging}/sql" ]]; then
      _temporal_server_log "go install failed (exit ${build_status}); last lines of ${log_file}:"
      tail -n 20 "$log_file" | sed 's/^/[temporal-server]   /' >&2
      exit 1
    fi
    mv "${staging}/sql" "${tools_dir}/bin/temporal-sql-tool"
    mv "${staging}/server" "${tools_dir}/bin/temporal-server"
    _temporal_server_log "built Temporal server ${THIDUA_TEMPORAL_SERVER_VERSION} and temporal-sql-tool in $((SECONDS - started))s"
  ) 9>"${tools_dir}/temporal-server-build.lock" || {
    _temporal_server_print_help "the build from Go modules failed (see above)."
    return 1
  }
}

ensure_temporal_server() {
  local tools_dir="${THIDUA_TOOLS_DIR:-${HOME}/.cache/thidua}"

  if [[ -n "${TEMPORAL_SERVER:-}" && -f "${TEMPORAL_SERVER}" && -x "${TEMPORAL_SERVER}" &&
    -n "${TEMPORAL_SQL_TOOL:-}" && -f "${TEMPORAL_SQL_TOOL}" && -x "${TEMPORAL_SQL_TOOL}" ]]; then
    export TEMPORAL_SERVER TEMPORAL_SQL_TOOL
    return 0
  fi
  if [[ ! -x "${tools_dir}/bin/temporal-server" || ! -x "${tools_dir}/bin/temporal-sql-tool" ]]; then
    _temporal_server_build "$tools_dir" || return 1
  fi
  export TEMPORAL_SERVER="${tools_dir}/bin/temporal-server"
  export TEMPORAL_SQL_TOOL="${tools_dir}/bin/temporal-sql-tool"
}
