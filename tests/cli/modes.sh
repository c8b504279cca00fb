#!/bin/sh
# Files with residents' data are created 0600, or 0660 in the group that [database] group
# names: a new database and the -wal and -shm files beside it, backups, exports with names and
# the rejects file of an import. A public calendar keeps the umask's mode; an unknown group is
# an error naming the line.
. "$top_srcdir/tests/lib.sh"
umask 022
db="$T/m.db"
S() { run --db "$db" --today 2026-11-24 "$@"; }
mode() { stat -c %a "$1"; }
group() { stat -c %G "$1"; }
# (the files of a database: on PostgreSQL, the server's, which sumaho does not create)
nofile="a PostgreSQL database is no file of sumaho's"
# db_files DB FORMAT WANT NAME: on SQLite, the test NAME that DB's `stat -c FORMAT` is WANT, and
# that of its -wal and -shm files too; on PostgreSQL, both skipped.
db_files() {
	if on_sqlite; then
		is "$(stat -c "$2" "$1")" "$3" "$4"
		# While a connection is open, SQLite's -wal and -shm files take the database's mode.
		modes=$(sqlite3 "$1" ".output /dev/null" "SELECT count(*) FROM people" ".output stdout" \
			".shell stat -c '$2' $1-wal $1-shm" | tr '\n' ' ')
		is "$modes" "$3 $3 " "and so are its -wal and -shm files"
	else
		skip "$4" "$nofile"
		skip "and so are its -wal and -shm files" "$nofile"
	fi
}

S init --demo
is "$status" 0 "a new database"
db_files "$db" %a 600 "is created 0600, whatever the umask (022)"
S backup "$T/backup.db"
is "$(mode "$T/backup.db")" 600 "a backup is 0600"
S lottery run onepoint-iphone-202611 --early >/dev/null
S lottery export onepoint-iphone-202611 -o "$T/draw.csv"
is "$(mode "$T/draw.csv")" 600 "a draw's export is 0600"
S export ics --bookings -o "$T/staff.ics"
is "$(mode "$T/staff.ics")" 600 "the staff calendar (names) is 0600"
S export ics -o "$T/public.ics"
is "$(mode "$T/public.ics")" 644 "a public calendar keeps the umask's mode"
printf 'code,name,kana,phone,birth_year,resident\nq1,佐藤　花子,サトウ,03-1111-2222,1850,yes\n' >"$T/bad.csv"
S import people "$T/bad.csv" --good-rows "$T/rejects.csv"
is "$(mode "$T/rejects.csv")" 600 "a rejects file is 0600"
: >"$T/old-rejects.csv"
chmod 644 "$T/old-rejects.csv"
S import people "$T/bad.csv" --good-rows "$T/old-rejects.csv"
is "$(mode "$T/old-rejects.csv")" 600 "also when it replaces a file that was 0644"

# With a group.
printf '[database]\ngroup = staff\n' >"$T/group.ini"
G() { run --db "$T/g.db" --config "$T/group.ini" --today 2026-11-24 "$@"; }
G init --demo
is "$status" 0 "a new database with [database] group = staff"
db_files "$T/g.db" "%a %G" "660 staff" "is 0660 in group staff"
G backup "$T/g-backup.db"
is "$(mode "$T/g-backup.db") $(group "$T/g-backup.db")" "660 staff" "a backup too"
G lottery run onepoint-iphone-202611 --early >/dev/null
G lottery export onepoint-iphone-202611 -o "$T/g-draw.csv"
is "$(mode "$T/g-draw.csv") $(group "$T/g-draw.csv")" "660 staff" "an export too"
G export ics --person P0001 -o "$T/g-person.ics"
is "$(mode "$T/g-person.ics") $(group "$T/g-person.ics")" "660 staff" "a resident's own calendar too"
G import people "$T/bad.csv" --good-rows "$T/g-rejects.csv"
is "$(mode "$T/g-rejects.csv") $(group "$T/g-rejects.csv")" "660 staff" "a rejects file too"

printf '[database]\n# the city'"'"'s staff\ngroup = no-such-group-here\n' >"$T/nogroup.ini"
LANGUAGE=en run --db "$T/n.db" --config "$T/nogroup.ini" init
is "$status" 1 "an unknown group is an error"
has "$err" "$T/nogroup.ini:3: key 'group' in section [database]: there is no group 'no-such-group-here'" \
	"naming the file, the line and the group"
db_exists "$T/n.db"
is $? 1 "and no database is made"
done_testing
