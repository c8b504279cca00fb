#!/bin/sh
# iCalendar: exports that independent readers accept (Python icalendar, calcurse, khal) with
# the Japanese text intact and the times right; stable UIDs, SEQUENCE on change, CANCELLED;
# closure calendars imported all or nothing, with line numbers for malformed files.
. "$top_srcdir/tests/lib.sh"
db="$T/demo.db"
"$SUMAHO" --db "$db" --today 2022-08-02 init --demo >/dev/null || exit 99
PY=/usr/bin/python3
have_py=0
$PY -c 'import icalendar' 2>/dev/null && have_py=1
check_ics() { # DESCRIPTION FILE [ical_check.py options]
	desc=$1
	file=$2
	shift 2
	if [ $have_py -eq 0 ]; then
		echo "ok $((tap_n += 1)) # SKIP $desc: python3-icalendar is not installed"
		return
	fi
	$PY "$top_srcdir/tests/ical_check.py" "$db" "$file" "$@" >"$T/check.out" 2>&1
	ok $? "$desc"
	sed 's/^/# /' "$T/check.out" | head -20
}

LANGUAGE=en run --db "$db" export ics -o "$T/all.ics"
is "$status" 0 "export ics -o FILE"
has "$out" "21 events" "writes the 21 class sessions"
check_ics "Python icalendar reads the export, event for event as in the database" "$T/all.ics"
run --db "$db" export ics
is "$status" 0 "export ics to standard output"
LANGUAGE=en "$SUMAHO" --db "$db" export ics -o "$T/again.ics" >/dev/null
check "exporting again gives the same bytes (stable UIDs and DTSTAMPs)" cmp -s "$T/all.ics" "$T/again.ics"
has "$(head -c 200 "$T/all.ics")" "METHOD:PUBLISH" "METHOD:PUBLISH"
hasnt "$(cat "$T/all.ics")" "METHOD:REQUEST" "never METHOD:REQUEST"

"$SUMAHO" --db "$db" export ics --bookings -o "$T/staff.ics" >/dev/null
check_ics "the staff's export adds every consultation, with names" "$T/staff.ics" --staff
"$SUMAHO" --db "$db" export ics --person P0001 -o "$T/p1.ics" >/dev/null
check_ics "a resident's own file: their won class" "$T/p1.ics" --person P0001
is "$(grep -c '^BEGIN:VEVENT' "$T/p1.ics")" 1 "P0001 won one seat"
p=$(sql "$db" "SELECT p.code FROM bookings b JOIN people p ON p.id = b.person_id GROUP BY p.id ORDER BY count(*) DESC, p.code LIMIT 1")
"$SUMAHO" --db "$db" export ics --person "$p" -o "$T/p2.ics" >/dev/null
check_ics "a resident's own file: their consultations, no one's name" "$T/p2.ics" --person "$p"
"$SUMAHO" --db "$db" export ics --session intro-android-seki-2022-1 -o "$T/one.ics" >/dev/null
is "$(grep -c '^BEGIN:VEVENT' "$T/one.ics")" 1 "--session writes a file with one event"
check_ics "and it is that session" "$T/one.ics" --session intro-android-seki-2022-1
"$SUMAHO" --db "$db" export ics --venue hiratsukabashi -o "$T/hira.ics" >/dev/null
is "$(grep -c '^BEGIN:VEVENT' "$T/hira.ics")" 4 "--venue hiratsukabashi: its four sessions"
"$SUMAHO" --db "$db" export ics --offering intro-android-seki-2022 -o "$T/off.ics" >/dev/null
is "$(grep -c '^BEGIN:VEVENT' "$T/off.ics")" 3 "--offering: its three sessions"
"$SUMAHO" --db "$db" export ics --course trial --from 2022-09-01 -o "$T/trial.ics" >/dev/null
is "$(grep -c '^BEGIN:VEVENT' "$T/trial.ics")" 3 "--course trial --from 2022-09-01: three sessions"
LANGUAGE=en run --db "$db" export ics --venue nowhere
is "$status" 1 "an unknown venue is an error, not an empty calendar"
has "$err" "no venue with code 'nowhere'" "naming it"
run --db "$db" export ics --from 2022-02-30
is "$status" 2 "--from with a day that does not exist is a usage error"
run --db "$db" export ics --bookings --person P0001
is "$status" 2 "--staff with --person is a usage error"

