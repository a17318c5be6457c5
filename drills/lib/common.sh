# Shared by the drills: build, database, service nodes, checks and clean-up.
# Source it from a drill script; it sets a trap that cleans up on exit.
# shellcheck shell=bash

DRILLS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_DIR="$(cd "$DRILLS_DIR/.." && pwd)"
DRILL_NAME="${DRILL_NAME:-drill}"
WORK_DIR="$(mktemp -d "${TMPDIR:-/tmp}/orderflow-${DRILL_NAME}-XXXXXX")"
PG_HOST="${PG_HOST:-127.0.0.1}"
PG_USER="${PG_USER:-postgres}"
DB=""
PASSED=0
FAILED=0
declare -A NODE_PIDS=()
declare -A NODE_PORTS=()
EXTRA_PIDS=()
ADMIN_PASSWORD="drill-$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')"
CHOICE_SECRET="$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')"
export ADMIN_PASSWORD
export PYTHONDONTWRITEBYTECODE=1  # no __pycache__ in the repository

log() { printf '[%s %s] %s\n' "$(date -u +%H:%M:%S)" "$DRILL_NAME" "$*" >&2; }

pass() { PASSED=$((PASSED + 1)); echo "PASS $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL $*"; }

# check DESCRIPTION ACTUAL EXPECTED: passes when they are equal.
check_eq() {
    if [[ "$2" == "$3" ]]; then pass "$1 ($2)"; else fail "$1 (got '$2', expected '$3')"; fi
}

# Reads PASS/FAIL lines from a helper's output, echoes them and counts them.
count_results() {
    local line
    while IFS= read -r line; do
        echo "$line"
        case "$line" in
            PASS*) PASSED=$((PASSED + 1)) ;;
            FAIL*) FAILED=$((FAILED + 1)) ;;
        esac
    done
}

summary() {
    echo "$PASSED passed, $FAILED failed"
    [[ $FAILED -eq 0 && $PASSED -gt 0 ]]
}

jar_path() { ls "$REPO_DIR"/target/orderflow-*.jar 2>/dev/null | grep -v -- '-plain' | head -1; }

ensure_jar() {
    if [[ -z "$(jar_path)" ]]; then
        log "building the jar (mvn -q -DskipTests package)"
        (cd "$REPO_DIR" && mvn -q -DskipTests package) >"$WORK_DIR/build.log" 2>&1 \
            || { cat "$WORK_DIR/build.log" >&2; return 1; }
    fi
    JAR="$(jar_path)"
    log "using $JAR"
}

ensure_postgres() {
    if ! pg_isready -q -h "$PG_HOST"; then
        log "starting PostgreSQL"
        pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
        local i
        for i in $(seq 1 30); do pg_isready -q -h "$PG_HOST" && break; sleep 1; done
    fi
    pg_isready -q -h "$PG_HOST"
}

new_database() {
    DB="orderflow_drill_$(date -u +%Y%m%d%H%M%S)_$$"
    createdb -h "$PG_HOST" -U "$PG_USER" "$DB"
    export DB
    log "database $DB"
}

sql() { psql -h "$PG_HOST" -U "$PG_USER" -d "$DB" -v ON_ERROR_STOP=1 -qtAX -F '|' -c "$1"; }

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# start_node NAME PORT [extra --args]: one service instance, postgres profile, log in WORK_DIR.
start_node() {
    local name=$1 port=$2
    shift 2
    port_free "$port" || { log "port $port is in use"; return 1; }
    (
        cd "$WORK_DIR" || exit 1
        # As pom.xml: job threads at nice 10, requests first (JobThreadPriority).
        SPRING_PROFILES_ACTIVE=postgres \
        SPRING_DATASOURCE_URL="jdbc:postgresql://$PG_HOST:5432/$DB" \
        SPRING_DATASOURCE_USERNAME="$PG_USER" \
        SPRING_DATASOURCE_PASSWORD="" \
        ORDERFLOW_ADMIN_PASSWORD="$ADMIN_PASSWORD" \
        ORDERFLOW_CHOICE_SECRET="$CHOICE_SECRET" \
        SERVER_PORT="$port" \
        exec java -Xmx512m -XX:+UseSerialGC -XX:ThreadPriorityPolicy=1 -XX:JavaPriority1_To_OSPriority=10 -jar "$JAR" \
            "--camunda.bpm.generic-properties.properties.hostname=$name" "$@" \
            >>"$WORK_DIR/$name.log" 2>&1
    ) &
    NODE_PIDS[$name]=$!
    NODE_PORTS[$name]=$port
    log "started $name on port $port (pid ${NODE_PIDS[$name]}, log $WORK_DIR/$name.log)"
}

# wait_healthy NAME [TIMEOUT_SECONDS]: polls /actuator/health until UP.
wait_healthy() {
    local name=$1 timeout=${2:-240} waited=0
    while (( waited < timeout )); do
        if ! kill -0 "${NODE_PIDS[$name]}" 2>/dev/null; then
            log "$name died while starting; last log lines:"; tail -30 "$WORK_DIR/$name.log" >&2; return 1
        fi
        if curl -sf "http://127.0.0.1:${NODE_PORTS[$name]}/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
            log "$name is up after ${waited}s"; return 0
        fi
        sleep 2; waited=$((waited + 2))
    done
    log "$name not healthy after ${timeout}s"; return 1
}

kill_node() {
    local name=$1 signal=${2:-TERM} pid=${NODE_PIDS[$1]:-}
    [[ -n "$pid" ]] || return 0
    kill "-$signal" "$pid" 2>/dev/null || true
    local i
    for i in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -9 "$pid" 2>/dev/null || true
    { wait "$pid"; } 2>/dev/null || true
    unset "NODE_PIDS[$name]"
}

cleanup() {
    local name pid
    for name in "${!NODE_PIDS[@]}"; do kill_node "$name" TERM; done
    for pid in "${EXTRA_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
    if [[ -n "$DB" ]]; then
        if [[ "${KEEP:-0}" == "1" ]]; then
            log "KEEP=1: database $DB and logs in $WORK_DIR kept"
        else
            dropdb -h "$PG_HOST" -U "$PG_USER" --if-exists "$DB" || log "could not drop $DB"
            rm -rf "$WORK_DIR"
        fi
    fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# poll_until DESCRIPTION TIMEOUT_SECONDS COMMAND...: runs COMMAND every 2 s until it succeeds.
poll_until() {
    local what=$1 timeout=$2 waited=0
    shift 2
    while (( waited < timeout )); do
        if "$@"; then log "$what after ${waited}s"; return 0; fi
        sleep 2; waited=$((waited + 2))
    done
    log "gave up waiting: $what (${timeout}s)"; return 1
}
