#!/bin/sh
# sumaho venue|course|offering|session: setting up classes from a script, every field checked
# and named, cancellation kept in the history and in the calendar.
. "$top_srcdir/tests/lib.sh"
db="$T/demo.db"
"$SUMAHO" --db "$db" --today 2026-11-24 init --demo >/dev/null || exit 99
S() { LANGUAGE=en run --db "$db" --today 2026-11-24 "$@"; }

S venue add togoshi --name 戸越 --address 品川区戸越
is "$status" 0 "venue add"
S venue add togoshi --name 戸越
is "$status" 1 "the same code again is refused"
has "$err" "there is a venue 'togoshi' already" "saying so"
S venue add "to goshi" --name x
has "$err" "'to goshi' is not a code" "a code with a space is refused"
S venue add nameless
is "$status" 1 "a new venue needs a name"
has "$err" "Venue name: required for a new venue" "naming the field"
S course add line-basics --title "LINEの基本" --device any --level one-point
is "$status" 0 "course add"
S course add bad --title x --device nokia --level intro
has "$err" "Device: 'nokia' is not one of: iphone,android,any" "a device not offered is named"
S offering add line-togoshi-2027 --course line-basics --venue togoshi --from 2026-12-01 --to 2026-12-20 --capacity 16 --priority lost-before
is "$status" 0 "offering add, with a priority rule of its own"
S offering add x --course line-basics --venue nowhere --from 2026-12-01 --to 2026-12-20 --capacity 16
has "$err" "Venue: no venue with code 'nowhere'" "an unknown venue is named"
S offering add y --course line-basics --venue togoshi --from 2026-12-21 --to 2026-12-20 --capacity 16
is "$status" 1 "an application window that ends before it starts is refused"
S offering add z --course line-basics --venue togoshi --from 2026-12-01 --to 2026-12-20 --capacity 0
has "$err" "Capacity: must be a whole number from 1 to 500, not '0'" "a capacity of 0"
S offering add z --course line-basics --venue togoshi --from 2026-12-01 --to 2026-12-20 --capacity -1
has "$err" "Capacity: must be a whole number from 1 to 500, not '-1'" "and of -1"
S offering add z --course line-basics --venue togoshi --from 2023-02-29 --to 2026-12-20 --capacity 5
has "$err" "Applications from: '2023-02-29' is not a date of the form YYYY-MM-DD that exists" "a date that does not exist"
is "$(sql "$db" "SELECT count(*) FROM offerings WHERE code IN ('x', 'y', 'z')")" 0 "none of them is stored"
S session add line-togoshi-2027-1 --offering line-togoshi-2027 --date 2027-01-12 --start 10:00 --duration 90 --seats 8
is "$status" 0 "session add"
S session add s2 --offering line-togoshi-2027 --date 2027-01-13 --start 25:00 --duration 90 --seats 8
has "$err" "Start: '25:00' is not a time of the form HH:MM" "an impossible time"
S session add s3 --offering line-togoshi-2027 --date 2027-01-13 --start 10:00 --duration 45 --seats 8
has "$err" "Minutes: must be a whole number from 60 to 120" "a session shorter than an hour"
S session add s4 --offering line-togoshi-2027 --date 2027-01-13 --start 10:00 --duration 90 --seats 12
has "$err" "Seats: must be a whole number from 6 to 10" "more than ten seats"
S session edit line-togoshi-2027-1 --seats 10 --start 13:30
is "$status" 0 "session edit changes the named fields"
S session show line-togoshi-2027-1
has "$out" "Start     13:30" "which show prints, labelled as on the form"
has "$out" "Seats     10" "both of them"
has "$out" "Date      2027-01-12" "and keeps the others"
# In Japanese, show labels every field in Japanese and the messages name the kind in Japanese.
J() { LANGUAGE=ja run --db "$db" --today 2026-11-24 "$@"; }
J session show line-togoshi-2027-1
has "$out" "開始       13:30" "session show in Japanese"
J venue show togoshi
has "$out" "会場名  戸越" "venue show in Japanese"
J course show line-basics
has "$out" "講座名  LINEの基本" "course show in Japanese"
J offering show line-togoshi-2027
has "$out" "定員            16" "offering show in Japanese"
for k in venue course offering session; do
	J $k show "$(sql "$db" "SELECT code FROM ${k}s LIMIT 1")"
	hasnt "$(printf '%s\n' "$out" | grep '[a-z]*: ')" ":" "$k show has no English label"
