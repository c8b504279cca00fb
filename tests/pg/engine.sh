#!/bin/sh
# sumaho on a PostgreSQL 15 server of the test's own: the demo reproduces the city's tables
# there; copy --to moves a SQLite installation with its audit log whole and refuses a database
# that holds data; backup and pg_restore give the same data back; the kiosk's role
# (doc/roles.sql) reads the classes and no resident's name; the lists read a window at a time;
# a server that is gone is said in words and changes nothing.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/pg/pglib.sh"
trap 'pg_stop; rm -rf "$T"' EXIT
chmod 755 "$T"
pg_start "$T/pg" || { echo "Bail out! no PostgreSQL server"; exit 99; }
exp="$top_srcdir/tests/cli/expected"
export TZ=Asia/Tokyo
psqlq() { psql -Xqt -A -v ON_ERROR_STOP=1 "$@"; }

# The demo, made on PostgreSQL.
demo=$(pg_uri demo)
run --db "$demo" init --demo
is "$status" 0 "init --demo on an empty PostgreSQL database"
has "$out" "27" "at the schema version of SQLite's"
for lang in ja en; do
	for r in monthly classes; do
		LANGUAGE=$lang "$SUMAHO" --db "$demo" report $r --from 2022-04 --to 2022-09 \
			>"$T/$r-$lang.txt" 2>&1
		same_file "$T/$r-$lang.txt" "$exp/report-$r-$lang.txt" \
			"report $r ($lang) reproduces the city's table on PostgreSQL"
	done
done
is "$(psqlq -d demo -c "SELECT max(version) FROM sumaho.schema_version")" 27 \
	"schema_version records the version"

# copy --to: a SQLite installation into an empty database.
lite="$T/lite.db"
"$SUMAHO" --db "$lite" init --demo >/dev/null 2>&1 || exit 99
"$SUMAHO" --db "$lite" staff add kanri admin "管理 花子" </dev/null >/dev/null 2>&1
target=$(pg_uri target)
LANGUAGE=en run --db "$lite" copy --to "$target"
is "$status" 0 "copy --to URI"
has "$out" "Copied" "says what it copied"
has "$out" "people                          529" "table by table"
bad=0
for t in venues courses offerings sessions people applications consultation_slots bookings \
	attendance audit_log slot_templates staff; do
	a=$(sqlite3 "$lite" "SELECT count(*) FROM $t")
	b=$(psqlq -d target -c "SELECT count(*) FROM sumaho.$t")
	[ "$t" = audit_log ] && a=$((a + 1)) # the entry that says what was copied
	[ "$a" = "$b" ] || { bad=$((bad + 1)); diag "$t: $a in SQLite, $b in PostgreSQL"; }
done
is "$bad" 0 "every table holds the same rows (and the audit log one entry more)"
is "$(sqlite3 "$lite" "SELECT group_concat(hash, '') FROM (SELECT hash FROM audit_log ORDER BY id)" | md5sum)" \
	"$(psqlq -d target -c "SELECT string_agg(hash, '' ORDER BY id) FROM sumaho.audit_log WHERE action <> 'copy'" | md5sum)" \
	"the audit log's chain is the same, entry for entry"
LANGUAGE=en run --db "$target" audit verify
is "$status" 0 "and verifies on PostgreSQL"
LANGUAGE=en run --db "$target" people add "新規 登録" --kana "シンキ トウロク" --phone 0312340000 --birth-year 1950
is "$status" 0 "a record added after the copy"
has "$out" "P0530" "takes the next code (the ids go on from the copy's)"
LANGUAGE=en run --db "$lite" copy --to "$target"
is "$status" 1 "a copy into a database that holds data is refused"
has "$err" "already holds data" "saying so"