# calcurse and khal read the same file; times in Tokyo, Japanese titles byte for byte.
sql "$db" "SELECT s.date || ' ' || s.start || '|' || strftime('%H:%M', s.start, '+' || s.duration_min || ' minutes') || '|' || c.title || CASE c.device WHEN 'iphone' THEN ' (iPhone)' WHEN 'android' THEN ' (Android)' ELSE '' END FROM sessions s JOIN offerings o ON o.id = s.offering_id JOIN courses c ON c.id = o.course_id ORDER BY s.date, s.start" >"$T/want.txt"
if command -v calcurse >/dev/null 2>&1; then
	mkdir -p "$T/calcurse"
	TZ=Asia/Tokyo calcurse -D "$T/calcurse" -i "$T/all.ics" >"$T/cc.out" 2>&1
	has "$(cat "$T/cc.out")" "21 apps / 0 events / 0 todos / 0 skipped" "calcurse imports all 21 as appointments"
	TZ=Asia/Tokyo calcurse -D "$T/calcurse" -Q --from 04/01/2022 --days 200 \
		--format-apt '%(start:%Y-%m-%d %H:%M)|%(end:%H:%M)|%m\n' | grep '|' | sort >"$T/cc.txt"
	sort "$T/want.txt" >"$T/want.sorted"
	same_file "$T/cc.txt" "$T/want.sorted" "calcurse shows each class at its Tokyo time with its Japanese title"
else
	echo "ok $((tap_n += 1)) # SKIP calcurse is not installed"
fi
if command -v khal >/dev/null 2>&1; then
	# khal reads \$XDG_CONFIG_HOME/khal/config and keeps its cache under \$XDG_DATA_HOME.
	export HOME="$T/khal" XDG_CONFIG_HOME="$T/khal/config" XDG_DATA_HOME="$T/khal/data"
	mkdir -p "$XDG_CONFIG_HOME/khal" "$HOME/cal"
	cat >"$XDG_CONFIG_HOME/khal/config" <<KHAL
[calendars]
[[sumaho]]
path = $HOME/cal
[locale]
default_timezone = Asia/Tokyo
local_timezone = Asia/Tokyo
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
KHAL
	TZ=Asia/Tokyo khal import --batch -a sumaho "$T/all.ics" >"$T/khal.out" 2>&1
	ok $? "khal imports the file"
	TZ=Asia/Tokyo khal list --format '{start-date} {start-time}|{end-time}|{title}' 2022-04-01 200d \
		2>/dev/null | grep '|' | sort >"$T/khal.txt"
	same_file "$T/khal.txt" "$T/want.sorted" "khal shows each class at its Tokyo time with its Japanese title"
	is "$(ls "$HOME/cal" | wc -l | tr -d ' ')" 21 "khal stores 21 events, one per UID"
	TZ=Asia/Tokyo khal import --batch -a sumaho "$T/again.ics" >/dev/null 2>&1
	is "$(ls "$HOME/cal" | wc -l | tr -d ' ')" 21 "importing the export again adds no duplicate"
	export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
else
	echo "ok $((tap_n += 1)) # SKIP khal is not installed"
fi

