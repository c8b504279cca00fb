#!/bin/sh
# Benchmark: the time a consultation booking takes now that SQLite syncs the WAL at every
# commit (synchronous = FULL), against NORMAL, which may lose the last commits on a power
# failure: 200 runs of `sumaho slots book` (FULL, with the process start), and 200 calls of
# slots_book with each setting (tests/bench/booking.c). The database is on the disk of $TMPDIR,
# as the figures depend on it. Prints figures; never fails on time.
# usage: tests/bench/booking.sh [SUMAHO [BOOKING]]
set -u
SUMAHO=${1:-${SUMAHO:-_build/sumaho}}
BOOKING=${2:-$(dirname "$SUMAHO")/tests/bench/booking}
N=${BENCH_BOOKINGS:-200}
. "$(dirname "$0")/benchlib.sh"
db="$T/booking.db"
{
	bench_people_sql $((3 * N))
	echo "COMMIT;"
} | bench_sql "$db" || exit 1
"$SUMAHO" --db "$db" slots template v1 "mon-fri 09:00-12:00 13:00-17:00" >/dev/null &&
	"$SUMAHO" --db "$db" --today 2026-12-01 slots generate --venue v1 \
		--from 2027-01-01 --to 2027-12-31 >/dev/null || exit 1
echo "bookings, one a transaction with its audit entry, on $(df -PT "$T" | awk 'NR == 2 { print $2 }') ($T)"

sqlite3 -separator ' ' "$db" "SELECT date, start FROM consultation_slots ORDER BY id LIMIT $N" >"$T/slots"
t0=$(now)
i=0
while read -r day start; do
	i=$((i + 1))
	"$SUMAHO" --db "$db" --today 2026-12-01 slots book v1 "$day" "$start" "P$i" --topic line \
		>/dev/null || exit 1
done <"$T/slots"
t1=$(now)
awk "BEGIN { printf \"sumaho slots book, synchronous = FULL    %4d runs:     mean %6.2f ms (with the process start)\n\", $N, ($t1 - $t0) * 1000 / $N }"
"$BOOKING" "$db" full $((N + 1)) $((N + 1)) "$N" || exit 1
"$BOOKING" "$db" normal $((2 * N + 1)) $((2 * N + 1)) "$N" || exit 1
