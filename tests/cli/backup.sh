#!/bin/sh
# sumaho backup FILE: SQLite's online backup (pg_dump on PostgreSQL) while terminals book
# slots, and the restore the man page describes.
. "$top_srcdir/tests/lib.sh"
db="$T/demo.db"
today=2026-11-24
"$SUMAHO" --db "$db" --today $today init --demo >/dev/null || exit 99

# Four terminals booking all the while.
slots=$(sql "$db" "SELECT v.code || ',' || s.date || ',' || s.start FROM consultation_slots s JOIN venues v ON v.id = s.venue_id WHERE s.date >= '2026-12-01' AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = s.id AND b.status <> 'cancelled') ORDER BY s.date, s.start LIMIT 120")
for w in 1 2 3 4; do
	(
		k=0
		for s in $slots; do
			k=$((k + 1))
			[ $((k % 4)) -eq $((w - 1)) ] || continue
			v=${s%%,*} r=${s#*,}
			"$SUMAHO" --db "$db" --today $today slots book "$v" "${r%,*}" "${r#*,}" "$(printf 'P%04d' $((300 + k)))" --topic line >/dev/null 2>&1
		done
	) &
done
sleep 0.3
run --db "$db" backup "$T/copy.db"
is "$status" 0 "backup while four terminals book"
wait
check "the copy is the owner's only (0600)" test "$(stat -c %a "$T/copy.db")" = 600
sqlite_is "$T/copy.db" 'PRAGMA integrity_check' ok "the copy passes integrity_check"
sqlite_is "$T/copy.db" 'PRAGMA journal_mode' delete "and is a database of its own (no WAL)"
db_restore "$T/copy.db" "$T/copy-open.db" # (the copy itself on SQLite)
is "$(sql "$T/copy-open.db" "SELECT count(*) FROM (SELECT slot_id FROM bookings WHERE status <> 'cancelled' GROUP BY slot_id HAVING count(*) > 1) t")" 0 \
	"with no slot booked twice"
booked=$(sql "$T/copy-open.db" "SELECT count(*) FROM audit_log WHERE action = 'book'")
is "$(sql "$T/copy-open.db" "SELECT count(*) FROM audit_log a WHERE action = 'book' AND EXISTS (SELECT 1 FROM bookings b WHERE b.id = a.entity_id)")" \
	"$booked" "every booking the copy's audit log names is in the copy (one moment, not a mix)"
check "and there are such bookings" test "$booked" -gt 0

# Restore as the man page says: stop the terminals, put the copy in place, remove -wal/-shm
# (on PostgreSQL: pg_restore into an empty database).
run --db "$db" backup "$T/again.db"
db_restore "$T/again.db" "$T/restored.db"
run --db "$T/restored.db" slots list --date 2026-12-01
is "$status" 0 "the restored copy opens"
is "$(sql "$T/restored.db" 'SELECT count(*) FROM bookings')" "$(sql "$db" 'SELECT count(*) FROM bookings')" \
	"with every booking"
LANGUAGE=en run --db "$db" backup "$T/no/such/dir/x.db"
is "$status" 1 "a backup that cannot be written fails"
has "$err" "cannot write" "and says so"
# Issue 16: a backup killed part-way leaves no temporary copy behind. A database of 100 MB
# (ballast in a table of its own) keeps the copy going long enough to be caught: the test
# waits until the temporary file is there (a condition, not a time), then sends the signal.
# On PostgreSQL, pg_dump waits instead for a table that another session holds locked (the
# "locker", ended by the test), so it is caught copying whatever the machine's speed.
big="$T/big.db"
if on_sqlite; then
	"$SUMAHO" --db "$big" init >/dev/null || exit 99
	sqlite3 "$big" "CREATE TABLE test_ballast (b BLOB); WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100) INSERT INTO test_ballast SELECT zeroblob(1048576) FROM n;"
else
	db_copy "$db" "$big"
	PGAPPNAME=locker psql -Xq -c "BEGIN" -c "LOCK TABLE sumaho.bookings IN ACCESS EXCLUSIVE MODE" \
		-c "SELECT pg_sleep(3600)" "$("$top_srcdir/tests/pg/sumaho-pg" --map "$big")" >/dev/null 2>&1 &
	# until_pg QUERY: wait (at most about a minute) until QUERY says 1 on the server.
	until_pg() {
		i=0
		until [ "$(sql "$big" "$1")" = 1 ] || [ $i -ge 1200 ]; do
			sleep 0.05
			i=$((i + 1))
		done
	}
	until_pg "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation WHERE c.relname = 'bookings' AND l.mode = 'AccessExclusiveLock' AND l.granted"
	unlock() {
		sql "$big" "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'locker'" >/dev/null
	}
fi
mkdir "$T/out"
temps() { ls "$T/out" | grep -c '^copy\.db\.......$'; }
# backup_until_copying: start a backup into $T/out/copy.db, return once its temporary copy is
# there (pid in $pid); fails when the backup ended first.
backup_until_copying() {
	# A shell starts background jobs with SIGINT ignored; a terminal's Ctrl-C is not.
	LANGUAGE=en env --default-signal=INT "$SUMAHO" --db "$big" backup "$T/out/copy.db" \
		>"$T/bg.out" 2>"$T/bg.err" &
	pid=$!
	while [ "$(temps)" -eq 0 ]; do
		kill -0 $pid 2>/dev/null || return 1
		sleep 0.01
	done
}
for sig in TERM:15 INT:2; do
	num=${sig#*:} sig=${sig%:*}
	rm -f "$T/out/copy.db"
	backup_until_copying
	ok $? "SIG$sig: the backup was caught copying"
	kill -$sig $pid
	wait $pid
	rc=$?
	is "$rc" "$((128 + num))" "SIG$sig: the backup ends by the signal"
	has "$(cat "$T/bg.err")" "backup interrupted; the partial copy was removed" "SIG$sig: and says so"
	is "$(ls "$T/out" | tr '\n' ' ')" "" "SIG$sig: no temporary file (nor journal) is left"
done
# A kill that cannot be caught leaves the copy; the next backup removes it.
backup_until_copying
ok $? "SIGKILL: the backup was caught copying"
kill -KILL $pid
wait $pid
is "$(temps)" 1 "SIGKILL leaves its temporary copy"
if ! on_sqlite; then
	# the lock let go: until the killed backup's pg_dump, if it outlived it, is gone
	unlock
	until_pg "SELECT count(*) = 0 FROM pg_stat_activity WHERE application_name = 'pg_dump'"
fi
LANGUAGE=en run --db "$big" backup "$T/out/copy.db"
is "$status" 0 "the next backup succeeds"
has "$out" "Removed 1 temporary file an interrupted backup left" "and says it removed the stale copy"
is "$(ls "$T/out" | tr '\n' ' ')" "copy.db " "only the backup is left"
if on_sqlite; then
	is "$(sql "$T/out/copy.db" 'SELECT count(*) FROM test_ballast')" 100 "and it is whole"
else
	db_restore "$T/out/copy.db" "$T/big-restored.db"
	is "$(sql "$T/big-restored.db" 'SELECT count(*) FROM bookings')" "$(sql "$big" 'SELECT count(*) FROM bookings')" \
		"and it is whole"
fi
done_testing
