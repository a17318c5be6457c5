#!/usr/bin/env bash
# Runs every failure drill in turn and prints each drill's summary and a total.
# Usage: bash drills/run-all.sh [drill ...]   (default: crash two-nodes bad-input); KEEP=1 keeps databases and logs.
set -uo pipefail
cd "$(dirname "$0")" || exit 1
DRILLS=("$@")
[[ ${#DRILLS[@]} -gt 0 ]] || DRILLS=(crash two-nodes bad-input)
total_passed=0
total_failed=0
failed_drills=()
for drill in "${DRILLS[@]}"; do
    echo "=== $drill ==="
    out=$(mktemp)
    bash "./$drill.sh" | tee "$out"
    rc=${PIPESTATUS[0]}
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$out" | tail -1)
    rm -f "$out"
    passed=$(echo "${line:-0 passed, 1 failed}" | cut -d' ' -f1)
    failed=$(echo "${line:-0 passed, 1 failed}" | cut -d' ' -f3)
    total_passed=$((total_passed + passed))
    total_failed=$((total_failed + failed))
    [[ $rc -eq 0 ]] || failed_drills+=("$drill")
done
echo "=== all drills ==="
[[ ${#failed_drills[@]} -eq 0 ]] || echo "drills with failures: ${failed_drills[*]}"
echo "$total_passed passed, $total_failed failed"
[[ ${#failed_drills[@]} -eq 0 && $total_failed -eq 0 ]]