done
J session edit nowhere --seats 8
is "$err" "sumaho: 開催回「nowhere」はありません
sumaho: 開催回 nowhere: 保存しませんでした" "a message names the kind in Japanese"
J venue show nowhere
is "$err" "sumaho: 会場「nowhere」はありません" "and so does a refusal"
S export ics --session line-togoshi-2027-1 -o "$T/before.ics"
S session cancel line-togoshi-2027-1
is "$status" 0 "session cancel"
S session cancel line-togoshi-2027-1
is "$status" 1 "twice is refused"
is "$(sql "$db" "SELECT status FROM sessions WHERE code = 'line-togoshi-2027-1'")" cancelled \
	"the session stays, cancelled"
S export ics --session line-togoshi-2027-1 -o "$T/after.ics"
has "$(cat "$T/after.ics")" "STATUS:CANCELLED" "and calendars are told"
is "$(grep -o 'SEQUENCE:[0-9]*' "$T/after.ics")" "SEQUENCE:2" "with its SEQUENCE raised by each change"
S venue cancel togoshi
is "$status" 2 "a venue cannot be cancelled: there is no such command"
S offering list
has "$out" "line-togoshi-2027" "offering list"
# Its state by today (2026-11-24, the window opens on 12-01), as the Lotteries screen says it.
has "$(printf '%s\n' "$out" | grep '^line-togoshi-2027 ')" "not open yet" \
	"with its state by today: not open yet (the stored status only says it is not cancelled)"
LANGUAGE=en run --db "$db" --today 2026-12-05 offering list
has "$(printf '%s\n' "$out" | grep '^line-togoshi-2027 ')" "open" "open while its window is"
LANGUAGE=en run --db "$db" --today 2026-12-21 offering list
has "$(printf '%s\n' "$out" | grep '^line-togoshi-2027 ')" "applications closed" "closed after it"
is "$(sql "$db" "SELECT count(*) FROM audit_log WHERE action IN ('create', 'edit', 'cancel') AND entity IN ('venues', 'courses', 'offerings', 'sessions')")" 6 \
	"every change is in the audit log"

# Numbers and codes typed on a Japanese keyboard in full width (or half-width katakana) are
# read as meant, on the command line and in a CSV file alike (text_narrow); names stay as typed.
S offering edit ｌｉｎｅ－ｔｏｇｏｓｈｉ－２０２７ --capacity ２０
is "$status" 0 "a full-width code and capacity (２０) are accepted"
is "$(sql "$db" "SELECT capacity FROM offerings WHERE code = 'line-togoshi-2027'")" 20 "as 20"
S session add line-togoshi-2027-2 --offering line-togoshi-2027 --date ２０２７－０１－１９ --start １０：００ --duration ９０ --seats ８
is "$status" 0 "a session with a full-width date, time and numbers"
is "$(sql "$db" "SELECT date || ' ' || start || ' ' || duration_min || ' ' || seats FROM sessions WHERE code = 'line-togoshi-2027-2'")" \
	"2027-01-19 10:00 90 8" "stored in ASCII"
S people add "山田　花子" --kana ﾔﾏﾀﾞ --phone ０９０－１２３４－５６７８ --birth-year １９５０
is "$status" 0 "people add with a full-width phone and birth year"
is "$(sql "$db" "SELECT name || '|' || kana || '|' || phone || '|' || birth_year FROM people WHERE phone_digits = '09012345678'")" \
	"山田　花子|ﾔﾏﾀﾞ|090-1234-5678|1950" "the phone stored in half-width digits, the name and kana as typed"
printf 'code,name,phone,birth_year\nP9001,川口　一郎,０３－１１１１－２２２２,１９４８\n' >"$T/people.csv"
S import people "$T/people.csv"
is "$status" 0 "a CSV with a full-width phone and birth year"
is "$(sql "$db" "SELECT name || '|' || phone || '|' || birth_year FROM people WHERE code = 'P9001'")" \
	"川口　一郎|03-1111-2222|1948" "imported in half-width digits, the name as written"
printf 'code,offering,date,start,duration,seats\nｌｉｎｅ－ｔｏｇｏｓｈｉ－２０２７－３,line-togoshi-2027,２０２７－０１－２６,１３：３０,１２０,１０\n' >"$T/sessions.csv"
S import sessions "$T/sessions.csv"
is "$(sql "$db" "SELECT date || ' ' || start || ' ' || duration_min || ' ' || seats FROM sessions WHERE code = 'line-togoshi-2027-3'")" \
	"2027-01-26 13:30 120 10" "a CSV's full-width code, numbers and time are read as meant"

done_testing
