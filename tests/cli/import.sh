#!/bin/sh
# sumaho import KIND FILE: all rows or none, every problem named by row and field.
. "$top_srcdir/tests/lib.sh"
db="$T/i.db"
"$SUMAHO" --db "$db" init >/dev/null || exit 99
count() { sql "$db" "SELECT count(*) FROM $1"; }

printf 'code,name,address\r\nseki,関ヶ原,品川区\r\nhira,平塚橋,\r\n' >"$T/venues.csv"
LANGUAGE=en run --db "$db" import venues "$T/venues.csv"
is "$status" 0 "a CRLF file imports"
has "$out" "2 rows read, 2 new records" "and reports what it added"
LANGUAGE=en run --db "$db" import venues "$T/venues.csv"
has "$out" "2 rows read, 0 new records" "importing it again adds nothing"
is "$(count venues)" 2 "two venues"

printf '\357\273\277code,title,device,level\n"c1","スマホ入門","android","intro"\n' >"$T/courses.csv"
run --db "$db" import courses "$T/courses.csv"
is "$status" 0 "a file with a BOM and quoted fields imports"
is "$(sql "$db" 'SELECT title FROM courses')" "スマホ入門" "the title is intact"

# A file with a good row and two bad ones: nothing is stored, both are named.
printf 'code,name,kana,phone,birth_year\nP1,山田　花子,ヤマダ　ハナコ,03-1234-5678,1950\nP2,,,,\nP3,鈴木　一郎,,phone?,1850\n' \
	>"$T/people.csv"
LANGUAGE=en run --db "$db" import people "$T/people.csv"
is "$status" 1 "a file with bad rows fails"
has "$err" "sumaho: $T/people.csv: row 3, field 'name': must not be empty" "the empty name is named by row and field"
has "$err" "row 4, field 'phone': 'phone?' is not a phone number" "so is the bad phone number"
has "$err" "row 4, field 'birth_year': must be a whole number from 1900" "and the birth year"
has "$err" "nothing was imported" "and the user is told nothing was imported"
is "$(count people)" 0 "not even the good row is stored"
run --db "$db" import people "$T/people.csv"
has "$err" "3行目 「name」欄: 空欄にはできません" "the same in Japanese"

printf 'code,name\nP1,\033]0;pwned\007\n' >"$T/escape.csv"
run --db "$db" import people "$T/escape.csv"
is "$status" 1 "a terminal escape sequence in a name is refused"
hasnt "$err" "$(printf '\033')" "and the message does not echo it raw to the terminal"

# A spreadsheet's CP932 (Shift_JIS) is read as such; bytes that are neither are refused.
printf 'code,name\nSJ1,\216\122\223\143\201\100\211\324\216\161\n' >"$T/sjis.csv"
run --db "$db" import people "$T/sjis.csv"
is "$status" 0 "a CP932 (Shift_JIS) file is imported"
is "$(sql "$db" "SELECT name FROM people WHERE code = 'SJ1'")" "山田　花子" "as the text it is"
printf 'code,name\nSJ2,\202\377\202\n' >"$T/sjis-bad.csv"
run --db "$db" import people "$T/sjis-bad.csv"
is "$status" 1 "bytes that are neither UTF-8 nor CP932 are refused"
has "$err" "sjis-bad.csv: 2行目: 15バイト目がUTF-8でもCP932 (Shift_JIS) でもありません" "naming the line and byte"

# Regressions from review.
printf 'code,name\nX1,山田　太郎\nX1,田中　花子\n' >"$T/dup.csv"
LANGUAGE=en run --db "$db" import people "$T/dup.csv"
has "$err" "row 3, field 'code': 'X1' appears again (first in row 2)" "a code twice in one file is refused"
printf 'code,name,phone\n P9 ,"\342\200\256abc",+++\nP10,"\343\200\200",\n' >"$T/junk.csv"
LANGUAGE=en run --db "$db" import people "$T/junk.csv"
has "$err" "' P9 ' is not a code" "a code with spaces is refused"
has "$err" "row 2, field 'name': contains a control character" "a right-to-left override in a name is refused"
has "$err" "'+++' is not a phone number" "a phone number without digits is refused"
has "$err" "row 3, field 'name': holds nothing but spaces" "a name of an ideographic space is refused"
is "$(count people)" 1 "and nothing was stored (the one person is the CP932 file's)"

run --db "$db" import people "$T/missing.csv"
is "$status" 1 "a missing file is a failure"
has "$err" "missing.csv: 開けません" "naming the file"

run --db "$db" import people
is "$status" 2 "a missing argument is a usage error"

is "$(sql "$db" "SELECT count(*) FROM audit_log WHERE action = 'import'")" 4 \
	"each successful import is in the audit log, and only those"
sqlite_is "$db" 'PRAGMA integrity_check' ok "the database is intact"

# A FIFO (nothing writing to it), a directory: refused before they are opened, never waited on.
mkfifo "$T/fifo.csv"
for what in "$T/fifo.csv" "$T"; do
	LANGUAGE=en timeout 20 "$SUMAHO" --db "$db" import online "$what" >/dev/null 2>"$T/err"
	is "$?" 1 "import of $(basename "$what") (not a regular file) fails at once"
	has "$(cat "$T/err")" "not a regular file" "saying it is not a regular file"
	LANGUAGE=en timeout 20 "$SUMAHO" --db "$db" import ics "$what" >/dev/null 2>"$T/err"
	has "$(cat "$T/err")" "not a regular file" "import ics too"
done
done_testing
