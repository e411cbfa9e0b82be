# shellcheck shell=bash
# Sourced helper: locate (or build once) the Temporal CLI, which contains the dev server and the Web UI.
#
#   source scripts/lib/temporal-cli.sh
#   ensure_temporal_cli || exit 1
#   "$TEMPORAL_CLI" server start-dev ...
#
# Resolution order:
#   1. $TEMPORAL_CLI, when it is an executable file;
#   2. `temporal` on PATH;
#   3. $THIDUA_TOOLS_DIR/bin/temporal (default THIDUA_TOOLS_DIR: $HOME/.cache/thidua);
#   4. <repo>/.tools/bin/temporal;
#   5. otherwise build it from Go modules into $THIDUA_TOOLS_DIR/bin (several minutes the first time).
# The official release binaries cannot be downloaded on machines without internet access, while the Go module
# proxy is reachable; CLI tags after 1.5.1 carry a `replace` directive, so `go install pkg@version` refuses them.
# Messages go to stderr so that callers can capture stdout.

THIDUA_TEMPORAL_CLI_VERSION="1.5.1"
THIDUA_TEMPORAL_CLI_MIN_GO="1.23"

# Custom search attributes the workflows use; temporal-dev.sh and temporal-ensure-search-attributes.sh read them.
# shellcheck disable=SC2034 # used by the scripts that source this file
THIDUA_SEARCH_ATTRIBUTES=(
  "ThiduaProvince=Keyword"
  "ThiduaBloc=Keyword"
  "ThiduaYear=Int"
  "ThiduaPhase=Keyword"
)

_THIDUA_TEMPORAL_CLI_REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

_temporal_cli_log() {
  echo "[temporal-cli] $*" >&2
}

_temporal_cli_print_help() {
  cat >&2 <<HELP
[temporal-cli] Cannot provide the Temporal CLI: $1
[temporal-cli] Do one of the following, then run the command again:
[temporal-cli]   - install Go >= ${THIDUA_TEMPORAL_CLI_MIN_GO} (https://go.dev/dl/) with access to the Go module proxy;
[temporal-cli]     the CLI ${THIDUA_TEMPORAL_CLI_VERSION} is then built once into ${THIDUA_TOOLS_DIR:-$HOME/.cache/thidua}/bin;
[temporal-cli]   - or set TEMPORAL_CLI=/path/to/temporal (a Temporal CLI ${THIDUA_TEMPORAL_CLI_VERSION} binary);
[temporal-cli]   - or set TEMPORAL_ADDRESS=host:port to use an existing Temporal cluster instead of the dev server.
HELP
}

# Succeeds when the Go toolchain on PATH is at least THIDUA_TEMPORAL_CLI_MIN_GO.
_temporal_cli_go_is_recent_enough() {
  local version major minor want_major want_minor
  version="$(go env GOVERSION 2>/dev/null)" || return 1
  version="${version#go}"
  major="${version%%.*}"
  minor="${version#*.}"
  minor="${minor%%[!0-9]*}"
  want_major="${THIDUA_TEMPORAL_CLI_MIN_GO%%.*}"
  want_minor="${THIDUA_TEMPORAL_CLI_MIN_GO#*.}"
  [[ "$major" =~ ^[0-9]+$ && "$minor" =~ ^[0-9]+$ ]] || return 1
  ((major > want_major || (major == want_major && minor >= want_minor)))
}

# Builds the CLI into "$1/bin/temporal". A lock file keeps concurrent callers from building twice: the second
# caller waits and then finds the binary.
_temporal_cli_build() {
  local tools_dir="$1"
  local target="${tools_dir}/bin/temporal"
  local log_file="${tools_dir}/temporal-cli-build.log"

  if ! command -v go >/dev/null 2>&1; then
    _temporal_cli_print_help "it is not installed and 'go' is not on PATH."
    return 1
  fi
  if ! _temporal_cli_go_is_recent_enough; then
    _temporal_cli_print_help "$(go env GOVERSION 2>/dev/null || echo 'an unknown Go version') is too old."
    return 1
  fi
  mkdir -p "${tools_dir}/bin"

  (
    if command -v flock >/dev/null 2>&1; then
      if ! flock -n 9; then
        _temporal_cli_log "another process is building the Temporal CLI; waiting for it…"
        flock 9
      fi
    fi
    if [[ -x "$target" ]]; then
      exit 0
    fi

    _temporal_cli_log "building Temporal CLI ${THIDUA_TEMPORAL_CLI_VERSION} from Go modules, first time takes several minutes…"
    _temporal_cli_log "  target: ${target}"
    _temporal_cli_log "  log:    ${log_file}"
    CGO_ENABLED=0 GOBIN="${tools_dir}/bin" go install -v \
      -ldflags "-X github.com/temporalio/cli/temporalcli.Version=${THIDUA_TEMPORAL_CLI_VERSION}" \
      "github.com/temporalio/cli/cmd/temporal@v${THIDUA_TEMPORAL_CLI_VERSION}" >"$log_file" 2>&1 &
    build_pid=$!
    trap 'kill "$build_pid" 2>/dev/null || true' EXIT

    started=$SECONDS
    last_report=$SECONDS
    while kill -0 "$build_pid" 2>/dev/null; do
      sleep 1
      if ((SECONDS - last_report >= 15)); then
        last_report=$SECONDS
        _temporal_cli_log "  still building… $((SECONDS - started))s elapsed, $(wc -l <"$log_file" | tr -d ' ') log lines"
      fi
    done
    if wait "$build_pid"; then
      build_status=0
    else
      build_status=$?
    fi
    trap - EXIT

    if ((build_status != 0)) || [[ ! -x "$target" ]]; then
      _temporal_cli_log "go install failed (exit ${build_status}); last lines of ${log_file}:"
      tail -n 20 "$log_file" | sed 's/^/[temporal-cli]   /' >&2
      exit 1
    fi
    _temporal_cli_log "built $("$target" --version) in $((SECONDS - started))s"
  ) 9>"${tools_dir}/temporal-cli-build.lock" || {
    _temporal_cli_print_help "the build from Go modules failed (see above)."
    return 1
  }
}

ensure_temporal_cli() {
  local tools_dir="${THIDUA_TOOLS_DIR:-${HOME}/.cache/thidua}"
  local candidate

  if [[ -n "${TEMPORAL_CLI:-}" ]]; then
    if [[ -f "$TEMPORAL_CLI" && -x "$TEMPORAL_CLI" ]]; then
      export TEMPORAL_CLI
      return 0
    fi
    _temporal_cli_log "TEMPORAL_CLI=${TEMPORAL_CLI} is not an executable file; looking elsewhere"
  fi

  if candidate="$(type -P temporal)"; then
    export TEMPORAL_CLI="$candidate"
    return 0
  fi

  for candidate in "${tools_dir}/bin/temporal" "${_THIDUA_TEMPORAL_CLI_REPO_ROOT}/.tools/bin/temporal"; do
    if [[ -f "$candidate" && -x "$candidate" ]]; then
      export TEMPORAL_CLI="$candidate"
      return 0
    fi
  done

  _temporal_cli_build "$tools_dir" || return 1
  export TEMPORAL_CLI="${tools_dir}/bin/temporal"
}
