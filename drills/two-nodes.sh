#!/usr/bin/env bash
# Two-nodes drill: two instances on one database share the job executor's work (both run jobs,
# proven from the engine's job history, which records the node of each run) and each job runs
# once: no step's side effect (dispatch, capture, notice) happens twice.
set -uo pipefail
DRILL_NAME=two-nodes
source "$(dirname "$0")/lib/common.sh"
source "$(dirname "$0")/lib/cluster.sh"
ORDERS="${ORDERS:-400}"

run() {
    start_cluster || return
    log "placing $ORDERS orders through both nodes"
    drill_py load --ports "$PORTS" --orders "$ORDERS" >"$WORK_DIR/load.json" 2>"$WORK_DIR/load.log" &
    local load_pid=$! owners max_owners=0
    EXTRA_PIDS+=("$load_pid")
    # While the load runs: how many distinct job executor lock owners hold jobs at once (one per node).
    while kill -0 "$load_pid" 2>/dev/null; do
        owners=$(sql "SELECT count(DISTINCT lock_owner_) FROM act_ru_job WHERE lock_owner_ IS NOT NULL" 2>/dev/null || echo 0)
        (( owners > max_owners )) && max_owners=$owners
        sleep 1
    done
    wait "$load_pid" && pass "the load client placed every order" || fail "the load client placed every order"
    if (( max_owners >= 2 )); then pass "two distinct job lock owners held jobs at the same time (act_ru_job.lock_owner_, max $max_owners)"
    else fail "two distinct job lock owners held jobs at the same time (act_ru_job.lock_owner_, max $max_owners)"; fi
    echo "INFO load: $(cat "$WORK_DIR/load.json")"
    if grep -q '"answered 5' "$WORK_DIR/load.json"; then fail "no 5xx answer during the load"; else pass "no 5xx answer during the load"; fi
    drill_py settle --ports "$PORTS" --timeout "${SETTLE_TIMEOUT:-600}" >"$WORK_DIR/settle.json" 2>>"$WORK_DIR/load.log" \
        && pass "everything settled: $(cat "$WORK_DIR/settle.json")" || fail "everything settled: $(cat "$WORK_DIR/settle.json")"
    local owners
    owners=$(sql "SELECT count(DISTINCT hostname_) FROM act_hi_job_log")
    check_eq "the engine's job history names two distinct nodes" "$owners" 2
    run_checks --sink "$SINK_FILE" --two-nodes
    # Both nodes also deliver e-mail (each claims notices with SELECT ... FOR UPDATE SKIP LOCKED).
    local sent_a sent_b
    sent_a=$(grep -c 'Notice .* sent' "$WORK_DIR/node-a.log")
    sent_b=$(grep -c 'Notice .* sent' "$WORK_DIR/node-b.log")
    if (( sent_a > 0 && sent_b > 0 )); then pass "both nodes sent notices (node-a $sent_a, node-b $sent_b)"
    else fail "both nodes sent notices (node-a $sent_a, node-b $sent_b)"; fi
    log_findings
}

run
summary
