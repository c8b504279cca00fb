#!/bin/sh
# sumaho attend: the roll call of a session from a script, all marks or none; and the reports
# that count it: consultations by venue and topic, demand, CSV for spreadsheets, the chart.
. "$top_srcdir/tests/lib.sh"
db="$T/demo.db"
"$SUMAHO" --db "$db" --today 2022-08-02 init --demo >/dev/null || exit 99
s=op-iphone-2022-1
roll() { sql "$db" "SELECT p.code || '=' || t.status || CASE t.substitute WHEN 1 THEN '*' ELSE '' END FROM attendance t JOIN people p ON p.id = t.person_id JOIN sessions s ON s.id = t.session_id WHERE s.code = '$s' ORDER BY p.code" | tr '\n' ' '; }

LANGUAGE=en run --db "$db" attend $s
is "$status" 0 "attend SESSION shows the roll"
has "$out" "ワンポイント教室 (iPhone)  2022-04-14 (Thu) 10:00-11:30  関ヶ原" "with the session"
is "$(printf '%s\n' "$out" | grep -c '^P0')" 6 "and its six winners"
has "$out" "P0003  石井　和子      イシイ　カズコ    present" "each with their mark"
before=$(roll)
LANGUAGE=en run --db "$db" attend $s P0004=late P0005=present --substitute P0100=present
is "$status" 0 "marks and a substitute"
has "$out" "3 marks recorded" "are recorded"
is "$(roll)" "P0001=present P0002=present P0003=present P0004=late P0005=present P0006=absent P0100=present* " \
	"as the database now has them"
LANGUAGE=en run --db "$db" attend $s
has "$out" "present (substitute)" "the roll shows the substitute"
before=$(roll)
LANGUAGE=en run --db "$db" attend $s P0006=present P0101=present
is "$status" 1 "someone who did not win a seat is refused"
has "$err" "P0101 did not win a seat in session 'op-iphone-2022-1'; record them as a substitute" "saying what to do"
has "$err" "nothing was recorded" "and nothing is recorded"
is "$(roll)" "$before" "not even the good mark before it"
LANGUAGE=en run --db "$db" attend $s P0006=asleep
is "$status" 1 "a status that does not exist is refused"
has "$err" "'asleep' is not one of: present, absent, late" "naming it"
run --db "$db" attend $s P0006
is "$status" 2 "a mark without a status is a usage error"
LANGUAGE=en run --db "$db" attend nosuch
is "$status" 1 "an unknown session is refused"
has "$err" "no session with code 'nosuch'" "naming it"
printf 'code,offering,date,start,duration,seats,status\nop-iphone-2022-2,op-iphone-2022,2022-06-16,10:00,90,6,cancelled\n' >"$T/c.csv"
"$SUMAHO" --db "$db" import sessions "$T/c.csv" >/dev/null
LANGUAGE=en run --db "$db" attend op-iphone-2022-2 P0007=present
is "$status" 1 "a cancelled session takes no marks"
has "$err" "is cancelled" "and says so"
is "$(sql "$db" "SELECT count(*) FROM audit_log WHERE action = 'attend'")" 3 \
	"each recorded mark is in the audit log with who made it"

# Regressions from review.
LANGUAGE=en run --db "$db" attend $s P0001=absent P0001=late
is "$status" 2 "the same person twice in one command is refused"
has "$err" "P0001 is marked twice" "saying so"
# A substitute later promoted to a seat is on the roll once, as a winner.
sql "$db" "UPDATE applications SET status = 'won', session_id = (SELECT id FROM sessions WHERE code = '$s') WHERE person_id = (SELECT id FROM people WHERE code = 'P0100')"
"$SUMAHO" --db "$db" attend $s P0100=late >/dev/null
LANGUAGE=en run --db "$db" attend $s
is "$(printf '%s\n' "$out" | grep -c '^P0100 ')" 1 "a promoted substitute is on the roll once"
hasnt "$(printf '%s\n' "$out" | grep '^P0100 ')" "substitute" "no longer as a substitute"
LANGUAGE=en run --db "$db" --today 2022-04-01 attend $s P0001=present
is "$status" 1 "a session after today takes no marks"
has "$err" "is on 2022-04-14, after today" "saying when it is"

