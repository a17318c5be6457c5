# Two service nodes on one fresh database with an SMTP sink: shared by crash.sh and two-nodes.sh.
# shellcheck shell=bash

PORT_A="${PORT_A:-18081}"
PORT_B="${PORT_B:-18082}"
SMTP_PORT="${SMTP_PORT:-12525}"
SINK_FILE="$WORK_DIR/delivered.jsonl"
PORTS="$PORT_A,$PORT_B"

# Drill timings, so that a run takes minutes: retries every 2 s, a dead node's job locks expire
# after 30 s, notices polled every second, a notice claimed by a dead node is given up after 40 s.
NODE_ARGS=(
    "--camunda.bpm.job-execution.lock-time-in-millis=30000"
    "--orderflow.process.remote-call-retry=R5/PT2S"
    "--orderflow.notification.poll-interval=PT1S"
    "--orderflow.notification.batch-size=50"
    "--orderflow.notification.claim-timeout=PT40S"
    "--spring.mail.host=127.0.0.1"
    "--spring.mail.port=$SMTP_PORT"
)

drill_py() { python3 "$DRILLS_DIR/lib/drill.py" "$@"; }

start_cluster() {
    ensure_postgres || { fail "PostgreSQL is running"; return 1; }
    ensure_jar || { fail "the jar builds"; return 1; }
    new_database || { fail "a fresh database can be created"; return 1; }
    port_free "$SMTP_PORT" || { fail "SMTP port $SMTP_PORT is free"; return 1; }
    python3 "$DRILLS_DIR/lib/smtp_sink.py" "$SMTP_PORT" "$SINK_FILE" 2>>"$WORK_DIR/sink.log" &
    EXTRA_PIDS+=($!)
    # One node first: it creates the engine's and Flyway's tables; the second joins a ready schema.
    start_node node-a "$PORT_A" "${NODE_ARGS[@]}" && wait_healthy node-a 300 \
        || { fail "node-a starts"; return 1; }
    start_node node-b "$PORT_B" "${NODE_ARGS[@]}" && wait_healthy node-b 300 \
        || { fail "node-b starts"; return 1; }
    drill_py setup --ports "$PORTS" || { fail "catalog set up through the API"; return 1; }
}

# run_checks [drill.py check options]: the checks of lib/drill.py; a helper that breaks off is a failure.
run_checks() {
    drill_py check --ports "$PORTS" --orders "$ORDERS" "$@" >"$WORK_DIR/check.out" 2>"$WORK_DIR/check.err"
    local rc=$?
    count_results <"$WORK_DIR/check.out"
    if (( rc != 0 )); then
        fail "the checks ran to the end (drill.py check exited with $rc: $(tail -3 "$WORK_DIR/check.err" | tr '\n' ' '))"
    fi
}

orders_placed() { sql "SELECT count(*) FROM orders WHERE id LIKE 'D-%'"; }

# Counts of ERROR lines and OptimisticLockingExceptions per node log, for the report; and, since attempts the
# engine retries no longer log at ERROR, the failed job attempts by cause from the engine's job log.
log_findings() {
    local name f
    echo "INFO failed job attempts by cause (act_hi_job_log): $(sql "
        SELECT coalesce(string_agg(cause || ' ' || n, ', ' ORDER BY cause), 'none') FROM (
            SELECT CASE WHEN job_exception_msg_ LIKE '%deadlock detected%' THEN 'deadlock'
                        WHEN job_exception_msg_ LIKE '%payment provider unavailable%' THEN 'tok_flaky'
                        WHEN job_exception_msg_ LIKE '%ENGINE-03005%' THEN 'optimistic-locking'
                        ELSE 'other' END AS cause, count(*) AS n
            FROM act_hi_job_log WHERE job_exception_msg_ IS NOT NULL GROUP BY 1) causes")"
    for name in node-a node-b; do
        f="$WORK_DIR/$name.log"
        [[ -f "$f" ]] || continue
        echo "INFO $name log: $(grep -c ' ERROR ' "$f") ERROR lines ($(grep -c ' ERROR .*payment provider unavailable' "$f") of them tok_flaky's planned failures, $(grep -c ' ERROR .*deadlock detected' "$f") deadlocks, retried by the engine), $(grep -c 'OptimisticLockingException' "$f") OptimisticLockingException mentions, $(grep -c 'Notice .* sent' "$f") notices sent by this node"
        # The logs are gone after the drill unless KEEP=1: show what else went wrong, with what followed it.
        grep -A3 ' ERROR ' "$f" | grep -v -- '^--$' | awk '/ ERROR /{show = ($0 !~ /payment provider unavailable/)} show' \
            | head -12 | cut -c1-400 | sed "s/^/INFO $name unplanned: /"
    done
}