# Changes: SEQUENCE goes up, the UID stays; a cancelled session is STATUS:CANCELLED.
printf 'code,offering,date,start,duration,seats,status\nintro-android-seki-2022-1,intro-android-seki-2022,2022-04-21,14:00,120,7,scheduled\n' >"$T/move.csv"
"$SUMAHO" --db "$db" import sessions "$T/move.csv" >/dev/null
"$SUMAHO" --db "$db" export ics --session intro-android-seki-2022-1 -o "$T/moved.ics" >/dev/null
has "$(cat "$T/moved.ics")" "SEQUENCE:1" "a moved session has SEQUENCE:1"
has "$(cat "$T/moved.ics")" "DTSTART;TZID=Asia/Tokyo:20220421T140000" "and its new time"
has "$(cat "$T/moved.ics")" "UID:session-intro-android-seki-2022-1@sumaho.invalid" "and the same UID"
"$SUMAHO" --db "$db" import sessions "$T/move.csv" >/dev/null
"$SUMAHO" --db "$db" export ics --session intro-android-seki-2022-1 -o "$T/moved2.ics" >/dev/null
has "$(cat "$T/moved2.ics")" "SEQUENCE:1" "importing the same again changes nothing"
sed 's/scheduled/cancelled/' "$T/move.csv" >"$T/cancel.csv"
"$SUMAHO" --db "$db" import sessions "$T/cancel.csv" >/dev/null
"$SUMAHO" --db "$db" export ics -o "$T/cancelled.ics" >/dev/null
event=$(awk '/^BEGIN:VEVENT/ { e = "" } { e = e $0 "\n" } /^END:VEVENT/ && e ~ /UID:session-intro-android-seki-2022-1@/ { printf "%s", e }' "$T/cancelled.ics")
has "$event" "STATUS:CANCELLED" "a cancelled session stays in the export as STATUS:CANCELLED"
has "$event" "SEQUENCE:2" "with SEQUENCE:2"
check_ics "and readers agree" "$T/cancelled.ics"
printf 'code,name,address\nhiratsukabashi,平塚橋区民集会所,東京都品川区\n' >"$T/venue.csv"
"$SUMAHO" --db "$db" import venues "$T/venue.csv" >/dev/null
"$SUMAHO" --db "$db" export ics --venue hiratsukabashi -o "$T/renamed.ics" >/dev/null
is "$(grep -c '^SEQUENCE:1' "$T/renamed.ics")" 4 "renaming a venue bumps the SEQUENCE of its four sessions"
printf 'code,title,device,level,description\nonepoint-iphone,ワンポイント教室,iphone,advanced,よく使う機能をひとつずつ学びます。ご自分のiPhoneをお持ちください。\n' >"$T/level.csv"
"$SUMAHO" --db "$db" import courses "$T/level.csv" >/dev/null
"$SUMAHO" --db "$db" export ics --course onepoint-iphone -o "$T/level.ics" >/dev/null
is "$(grep -c '^SEQUENCE:1' "$T/level.ics")" 3 "changing a course's level (its CATEGORIES) bumps the SEQUENCE"
umask 022
"$SUMAHO" --db "$db" export ics -o "$T/public.ics" >/dev/null
"$SUMAHO" --db "$db" export ics --bookings -o "$T/private.ics" >/dev/null
is "$(stat -c %a "$T/public.ics") $(stat -c %a "$T/private.ics")" "644 600" \
	"a public file follows the umask; the staff's file with names stays private (0600)"

# Text that needs escaping and folding comes back byte for byte.
desc='説明, セミコロン; バックスラッシュ\ 改行の
次の行。とても長い日本語の説明文が続きます。折り返しは七十五オクテットごとに行われますが、文字の途中では切れません。'
printf 'code,title,device,level,description\nintro-android,スマホ入門,android,intro,"%s"\n' "$desc" >"$T/course.csv"
"$SUMAHO" --db "$db" import courses "$T/course.csv" >/dev/null
LANGUAGE=en run --db "$db" import courses "$T/course.csv"
has "$out" "1 row read" "a description with a line break imports"
"$SUMAHO" --db "$db" export ics --session intro-android-hira-2022-1 -o "$T/escaped.ics" >/dev/null
# Unfolded (a CRLF and one blank start a continuation), the escapes are as RFC 5545 says.
has "$(perl -0pe 's/\r\n[ \t]//g' "$T/escaped.ics")" '説明\, セミコロン\; バックスラッシュ\\ 改行の\n次の行' \
	"commas, semicolons, backslashes and newlines are escaped"
if [ $have_py -eq 1 ]; then
	got=$($PY -c 'import icalendar,sys; e=icalendar.Calendar.from_ical(open(sys.argv[1],"rb").read()).walk("VEVENT")[0]; sys.stdout.write(str(e["DESCRIPTION"]).split("\n定員")[0].split("\nSeats")[0])' "$T/escaped.ics")
	is "$got" "$desc" "the description reads back byte for byte"
	check_ics "folded lines of long Japanese text stay whole" "$T/escaped.ics" --session intro-android-hira-2022-1
