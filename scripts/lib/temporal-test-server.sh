# shellcheck shell=bash
# Sourced helper: locate (or resolve once from Maven Central) Temporal's Java test server, the time-skipping server
# the `timeskip` jest tier runs against (TestWorkflowEnvironment.createTimeSkipping with an existing-path executable).
#
#   source scripts/lib/temporal-test-server.sh
#   ensure_temporal_test_server || exit 1
#   "$TEMPORAL_TEST_SERVER" <port>          # the SDK starts it itself; this is what it runs
#
# The SDK would download a native build of the test server, which machines without internet access cannot do; Maven
# Central is reachable, so `mvn` resolves io.temporal:temporal-test-server and its dependencies once into
# $THIDUA_TOOLS_DIR/temporal-test-server/<version>/lib, next to a wrapper bin/temporal-test-server that runs
# `java -cp lib/* io.temporal.testserver.TestServer "$@"`. Needs Java ≥ 11 and Maven on PATH the first time.
# Messages go to stderr so that callers can capture stdout.

THIDUA_TEMPORAL_TEST_SERVER_VERSION="1.38.0"

_temporal_test_server_log() {
  echo "[temporal-test-server] $*" >&2
}

# Resolves the jars into "$1" (the version's directory) and writes its wrapper. A lock file keeps concurrent callers
# from resolving twice: the second caller waits and then finds the wrapper.
_temporal_test_server_install() {
  local dir="$1"
  local wrapper="${dir}/bin/temporal-test-server"
  local log_file="${dir}/install.log"
  if ! command -v java >/dev/null 2>&1 || ! command -v mvn >/dev/null 2>&1; then
    _temporal_test_server_log "cannot provide the Java test server: 'java' and 'mvn' must be on PATH (Java >= 11, Maven 3);"
    _temporal_test_server_log "or set TEMPORAL_TEST_SERVER to an executable that runs it as '<executable> <port>'."
    return 1
  fi
  mkdir -p "$dir"
  (
    if command -v flock >/dev/null 2>&1; then
      if ! flock -n 9; then
        _temporal_test_server_log "another process is resolving the Java test server; waiting for it…"
        flock 9
      fi
    fi
    [[ -x "$wrapper" ]] && exit 0

    _temporal_test_server_log "resolving io.temporal:temporal-test-server:${THIDUA_TEMPORAL_TEST_SERVER_VERSION} from Maven Central (once; log: ${log_file})"
    cat >"${dir}/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>thidua</groupId>
  <artifactId>temporal-test-server-runtime</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency>
      <groupId>io.temporal</groupId>
      <artifactId>temporal-test-server</artifactId>
      <version>${THIDUA_TEMPORAL_TEST_SERVER_VERSION}</version>
    </dependency>
  </dependencies>
</project>
POM
    rm -rf "${dir}/lib.partial"
    if ! mvn -B -f "${dir}/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory="${dir}/lib.partial" >"$log_file" 2>&1; then
      _temporal_test_server_log "mvn failed; last lines of ${log_file}:"
      tail -n 20 "$log_file" | sed 's/^/[temporal-test-server]   /' >&2
      exit 1
    fi
    rm -rf "${dir}/lib"
    mv "${dir}/lib.partial" "${dir}/lib"
    mkdir -p "${dir}/bin"
    # exec: the SDK stops the server by signalling the process it started, which must be the JVM itself. The SDK
    # gives the server 5 s to answer; C1 only and the class archive below bring a start to about a second.
    cat >"${wrapper}.tmp" <<WRAPPER
#!/bin/sh
# Temporal's Java test server ${THIDUA_TEMPORAL_TEST_SERVER_VERSION}, resolved by scripts/lib/temporal-test-server.sh.
# Usage: temporal-test-server <port> [--enable-time-skipping]
set -- -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "${dir}/lib/*" io.temporal.testserver.TestServer "\$@"
if [ -f "${dir}/classes.jsa" ]; then set -- -XX:SharedArchiveFile="${dir}/classes.jsa" -Xlog:cds=off -Xlog:cds+dynamic=off "\$@"; fi
exec java "\$@"
WRAPPER
    chmod +x "${wrapper}.tmp"
    _temporal_test_server_archive_classes "$dir" || _temporal_test_server_log "no class archive (slower starts): see ${log_file}"
    mv "${wrapper}.tmp" "$wrapper"
    _temporal_test_server_log "ready: ${wrapper}"
  ) 9>"${dir}.lock"
}

# Runs the server once to write a dynamic class-data archive (AppCDS) of the classes it loads; best effort.
_temporal_test_server_archive_classes() {
  local dir="$1" port pid
  port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
  rm -f "${dir}/classes.jsa"
  java -XX:ArchiveClassesAtExit="${dir}/classes.jsa" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "${dir}/lib/*" \
    io.temporal.testserver.TestServer "$port" >>"${dir}/install.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 300); do
    (echo >"/dev/tcp/127.0.0.1/${port}") 2>/dev/null && break
    sleep 0.1
  done
  sleep 1
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [[ -s "${dir}/classes.jsa" ]]
}

ensure_temporal_test_server() {
  local tools_dir="${THIDUA_TOOLS_DIR:-${HOME}/.cache/thidua}"
  local dir="${tools_dir}/temporal-test-server/${THIDUA_TEMPORAL_TEST_SERVER_VERSION}"
  if [[ -n "${TEMPORAL_TEST_SERVER:-}" ]]; then
    if [[ -f "$TEMPORAL_TEST_SERVER" && -x "$TEMPORAL_TEST_SERVER" ]]; then
      export TEMPORAL_TEST_SERVER
      return 0
    fi
    _temporal_test_server_log "TEMPORAL_TEST_SERVER=${TEMPORAL_TEST_SERVER} is not an executable file; using the cached one"
  fi
  if [[ ! -x "${dir}/bin/temporal-test-server" ]]; then
    _temporal_test_server_install "$dir" || return 1
  fi
  export TEMPORAL_TEST_SERVER="${dir}/bin/temporal-test-server"
}
