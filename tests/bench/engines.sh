#!/bin/sh
# Benchmark: SQLite and PostgreSQL 15 side by side, on this machine, in one run:
#  1. booking throughput: 8 clients, each a process running `sumaho slots book` on its own
#     share of free slots (as tests/bench/booking.sh books), on each engine: bookings a second;
#  2. the lottery draw over 1,000 offerings and 2 x BENCH_PEOPLE applications (500,000 people,
#     so 1,000,000 applications, unless BENCH_PEOPLE says otherwise), built as
#     tests/bench/lottery.sh builds it, moved to PostgreSQL with `sumaho copy --to` (timed too),
#     then `sumaho lottery run` on each: wall, CPU, peak RSS of the sumaho process, and the
#     results of each hashed as tests/bench/lottery.sh hashes them (the same on both);
#  3. `sumaho lottery verify` on the draw made on PostgreSQL;
#  4. the lists: tests/bench/scroll.sh's sessions and offerings of 100,000 rows, copied to
#     PostgreSQL, opened, scrolled and searched at 80x24 on each engine as scroll.sh does; with
#     the figure lines of the lists, the draw and the booking rate on PostgreSQL for make bench's
#     table (tests/bench/summary.sh).
# PostgreSQL runs as a server of the benchmark's own (tests/pg/pglib.sh) on a Unix socket, but
# with its durable defaults (fsync, synchronous_commit on), as SQLite syncs every commit
# (synchronous = FULL); its own CPU time is not in the sumaho figures. Never fails on time.
# usage: tests/bench/engines.sh [SUMAHO]
set -u
SUMAHO=${1:-${SUMAHO:-_build/sumaho}}
N=${BENCH_BOOKINGS:-400}
CLIENTS=8
PEOPLE=${BENCH_PEOPLE:-500000}
. "$(dirname "$0")/benchlib.sh"
. "$(dirname "$0")/../pg/pglib.sh"
chmod 755 "$T"
trap 'pg_stop; [ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
trap 'exit 1' INT TERM HUP
pg_start "$T/pg" || exit 1
# pglib starts the test server without fsync; a benchmark of commits needs the real thing.
pg_as "$PG_BIN/pg_ctl" -D "$T/pg/data" -w -t 60 -l "$T/pg/server.log" \
	-o "-k $T/pg -c listen_addresses=" restart >/dev/null || exit 1
seed=$(printf '5e%.0s' $(seq 32))

echo "SQLite $(sqlite3 --version | cut -d' ' -f1) and $(psql -XAtc 'SHOW server_version' | cut -d' ' -f1 | sed 's/^/PostgreSQL /') (fsync $(psql -XAtc 'SHOW fsync'), synchronous_commit $(psql -XAtc 'SHOW synchronous_commit'))"
echo "machine: $(nproc) CPUs, $(sed -n 's/^model name[^:]*: *//p' /proc/cpuinfo | head -n 1), load average $(cut -d' ' -f1-3 /proc/loadavg), on $(df -PT "$T" | awk 'NR == 2 { print $2 }')"

# ratio A B: A / B with two decimals.
ratio() {
	awk "BEGIN { printf \"%.2f\", $1 / $2 }"
}

# measure LABEL COMMAND...: bench_measure's line, and the wall time alone in $T/wall.
measure() {
	bench_measure "$@" | tee "$T/line"
	cut -c51- "$T/line" | awk '{ print $1 }' >"$T/wall"
}

# 1. Booking throughput.
db="$T/booking.db"
{
	bench_people_sql "$N"
	echo "COMMIT;"
} | bench_sql "$db" || exit 1
"$SUMAHO" --db "$db" slots template v1 "mon-fri 09:00-12:00 13:00-17:00" >/dev/null &&
	"$SUMAHO" --db "$db" --today 2026-12-01 slots generate --venue v1 \
		--from 2027-01-01 --to 2027-12-31 >/dev/null || exit 1
pgbook=$(pg_uri booking)
"$SUMAHO" --db "$db" copy --to "$pgbook" >/dev/null || exit 1
sqlite3 -separator ' ' "$db" "SELECT date, start FROM consultation_slots ORDER BY id LIMIT $N" |
	awk '{ print $0, "P" NR >"'"$T"'/share" ((NR - 1) % '"$CLIENTS"') }'

# book DB: the 8 clients at once; prints the bookings a second.
book() {
	t0=$(now)
	c=0
	while [ "$c" -lt "$CLIENTS" ]; do
		while read -r day start who; do
			"$SUMAHO" --db "$1" --today 2026-12-01 slots book v1 "$day" "$start" "$who" \
				--topic line >/dev/null 2>>"$T/book.err" || echo "$who" >>"$T/book.err"
		done <"$T/share$c" &
		c=$((c + 1))
	done
	wait
	t1=$(now)
	awk "BEGIN { printf \"%.1f\", $N / ($t1 - $t0) }"
}