# backup and restore.
LANGUAGE=en run --db "$target" backup "$T/target.dump"
is "$status" 0 "backup on PostgreSQL"
is "$(stat -c %a "$T/target.dump")" 600 "written for its owner only"
psqlq -c "CREATE DATABASE restored" && pg_restore -d restored "$T/target.dump"
ok $? "pg_restore takes it"
is "$(psqlq -d restored -c "SELECT count(*) FROM sumaho.people")" \
	"$(psqlq -d target -c "SELECT count(*) FROM sumaho.people")" "with every person"
LANGUAGE=en run --db "$(pg_uri restored)" audit verify
is "$status" 0 "and an audit log that verifies"

# The kiosk's role.
psqlq -d demo -f "$top_srcdir/doc/roles.sql" >/dev/null
ok $? "doc/roles.sql creates the roles"
kiosk="postgresql:///demo?host=$PGHOST&user=sumaho_kiosk"
psql -Xqt -A -d "$kiosk" -c "SELECT name FROM sumaho.people LIMIT 1" >"$T/k.out" 2>"$T/k.err"
is "$?" 1 "the kiosk's role cannot read a name"
has "$(cat "$T/k.err")" "permission denied" "the server refuses it"
psql -Xqt -A -d "$kiosk" -c "SELECT person_id FROM sumaho.applications LIMIT 1" >/dev/null 2>&1
is "$?" 1 "nor who applied"
psql -Xqt -A -d "$kiosk" -c "SELECT count(*) FROM sumaho.audit_log" >/dev/null 2>&1
is "$?" 1 "nor the audit log"
psql -Xqt -A -d "$kiosk" -c "SELECT login FROM sumaho.staff LIMIT 1" >/dev/null 2>&1
is "$?" 1 "nor a staff account"
psql -Xqt -A -d "$kiosk" -c "SELECT pin_hash, pin_crypt FROM sumaho.staff LIMIT 1" >/dev/null 2>&1
is "$?" 1 "nor what a PIN is checked against"
is "$(psqlq -d "$kiosk" -c "SELECT count(*) FROM sumaho.sessions")" 30 "it reads the sessions"
LANGUAGE=en run --db "$kiosk" people find 小林
is "$status" 1 "sumaho on the kiosk's role finds nobody"
has "$err" "permission denied" "the server refusing it"
LANGUAGE=en run --db "$kiosk" export ics --from 2022-04-01 --to 2022-09-30
is "$status" 0 "the public calendar is made on the kiosk's role"
has "$out" "BEGIN:VEVENT" "with its classes"
LANGUAGE=en run --db "$kiosk" lottery cancel op-iphone-2022 P0001
is "$status" 1 "and it changes nothing"

# The kiosk on its role: it shows the classes, and a staff member's PIN ends it (the role may
# not write: the PIN is checked read-only, as on a SQLite file the kiosk may only read).
printf '2580\n' | "$SUMAHO" --db "$demo" staff add kanri admin "管理 花子" >/dev/null 2>&1
check="SELECT coalesce(id, 0), coalesce(name, '-'), ok FROM sumaho.staff_pin_check"
is "$(psqlq -d "$kiosk" -c "$check('kanri', '2580', '2000-01-01T00:00:00Z')")" "$(psqlq -d demo -c "SELECT id FROM sumaho.staff WHERE login = 'kanri'")|管理 花子|1" \
	"the server checks a right PIN for the kiosk's role"
is "$(psqlq -d "$kiosk" -c "$check('kanri', '2581', '2000-01-01T00:00:00Z')")" "0|-|0" "a wrong PIN: no, and nothing of the account"
is "$(psqlq -d "$kiosk" -c "$check('nobody', '2580', '2000-01-01T00:00:00Z')")" "0|-|0" "an unknown staff ID: the same answer"
psqlq -d demo -c "UPDATE sumaho.staff SET locked_until = '2000-01-01T00:10:00Z' WHERE login = 'kanri'"
is "$(psqlq -d "$kiosk" -c "$check('kanri', '2580', '2000-01-01T00:00:00Z')")" "0|-|0" \
	"a locked account: no, even with the right PIN"
