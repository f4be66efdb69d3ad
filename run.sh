#!/usr/bin/env bash
# The suite's one entry point on Linux and macOS: bootstraps what a fresh machine lacks, builds, then runs a verb.
#   ./run.sh            run the default catalogue against the embedded BlueJeans stub
#   ./run.sh test       restore, build and run every test (what .ci/run calls)
#   ./run.sh help       every verb
set -euo pipefail
cd "$(dirname "$0")"
ROOT="$(pwd)"
CONFIG="${CONFORMANCE_CONFIG:-Release}"
CLI_PROJECT="harness/Conformance.Cli/Conformance.Cli.csproj"
CLI_DLL="$ROOT/harness/Conformance.Cli/bin/$CONFIG/net10.0/Conformance.Cli.dll"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

say() { printf '[run.sh] %s\n' "$*" >&2; }
fail_setup() { say "$*"; exit 2; }

need_dotnet() {
  command -v dotnet >/dev/null 2>&1 || fail_setup "the .NET SDK is missing: install .NET 10 (global.json pins the version) and run again"
}

as_root() {
  if [ "$(id -u)" = "0" ]; then "$@"; elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo "$@"; else return 1; fi
}

APT_UPDATED=0
apt_install() { # apt_install <command-to-find> <debian-package> <why>
  command -v "$1" >/dev/null 2>&1 && return 0
  command -v apt-get >/dev/null 2>&1 || fail_setup "'$1' is missing ($3) and this machine has no apt-get: install the '$2' package and run again"
  say "installing Debian package '$2' with apt-get ($3)"
  if [ "$APT_UPDATED" = 0 ]; then as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || fail_setup "apt-get update failed: install '$2' yourself (needs root) and run again"; APT_UPDATED=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$2" >/dev/null \
    || fail_setup "could not install '$2' (needs root or passwordless sudo): run 'sudo apt-get install $2' and run again"
}

# CONFORMANCE_SETUP_PLAN=1: print what a verb would set up and run, one line each, and do none of it (a dry run of a
# CI job's commands on a machine that is not its image).
plan() {
  [ "${CONFORMANCE_SETUP_PLAN:-}" = "1" ] || return 1
  printf 'plan: %s\n' "$*"
}

need_chromium() {
  # CONFORMANCE_CHROMIUM names a browser the image already has (a hosted runner's Chrome): nothing to install.
  if [ -n "${CONFORMANCE_CHROMIUM:-}" ]; then plan "use $CONFORMANCE_CHROMIUM" || true; return 0; fi
  plan setup chromium || apt_install chromium chromium "the browser steps drive Debian's Chromium with Playwright"
}
need_xmlsec() { plan setup xmlsec1 || apt_install xmlsec1 xmlsec1 "tests verify signed Responses with an independent tool"; }
need_mellon() {
  plan setup apache2 libapache2-mod-auth-mellon && return 0
  apt_install apache2 apache2 "tests certify a real SAML SP nobody here wrote: Apache httpd with mod_auth_mellon"
  apt_install mellon_create_metadata libapache2-mod-auth-mellon "the real SP's SAML module (mocks/mellon)"
}

need_reference_sp() {
  plan setup reference-sp npm packages && return 0
  local dir="$ROOT/mocks/reference-sp"
  [ -f "$dir/package-lock.json" ] || return 0
  if [ ! -d "$dir/node_modules" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    command -v npm >/dev/null 2>&1 || apt_install npm npm "the reference SP is a Node.js app"
    say "installing the reference SP's npm packages (npm ci)"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) || fail_setup "npm ci failed in mocks/reference-sp"
  fi
}

# True unless the selection leaves every browser scenario out (--exclude-tag browser): chromium is only installed for a
# run that will use it. Portal and sign-in scenarios that open chromium all carry the browser tag.
wants_browser() {
  local previous=""
  for arg in "$@"; do
    case "$previous|$arg" in
      --exclude-tag\|*browser*) return 1 ;;
    esac
    case "$arg" in --exclude-tag=*browser*) return 1 ;; esac
    previous="$arg"
  done
  return 0
}

# build [PROJECT, from the root]: the whole solution (tests, bench) unless a verb needs only the CLI, whose project references everything
# it runs: a fresh ./run.sh compiles no test project, and an up-to-date one checks a third of the projects.
build() {
  local target="${1:-ConformanceSuite.sln}"
  plan build "$target" && return 0
  need_dotnet
  # For tests of this script itself: the solution is already built by the test run that calls it.
  if [ "${CONFORMANCE_NO_BUILD:-}" = "1" ]; then return 0; fi
  say "restoring and building ($CONFIG)"
  dotnet tool restore >/dev/null || fail_setup "dotnet tool restore failed (.config/dotnet-tools.json)"
  dotnet build "$ROOT/$target" -c "$CONFIG" -nologo -v q -clp:ErrorsOnly >&2 || { say "build failed"; exit 3; }
}

# exec: the CLI becomes this process, so a signal sent to run.sh (timeout, CI cancelling) reaches it and nothing is orphaned.
cli() { plan run "$@" && exit 0; exec dotnet "$CLI_DLL" "$@"; }

run_tests() {
  plan test "$@" && return 0
  local results="$ROOT/TestResults"
  rm -rf "$results"
  say "running every test (TRX and coverage in TestResults/)"
  set +e
  dotnet test "$ROOT/ConformanceSuite.sln" -c "$CONFIG" --no-build -nologo -v q \
    --logger "trx" --results-directory "$results" --collect "XPlat Code Coverage" "$@"
  local code=$?
  set -e
  if compgen -G "$results/*/coverage.cobertura.xml" >/dev/null; then
    dotnet tool run reportgenerator "-reports:$results/*/coverage.cobertura.xml" "-targetdir:$ROOT/reports/coverage" \
      "-reporttypes:Html;MarkdownSummaryGithub" "-assemblyfilters:-*.Tests" -verbosity:Warning >/dev/null \
      && say "coverage: reports/coverage/index.html" || say "coverage report could not be generated"
  fi
  "$ROOT/.ci/trx-summary.sh" "$results"
  return $code
}

verb="${1:-}"
case "$verb" in
  test)
    shift
    # What CI runs restores exactly the packages.lock.json files: a drifted dependency fails the build, not a test.
    export CONFORMANCE_LOCKED_RESTORE=1
    need_chromium; need_xmlsec; need_mellon; need_reference_sp; build
    run_tests "$@"
    ;;
  bench)
    shift
    need_chromium; need_reference_sp; build
    plan bench "$@" && exit 0
    dotnet run --project "$ROOT/bench/Conformance.Bench" -c "$CONFIG" --no-build -- "$@"
    ;;
  help|-h|--help|list|validate|schema|idp|--version|report|serve)
    # Nothing here opens a browser or the reference SP: a merge job needs only .NET.
    build "$CLI_PROJECT"
    cli "$@"
    ;;
  *)
    if [ "$verb" = "certify" ] && [ "${2:-}" = "verify" ]; then build "$CLI_PROJECT"; cli "$@"; fi
    if wants_browser "$@"; then need_chromium; fi
    need_reference_sp; build "$CLI_PROJECT"
    cli "$@"
    ;;
esac
