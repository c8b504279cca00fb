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
# figures KEY: bench_measure's line as it is, then the figure lines KEY_s (wall) and KEY_mb
# (peak RSS) that tests/bench/summary.sh reads.
figures() {
	tee "$T/line" && sed -n 's/.* \([0-9.]*\) s (CPU .*peak RSS *\([0-9.]*\) MB.*/figure: '"$1"'_s \1\
figure: '"$1"'_mb \2/p' "$T/line"
}
# shellcheck disable=SC2086
bench_measure "sumaho lottery run (read, rank, allocate, commit)" \
	"$SUMAHO" --db "$db" lottery run $codes --early --seed "$(printf '5e%.0s' $(seq 32))" | figures draw
bench_measure "sumaho lottery verify" "$SUMAHO" --db "$db" lottery verify o0001 | figures verify
sqlite3 "$db" "SELECT 'results: ' || group_concat(result || ' ' || n, ', ') FROM (SELECT result, count(*) n FROM lottery_entries GROUP BY result)"
# The same seed draws the same results whatever the code that draws them: compare this line
# between versions.
printf 'results sha256: %s\n' "$(sqlite3 "$db" "SELECT application_id, offering_id, person_code, choice, tier, result, position FROM lottery_entries ORDER BY application_id; SELECT id, status, waiting_position, session_id, reason FROM applications ORDER BY id" | sha256sum | cut -d' ' -f1)"