fi

# Closure calendars.
cl="$top_srcdir/tests/data/closures.ics"
LANGUAGE=en run --db "$db" --today 2022-08-01 import ics "$cl"
is "$status" 0 "import ics of a closure calendar"
has "$out" "7 events, 8 closure days, 8 new" "counts its events and days"
is "$(sql "$db" "SELECT group_concat(date || ' ' || coalesce(from_time, '-') || ' ' || coalesce(to_time, '-'), ', ') FROM (SELECT * FROM closures ORDER BY date) t")" \
	"2022-08-11 - -, 2022-08-15 - -, 2022-08-16 - -, 2022-08-17 - -, 2022-08-31 09:00 12:00, 2022-09-06 10:00 12:00, 2022-09-08 13:00 15:00, 2022-09-19 - -" \
	"all-day, multi-day, New York time, UTC, floating and yearly (less its EXDATE) closures"
LANGUAGE=en run --db "$db" --today 2022-08-01 import ics "$cl"
has "$out" "0 new" "importing it again adds nothing"
LANGUAGE=en run --db "$db" --today 2022-08-01 import ics "$cl" --venue sekigahara --from 2022-09-01 --to 2022-09-30
has "$out" "3 closure days, 3 new" "--venue and a window: 関ヶ原's closures in September"
db_dump "$db" >"$T/before.sql"
bad() { # NAME CONTENT EXPECTED-MESSAGE
	printf "$2" >"$T/$1.ics"
	LANGUAGE=en run --db "$db" import ics "$T/$1.ics"
	is "$status" 1 "$1: refused"
	has "$err" "$3" "$1: '$3'"
	db_dump "$db" >"$T/after.sql"
	check "$1: the database is unchanged (its dump is the same)" cmp -s "$T/before.sql" "$T/after.sql"
}
bad garbage 'BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x\nthis line is garbage\nEND:VEVENT\nEND:VCALENDAR\n' \
	"garbage.ics:5: not an iCalendar line"
bad baddate 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\nSUMMARY:a\r\nDTSTART:2022XXXX\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n' \
	"baddate.ics:5: "
bad unclosed 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART;VALUE=DATE:20220811\nEND:VCALENDAR\n' \
	"unclosed.ics:5: END:VCALENDAR does not close BEGIN:VEVENT"
bad nostart 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nSUMMARY:no start\nEND:VEVENT\nEND:VCALENDAR\n' \
	"nostart.ics:2: the event has no valid DTSTART"
bad mars 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\nDTSTART;TZID=Mars/Olympus:20220811T100000\nEND:VEVENT\nEND:VCALENDAR\n' \
	"mars.ics:4: unknown time zone 'Mars/Olympus'"
bad truncated 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:x\n' "truncated.ics:3: the file ends before END:VCALENDAR"
bad sjis 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:\223\374\222\274\nEND:VEVENT\nEND:VCALENDAR\n' "sjis.ics:3: not valid UTF-8"
bad empty '' "empty.ics:0: the file ends before END:VCALENDAR"
# Regressions from review: a few lines must not run for hours holding the write lock, nor
# store a million rows; events ending before they start; errors outside VEVENTs.
bad secondly 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:s\nDTSTART:19000101T000000Z\nRRULE:FREQ=SECONDLY\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n' \
	"secondly.ics:5: a closure repeats daily at most"
bad byminute 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:m\nDTSTART:20270101T090000\nRRULE:FREQ=DAILY;BYMINUTE=0,1,2\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n' \
	"byminute.ics:5: a closure repeats daily at most"
bad backwards 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:b\nDTSTART:20270201T100000\nDTEND:20270201T090000\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n' \
	"backwards.ics:5: the event ends before it starts"
bad alarm 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:a\nDTSTART;VALUE=DATE:20270104\nSUMMARY:x\nBEGIN:VALARM\nACTION:DISPLAY\nTRIGGER:garbage\nEND:VALARM\nEND:VEVENT\nEND:VCALENDAR\n' \
	"alarm.ics:8: "
