#!/bin/sh
# Benchmark: the reports over ten years of data (100,000 people, 1,000,000 applications,
# 500,000 consultation bookings). The data is written straight into the schema with SQL (the
# importer is measured elsewhere); the figures are the time of each `sumaho report` (wall and
# CPU: the machine is shared, so the figure lines carry the CPU time, user plus system), and
# how SQLite plans each of the reports' queries (tests/bench/plans, EXPLAIN QUERY PLAN).
# usage: tests/bench/reports.sh [SUMAHO [PLANS]]
set -u
SUMAHO=${1:-${SUMAHO:-_build/sumaho}}
PLANS=${2:-$(dirname "$SUMAHO")/tests/bench/plans}
. "$(dirname "$0")/benchlib.sh"
db="$T/ten-years.db"
start=$(date +%s)
{
	bench_classes_sql 2015
	bench_people_sql 100000
	cat <<'SQL'
-- 1,000,000 applications: 1,000 for each offering; the first 24 win, 5 wait.
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999999)
INSERT INTO applications (offering_id, person_id, channel, applied_at, status, session_id)
SELECT 1 + i / 1000, 1 + (i * 7919) % 100000, 'online', '2015-01-01',
 CASE WHEN i % 1000 < 24 THEN 'won' WHEN i % 1000 < 29 THEN 'waiting' ELSE 'lost' END,
 CASE WHEN i % 1000 < 24 THEN 1 + (i / 1000) * 3 + (i % 1000) / 8 END FROM n;
INSERT INTO attendance (session_id, person_id, status)
SELECT session_id, person_id, CASE WHEN person_id % 9 = 0 THEN 'absent' ELSE 'present' END
FROM applications WHERE status = 'won';
-- 500,000 consultation slots and bookings: ten venues, 5,000 days, ten slots a day.
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 499999)
INSERT INTO consultation_slots (venue_id, date, start)
SELECT 1 + i % 10, date('2015-01-01', '+' || (i / 100) || ' days'),
 printf('%02d:%02d', 10 + (i / 10 % 10) / 2, (i / 10 % 2) * 30) FROM n;
INSERT INTO bookings (slot_id, person_id, topic, status)
SELECT id, 1 + (id * 31) % 100000, 'line',
 CASE WHEN id % 17 = 0 THEN 'no_show' WHEN id % 23 = 0 THEN 'cancelled' ELSE 'attended' END
FROM consultation_slots;
COMMIT;
ANALYZE;
SQL
} | bench_sql "$db" || exit 1
echo "data: $(sqlite3 "$db" 'SELECT count(*) FROM people') people, $(sqlite3 "$db" 'SELECT count(*) FROM applications') applications, $(sqlite3 "$db" 'SELECT count(*) FROM bookings') bookings, $(sqlite3 "$db" 'SELECT count(*) FROM sessions') sessions ($(($(date +%s) - start)) s to make)"
if [ -x "$PLANS" ]; then
	"$PLANS" "$db" 2015-01-01 2024-12-31
else
	echo "plans: $PLANS not built (make tests/bench/plans)"
fi
# Each report three times; the median of the CPU times (and the wall time of that run).
for r in monthly classes consultations demand; do
	: >"$T/times"
	for k in 1 2 3; do
		if ! /usr/bin/time -f '%e %U %S %M' -o "$T/time" "$SUMAHO" --db "$db" report $r \
			--from 2015-01 --to 2024-12 >"$T/$r.txt" 2>&1; then
			echo "report $r FAILED: $(head -n 1 "$T/$r.txt")"
			continue 2
		fi
		tail -n 1 "$T/time" | awk '{ printf "%.2f %.2f %.1f\n", $2 + $3, $1, $4 / 1024 }' >>"$T/times"
	done
	sort -n "$T/times" | sed -n 2p | awk -v r="$r" '{
		printf "report %-14s %6.2f s (CPU %5.2f s) %7.1f MB  (ten years, median of 3)\n", r, $2, $1, $3
		if (r == "classes" || r == "demand")
			printf "figure: report_%s_s %.2f\n", r, $1
	}'
done