is "$(psqlq -d "$kiosk" -c "$check('kanri', '2580', '2000-01-01T00:10:01Z')")" \
	"$(psqlq -d demo -c "SELECT id FROM sumaho.staff WHERE login = 'kanri'")|管理 花子|1" "and yes once the lock has run out"
psqlq -d demo -c "UPDATE sumaho.staff SET locked_until = NULL WHERE login = 'kanri'"
psql -Xqt -A -d "postgresql:///demo?host=$PGHOST&user=sumaho_staff" -c "$check('kanri', '2580', '2000-01-01T00:00:00Z')" >/dev/null 2>&1
is "$?" 1 "only the kiosk's role may ask"
. "$top_srcdir/tests/screen/screenlib.sh"
# The kiosk's exit status is written by the shell that runs it: what tmux says of a pane's
# program may come a moment after the pane is dead.
screen_start 80 24 "env LANGUAGE=ja TERM=screen '$SUMAHO' --db '$kiosk' --today 2022-08-02 --kiosk; echo \$? >'$T/kiosk.status'"
screen_expect "スマホ教室" "the full-screen kiosk runs on the kiosk's role"
screen_keys C-x
screen_wait "職員ID:"
screen_keys kanri Enter
screen_wait "暗証番号:"
screen_keys 2581 Enter
screen_expect "職員IDか暗証番号が違います。" "a wrong PIN is refused there"
clock_advance 2
screen_wait "スマホ教室"
clock_advance 16
screen_keys C-x
screen_wait "職員ID:"
screen_keys kanri Enter
screen_wait "暗証番号:"
screen_keys 2580 Enter
kiosk_ended() { [ -s "$T/kiosk.status" ]; }
screen_until "the kiosk to end" kiosk_ended
is "$(cat "$T/kiosk.status" 2>/dev/null)" 0 "the right PIN ends it there (exit status 0)"
tm_end