# Issue 16: what libical would drop silently or misread.
bad nested 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:o\nDTSTART;VALUE=DATE:20270104\nBEGIN:VEVENT\nUID:i\nDTSTART;VALUE=DATE:20270105\nEND:VEVENT\nEND:VEVENT\nEND:VCALENDAR\n' \
	"nested.ics:5: a VEVENT cannot stand inside a VEVENT"
bad alarmtop 'BEGIN:VCALENDAR\nBEGIN:VALARM\nACTION:DISPLAY\nEND:VALARM\nEND:VCALENDAR\n' \
	"alarmtop.ics:2: a VALARM cannot stand inside a VCALENDAR"
bad negative 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:d\nDTSTART:20270104T100000\nDURATION:-PT1H\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR\n' \
	"negative.ics:5: a negative DURATION"
tz='BEGIN:VCALENDAR\nBEGIN:VTIMEZONE\nTZID:Far\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:%s\nTZOFFSETTO:%s\nEND:STANDARD\nEND:VTIMEZONE\nBEGIN:VEVENT\nUID:f\nDTSTART;TZID=Far:20270104T100000\nEND:VEVENT\nEND:VCALENDAR\n'
bad offsetto "$(printf "$tz" +0900 +9900)" "offsetto.ics:7: '+9900' is not a UTC offset from -1800 to +1800"
bad offsetfrom "$(printf "$tz" -1801 +0900)" "offsetfrom.ics:6: '-1801' is not a UTC offset from -1800 to +1800"
bad offsetminutes "$(printf "$tz" +0900 +0960)" "offsetminutes.ics:7: '+0960' is not a UTC offset"
bad ridzone 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:z\nDTSTART;TZID=Asia/Tokyo:20270104T100000\nRRULE:FREQ=WEEKLY\nEND:VEVENT\nBEGIN:VEVENT\nUID:z\nRECURRENCE-ID;TZID=Mars/Olympus:20270111T100000\nDTSTART;TZID=Asia/Tokyo:20270111T100000\nEND:VEVENT\nEND:VCALENDAR\n' \
	"ridzone.ics:9: the RECURRENCE-ID is not a date or time in a known time zone"
# A line of 40,000 bytes (the limit is 32,768) is refused as the file is read, by its number.
{
	printf 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:l\r\nSUMMARY:'
	head -c 40000 /dev/zero | tr '\0' a
	printf '\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n'
} >"$T/longline.ics"
LANGUAGE=en run --db "$db" import ics "$T/longline.ics"
is "$status" 1 "a line of 40,000 bytes: refused"
has "$err" "longline.ics:4: a line longer than 32768 bytes" "with its line number"
LANGUAGE=en run --db "$db" import ics "$cl" --from 2022-09-30 --to 2022-09-01
is "$status" 2 "import ics --from after --to: a usage error"
has "$err" "--from comes after --to" "saying so"
db_dump "$db" >"$T/after.sql"
check "and the database is unchanged" cmp -s "$T/before.sql" "$T/after.sql"
LANGUAGE=en run --db "$db" --today 2022-08-01 import ics "$cl" --from 2026-01-01
has "$out" "0 closure days" "--from alone beyond the default end moves the end with it, not an error"

