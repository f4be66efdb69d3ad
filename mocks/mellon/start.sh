#!/usr/bin/env bash
# A real SAML 2.0 SP on loopback: Apache httpd + mod_auth_mellon (Debian packages apache2, libapache2-mod-auth-mellon).
#
#   mocks/mellon/start.sh --idp-metadata FILE [--state-dir DIR] [--port N]
#
# stdout: exactly "listening http://127.0.0.1:PORT", then "logs DIR/logs", once apache answers; then it waits.
# SIGTERM/SIGINT stop apache and exit. If apache dies, the script exits with its status. See README.md.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
APACHE_MODULES=/usr/lib/apache2/modules

usage() {
    echo "usage: $0 --idp-metadata FILE [--state-dir DIR] [--port N]" >&2
    exit 2
}

die() {
    echo "mellon: $*" >&2
    exit 1
}

IDP_METADATA=""
STATE=""
PORT=""
while [ "$#" -gt 0 ]; do
    case "$1" in
        --idp-metadata) [ "$#" -ge 2 ] || usage; IDP_METADATA="$2"; shift 2 ;;
        --state-dir) [ "$#" -ge 2 ] || usage; STATE="$2"; shift 2 ;;
        --port) [ "$#" -ge 2 ] || usage; PORT="$2"; shift 2 ;;
        -h|--help) usage ;;
        *) echo "mellon: unknown argument '$1'" >&2; usage ;;
    esac
done
[ -n "$IDP_METADATA" ] || usage
[ -r "$IDP_METADATA" ] || die "cannot read IdP metadata '$IDP_METADATA'"
grep -q 'IDPSSODescriptor' "$IDP_METADATA" || die "'$IDP_METADATA' has no IDPSSODescriptor: not IdP metadata"

APACHE2="$(command -v apache2 || true)"
[ -n "$APACHE2" ] || APACHE2=/usr/sbin/apache2
[ -x "$APACHE2" ] || die "apache2 is not installed (apt-get install apache2 libapache2-mod-auth-mellon)"
[ -f "$APACHE_MODULES/mod_auth_mellon.so" ] || die "mod_auth_mellon is not installed (apt-get install libapache2-mod-auth-mellon)"
CREATE_METADATA="$(command -v mellon_create_metadata || true)"
[ -n "$CREATE_METADATA" ] || CREATE_METADATA=/usr/sbin/mellon_create_metadata
[ -x "$CREATE_METADATA" ] || die "mellon_create_metadata is not installed (package libapache2-mod-auth-mellon)"

port_in_use() {
    # A connection that succeeds means something listens there.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

if [ -z "$PORT" ]; then
    for _ in $(seq 1 200); do
        candidate=$((20000 + ((RANDOM << 15) | RANDOM) % 40001))
        if ! port_in_use "$candidate"; then
            PORT="$candidate"
            break
        fi
    done
    [ -n "$PORT" ] || die "no free port found on 127.0.0.1 between 20000 and 60000"
else
    [[ "$PORT" =~ ^[0-9]+$ ]] && [ "$PORT" -ge 1 ] && [ "$PORT" -le 65535 ] || die "--port must be 1-65535, not '$PORT'"
    ! port_in_use "$PORT" || die "port $PORT on 127.0.0.1 is already in use"
fi

if [ -z "$STATE" ]; then
    STATE="$(mktemp -d "${TMPDIR:-/tmp}/mellon-sp.XXXXXXXX")"
else
    mkdir -p "$STATE"
    STATE="$(cd "$STATE" && pwd)"
    # The script rewrites (and, as root, chowns) the whole dir: only an empty dir or one of its own.
    if [ -n "$(ls -A "$STATE")" ] && [ ! -f "$STATE/httpd.conf" ] && [ ! -d "$STATE/sp" ]; then
        die "--state-dir '$STATE' is neither empty nor a state dir of this script"
    fi
fi
case "$STATE" in
    *[[:space:]\"\'\\\|\&]*) die "the state dir path must not contain spaces, quotes, '|', '&' or backslashes: '$STATE'" ;;
esac
mkdir -p "$STATE/logs" "$STATE/run" "$STATE/sp" "$STATE/htdocs"

BASE="http://127.0.0.1:$PORT"
ENTITY_ID="$BASE/mellon/metadata"

# SP key, certificate and metadata; kept when the state dir already has them for this entity ID.
if ! { [ -s "$STATE/sp/sp.key" ] && [ -s "$STATE/sp/sp.cert" ] && grep -qF "entityID=\"$ENTITY_ID\"" "$STATE/sp/sp.xml" 2>/dev/null; }; then
    rm -f "$STATE/sp/"*
    if ! out="$(cd "$STATE/sp" && "$CREATE_METADATA" "$ENTITY_ID" "$BASE/mellon" 2>&1)"; then
        echo "$out" >&2
        die "mellon_create_metadata failed"
    fi
    generated="$(echo "$ENTITY_ID" | sed 's/[^0-9A-Za-z.]/_/g' | sed 's/__*/_/g')"
    mv "$STATE/sp/$generated.key" "$STATE/sp/sp.key"
    mv "$STATE/sp/$generated.cert" "$STATE/sp/sp.cert"
    mv "$STATE/sp/$generated.xml" "$STATE/sp/sp.xml"
fi

cp "$IDP_METADATA" "$STATE/idp-metadata.xml"
rm -rf "$STATE/htdocs"
cp -R "$HERE/htdocs" "$STATE/htdocs"
: >>"$STATE/logs/access.log"
: >>"$STATE/logs/error.log"

# Apache will not run its workers as root: as root they run as www-data, which must read the state dir
# (mellon reads the IdP metadata in the workers). The logs are opened by the root parent.
RUN_AS=""
if [ "$(id -u)" = 0 ]; then
    RUN_USER="${MELLON_RUN_USER:-www-data}"
    RUN_GROUP="$(id -gn "$RUN_USER" 2>/dev/null)" || die "user '$RUN_USER' does not exist (set MELLON_RUN_USER)"
    RUN_AS="User $RUN_USER
Group $RUN_GROUP"
    chown -R "$RUN_USER:$RUN_GROUP" "$STATE"
    chmod 0750 "$STATE"
    # Parent directories must let the workers through (a warning only: group or ACL access may also do).
    dir="$(dirname "$STATE")"
    while [ "$dir" != "/" ]; do
        if [ -z "$(find "$dir" -maxdepth 0 -perm -o+x 2>/dev/null)" ]; then
            echo "mellon: warning: '$dir' is not searchable by others; $RUN_USER may not reach the state dir" >&2
        fi
        dir="$(dirname "$dir")"
    done
fi

CONF="$STATE/httpd.conf"
RUN_AS_ESCAPED="$(printf '%s' "$RUN_AS" | sed ':a;N;$!ba;s/\n/\\n/g')"
LOG_LEVEL="${MELLON_LOG_LEVEL:-info}"
case "$LOG_LEVEL" in emerg|alert|crit|error|warn|notice|info|debug|trace[1-8]) ;; *) die "MELLON_LOG_LEVEL must be an Apache log level, not '$LOG_LEVEL'" ;; esac
sed -e "s|@STATE@|$STATE|g" -e "s|@PORT@|$PORT|g" -e "s|@MELLON_LOG_LEVEL@|$LOG_LEVEL|g" -e "s|@RUN_AS@|$RUN_AS_ESCAPED|g" \
    "$HERE/httpd.conf.template" >"$CONF"