# What the kiosk's role may not read is an error in the server's words, never an empty list.
# (signed in: staff accounts exist now)
# (a class of the weeks ahead: the past ones hold results recorded without a draw)
drawn=$(psqlq -d demo -c "SELECT o.code FROM sumaho.offerings o WHERE o.code NOT LIKE '%2022'
	ORDER BY (SELECT count(*) FROM sumaho.applications a WHERE a.offering_id = o.id) DESC,
	o.code LIMIT 1")
"$SUMAHO" --db "$demo" $(sign_in_args kanri 2580) lottery run "$drawn" --early >/dev/null 2>&1 || exit 99
LANGUAGE=en run --db "$kiosk" lottery show "$drawn"
is "$status" 1 "lottery show on the kiosk's role fails (the draw's entries are not the kiosk's)"
has "$err" "permission denied for table lottery_entries" "in the server's words"
# A role that reads all but the residents' records (the draw included): the lists of winners.
psqlq -d demo -c "CREATE ROLE t_no_names LOGIN" -c "GRANT USAGE ON SCHEMA sumaho TO t_no_names" \
	-c "GRANT SELECT ON ALL TABLES IN SCHEMA sumaho TO t_no_names" \
	-c "REVOKE SELECT ON sumaho.people FROM t_no_names" \
	-c "GRANT EXECUTE ON FUNCTION sumaho.staff_pin_check(text, text, text) TO t_no_names" \
	>/dev/null || exit 99
LANGUAGE=en run --db "postgresql:///demo?host=$PGHOST&user=t_no_names" $(sign_in_args kanri 2580) \
	lottery export "$drawn" --format list
is "$status" 1 "the lists of winners fail on a role that may not read the names"
has "$err" "permission denied for table people" "in the server's words"
hasnt "$out" "(nobody)" "never saying nobody won"

# A server that restarts: the connection is made again; a transaction it cut is said in words.
restart="pg_ctl -D $PGHOST/data -w -m fast restart"
[ "$(id -u)" = 0 ] && restart="runuser -u postgres -- $PG_BIN/$restart" || restart="$PG_BIN/$restart"
SUMAHO_TEST_PG_URI="$demo" SUMAHO_TEST_PG_RESTART="$restart >/dev/null" \
	"${top_builddir:-.}/tests/unit/test_pg" >"$T/reconnect.tap" 2>&1
ok $? "tests/unit/test_pg: reconnects after a restart, refuses the rest of a cut transaction"
grep -v '^ok' "$T/reconnect.tap" | sed 's/^/# /'

# The lists read a window at a time (models/formats/pages.c): keyset comparisons of rows, the
# order of text and the counters' trigger functions as PostgreSQL has them.
"${top_builddir:-.}/tests/unit/test_pages" "$(pg_uri pages)" >"$T/pages.tap" 2>&1 &&
	! grep -q '^not ok' "$T/pages.tap"
ok $? "tests/unit/test_pages: every window of a list holds the rows of the whole list"
grep -v '^ok' "$T/pages.tap" | sed 's/^/# /'

# The entries' references, checked once a statement on PostgreSQL (schema versions 23 and 25).
psqlq -d demo -c "INSERT INTO sumaho.lottery_entries SELECT round_id, application_id + 1000000,
	offering_id, person_code, choice, tier, result, position FROM sumaho.lottery_entries
	LIMIT 1" >/dev/null 2>"$T/refs.err"
is "$?" 1 "an entry naming no application is refused"
has "$(cat "$T/refs.err")" "lottery_entries_application_id_fkey" "naming the reference"
psqlq -d demo -c "INSERT INTO sumaho.lottery_entries SELECT round_id + 1000, application_id,
	offering_id, person_code, choice, tier, result, position FROM sumaho.lottery_entries
	LIMIT 1" >/dev/null 2>"$T/refs.err"
is "$?" 1 "an entry naming no round is refused"
has "$(cat "$T/refs.err")" "lottery_entries_round_id_fkey" "naming the reference"
psqlq -d demo -c "UPDATE sumaho.lottery_entries SET offering_id = offering_id + 1000000 WHERE
	application_id = (SELECT max(application_id) FROM sumaho.lottery_entries)" \
	>/dev/null 2>"$T/refs.err"
is "$?" 1 "an entry changed to name no offering is refused"
has "$(cat "$T/refs.err")" "lottery_entries_offering_id_fkey" "naming the reference"
psqlq -d demo -c "UPDATE sumaho.applications SET applied_at = '2023-02-29' WHERE id = (SELECT
	min(id) FROM sumaho.applications)" >/dev/null 2>"$T/refs.err"
is "$?" 1 "a day of application that does not exist is refused (a domain on PostgreSQL)"
has "$(cat "$T/refs.err")" "applications_applied_at_check" "naming the constraint"
psqlq -d demo -c "DELETE FROM sumaho.applications WHERE id = (SELECT min(application_id) FROM
	sumaho.lottery_entries e WHERE NOT EXISTS (SELECT 1 FROM sumaho.lottery_offers o
	WHERE e.application_id IN (o.application_id, o.freed_by)) AND NOT EXISTS (SELECT 1 FROM
	sumaho.application_undo u WHERE e.application_id IN (u.application_id, u.cancel_id)))" \
	>/dev/null 2>"$T/refs.err"
is "$?" 1 "an application an entry names is not deleted"
has "$(cat "$T/refs.err")" 'on table "lottery_entries"' "naming the entries"

# A large round on PostgreSQL: its losers that were "applied" are written by one statement
# over the round, the others by their ids (models/lottery/round.c, write_losers). The same
# draws give the same rows as on SQLite: a first draw (with a person too young), and a redraw
# after the birth year is put right, where the one ineligible application turns out lost.
same="$T/same.db"
"$SUMAHO" --db "$same" --today 2026-12-01 init --demo >/dev/null 2>&1 || exit 99
for i in $(seq 100 160); do
	"$SUMAHO" --db "$same" --today 2026-12-01 apply trial-202612 "P0$i" >/dev/null 2>&1
