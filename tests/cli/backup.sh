#!/bin/sh
# sumaho backup FILE: SQLite's online backup while terminals book slots, and the restore the
# man page describes.
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
is "$(sql "$T/copy.db" 'PRAGMA integrity_check')" ok "the copy passes integrity_check"
is "$(sql "$T/copy.db" 'PRAGMA journal_mode')" delete "and is a database of its own (no WAL)"
is "$(sql "$T/copy.db" "SELECT count(*) FROM (SELECT slot_id FROM bookings WHERE status <> 'cancelled' GROUP BY slot_id HAVING count(*) > 1)")" 0 \
	"with no slot booked twice"
is "$(sql "$T/copy.db" "SELECT count(*) FROM audit_log WHERE action = 'book'")" \
	"$(sql "$T/copy.db" "SELECT count(*) FROM audit_log a WHERE action = 'book' AND EXISTS (SELECT 1 FROM bookings b WHERE b.id = a.entity_id)")" \
	"every booking the copy's audit log names is in the copy (one moment, not a mix)"

# Restore as the man page says: stop the terminals, put the copy in place, remove -wal/-shm.
run --db "$db" backup "$T/again.db"
cp "$T/again.db" "$T/restored.db"
run --db "$T/restored.db" slots list --date 2026-12-01
is "$status" 0 "the restored copy opens"
is "$(sql "$T/restored.db" 'SELECT count(*) FROM bookings')" "$(sql "$db" 'SELECT count(*) FROM bookings')" \
	"with every booking"
LANGUAGE=en run --db "$db" backup "$T/no/such/dir/x.db"
is "$status" 1 "a backup that cannot be written fails"
has "$err" "cannot write" "and says so"
done_testing
