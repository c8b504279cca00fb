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
bench_sql "$db" <<SQL || exit 1
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999)
INSERT INTO offerings (code, course_id, venue_id, apply_from, apply_to, capacity)
SELECT printf('o%04d', i), 1 + i % 5, 1 + i % 10, '2027-01-01', '2027-01-31', 24 FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2999)
INSERT INTO sessions (code, offering_id, date, start, duration_min, seats)
SELECT printf('s%05d', i), 1 + i / 3, date('2027-03-01', '+' || (i % 90) || ' days'), '10:00', 90, 8
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${BENCH_PEOPLE:-500000})
INSERT INTO people (code, name, kana, name_key, kana_key, phone, phone_digits, birth_year)
SELECT printf('P%06d', i), '区民' || i, 'クミン', '区民' || i, 'くみん', '', '', 1930 + i % 25 FROM n;
-- Demand is uneven, as in the city: some classes draw ten times their seats, some fewer.
INSERT INTO applications (offering_id, person_id, channel, choice, applied_at)
SELECT 1 + ((id * 7919) % 1000) * ((id % 3) + 1) % 1000, id, 'online', 1, '2027-01-10' FROM people;
INSERT INTO applications (offering_id, person_id, channel, choice, applied_at)
SELECT 1 + (((id * 104729) % 1000) + 1) % 1000, id, 'online', 2, '2027-01-11' FROM people;
COMMIT;
SQL
apps=$(sqlite3 "$db" "SELECT count(*) FROM applications")
codes=$(sqlite3 "$db" "SELECT code FROM offerings ORDER BY code")

echo "lottery round: 1,000 offerings, $apps applications, 500,000 people, capacity 24 each"
# shellcheck disable=SC2086
bench_measure "sumaho lottery run (read, rank, allocate, commit)" \
	"$SUMAHO" --db "$db" lottery run $codes --early --seed "$(printf '5e%.0s' $(seq 32))"
bench_measure "sumaho lottery verify" "$SUMAHO" --db "$db" lottery verify o0001
sqlite3 "$db" "SELECT 'results: ' || group_concat(result || ' ' || n, ', ') FROM (SELECT result, count(*) n FROM lottery_entries GROUP BY result)"