done
"$SUMAHO" --db "$same" people edit P0130 --birth-year 1990 >/dev/null 2>&1
samepg=$(pg_uri same)
"$SUMAHO" --db "$same" copy --to "$samepg" >/dev/null 2>&1 || exit 99
round=$(sqlite3 "$same" "SELECT code FROM offerings WHERE code NOT LIKE '%2022'")
check "the round holds more than a fifth of the offerings (a large round: write_losers)" \
	test "$(($(echo "$round" | wc -w) * 5))" -gt "$(sqlite3 "$same" "SELECT count(*) FROM offerings")"
rows="SELECT a.id, a.status, coalesce(a.waiting_position, 0), coalesce(a.session_id, 0), a.reason
	FROM applications a ORDER BY a.id"
entries="SELECT e.round_id, e.application_id, e.result, coalesce(e.position, 0), e.tier
	FROM lottery_entries e ORDER BY e.round_id, e.application_id"
counted="SELECT count(*) FROM offerings o WHERE (SELECT n FROM counters WHERE name = 'applicants'
	AND id = o.id) <> (SELECT count(*) FROM applications a WHERE a.offering_id = o.id AND
	a.status IN ('applied', 'won', 'waiting', 'lost'))"
young="SELECT a.status FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o
	ON o.id = a.offering_id WHERE p.code = 'P0130' AND o.code = 'trial-202612'"
# same_draw WHAT: the applications, the entries and the counts agree on both engines.
same_draw() {
	is "$(sqlite3 -separator '|' "$same" "$rows" | md5sum)" \
		"$(psqlq -d same -c "SET search_path = sumaho; $rows" | md5sum)" \
		"$1: every application's result is the same on PostgreSQL as on SQLite"
	is "$(sqlite3 -separator '|' "$same" "$entries" | md5sum)" \
		"$(psqlq -d same -c "SET search_path = sumaho; $entries" | md5sum)" \
		"$1: and every entry of the draw"
	is "$(psqlq -d same -c "SET search_path = sumaho; $counted")" 0 \
		"$1: each offering's count of applicants is right on PostgreSQL"
}
for db in "$same" "$samepg"; do
	# shellcheck disable=SC2086
	run --db "$db" --today 2026-12-02 lottery run $round --early --seed "$(printf '5e%.0s' $(seq 32))"
	is "$status" 0 "the round drawn ($db)"
done
is "$(psqlq -d same -c "SET search_path = sumaho; SELECT count(*) FROM applications WHERE status = 'lost'")" \
	"$(sqlite3 "$same" "SELECT count(*) FROM applications WHERE status = 'lost'")" "as many lost on both"
check "some lost" test "$(sqlite3 "$same" "SELECT count(*) FROM applications WHERE status = 'lost'")" -gt 10
is "$(sqlite3 "$same" "$young")" ineligible "the person too young is ineligible"
same_draw "the first draw"
for db in "$same" "$samepg"; do
	"$SUMAHO" --db "$db" people edit P0130 --birth-year 1950 >/dev/null 2>&1
	# shellcheck disable=SC2086
	run --db "$db" --today 2026-12-02 lottery run $round --early --redraw \
		--seed "$(printf 'ab%.0s' $(seq 32))"
	is "$status" 0 "the redraw ($db)"
done
is "$(psqlq -d same -c "SET search_path = sumaho; $young")" lost \
	"the application that was ineligible is lost in the redraw on PostgreSQL"
same_draw "the redraw"

# A server that is gone.
pg_stop
LANGUAGE=en run --db "$demo" people find 小林
is "$status" 1 "with the server stopped, a command fails"
has "$err" "cannot connect to the database server" "saying so in words"
done_testing