# Exceptions of series with a TZID (one of libical's, one the file defines as Outlook does):
# an EXDATE, a cancelled and a moved occurrence, RANGE=THISANDFUTURE moving the rest of a
# series and cancelling the rest of another; the same file in UTC gives the same days.
tzs="$top_srcdir/tests/data/series-tz.ics"
"$SUMAHO" --db "$db" --today 2026-12-01 import ics "$tzs" >/dev/null
closures_of() { # the closures of the series file's UIDs, as khal lists events
	sql "$db" "SELECT date || ' ' || coalesce(from_time, '') || '|' || coalesce(to_time, '') || '|' || reason FROM closures WHERE uid IN ('weekly@example.jp', 'monthly@example.jp', 'daily@example.jp') ORDER BY date, from_time"
}
closures_of >"$T/tz-got.txt"
is "$(tr '\n' ';' <"$T/tz-got.txt")" \
	"2027-01-04 10:00|12:00|点検;2027-01-05 09:00|10:00|Monthly check;2027-01-19 13:00|15:00|点検 (火曜に変更);2027-02-01 10:00|12:00|点検;2027-02-08 14:00|17:00|点検 (午後);2027-02-15 14:00|17:00|点検 (午後);2027-02-22 14:00|17:00|点検 (午後);2027-03-01 ||工事;2027-03-02 ||工事;2027-03-03 ||工事;2027-03-04 ||工事;2027-03-05 09:00|10:00|Monthly check;" \
	"a series with a TZID honours its EXDATE, RECURRENCE-IDs and RANGE=THISANDFUTURE"
sql "$db" "DELETE FROM closures WHERE uid IN ('weekly@example.jp', 'monthly@example.jp', 'daily@example.jp')"
perl -pe 's/;TZID=(Asia\/Tokyo|Tokyo Standard Time):(\d{8})T(\d\d)(\d{4})/sprintf(":%sT%02d%sZ", $2, $3 - 9, $4)/e' "$tzs" >"$T/series-utc.ics"
"$SUMAHO" --db "$db" --today 2026-12-01 import ics "$T/series-utc.ics" >/dev/null
closures_of >"$T/tz-utc.txt"
same_file "$T/tz-utc.txt" "$T/tz-got.txt" "the same file in UTC gives the same closures"
if command -v khal >/dev/null 2>&1; then
	# khal, an independent reader, lists the same occurrences (less those it marks cancelled).
	export HOME="$T/khal2" XDG_CONFIG_HOME="$T/khal2/config" XDG_DATA_HOME="$T/khal2/data"
	mkdir -p "$XDG_CONFIG_HOME/khal" "$HOME/cal"
	sed "s|$T/khal/cal|$HOME/cal|" "$T/khal/config/khal/config" >"$XDG_CONFIG_HOME/khal/config"
	TZ=Asia/Tokyo khal import --batch -a sumaho "$tzs" >/dev/null 2>&1
	TZ=Asia/Tokyo khal list --format '{start-date} {start-time}|{end-time}|{title}|{cancelled}' \
		2027-01-01 120d 2>/dev/null | grep '|' | grep -v 'CANCELLED' | sed 's/|$//' >"$T/tz-khal.txt"
	same_file "$T/tz-khal.txt" "$T/tz-got.txt" "khal lists the same occurrences at the same Tokyo times"
	export HOME="$T/home" XDG_CONFIG_HOME="$T/config" XDG_DATA_HOME="$T/data"
else
	echo "ok $((tap_n += 1)) # SKIP khal is not installed"
fi
printf 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:r1\nDTSTART;VALUE=DATE:20270104\nDTEND;VALUE=DATE:20270105\nRRULE:FREQ=WEEKLY;COUNT=4\nSUMMARY:weekly\nEND:VEVENT\nBEGIN:VEVENT\nUID:r1\nRECURRENCE-ID;VALUE=DATE:20270111\nDTSTART;VALUE=DATE:20270111\nSTATUS:CANCELLED\nSUMMARY:weekly\nEND:VEVENT\nBEGIN:VEVENT\nUID:r1\nRECURRENCE-ID;VALUE=DATE:20270118\nDTSTART;VALUE=DATE:20270120\nSUMMARY:moved\nEND:VEVENT\nEND:VCALENDAR\n' >"$T/recid.ics"
"$SUMAHO" --db "$db" --today 2026-11-24 import ics "$T/recid.ics" >/dev/null
is "$(sql "$db" "SELECT group_concat(date || ' ' || reason, ', ') FROM (SELECT * FROM closures WHERE uid = 'r1' ORDER BY date) t")" \
	"2027-01-04 weekly, 2027-01-20 moved, 2027-01-25 weekly" \
	"RECURRENCE-ID: a cancelled occurrence is no closure, a moved one closes its new day"
