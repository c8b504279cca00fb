#!/bin/sh
# Benchmark: the cost of one keystroke when scrolling a list of 1,000 and of 100,000 rows: the
# class sessions (Classes, tui/classes.c) and the offerings (Classes > O, tui/records.c and
# ui_list). The real binary runs in a pseudo-terminal at 80x24 (tests/bench/ptytime.py); a
# keystroke's cost is the time from writing Down or PageDown to the end of the redraw. Also
# prints the time to open each list, which reads it whole. Never fails on time.
# usage: tests/bench/scroll.sh [SUMAHO]
set -u
SUMAHO=${1:-${SUMAHO:-_build/sumaho}}
KEYS=${KEYS:-200}
here=$(dirname "$0")
. "$(dirname "$0")/benchlib.sh"

make_db() { # make_db FILE ROWS: ROWS offerings with one class session each
	bench_sql "$1" <<SQL || exit 1
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < $2 - 1)
INSERT INTO offerings (code, course_id, venue_id, apply_from, apply_to, capacity)
SELECT printf('o%06d', i), 1 + i % 5, 1 + i % 10, date('2020-01-01', '+' || (i / 30) || ' days'),
 date('2020-01-11', '+' || (i / 30) || ' days'), 24 FROM n;
INSERT INTO sessions (code, offering_id, date, start, duration_min, seats)
SELECT printf('s%06d', id), id, date('2020-02-01', '+' || (id / 30) || ' days'),
 printf('%02d:00', 9 + id % 8), 90, 8 FROM offerings;
COMMIT;
ANALYZE;
SQL
}

make_db "$T/1k.db" 1000
make_db "$T/100k.db" 100000
pty="/usr/bin/python3 $here/ptytime.py"
echo "one keystroke in a list at 80x24: time from the key to the end of the redraw"
for n in 1k 100k; do
	$pty keys "sessions $n rows: Down" "q: quit" 1 "O: offerings" down "$KEYS" -- \
		"$SUMAHO" --db "$T/$n.db" | tee -a "$T/out"
	$pty keys "sessions $n rows: PageDown" "q: quit" 1 "O: offerings" pgdn 50 -- \
		"$SUMAHO" --db "$T/$n.db" | tee -a "$T/out"
	$pty keys "offerings $n rows: Down" "q: quit" 1O "Offerings" down "$KEYS" -- \
		"$SUMAHO" --db "$T/$n.db" | tee -a "$T/out"
done
# The ratio of the median cost of a key, 100,000 rows over 1,000.
awk '/per key/ {
	label = substr($0, 1, index($0, ":") - 1); size = $2; sub(/ [0-9]+k rows/, "", label)
	key = substr($0, index($0, ":") + 2); sub(/ +per key.*/, "", key)
	for (i = 1; i <= NF; i++) if ($i == "key") m = $(i + 1)
	cost[label " " key, size] = m; names[label " " key] = 1 }
	END { for (x in names) if (cost[x, "1k"] > 0)
		printf "ratio 100k/1k, %-22s %.2f\n", x ":", cost[x, "100k"] / cost[x, "1k"] }' "$T/out" | sort
