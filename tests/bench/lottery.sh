#!/bin/sh
# Benchmark: one lottery round over 1,000 offerings and 1,000,000 applications (500,000 people,
# each with a first and a second choice): read, rank, allocate, commit, as `sumaho lottery
# run` does it, then `sumaho lottery verify`. Prints the time and the peak memory (maximum
# resident set size) of each; never fails on time.
# usage: tests/bench/lottery.sh [SUMAHO]
set -u
SUMAHO=${1:-${SUMAHO:-_build/sumaho}}
. "$(dirname "$0")/benchlib.sh"
db="$T/lottery.db"
bench_lottery_db "$db" "${BENCH_PEOPLE:-500000}" || exit 1
apps=$(sqlite3 "$db" "SELECT count(*) FROM applications")
codes=$(sqlite3 "$db" "SELECT code FROM offerings ORDER BY code")

echo "lottery round: 1,000 offerings, $apps applications, 500,000 people, capacity 24 each"
# shellcheck disable=SC2086
bench_measure "sumaho lottery run (read, rank, allocate, commit)" \
	"$SUMAHO" --db "$db" lottery run $codes --early --seed "$(printf '5e%.0s' $(seq 32))"
bench_measure "sumaho lottery verify" "$SUMAHO" --db "$db" lottery verify o0001
sqlite3 "$db" "SELECT 'results: ' || group_concat(result || ' ' || n, ', ') FROM (SELECT result, count(*) n FROM lottery_entries GROUP BY result)"
