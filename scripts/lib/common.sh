# shellcheck shell=bash
# Sourced helpers shared by start.sh and test.sh.

say() { printf '\n==> %s\n' "$*" >&2; }

# A free TCP port on 127.0.0.1, chosen by the kernel.
free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Installs npm packages when node_modules is missing or older than the lock file.
ensure_node_modules() {
  local marker="${THIDUA_ROOT}/node_modules/.package-lock.json"
  if [[ ! -f "$marker" || "${THIDUA_ROOT}/package-lock.json" -nt "$marker" ]]; then
    say "installing npm packages (about a minute the first time)"
    # `npm install` rather than `npm ci`: the lock file here has no entries for other platforms' optional
    # binaries (@swc/core-*), which `npm ci` rejects as out of sync; install follows the lock all the same.
    (cd "$THIDUA_ROOT" && npm install --no-fund --no-audit)
  fi
}

# Kills each recorded background process group, politely first.
THIDUA_CHILD_PIDS=()
stop_children() {
  local pid
  for pid in "${THIDUA_CHILD_PIDS[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${THIDUA_CHILD_PIDS[@]}"; do
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
}

# Runs a command in its own process group in the background and records it for stop_children.
spawn() {
  local log="$1"
  shift
  setsid "$@" >"$log" 2>&1 &
  THIDUA_CHILD_PIDS+=("$!")
}

# Waits for postgres.mjs to print its ready line into LOG.
wait_for_postgres() {
  local log="$1" timeout="${2:-60}" start=$SECONDS
  until grep -q '^postgres ready ' "$log" 2>/dev/null; do
    if ((SECONDS - start > timeout)); then
      echo "PostgreSQL did not start within ${timeout}s; its log:" >&2
      tail -n 30 "$log" >&2
      return 1
    fi
    sleep 0.3
  done
}

# The browser tests (test/e2e) drive Debian's Chromium through playwright-core: browsers cannot be downloaded
# here, so the distribution's package is installed when missing (as root, or through sudo).
ensure_chromium() {
  local chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [[ -x "$chromium" ]] && return 0
  say "installing Chromium for the browser tests (apt-get install chromium, a few minutes the first time)"
  local -a as_root=()
  if [[ "$(id -u)" != "0" ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      as_root=(sudo -n)
    else
      echo "!! ${chromium} is missing and this user cannot install packages (not root, no password-less sudo)." >&2
      echo "!! Install it once with: sudo apt-get install -y --no-install-recommends chromium" >&2
      return 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "!! ${chromium} is missing and apt-get is not available: install Chromium and set CHROMIUM_PATH to its binary." >&2
    return 1
  fi
  if ! { "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update &&
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends chromium; }; then
    echo "!! installing chromium with apt-get failed (see above); the browser tests need ${chromium}." >&2
    return 1
  fi
  [[ -x "$chromium" ]] || {
    echo "!! chromium was installed but ${chromium} does not exist; set CHROMIUM_PATH to its binary." >&2
    return 1
  }
}

# Documents (src/documents) are converted to PDF by LibreOffice headless, from Debian's packages, with fonts that
# carry Vietnamese diacritics: Liberation Serif is metric-compatible with Times New Roman (the Nghị định 30/2020
# font), Carlito/Caladea with Calibri/Cambria. poppler-utils gives the tests pdftotext and pdftoppm.
# Without LibreOffice the API still answers DOCX and refuses PDF with 503 PDF_CONVERTER_UNAVAILABLE, so a failed
# install warns and goes on. The same install brings the sqlite3 shell, which `npm run backup` uses to copy the
# Temporal dev server's database online (src/ops/backup.ts).
THIDUA_LIBREOFFICE_PACKAGES=(libreoffice-writer-nogui fonts-liberation2 fonts-crosextra-carlito fonts-crosextra-caladea
  fonts-dejavu-core poppler-utils sqlite3)
ensure_libreoffice() {
  local soffice="${SOFFICE_PATH:-/usr/bin/soffice}"
  if [[ -x "$soffice" ]] && command -v pdftotext >/dev/null 2>&1 && command -v sqlite3 >/dev/null 2>&1 && fc-list 2>/dev/null | grep -q 'Liberation Serif'; then
    return 0
  fi
  say "installing LibreOffice (writer, headless), fonts and poppler-utils for the documents' PDF (apt-get, a few minutes the first time)"
  local -a as_root=()
  if [[ "$(id -u)" != "0" ]]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      as_root=(sudo -n)
    else
      echo "!! LibreOffice is missing and this user cannot install packages: PDF documents will answer 503." >&2
      echo "!! Install it once with: sudo apt-get install -y --no-install-recommends ${THIDUA_LIBREOFFICE_PACKAGES[*]}" >&2
      return 0
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "!! LibreOffice is missing and apt-get is not available: install it and set SOFFICE_PATH; PDF answers 503 until then." >&2
    return 0
  fi
  if ! { "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update &&
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      "${THIDUA_LIBREOFFICE_PACKAGES[@]}"; }; then
    echo "!! installing LibreOffice with apt-get failed (see above); PDF documents will answer 503." >&2
    return 0
  fi
}
