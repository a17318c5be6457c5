#!/usr/bin/env bash
# Bad-input drill: a generated corpus of over 1,000 malformed or hostile requests against a live
# instance (postgres profile, fresh database): no 5xx, and no refused request writes anything.
set -uo pipefail
DRILL_NAME=bad-input
source "$(dirname "$0")/lib/common.sh"
PORT="${PORT:-18083}"

run() {
    ensure_postgres || { fail "PostgreSQL is running"; return; }
    ensure_jar || { fail "the jar builds"; return; }
    new_database || { fail "a fresh database can be created"; return; }
    # The job executor is off: an accepted request must not be followed by background writes that
    # would blur the before/after comparison of the next request (as in HostileInputTest).
    start_node bad-input "$PORT" "--camunda.bpm.job-execution.enabled=false" && wait_healthy bad-input 300 \
        || { fail "the instance starts"; return; }
    python3 "$DRILLS_DIR/lib/hostile.py" "$PORT" >"$WORK_DIR/hostile.out" 2>"$WORK_DIR/hostile.err"
    local rc=$?
    count_results <"$WORK_DIR/hostile.out"
    (( rc == 0 )) || fail "the corpus ran to the end (hostile.py exited with $rc: $(tail -3 "$WORK_DIR/hostile.err" | tr "\n" " "))"
    local errors
    errors=$(grep -c ' ERROR ' "$WORK_DIR/bad-input.log")
    echo "INFO $errors ERROR lines in the instance's log"
    if grep -q 'Exception' "$WORK_DIR/bad-input.log" && grep -qi 'stack\|\tat ' "$WORK_DIR/bad-input.log"; then
        echo "INFO the log holds stack traces: $(grep -c $'^\tat ' "$WORK_DIR/bad-input.log") frames"
    fi
}

run
summary