# Consultations by venue and topic, checked against counts made here with SQL.
fresh="$T/fresh.db"
"$SUMAHO" --db "$fresh" --today 2022-08-02 init --demo >/dev/null
LANGUAGE=en run --db "$fresh" report consultations --from 2022-04 --to 2022-09
is "$status" 0 "report consultations"
for v in 関ヶ原 平塚橋; do
	want=$(sql "$fresh" "SELECT count(CASE WHEN b.status <> 'cancelled' THEN 1 END) || ' ' || count(CASE b.status WHEN 'attended' THEN 1 END) || ' ' || count(CASE b.status WHEN 'no_show' THEN 1 END) FROM bookings b JOIN consultation_slots c ON c.id = b.slot_id JOIN venues v ON v.id = c.venue_id WHERE v.name = '$v' AND c.date <= '2022-09-30'")
	got=$(printf '%s\n' "$out" | grep "^$v  (all topics)" | awk '{ print $4, $5, $6 }')
	is "$got" "$want" "$v: booked, attended and no-shows as the bookings say"
done
is "$(printf '%s\n' "$out" | grep '(all topics)' | awk '{ s += $5 } END { print s }')" 152 \
	"attended over both venues: 152, as GLOSSARY.md says"
LANGUAGE=en run --db "$fresh" report demand --from 2022-04 --to 2022-09
is "$(printf '%s\n' "$out" | sed -n 3p | awk '{ print $1, $2, $3, $4, $5, $6, $7 }')" \
	"スマホ入門 (Android) 平塚橋 14 87 6.21 5" "report demand: highest applicants per seat first"

# CSV for spreadsheets.
"$SUMAHO" --db "$fresh" report classes --from 2022-04 --to 2022-09 --format csv >"$T/u.csv"
is "$(head -n 1 "$T/u.csv")" "$(printf '教室,実施月,定員,応募,実績\r')" "CSV: a header row, CRLF"
has "$(cat "$T/u.csv")" "スマホ入門 (Android、関ヶ原),4月・6月・9月,22,133,20" "the rows as the table"
"$SUMAHO" --db "$fresh" report classes --from 2022-04 --to 2022-09 --format csv --encoding utf-8-bom >"$T/b.csv"
is "$(head -c 3 "$T/b.csv" | od -An -tx1 | tr -d ' ')" efbbbf "--encoding utf-8-bom starts with a BOM"
"$SUMAHO" --db "$fresh" report classes --from 2022-04 --to 2022-09 --format csv --encoding cp932 >"$T/s.csv"
check "--encoding cp932 is CP932: it converts back to the UTF-8 file" sh -c "iconv -f CP932 -t UTF-8 '$T/s.csv' | cmp -s - '$T/u.csv'"
printf 'code,name,address\nsekigahara,関ヶ原 😀,品川区\n' >"$T/emoji.csv"
"$SUMAHO" --db "$fresh" import venues "$T/emoji.csv" >/dev/null
LANGUAGE=en run --db "$fresh" report demand --from 2022-04 --to 2022-09 --format csv --encoding cp932
is "$status" 1 "text CP932 cannot hold is refused"
has "$err" "column 'Venue': '関ヶ原 😀' cannot be written in CP932; use UTF-8 with a BOM" "naming the row and column"
is "$out" "" "and nothing half-written comes out"
run --db "$fresh" report monthly --format csv --encoding latin1
is "$status" 2 "an unknown encoding is a usage error"

# The chart, in ASCII so that it reads without colour.
LANGUAGE=en run --db "$fresh" report monthly --from 2022-08 --to 2022-09 --format chart
has "$out" "#: class participants   =: consultations" "a legend"
is "$(printf '%s\n' "$out" | grep -c '#')" 3 "a bar of # for each month's participants (and the legend)"
has "$out" "2022-08  ######################## 36" "bars scale to 78 columns: 36 of 93 is 24 marks"
run --db "$fresh" report classes --format chart
is "$status" 2 "charts are for the monthly report"

# Dates in the era's short form.
printf '[general]\ndate_style = era-short\n' >"$T/short.ini"
run --config "$T/short.ini" --db "$fresh" report monthly --from 2022-08 --to 2022-08
has "$out" "R4.8 " "date_style = era-short writes R4.8"
done_testing