echo
echo "1. booking throughput: $N bookings of distinct free slots by $CLIENTS clients at once (sumaho slots book)"
: >"$T/book.err"
sq=$(book "$db")
booked=$(sqlite3 "$db" "SELECT count(*) FROM bookings")
printf '   SQLite      %7s bookings/s  (%s booked)\n' "$sq" "$booked"
pq=$(book "$pgbook")
booked=$(PGOPTIONS="-c search_path=sumaho,public" psql -XAtd booking -c "SELECT count(*) FROM bookings")
printf '   PostgreSQL  %7s bookings/s  (%s booked)\n' "$pq" "$booked"
printf '   PostgreSQL / SQLite: %s\n' "$(ratio "$pq" "$sq")"
echo "figure: booking_per_s $sq"
echo "figure: pg_booking_per_s $pq"
[ -s "$T/book.err" ] && { echo "   refused or failed:"; sed 's/^/     /' "$T/book.err" | head -n 10; }

# 2. The draw.
db="$T/lottery.db"
bench_lottery_db "$db" "$PEOPLE" || exit 1
apps=$(sqlite3 "$db" "SELECT count(*) FROM applications")
codes=$(sqlite3 "$db" "SELECT code FROM offerings ORDER BY code")
pgdraw=$(pg_uri lottery)
echo
echo "2. lottery draw: 1,000 offerings of 24 seats, $apps applications from $PEOPLE people"
measure "sumaho copy --to (SQLite to PostgreSQL)" "$SUMAHO" --db "$db" copy --to "$pgdraw"
# shellcheck disable=SC2086
measure "sumaho lottery run, SQLite" "$SUMAHO" --db "$db" lottery run $codes --early --seed "$seed"
sw=$(cat "$T/wall")
cp "$T/line" "$T/sqlite_line"
# What PostgreSQL takes for the draw's reads and writes alone, in SQL by psql (no draw, no
# reference check, no round_set), on a copy of the database as the draw finds it, committed:
# the applications and the people read as the draw reads them, a million rows shaped as the
# draw's entries sent by COPY into a table shaped as lottery_entries (its key and checks),
# every application's status rewritten in place as the draw rewrites the losers', and the
# commit. Set beside twice SQLite's whole draw, it shows what a draw that reads and keeps
# these rows can reach at best. Any error: not measured.
PGOPTIONS="-c search_path=sumaho,public" psql -XAtq -v ON_ERROR_STOP=1 -d lottery \
	-c "\\copy (SELECT 1, id, offering_id, 'P' || person_id, choice, 0, 'lost', NULL FROM applications WHERE status <> 'cancelled') TO '$T/floor.rows'" \
	>"$T/floor" 2>&1 &&
	psql -XAtq -v ON_ERROR_STOP=1 -c "CREATE DATABASE floor TEMPLATE lottery STRATEGY FILE_COPY" \
		>>"$T/floor" 2>&1 &&
	PGOPTIONS="-c search_path=sumaho,public" psql -XAtq -v ON_ERROR_STOP=1 -d floor \
		>>"$T/floor" 2>&1 <<SQL
CHECKPOINT;
\\o /dev/null
\\timing on
SELECT id, offering_id, person_id, choice, status, CASE WHEN status IN ('ineligible',
	'duplicate') THEN reason END, applied_at FROM applications WHERE status <> 'cancelled'
	ORDER BY id;
SELECT id, code, coalesce(birth_year, 0), resident, CASE WHEN erased_at IS NULL THEN 0 ELSE 1
	END FROM people ORDER BY id;
\\timing off
\\o
CREATE TABLE floor_entries (LIKE lottery_entries INCLUDING ALL);
BEGIN;
\\timing on
\\copy floor_entries FROM '$T/floor.rows'
UPDATE applications SET status = 'lost', waiting_position = NULL, session_id = NULL,
	reason = '' WHERE status <> 'cancelled';
COMMIT;
\\timing off
SQL
floorrc=$?
psql -XAtq -c "DROP DATABASE IF EXISTS floor" >/dev/null 2>&1
rm -f "$T/floor.rows"
psql -XAtq -c CHECKPOINT >/dev/null 2>&1
# shellcheck disable=SC2086
measure "sumaho lottery run, PostgreSQL" "$SUMAHO" --db "$pgdraw" lottery run $codes --early --seed "$seed"
pw=$(cat "$T/wall")
drawfail=$(grep -l "(FAILED)" "$T/line" "$T/sqlite_line" 2>/dev/null)
printf '   PostgreSQL / SQLite (wall): %s  (aim: within 2)\n' "$(ratio "$pw" "$sw")"
q="SELECT result, count(*) FROM lottery_entries GROUP BY result ORDER BY result"
echo "   results, SQLite:     $(sqlite3 "$db" "$q" | tr '|\n' ' ,')"
echo "   results, PostgreSQL: $(PGOPTIONS="-c search_path=sumaho,public" psql -XAtd lottery -c "$q" | tr '|\n' ' ,')"
# Every entry and every application as tests/bench/lottery.sh hashes them, on each engine: the
# same seed draws the same results.
e="SELECT application_id, offering_id, person_code, choice, tier, result, position FROM lottery_entries ORDER BY application_id"
a="SELECT id, status, waiting_position, session_id, reason FROM applications ORDER BY id"
ss=$(sqlite3 "$db" "$e; $a" | sha256sum | cut -d' ' -f1)
ps=$(PGOPTIONS="-c search_path=sumaho,public" psql -XAtd lottery -c "$e" -c "$a" | sha256sum | cut -d' ' -f1)
echo "   results sha256, SQLite:     $ss"
echo "   results sha256, PostgreSQL: $ps ($([ "$ss" = "$ps" ] && echo "the same" || echo "DIFFERENT"))"
# (measured before the draw on PostgreSQL, above)
floor=
[ "$floorrc" -eq 0 ] && ! grep -q ERROR "$T/floor" &&
	floor=$(awk '/^Time: / { t += $2 / 1000; n++ } END { if (n == 5) printf "%.2f", t }' "$T/floor")
