#!/bin/sh
# Faults: sumaho killed with SIGKILL at random moments of an import, a lottery round and a slot
# generation (35 times each); a full disk (a file size limit) and a read-only database. After
# each: integrity_check is ok and the operation happened wholly or not at all.
. "$top_srcdir/tests/lib.sh"
db="$T/demo.db"
today=2026-11-24
"$SUMAHO" --db "$db" --today $today init --demo >/dev/null || exit 99
ROUNDS=${FAULT_ROUNDS:-35}

# A big import: 4,000 people.
/usr/bin/python3 - "$T/people.csv" <<'EOF'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("code,name,kana,phone,birth_year\n")
    for i in range(4000):
        f.write("K%05d,区民　%d,クミン,03-0000-%04d,1940\n" % (i, i, i))
EOF
# A round to draw: 3,000 applications over 3 offerings.
sql "$db" "INSERT INTO offerings (code, course_id, venue_id, apply_from, apply_to, capacity) SELECT 'k' || x, 1, 1, '2026-11-01', '2026-11-20', 20 FROM (SELECT 1 x UNION SELECT 2 UNION SELECT 3) t"
sql "$db" "INSERT INTO applications (offering_id, person_id, channel, choice, applied_at) SELECT o.id, p.id, 'online', 1, '2026-11-10' FROM offerings o, people p WHERE o.code IN ('k1', 'k2', 'k3')"
sql "$db" "UPDATE slot_templates SET spec = 'mon-sun 09:00-12:00 13:00-18:00'"

# What a whole generation leaves, measured once on a copy: a killed one leaves that or nothing.
cp "$db" "$T/ref.db"
"$SUMAHO" --db "$T/ref.db" --today $today slots generate --from 2026-11-24 --to 2028-11-20 >/dev/null
full_slots=$(sql "$T/ref.db" "SELECT count(*) FROM consultation_slots")
state() { # what each operation leaves: people, rounds, slots
	sql "$db" "SELECT (SELECT count(*) FROM people) || ' ' || (SELECT count(*) FROM lottery_rounds) || ' ' || (SELECT count(*) FROM consultation_slots)"
}
# killrun DELAY_MS COMMAND...: start sumaho, kill -9 it after DELAY_MS, wait for it.
killrun() {
	d=$1
	shift
	"$SUMAHO" --db "$db" --today $today "$@" >/dev/null 2>&1 &
	p=$!
	sleep "$(printf '0.%03d' "$d")"
	kill -9 $p 2>/dev/null
	wait $p 2>/dev/null
}
bad=0 partial=0 n=0
for op in import draw generate; do
	i=0
	while [ $i -lt "$ROUNDS" ]; do
		i=$((i + 1)) n=$((n + 1))
		before=$(state)
		d=$(( (i * 37) % 300 ))
		case $op in
		import) killrun $d import people "$T/people.csv" ;;
		draw) killrun $d lottery run k1 k2 k3 --redraw ;;
		generate) killrun $d slots generate --from 2026-11-24 --to 2028-11-20 ;;
		esac
		after=$(state)
		! on_sqlite || [ "$(sql "$db" 'PRAGMA integrity_check')" = ok ] || bad=$((bad + 1))
		# Wholly or not at all: the count that operation changes moved by all or nothing.
		set -- $before
		b1=$1 b2=$2 b3=$3
		set -- $after
		case $op in
		import) [ "$1" = "$b1" ] || [ "$1" = $((b1 + 4000)) ] || partial=$((partial + 1)) ;;
		draw) [ "$2" = "$b2" ] || [ "$2" = $((b2 + 1)) ] || partial=$((partial + 1)) ;;
		generate) [ "$3" = "$b3" ] || [ "$3" = "$full_slots" ] || partial=$((partial + 1)) ;;
		esac
		# Start each kind from a clean state now and then, so that later kills land early too.
		if [ $op = import ] && [ $((i % 5)) -eq 0 ]; then
			sql "$db" "DELETE FROM people WHERE code LIKE 'K%'"
		fi
	done
done
is "$n" $((ROUNDS * 3)) "killed with SIGKILL $n times during imports, draws and slot generation"
if on_sqlite; then
	is "$bad" 0 "integrity_check was ok after every kill"
else
	tap_n=$((tap_n + 1))
	echo "ok $tap_n - integrity_check was ok after every kill # SKIP SQLite only"
fi
is "$partial" 0 "every operation happened wholly or not at all"
is "$(sql "$db" "SELECT count(*) FROM (SELECT slot_id FROM bookings WHERE status <> 'cancelled' GROUP BY slot_id HAVING count(*) > 1) t")" 0 \
	"no slot holds two bookings"
# On a busy machine every draw may have been killed before it finished: then one is run to
# its end now, on the database the kills left.
if [ "$(sql "$db" "SELECT count(*) FROM lottery_round_offerings r JOIN offerings o ON o.id = r.offering_id WHERE o.code = 'k1'")" -eq 0 ]; then
	diag "no draw finished before its kill; drawing once more"
	"$SUMAHO" --db "$db" --today $today lottery run k1 k2 k3 --redraw >/dev/null 2>&1
fi
LANGUAGE=en run --db "$db" --today $today lottery verify k1
is "$status" 0 "the last draw that finished still verifies"

# What only a file has: a full disk and a read-only file (on PostgreSQL the server has them).
if ! on_sqlite; then
	for d in "a write that does not fit fails" "with a message that nothing was done" \
		"and the database is intact" "booking in a read-only database fails" \
		"saying the database is read-only" "and nothing changed"; do
		tap_n=$((tap_n + 1))
		echo "ok $tap_n - $d # SKIP SQLite's file only"
	done
	done_testing
	exit
fi
# A full disk: a file size limit; SQLite's write fails and sumaho says so.
cp "$db" "$T/full.db"
# The limit is per file: the WAL the write transaction grows may not pass 100 KB.
LANGUAGE=en sh -c "ulimit -f 100; exec \"\$0\" \"\$@\"" "$SUMAHO" \
	--db "$T/full.db" --today $today slots generate --from 2028-11-21 --to 2030-11-20 \
	>"$T/out" 2>"$T/err"
st=$?
ok $((st == 0)) "a write that does not fit fails (status $st)"
has "$(cat "$T/err")" "no slots were created" "with a message that nothing was done"
sqlite_is "$T/full.db" 'PRAGMA integrity_check' ok "and the database is intact"

# A read-only database: a clear message, nothing changed. Root writes through file permissions,
# so the test runs sumaho as nobody then.
cp "$db" "$T/ro.db"
chmod 444 "$T/ro.db"
chmod 755 "$T"
as=
[ "$(id -u)" -ne 0 ] || as="setpriv --reuid=65534 --regid=65534 --clear-groups"
before=$(sql "$T/ro.db" "SELECT count(*) FROM bookings")
LANGUAGE=en $as "$SUMAHO" --db "$T/ro.db" --today $today slots book sekigahara 2026-12-01 10:00 P0001 --topic line \
	>"$T/out" 2>"$T/err"
is "$?" 1 "booking in a read-only database fails"
has "$(cat "$T/err")" "readonly" "saying the database is read-only"
is "$(sql "$T/ro.db" "SELECT count(*) FROM bookings")" "$before" "and nothing changed"

done_testing
