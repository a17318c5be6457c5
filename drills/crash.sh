#!/usr/bin/env bash
# Crash drill: two nodes on one database, 1,000 orders in flight, one node killed with SIGKILL
# mid-run and restarted; then nothing may be lost, shipped, charged or e-mailed twice.
set -uo pipefail
DRILL_NAME=crash
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/cluster.sh"
ORDERS="${ORDERS:-1000}"
KILL_AT="${KILL_AT:-$((ORDERS * 2 / 5))}"

run() {
    start_cluster || return
    log "placing $ORDERS orders through both nodes"
    drill_py load --ports "$PORTS" --orders "$ORDERS" >"$WORK_DIR/load.json" 2>"$WORK_DIR/load.log" &
    local load_pid=$!
    EXTRA_PIDS+=("$load_pid")
    at_kill_point() { (( $(orders_placed) >= KILL_AT )); }
    poll_until "$KILL_AT orders placed" 900 at_kill_point || { fail "load reached $KILL_AT orders"; return; }
    local locked
    locked=$(sql "SELECT count(*) FROM act_ru_job WHERE lock_owner_ IS NOT NULL")
    log "kill -9 node-b (orders placed: $(orders_placed), jobs locked by any node: $locked)"
    echo "INFO node-b killed with SIGKILL at $(orders_placed) orders placed, $locked jobs locked, $(sql "SELECT count(*) FROM notification_outbox WHERE status = 'SENDING'") notices mid-send"
    kill_node node-b KILL
    start_node node-b "$PORT_B" "${NODE_ARGS[@]}"
    wait_healthy node-b 300 && pass "node-b restarted after SIGKILL" || fail "node-b restarted after SIGKILL"
    wait "$load_pid"; local load_rc=$?
    echo "INFO load: $(cat "$WORK_DIR/load.json")"
    check_eq "the load client placed every order (exit code)" "$load_rc" 0
    if grep -q '"answered 5' "$WORK_DIR/load.json"; then fail "no 5xx answer during the load"; else pass "no 5xx answer during the load"; fi
    drill_py settle --ports "$PORTS" --timeout "${SETTLE_TIMEOUT:-900}" >"$WORK_DIR/settle.json" 2>>"$WORK_DIR/load.log" \
        && pass "everything settled: $(cat "$WORK_DIR/settle.json")" || fail "everything settled: $(cat "$WORK_DIR/settle.json")"
    run_checks --sink "$SINK_FILE"
    log_findings
}

run
summary