if [ -n "$floor" ] && [ -z "$drawfail" ]; then
	parts=$(awk '/^Time: / { t[++n] = $2 / 1000 } END {
		printf "reads %.2f s + entries %.2f s + statuses %.2f s + commit %.2f s", t[1] + t[2], t[3], t[4], t[5] }' "$T/floor")
	printf '   PostgreSQL, its reads and writes alone in SQL: %s = %s s\n' "$parts" "$floor"
	printf '     (%s of SQLite'"'"'s whole draw)\n' "$(ratio "$floor" "$sw")"
else
	echo "   PostgreSQL, its reads and writes alone in SQL: not measured"
	sed 's/^/     /' "$T/floor" | head -n 5
	floor=
fi

# 3. The draw made on PostgreSQL verifies.
echo
echo "3. sumaho lottery verify o0001 on PostgreSQL (its first and last lines):"
"$SUMAHO" --db "$pgdraw" lottery verify o0001 >"$T/verify" 2>&1
st=$?
{ head -n 2 "$T/verify"; tail -n 1 "$T/verify"; } | sed 's/^/   /'
echo "   (exit status $st)"

# 4. The lists on each engine: the sessions and the offerings of tests/bench/scroll.sh's database
# of 100,000 rows, opened, scrolled and searched at 80x24 in a pseudo-terminal as there.
db="$T/lists.db"
bench_lists_db "$db" 100000 || exit 1
pglists=$(pg_uri lists)
"$SUMAHO" --db "$db" copy --to "$pglists" >/dev/null || exit 1
mkdir -p "$T/config/sumaho"
printf '[display]\nambiguous = narrow\n' >"$T/config/sumaho/sumaho.ini"
pty="/usr/bin/python3 $(dirname "$0")/ptytime.py"
code=s099990
at=$(bench_search_place "$db" "$code")
echo
echo "4. the lists, 100,000 rows, at 80x24 (as tests/bench/scroll.sh; median of 5 opens)"
for engine in SQLite PostgreSQL; do
	uri=$([ $engine = SQLite ] && echo "$db" || echo "$pglists")
	{
		$pty open "sessions $engine" "q: quit" 1 "O: offerings" 5 -- "$SUMAHO" --db "$uri"
		$pty open "offerings $engine" "q: quit" 1O "Offerings" 5 -- "$SUMAHO" --db "$uri"
		$pty keys "sessions $engine: Down" "q: quit" 1 "O: offerings" down 100 -- "$SUMAHO" --db "$uri"
		$pty keys "sessions $engine: PageDown" "q: quit" 1 "O: offerings" pgdn 50 -- "$SUMAHO" --db "$uri"
		$pty find "sessions $engine" "q: quit" 1 "O: offerings" "$code" "$at" 5 -- "$SUMAHO" --db "$uri"
	} | sed 's/^/   /' | tee -a "$T/lists"
done
# The figure lines of the lists on PostgreSQL (pg_*), and the ratios to SQLite.
awk '{ e = $2; sub(/:$/, "", e); k = 0
	for (i = 1; i <= NF; i++) {
		if ($i == "open" && $3 == "open") t[$1 "_open", e] = $(i + 1)
		if ($i == "search") t[$1 "_search", e] = $(i + 1)
		# a key: the dearer of Down and PageDown, as tests/bench/scroll.sh takes it
		if ($i == "key" && !k++ && $(i + 1) > t[$1 "_key", e]) t[$1 "_key", e] = $(i + 1)
	} }
	END { for (k in t) { split(k, p, SUBSEP); if (p[2] != "PostgreSQL") continue
		printf "figure: pg_%s_100k_ms %s\n", p[1], t[k]
		if (t[p[1], "SQLite"] > 0)
			printf "   PostgreSQL / SQLite, %s: %.2f\n", p[1], t[k] / t[p[1], "SQLite"] } }' \
	"$T/lists" | sort
# The draw's figures only when both draws ran to the end.
if [ -z "$drawfail" ]; then
	echo "figure: pg_draw_s $pw"
	echo "figure: pg_draw_ratio $(ratio "$pw" "$sw")"
	[ -z "$floor" ] || echo "figure: pg_draw_floor_s $floor"
	[ -z "$floor" ] || echo "figure: pg_draw_floor_ratio $(ratio "$floor" "$sw")"
fi
