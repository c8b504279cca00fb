# tests/bench/benchlib.sh: what the benchmarks share; sourced, never run. A private folder $T
# (kept with KEEP=1) and home, English messages, a command's time and memory, and the SQL that
# begins a bulk load.
T=$(mktemp -d "${TMPDIR:-/tmp}/sumaho-bench.XXXXXX") || exit 1
[ -n "${KEEP:-}" ] || trap 'rm -rf "$T"' EXIT
export HOME="$T" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data" LC_ALL=C.UTF-8 LANGUAGE=en
unset LANG LC_MESSAGES NO_COLOR
now() { date +%s.%N; }

# bench_measure LABEL COMMAND...: a line with LABEL, the wall time, the CPU time and the peak
# RSS of one command (its standard output thrown away).
bench_measure() {
	label=$1
	shift
	/usr/bin/python3 - "$label" "$@" <<'PY'
import resource, subprocess, sys, time
t0 = time.monotonic()
r = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL)
t = time.monotonic() - t0
u = resource.getrusage(resource.RUSAGE_CHILDREN)
print("%-50s %6.2f s (CPU %6.2f s)  peak RSS %6.1f MB%s" % (sys.argv[1], t, u.ru_utime + u.ru_stime,
      u.ru_maxrss / 1024, "" if r.returncode == 0 else "  (FAILED)"))
PY
}

# bench_sql DB: a new database DB (sumaho init), then standard input's SQL run on it after the
# bulk-load preamble: WAL without syncs, one transaction (the input ends it with COMMIT), ten
# venues and the five courses.
bench_sql() {
	"$SUMAHO" --db "$1" init </dev/null >/dev/null || return 1
	{
		cat <<'SQL'
PRAGMA journal_mode = WAL;
PRAGMA synchronous = OFF;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)
INSERT INTO venues (code, name) SELECT 'v' || i, '会場' || i FROM n;
INSERT INTO courses (code, title, device, level) VALUES
 ('c1', 'スマホ入門', 'android', 'intro'), ('c2', 'スマホ入門', 'iphone', 'intro'),
 ('c3', 'ワンポイント教室', 'android', 'one-point'), ('c4', 'ワンポイント教室', 'iphone', 'one-point'),
 ('c5', 'はじめてのスマホ体験教室', 'any', 'trial');
SQL
		cat
	} | sqlite3 "$1" >/dev/null
}

# bench_people_sql N: the SQL for N people P1..PN with kana, phone and birth year.
bench_people_sql() {
	cat <<SQL
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $1)
INSERT INTO people (code, name, kana, kana_key, phone, phone_digits, birth_year)
SELECT 'P' || i, '区民' || i, 'クミン' || i, 'くみん' || i, '03-' || (1000 + i % 9000) || '-' || (1000 + i % 8999),
 '03' || (1000 + i % 9000) || (1000 + i % 8999), 1930 + i % 28 FROM n;
SQL
}

# bench_classes_sql YEAR: the SQL for ten years of classes from YEAR: 1,000 offerings, 100 a
# year, three sessions each.
bench_classes_sql() {
	cat <<SQL
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999)
INSERT INTO offerings (code, course_id, venue_id, apply_from, apply_to, capacity)
SELECT 'o' || i, 1 + i % 5, 1 + i % 10, date('$1-01-01', '+' || (i * 365 / 100) || ' days'),
 date('$1-01-01', '+' || (i * 365 / 100 + 10) || ' days'), 24 FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2999)
INSERT INTO sessions (code, offering_id, date, start, duration_min, seats)
SELECT 's' || i, 1 + i / 3, date('$1-01-20', '+' || ((i / 3) * 365 / 100 + (i % 3) * 30) || ' days'),
 '10:00', 90, 8 FROM n;
SQL
}

# bench_lists_db DB ROWS: the lists benchmark's database: ROWS offerings with one class session
# each, thirty a day from 2020 (tests/bench/scroll.sh, and on PostgreSQL tests/bench/engines.sh).
bench_lists_db() {
	bench_sql "$1" <<SQL
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

# bench_search_place DB CODE: the place a search for session CODE must show in the sessions list
# of DB: the rows before it in the list's order, plus one.
bench_search_place() {
	printf "SELECT 1 + count(*) FROM sessions s, sessions h WHERE h.code = '%s' AND
		(s.date, s.start, s.id) < (h.date, h.start, h.id);\n" "$2" | sqlite3 "$1"
}

# bench_lottery_db DB PEOPLE: the lottery benchmark's database: 1,000 offerings of 24 seats open
# for applications, PEOPLE people, each with a first and a second choice (2 x PEOPLE
# applications).
bench_lottery_db() {
	bench_sql "$1" <<SQL
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999)
INSERT INTO offerings (code, course_id, venue_id, apply_from, apply_to, capacity)
SELECT printf('o%04d', i), 1 + i % 5, 1 + i % 10, '2027-01-01', '2027-01-31', 24 FROM n;
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 2999)
INSERT INTO sessions (code, offering_id, date, start, duration_min, seats)
SELECT printf('s%05d', i), 1 + i / 3, date('2027-03-01', '+' || (i % 90) || ' days'), '10:00', 90, 8
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)
INSERT INTO people (code, name, kana, name_key, kana_key, phone, phone_digits, birth_year)
SELECT printf('P%06d', i), '区民' || i, 'クミン', '区民' || i, 'くみん', '', '', 1930 + i % 25 FROM n;
-- Demand is uneven, as in the city: some classes draw ten times their seats, some fewer.
INSERT INTO applications (offering_id, person_id, channel, choice, applied_at)
SELECT 1 + ((id * 7919) % 1000) * ((id % 3) + 1) % 1000, id, 'online', 1, '2027-01-10' FROM people;
INSERT INTO applications (offering_id, person_id, channel, choice, applied_at)
SELECT 1 + (((id * 104729) % 1000) + 1) % 1000, id, 'online', 2, '2027-01-11' FROM people;
COMMIT;
SQL
}

# bench_large_db DB: the large database of the start-up and memory benchmarks: ten years of
# classes, 100,000 people and 1,000,000 applications, its WAL folded into the database, as after
# a day's work and a clean shut-down.
bench_large_db() {
	{
		bench_classes_sql 2017
		bench_people_sql 100000
		cat <<'SQL'
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 999999)
INSERT INTO applications (offering_id, person_id, channel, applied_at, status, session_id)
SELECT 1 + i / 1000, 1 + (i * 7919) % 100000, 'online', '2017-01-01',
 CASE WHEN i % 1000 < 24 THEN 'won' WHEN i % 1000 < 29 THEN 'waiting' ELSE 'lost' END,
 CASE WHEN i % 1000 < 24 THEN 1 + (i / 1000) * 3 + (i % 1000) / 8 END FROM n;
COMMIT;
ANALYZE;
SQL
	} | bench_sql "$1" || return 1
	sqlite3 "$1" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
}
