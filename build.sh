#!/usr/bin/env bash
# Builds, serves and tests the Coalition Infographic. `./build.sh help` for usage.
# Installs the tools it needs when they are missing, so a fresh machine works;
# on a second run every install is skipped.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# `cargo install` puts tools here; a non-login shell may not have it on PATH.
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

WASM_TARGET=wasm32-unknown-unknown
WASM_FILE=target/$WASM_TARGET/release/coalition_infographic.wasm
E2E=tests/e2e
ENGINES_E2E=tests/e2e-engines
BENCH=tests/bench
# Most bytes each optimised wasm may take gzipped (gzip -9), checked by `test`: what it
# weighs now plus a small margin, so growth is a decision. The viewer is what every page
# load fetches (the whole page's goal is 90 KB gzip: README, Performance); the full module
# is fetched for a download, a custom dataset or the mount API.
VIEWER_GZIP_BUDGET=64700
WASM_GZIP_BUDGET=128000

usage() {
  cat <<'EOF'
Usage: ./build.sh [COMMAND]

  build         (default) Compile to WebAssembly and assemble the site in dist/.
  serve [PORT]  Build, then serve dist/ at http://127.0.0.1:PORT/ (default 8080).
  test          Everything CI checks: formatting, clippy (native and wasm32),
                native tests, wasm tests in headless Chromium and Firefox, the
                end-to-end browser tests against the built site in Chromium, and
                the cross-engine set in Firefox and WebKit.
  bench [ROUNDS]
                Build, then time the page against the same charts drawn with
                Chart.js in headless Chromium (default 10 rounds). Prints a table
                and writes target/bench.json. A benchmark, not a test: CI only
                checks that its scripts parse.
  help          Show this help.

BASE_URL=https://example.org/coalition/ ./build.sh builds for that address:
the link-preview tags need absolute URLs (default http://127.0.0.1:8080/, or
the serve port). It must be http:// or https:// and end in '/'.

Missing tools are installed when possible: the Rust wasm32 target,
wasm-bindgen-cli (the version in Cargo.lock), wasm-opt (npm's binaryen, via
npm exec), and for tests, as root via apt-get, chromium and chromium-driver,
nginx, libnginx-mod-http-brotli-static, caddy and apache2 for the host configs,
firefox-esr, webkit2gtk-driver (WebKitGTK's WebKitWebDriver and MiniBrowser),
xvfb and xdotool, and geckodriver (cargo install, pinned). A browser that cannot
be installed is said so, and its checks are skipped by name, never passed.
EOF
}

step() { printf '\n==> %s\n' "$*"; }
note() { printf '    %s\n' "$*"; }
die() {
  printf '\nerror: %s\n' "$*" >&2
  exit 1
}
have() { command -v "$1" >/dev/null 2>&1; }

# Runs one announced step; if it fails, says which step it was.
run() {
  local what=$1
  shift
  step "$what"
  "$@" || die "$what failed (ran: $*)"
}

APT_UPDATED=
# Installs Debian packages; fails (without exiting) when not root or without apt.
apt_install() {
  if [ "$(id -u)" -ne 0 ] || ! have apt-get; then
    return 1
  fi
  if [ -z "$APT_UPDATED" ]; then
    apt-get update -qq || return 1
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

ensure_wasm_target() {
  [ -d "$(rustc --print sysroot)/lib/rustlib/$WASM_TARGET" ] && return 0
  step "Installing the Rust target $WASM_TARGET"
  rustup target add "$WASM_TARGET" ||
    die "could not install the Rust target $WASM_TARGET (rustup target add failed)"
}

# The CLI must match the wasm-bindgen crate exactly, or it refuses the module
# ("schema version" error); so the version comes from Cargo.lock.
ensure_wasm_bindgen() {
  local want found
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  [ -n "$want" ] || die "could not read the wasm-bindgen version from Cargo.lock"
  found=$(wasm-bindgen --version 2>/dev/null | awk '{ print $2 }') || true
  [ "$found" = "$want" ] && return 0
  step "Installing wasm-bindgen-cli $want (found: ${found:-none}); this takes a few minutes"
  # Not --locked: the CLI's own lock file names a crate version crates.io lacks.
  cargo install wasm-bindgen-cli --version "$want" ||
    die "could not install wasm-bindgen-cli $want (cargo install failed)"
}

# wasm-opt comes from npm's binaryen at a pinned version: Debian 12's binaryen
# (108) breaks wasm-bindgen's externref table, and the page fails to start.
WASM_OPT_PACKAGE=binaryen@132.0.0
wasm_opt() { npm exec --yes --package="$WASM_OPT_PACKAGE" -- wasm-opt "$@"; }

# The page's JavaScript (the wasm-bindgen glue included, with its doc comments) and CSS
# are served minified: a third of their gzipped bytes. The sources in www/ stay readable.
ESBUILD_PACKAGE=esbuild@0.28.2

# Sets WASM_OPT_SKIPPED to the reason wasm-opt cannot run, if it cannot.
ensure_wasm_opt() {
  WASM_OPT_SKIPPED=
  if ! have npm; then
    WASM_OPT_SKIPPED="npm was not found, so $WASM_OPT_PACKAGE cannot run"
  elif ! wasm_opt --version >/dev/null 2>&1; then
    WASM_OPT_SKIPPED="npm could not fetch $WASM_OPT_PACKAGE"
  fi
}

ensure_browser() {
  have chromium && have chromedriver && return 0
  step "Installing chromium and chromium-driver for the browser tests"
  apt_install chromium chromium-driver ||
    die "could not install chromium and chromium-driver (needs root and apt-get); install both, or the browser tests cannot run"
}

# nginx (with the brotli_static module), Caddy and Apache, which the host-config tests
# start on the loopback address.
ensure_hosts() {
  have nginx && have caddy && have apache2 && [ -f "$NGINX_BROTLI_MODULE" ] && return 0
  step "Installing nginx, its brotli_static module, caddy and apache2 for the host-config tests"
  apt_install nginx libnginx-mod-http-brotli-static caddy apache2 ||
    die "could not install nginx, libnginx-mod-http-brotli-static, caddy and apache2 (needs root and apt-get); install them, or the host-config tests cannot run"
}
NGINX_BROTLI_MODULE=/usr/lib/nginx/modules/ngx_http_brotli_static_module.so

# The site behind nginx and Caddy, each started by the test on the loopback address with
# the configs `coalition hosting` writes: headers, types, encodings, caching, the page drawn.
run_host_tests() {
  step "Host configs behind nginx, Caddy and Apache (node --test tests/hosting/*.test.mjs)"
  NGINX_BROTLI_MODULE=$NGINX_BROTLI_MODULE node --test tests/hosting/*.test.mjs ||
    die "the host-config tests failed (logs: target/hosting-test/)"
}

# Firefox and WebKit, the engines beside Chromium that readers use, for the engine suite;
# geckodriver also runs the wasm tests in Firefox. WebKitGTK's MiniBrowser needs a display:
# Xvfb gives a virtual one, and xdotool gives its window the keyboard focus there.
GECKODRIVER_VERSION=0.37.1
ENGINES_UNAVAILABLE=()

have_minibrowser() {
  local browser
  for browser in /usr/lib/*/webkit2gtk-4.1/MiniBrowser; do
    [ -x "$browser" ] && return 0
  done
  return 1
}

ensure_engines() {
  local packages=()
  have firefox-esr || packages+=(firefox-esr)
  { have WebKitWebDriver && have_minibrowser; } || packages+=(webkit2gtk-driver)
  have xvfb-run || packages+=(xvfb)
  have xdotool || packages+=(xdotool)
  if [ ${#packages[@]} -gt 0 ]; then
    step "Installing ${packages[*]} for the Firefox and WebKit tests"
    apt_install "${packages[@]}" ||
      note "could not install ${packages[*]} (needs root and apt-get): the checks that need them are skipped"
  fi
  local found
  found=$(geckodriver --version 2>/dev/null | awk 'NR == 1 { print $2 }') || true
  if [ "$found" != "$GECKODRIVER_VERSION" ]; then
    step "Installing geckodriver $GECKODRIVER_VERSION (found: ${found:-none}); this takes a few minutes"
    cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked ||
      note "could not install geckodriver $GECKODRIVER_VERSION (cargo install failed): Firefox is not tested"
  fi
  { have firefox-esr && have geckodriver; } || ENGINES_UNAVAILABLE+=("Firefox (firefox-esr, geckodriver)")
  { have WebKitWebDriver && have_minibrowser && have xvfb-run; } ||
    ENGINES_UNAVAILABLE+=("WebKit (webkit2gtk-driver, xvfb)")
  have xdotool || ENGINES_UNAVAILABLE+=("WebKit's keyboard checks (xdotool)")
  return 0
}

ensure_node() {
  have node && have npm && return 0
  die "node and npm were not found; install Node.js 20 or newer with npm, or the end-to-end tests cannot run"
}

# Two modules from one crate: the viewer (charts, tooltips, keys, share links) that the page
# starts with, and the full one (feature `extras`: downloads, custom datasets, mount API).
# Cargo keeps both builds' artifacts, so switching features does not recompile.
build_wasm() {
  rm -rf dist
  run "Compiling the viewer to WebAssembly (release, --no-default-features)" \
    cargo build --release --target "$WASM_TARGET" -p coalition-infographic --lib --no-default-features
  run "Generating the viewer's JavaScript bindings into dist/pkg (viewer.js)" \
    wasm-bindgen --target web --no-typescript --out-dir dist/pkg --out-name viewer "$WASM_FILE"
  run "Compiling the full library to WebAssembly (release)" \
    cargo build --release --target "$WASM_TARGET" -p coalition-infographic --lib
  run "Generating the full module's JavaScript bindings into dist/pkg" \
    wasm-bindgen --target web --no-typescript --out-dir dist/pkg "$WASM_FILE"
  if [ -z "$WASM_OPT_SKIPPED" ]; then
    local wasm
    for wasm in dist/pkg/*_bg.wasm; do
      # The features rustc uses, named in case the module lacks the section
      # that lists them (`strip = true` removes it).
      run "Optimising $wasm for size (wasm-opt -Oz)" \
        wasm_opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int \
        --enable-sign-ext -o "$wasm" "$wasm"
    done
  else
    step "Skipped wasm-opt: $WASM_OPT_SKIPPED; the wasm is not size-optimised"
  fi
}

# Copies the static page next to the generated package.
assemble_site() {
  [ -d www ] || die "could not assemble the site: www/ is missing"
  build_server
  run "Assembling the site into dist/ (tables and figures from the dataset)" target/release/coalition site www dist
  render_previews
  minify_site
  fingerprint_site
  precompress_site
  write_host_configs
}

# After minifying: the modules under names that change with their bytes (dist/assets/),
# which hosts may let browsers keep for a year; every page points there.
fingerprint_site() {
  run "Fingerprinting the modules (dist/assets/NAME.HASH.EXT)" target/release/coalition fingerprint dist
}

# After fingerprinting: FILE.gz and FILE.br beside each text file, which `coalition serve`, nginx
# and Caddy send as they are, so local byte counts are a CDN's.
precompress_site() {
  run "Precompressing the site (dist/**/*.gz, *.br)" target/release/coalition precompress dist
}

# The headers and types of `coalition serve`, for other hosts (README, Hosting):
# dist/_headers and dist/.htaccess, and target/hosting/nginx.conf and Caddyfile.
write_host_configs() {
  run "Writing the host configs (dist/_headers, dist/.htaccess, target/hosting/)" \
    target/release/coalition hosting dist target/hosting
}

minify_site() {
  local files=(dist/*.js dist/*.css dist/pkg/*.js)
  step "Minifying the site's JavaScript and CSS (esbuild --minify)"
  if ! npm exec --yes --package="$ESBUILD_PACKAGE" -- esbuild "${files[@]}" --minify \
    --outdir=dist --outbase=dist --allow-overwrite --log-level=warning; then
    note "skipped: npm could not run $ESBUILD_PACKAGE; the site works, unminified"
  fi
}

# A 1200x630 picture per chart and language for link previews, beside the chart's page
# that `site` wrote (dist/CHART/index.html, dist/fr/CHART/index.html name it in og:image).
render_previews() {
  run "Rendering the link-preview pictures (dist/CHART/preview.png)" \
    target/release/coalition render all --png 'dist/{chart}/preview.png' --width 1200 --height 630
  local lang
  for lang in fr ar; do
    run "Rendering the link-preview pictures in '$lang' (dist/$lang/CHART/preview.png)" \
      target/release/coalition render all --lang "$lang" --png "dist/$lang/{chart}/preview.png" \
      --width 1200 --height 630
  done
}

report_size() {
  local wasm
  step "Size"
  for wasm in dist/pkg/*_bg.wasm; do
    note "$wasm: $(wc -c <"$wasm") bytes, $(gzip -9 -c "$wasm" | wc -c) bytes gzip -9"
  done
}

check_size_budget() {
  local wasm size budget name
  for wasm in dist/pkg/*_bg.wasm; do
    case $wasm in
      */viewer_bg.wasm) budget=$VIEWER_GZIP_BUDGET name=VIEWER_GZIP_BUDGET ;;
      *) budget=$WASM_GZIP_BUDGET name=WASM_GZIP_BUDGET ;;
    esac
    size=$(gzip -9 -c "$wasm" | wc -c)
    if [ "$size" -gt "$budget" ]; then
      die "$wasm is $size bytes gzip -9, over its budget of $budget bytes ($name in build.sh)"
    fi
    note "$wasm: $size bytes gzip -9, within the budget of $budget"
  done
}

cmd_build() {
  ensure_wasm_target
  ensure_wasm_bindgen
  ensure_wasm_opt
  build_wasm
  assemble_site
  report_size
}

build_server() {
  run "Compiling the coalition command (release)" cargo build --release -p coalition-cli --bin coalition
}

cmd_serve() {
  local port=${1:-8080}
  # Link previews name absolute URLs; by default, the ones this server answers at.
  export BASE_URL=${BASE_URL:-http://127.0.0.1:$port/}
  cmd_build
  step "Serving dist/ (Ctrl-C stops)"
  exec target/release/coalition serve dist --port "$port"
}

# Stops the test server, once: by the time the EXIT trap runs, the id of a server stopped
# earlier may belong to another process (ids wrap around at 32768 on a busy machine).
stop_server() {
  if [ -n "${SERVER_PID:-}" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
  if [ -n "${server_out:-}" ]; then
    exec {server_out}<&-
    server_out=
  fi
}

# Serves dist on a free port, logging to $1, and sets SERVER_URL. The server prints one
# "Serving ... at URL" line once it listens; reading it from a pipe means no waiting and no
# fixed port.
start_server() {
  local log=$1 line
  mkdir -p target
  exec {server_out}< <(exec target/release/coalition serve dist --port 0 2>"$log")
  SERVER_PID=$!
  trap stop_server EXIT
  if ! read -r -t 30 line <&"$server_out" || [[ $line != Serving* ]]; then
    die "the test server did not start; its log, $log, says: $(cat "$log")"
  fi
  SERVER_URL=${line##* }
  note "server: $line"
}

# Installs the pinned npm packages of the engine suite when its lock file changed.
npm_install_engines() {
  local stamp=$ENGINES_E2E/node_modules/.package-lock.json
  if [ -f "$stamp" ] && [ ! "$ENGINES_E2E/package-lock.json" -nt "$stamp" ]; then
    return 0
  fi
  run "Installing the engine suite's packages (npm ci)" \
    npm ci --prefix "$ENGINES_E2E" --no-audit --no-fund
}

# The wasm tests again, in headless Firefox: the runner takes the browser its driver names.
run_wasm_firefox() {
  if ! have geckodriver || ! have firefox-esr; then
    step "Skipped the wasm tests in Firefox: firefox-esr or geckodriver is not installed"
    return 0
  fi
  run "Running wasm tests in headless Firefox (cargo test --target $WASM_TARGET, GECKODRIVER)" \
    env -u CHROMEDRIVER GECKODRIVER="$(command -v geckodriver)" cargo test -p coalition-infographic --target "$WASM_TARGET"
}

# The cross-engine set: the built site in Firefox and WebKit, their drawings against
# Chromium's. A browser that is missing has its checks skipped, by name, in the output.
run_e2e_engines() {
  npm_install_engines
  step "End-to-end tests in Firefox and WebKit (node --test $ENGINES_E2E/*.test.mjs)"
  local log=target/e2e-engines-server.log started=$SECONDS
  start_server "$log"
  BASE_URL=$SERVER_URL node --test "$ENGINES_E2E"/*.test.mjs ||
    die "the Firefox and WebKit tests failed (server log: $log; screenshots: $ENGINES_E2E/output/)"
  stop_server
  note "Firefox and WebKit: $((SECONDS - started)) s"
}

# Installs the pinned npm packages only when the lock file changed since the last install.
npm_install_e2e() {
  local stamp=$E2E/node_modules/.package-lock.json
  if [ -f "$stamp" ] && [ ! "$E2E/package-lock.json" -nt "$stamp" ]; then
    return 0
  fi
  run "Installing the end-to-end test packages (npm ci)" \
    npm ci --prefix "$E2E" --no-audit --no-fund
}

run_e2e() {
  npm_install_e2e
  step "End-to-end tests in Chromium (node --test $E2E/*.test.mjs)"
  local log=target/e2e-server.log
  start_server "$log"
  BASE_URL=$SERVER_URL node --test "$E2E"/*.test.mjs ||
    die "the end-to-end tests failed (server log: $log; screenshots: $E2E/output/)"
  stop_server
}

# Installs the benchmark's pinned npm packages (Chart.js, playwright-core) when its lock changed.
npm_install_bench() {
  local stamp=$BENCH/node_modules/.package-lock.json
  if [ -f "$stamp" ] && [ ! "$BENCH/package-lock.json" -nt "$stamp" ]; then
    return 0
  fi
  run "Installing the benchmark packages (npm ci)" \
    npm ci --prefix "$BENCH" --no-audit --no-fund
}

cmd_bench() {
  local rounds=${1:-10} log=target/bench-server.log
  ensure_browser
  ensure_node
  cmd_build
  npm_install_bench
  step "Benchmark: this page against Chart.js, $rounds rounds (node $BENCH/run.mjs)"
  start_server "$log"
  node "$BENCH/run.mjs" --site dist --base "$SERVER_URL" --rounds "$rounds" --out target/bench.json ||
    die "the benchmark could not run (server log: $log)"
  stop_server
}

cmd_test() {
  # Check the tools first, so a missing one fails in seconds, not after the builds.
  ensure_wasm_target
  ensure_wasm_bindgen
  ensure_wasm_opt
  ensure_browser
  ensure_engines
  ensure_node
  ensure_hosts
  # If geckodriver is also installed, the test runner would pick it first.
  export CHROMEDRIVER=${CHROMEDRIVER:-$(command -v chromedriver)}

  run "Checking formatting (cargo fmt --check)" cargo fmt --all -- --check
  run "Linting native code (cargo clippy, both crates)" cargo clippy --workspace --all-targets -- -D warnings
  run "Linting wasm32 code (cargo clippy --all-targets --target $WASM_TARGET)" \
    cargo clippy -p coalition-infographic --all-targets --target "$WASM_TARGET" -- -D warnings
  run "Linting the wasm32 viewer (cargo clippy --target $WASM_TARGET --no-default-features)" \
    cargo clippy -p coalition-infographic --target "$WASM_TARGET" --lib --no-default-features -- -D warnings
  run "Running native tests (cargo test, both crates)" cargo test --workspace
  run "Running wasm tests in headless Chromium (cargo test --target $WASM_TARGET)" \
    cargo test -p coalition-infographic --target "$WASM_TARGET"
  run_wasm_firefox
  build_wasm
  assemble_site
  report_size
  check_size_budget
  step "Checking the benchmark scripts parse (node --check)"
  for script in "$BENCH/run.mjs" "$BENCH/reference/reference.js"; do
    node --check "$script" || die "$script does not parse"
  done
  run_e2e
  run_host_tests
  run_e2e_engines
  step "All checks passed"
  if [ ${#ENGINES_UNAVAILABLE[@]} -gt 0 ]; then
    note "not tested, as not installed: ${ENGINES_UNAVAILABLE[*]}"
  fi
}

case "${1:-build}" in
  build) cmd_build ;;
  serve) cmd_serve "${2:-8080}" ;;
  test) cmd_test ;;
  bench) cmd_bench "${2:-10}" ;;
  help | -h | --help) usage ;;
  *)
    printf 'build.sh: unknown command %s\n\n' "'$1'" >&2
    usage >&2
    exit 2
    ;;
esac
