#!/usr/bin/env bash
# Prints "N passed, N failed, N skipped" summed over the TRX files of a test run (the line CI reads).
set -euo pipefail
dir="${1:-TestResults}"
passed=0; failed=0; total=0; executed=0
shopt -s nullglob
for trx in "$dir"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed))); failed=$((failed + $(get failed)))
  total=$((total + $(get total))); executed=$((executed + $(get executed)))
done
echo "$passed passed, $failed failed, $((total - executed)) skipped"