long=$(printf '休%.0s' $(seq 1 150))
printf 'BEGIN:VCALENDAR\nBEGIN:VEVENT\nUID:long\nDTSTART;VALUE=DATE:20270301\nSUMMARY:%s\nEND:VEVENT\nEND:VCALENDAR\n' "$long" >"$T/long.ics"
run --db "$db" --today 2026-11-24 import ics "$T/long.ics"
is "$status" 0 "a summary of 150 Japanese characters (450 bytes) is within the 200-character limit"

# QR codes.
run --db "$db" qr intro-iphone-seki-2022-1
is "$status" 0 "qr SESSION draws a code"
lines=$(printf '%s\n' "$out" | wc -l | tr -d ' ')
check "as lines of half blocks, two modules a line" test "$lines" -ge 12
has "$out" "█" "with block characters"
# A cancelled session (above) has no code to add it to a calendar: refused, naming it.
LANGUAGE=en run --db "$db" qr intro-android-seki-2022-1
is "$status" 1 "qr of a cancelled session is refused"
has "$err" "session intro-android-seki-2022-1 is cancelled" "naming the session"
is "$out" "" "and draws nothing"
# On a terminal, never a code the window would cut: half blocks where two cells a module do
# not fit, else words saying how big the window must be (script gives it a terminal).
printf '[display]\nambiguous = narrow\n' >"$T/narrow.ini"
tty_qr() {
	LANGUAGE=en script -qec "stty rows $1 cols ${2:-80}; '$SUMAHO' --config '$T/narrow.ini' --db '$db' qr intro-iphone-seki-2022-1" \
		/dev/null >"$T/tty.out" 2>&1
	tty_status=$?
	tty_lines=$(grep -c "$(printf '\033')\[0m" "$T/tty.out")
}
tty_qr 24
is "$tty_status" 1 "qr on a 24-line terminal, for a code that needs more, draws nothing"
has "$(cat "$T/tty.out")" "the window is too small for this QR code: it needs 49 x 26 (columns x lines), this one is 80 x 24" \
	"and says how big the window must be"
is "$tty_lines" 0 "no line of a code"
tty_qr 30
is "$tty_status" 0 "on a 30-line terminal"
is "$tty_lines" 25 "the code in half blocks, 25 lines and one left for the prompt"
tty_qr 60 100
is "$tty_status" 0 "on a 100 x 60 terminal"
is "$tty_lines" 49 "two cells a module, 49 lines"
LANGUAGE=en run --db "$db" qr --url
is "$status" 1 "qr --url without an application page configured fails"
has "$err" "application_url" "and says which setting to make"
printf '[calendar]\napplication_url = https://www.example.lg.jp/sumaho\ndomain = city.example.jp\n' >"$T/url.ini"
run --config "$T/url.ini" --db "$db" qr --url
is "$status" 0 "qr --url with one"
"$SUMAHO" --config "$T/url.ini" --db "$db" export ics --session trial-osaki1-2022-1 -o "$T/url.ics" >/dev/null
has "$(cat "$T/url.ics")" "URL:https://www.example.lg.jp/sumaho" "events carry the application page as URL"
has "$(cat "$T/url.ics")" "UID:session-trial-osaki1-2022-1@city.example.jp" "and UIDs the configured domain"
# libical and libpq are loaded when first used: a library that cannot be loaded is said in
# words, by its name, and nothing is written (an empty file stands in for a broken one).
mkdir -p "$T/broken-ical" "$T/broken-pq"
: >"$T/broken-ical/libical.so.3"
: >"$T/broken-pq/libpq.so.5"
LD_LIBRARY_PATH="$T/broken-ical" LANGUAGE=en run --db "$db" export ics -o "$T/nolib.ics"
is "$status" 1 "export ics without a loadable libical fails"
has "$err" "cannot load libical.so.3 for the calendar" "naming the library"
check "and writes no file" test ! -e "$T/nolib.ics"
LD_LIBRARY_PATH="$T/broken-pq" LANGUAGE=en run --db "postgresql:///none?host=$T" people find 小林
is "$status" 1 "a PostgreSQL database without a loadable libpq fails"
has "$err" "cannot load libpq.so.5 for the database server" "naming the library"
done_testing
