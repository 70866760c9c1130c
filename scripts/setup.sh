#!/usr/bin/env bash
# Installs what Suivi CESP needs to build, run and test, when it is missing.
# Sourced by scripts/run and scripts/test; safe to run again (it only adds what lacks).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

# Debian packages:
#   libwebkit2gtk-4.1-dev  WebKitGTK, GTK and libsoup headers for Tauri's webview (build)
#   build-essential pkg-config  C compiler for SQLite (bundled) and the -sys crates
#   libssl-dev             OpenSSL headers, needed by cargo install tauri-driver
#   xvfb xauth             a virtual display for the end-to-end tests (xvfb-run needs xauth)
#   webkit2gtk-driver      WebKitWebDriver, driven by tauri-driver in the end-to-end tests
#   poppler-utils          pdftotext/pdftoppm to check generated PDFs in tests
#   curl ca-certificates   used by npm/cargo on a minimal machine
#   python3                measures the peak memory of the CLI in tests/hostile.rs
#   python3-pypdf, qpdf    fill the fillable sheets and check their structure with tools the
#                          project did not write (tests/followup.rs, tests/e2e/returns.test.mjs)
APT_PACKAGES=(libwebkit2gtk-4.1-dev build-essential pkg-config libssl-dev xvfb xauth webkit2gtk-driver poppler-utils curl ca-certificates python3 python3-pypdf qpdf)

log() { printf '\033[1;34m==>\033[0m %s\n' "$*"; }