# The Debian binary reads these only through its own config, but some builds expect them set.
export APACHE_RUN_DIR="$STATE/run" APACHE_LOCK_DIR="$STATE/run" APACHE_PID_FILE="$STATE/run/httpd.pid"
export APACHE_LOG_DIR="$STATE/logs" APACHE_RUN_USER="${RUN_USER:-$(id -un)}" APACHE_RUN_GROUP="${RUN_GROUP:-$(id -gn)}"
export LANG=C

if ! out="$("$APACHE2" -d "$STATE" -f "$CONF" -t 2>&1)"; then
    echo "$out" >&2
    die "apache rejects $CONF"
fi

APACHE_PID=""
stop() {
    trap - TERM INT EXIT
    if [ -n "$APACHE_PID" ] && kill -0 "$APACHE_PID" 2>/dev/null; then
        kill -TERM "$APACHE_PID" 2>/dev/null || true
        for _ in $(seq 1 100); do
            kill -0 "$APACHE_PID" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$APACHE_PID" 2>/dev/null || true
        wait "$APACHE_PID" 2>/dev/null || true
    fi
}
trap 'stop; exit 0' TERM INT
trap 'stop' EXIT

"$APACHE2" -d "$STATE" -f "$CONF" -DFOREGROUND </dev/null >>"$STATE/logs/error.log" 2>&1 &
APACHE_PID=$!

deadline=$((SECONDS + 20))
until port_in_use "$PORT"; do
    if ! kill -0 "$APACHE_PID" 2>/dev/null; then
        echo "mellon: apache exited before listening on $BASE; error.log:" >&2
        tail -n 30 "$STATE/logs/error.log" >&2 || true
        APACHE_PID=""
        exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
        echo "mellon: apache does not answer on $BASE after 20 s; error.log:" >&2
        tail -n 30 "$STATE/logs/error.log" >&2 || true
        exit 1
    fi
    sleep 0.1
done

# mellon reads the IdP metadata on the first request only: ask once for /protected/ now, so that unusable
# metadata fails here (mellon then redirects with "IdP=(null)") rather than in the middle of a test.
probe() {
    local line location="" status=""
    exec 4<>"/dev/tcp/127.0.0.1/$PORT" || return 1
    printf 'GET /protected/ HTTP/1.0\r\nHost: 127.0.0.1:%s\r\nUser-Agent: mellon-start-probe\r\n\r\n' "$PORT" >&4
    while IFS= read -r -t 10 line <&4; do
        line="${line%$'\r'}"
        [ -n "$line" ] || break
        case "$line" in
            HTTP/*) status="${line#* }"; status="${status%% *}" ;;
            [Ll]ocation:*) location="${line#*: }" ;;
        esac
    done
    exec 4>&-
    [ "$status" = 303 ] && [[ "$location" == */mellon/login\?* ]] && [[ "$location" != *"IdP=(null)"* ]]
}
if ! probe; then
    echo "mellon: apache answers on $BASE, but mellon cannot use the IdP metadata ($IDP_METADATA); error.log:" >&2
    tail -n 10 "$STATE/logs/error.log" >&2 || true
    exit 1
fi

echo "listening $BASE"
echo "logs $STATE/logs"

# Wait for apache; a trapped signal interrupts wait and runs stop.
status=0
wait "$APACHE_PID" || status=$?
APACHE_PID=""
echo "mellon: apache stopped by itself (status $status); error.log:" >&2
tail -n 20 "$STATE/logs/error.log" >&2 || true
# Not asked to stop: never report success.
exit $((status == 0 ? 1 : status))