install_debian_packages() {
  local missing=()
  for p in "${APT_PACKAGES[@]}"; do
    # No pipe into `grep -q`: under pipefail an early close is a SIGPIPE failure.
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
  done
  if ((${#missing[@]})); then
    log "Paquets Debian manquants : ${missing[*]}"
    if [ "$(id -u)" -ne 0 ]; then
      echo "Lancez ce script en root (ou installez : apt-get install ${missing[*]})" >&2
      exit 1
    fi
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

check_toolchains() {
  if ! command -v cargo >/dev/null; then
    echo "Rust (cargo) est introuvable : installez la chaîne Rust (rustup, version ≥ 1.95) puis relancez." >&2
    exit 1
  fi
  if ! command -v npm >/dev/null || ! command -v node >/dev/null; then
    log "Node.js manquant : installation des paquets Debian nodejs et npm"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
  fi
  local major
  major="$(node -p 'process.versions.node.split(".")[0]')"
  if [ "$major" -lt 20 ]; then
    echo "Node.js $major est trop ancien : Vite demande Node.js ≥ 20." >&2
    exit 1
  fi
}

install_npm_packages() {
  # npm ci installs exactly package-lock.json; skipped when node_modules is already in step.
  if [ ! -f "$ROOT/ui/node_modules/.package-lock.json" ] || [ "$ROOT/ui/package-lock.json" -nt "$ROOT/ui/node_modules/.package-lock.json" ]; then
    log "Installation des paquets npm (ui/)"
    (cd "$ROOT/ui" && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

install_tauri_driver() {
  if ! command -v tauri-driver >/dev/null; then
    log "Installation de tauri-driver (tests de bout en bout)"
    cargo install tauri-driver --version 2.1.0 --locked --quiet
  fi
}

# Builds the front end, then the application with the front end embedded
# (custom-protocol: no dev server needed) and the `cesp` command-line tool.
build_app() {
  log "Construction de l'interface (ui/dist)"
  (cd "$ROOT/ui" && npm run --silent build)
  log "Construction de l'application et de la ligne de commande"
  (cd "$ROOT" && cargo build --quiet -p suivi-cesp --features custom-protocol && cargo build --quiet -p cesp)
}

# The core is also built for Windows (x86_64-pc-windows-gnu, linked by Debian's mingw-w64)
# and its tests run under Debian's Wine: the agencies' laptops run Windows. Wine 8 needs its
# 32-bit part to create a prefix, and lacks bcryptprimitives.dll, which Rust's standard
# library loads for its random numbers: a stand-in is built from scripts/windows/.
# The Windows installer is compiled by Debian's NSIS (makensis).
WINDOWS_TARGET=x86_64-pc-windows-gnu
export WINEPREFIX="$ROOT/target/wine/prefix"
export WINEDEBUG=-all
# No Mono nor Gecko (and so no dialog offering to download them): console programs only.
export WINEDLLOVERRIDES="mscoree,mshtml="

install_windows_tools() {
  local missing=()
  # Read whole before matching: under pipefail, `grep -q` closing a pipe early is a failure.
  local foreign targets
  foreign=" $(dpkg --print-foreign-architectures | tr '\n' ' ') "
  if [[ "$foreign" != *" i386 "* ]]; then
    log "Architecture i386 ajoutée à dpkg (partie 32 bits de Wine)"
    dpkg --add-architecture i386
    apt-get update -qq
  fi
  for p in wine wine64 wine32:i386 gcc-mingw-w64-x86-64 nsis; do
    [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || missing+=("$p")
  done
  if ((${#missing[@]})); then
    log "Paquets Debian manquants pour Windows : ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
  targets=" $(rustup target list --installed | tr '\n' ' ') "
  if [[ "$targets" != *" $WINDOWS_TARGET "* ]]; then
    log "Cible Rust $WINDOWS_TARGET"
    rustup target add "$WINDOWS_TARGET"
  fi
  local dll="$ROOT/target/wine/bcryptprimitives.dll"
  if [ ! -f "$dll" ] || [ "$ROOT/scripts/windows/bcryptprimitives.c" -nt "$dll" ]; then
    mkdir -p "$ROOT/target/wine"
    x86_64-w64-mingw32-gcc -shared -O2 -o "$dll" "$ROOT/scripts/windows/bcryptprimitives.c" -ladvapi32
  fi
  if [ ! -d "$WINEPREFIX/drive_c/windows/system32" ]; then
    log "Préfixe Wine des tests ($WINEPREFIX)"
    DISPLAY= wineboot --init >/dev/null 2>&1 || true
    wineserver -w
  fi
  cp "$dll" "$WINEPREFIX/drive_c/windows/system32/"
  # N: is a mapped network drive for the tests (tests/windows.rs): Wine reports the type
  # its registry gives a drive letter, as Windows does for a share mapped by the agency.
  # /reg:64: `wine reg` is the 32-bit reg.exe, which would write the WOW6432Node view.
  mkdir -p "$ROOT/target/wine/lecteur-reseau"
  ln -sfn "$ROOT/target/wine/lecteur-reseau" "$WINEPREFIX/dosdevices/n:"
  wine reg add 'HKLM\Software\Wine\Drives' /v 'n:' /d network /f /reg:64 >/dev/null
  wineserver -w
}

# Builds the window and the command line for Windows (profile debug or release), then the
# installer with makensis: target/<triple>/<profile>/installateur/Suivi-CESP-<version>-installation.exe.
build_windows_installer() {
  local profile="$1" flags=()
  [ "$profile" = release ] && flags=(--release)
  (cd "$ROOT" && cargo build --quiet "${flags[@]}" -p suivi-cesp --features custom-protocol --target "$WINDOWS_TARGET" \
    && cargo build --quiet "${flags[@]}" -p cesp --bin cesp --target "$WINDOWS_TARGET")
  local out="$ROOT/target/$WINDOWS_TARGET/$profile" version
  version="$(sed -n 's/^version = "\(.*\)"$/\1/p' "$ROOT/Cargo.toml" | head -n 1)"
  # The window's WebView2 loader, which the webview2-com-sys build copies beside the .exe.
  if [ ! -f "$out/WebView2Loader.dll" ]; then
    echo "WebView2Loader.dll manque dans $out : la fenêtre Windows ne pourrait pas démarrer." >&2
    return 1
  fi
  mkdir -p "$out/installateur"
  WINDOWS_INSTALLER="$out/installateur/Suivi-CESP-$version-installation.exe"
  makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DSOURCE="$out" -DICON="$ROOT/icons/icon.ico" \
    -DOUTFILE="$WINDOWS_INSTALLER" "$ROOT/src-tauri/windows/installateur.nsi"
  export WINDOWS_INSTALLER
}

export PATH="$HOME/.cargo/bin:$PATH"
