#!/bin/sh
# sumaho reminders: the call list of a day (tomorrow by default): every consultation booking
# and every class winner of that day with phone, time and place; CSV without live formulas;
# names and phones need a signed-in receptionist or coordinator once accounts exist.
. "$top_srcdir/tests/lib.sh"
db="$T/r.db"
"$SUMAHO" --db "$db" --today 2022-08-03 init --demo >/dev/null || exit 99
clock_set "2022-08-03 17:00:00"

# 2022-08-04: a class (10 winners) and three consultations in the demo.
LANGUAGE=en run --db "$db" reminders
is "$status" 0 "reminders lists tomorrow by default (the clock's day after)"
has "$out" "2022-08-04 (Thu): 13 people to remind" "says the day and how many"
has "$out" "10:00-11:00  class         品川第一地域センター  P0391  清水　隆    シミズ　タカシ    090-3145-6738  はじめてのスマホ体験教室" \
	"a class winner with time, place, code, name, kana, phone and course"
has "$out" "10:30        consultation  関ヶ原                P0458  橋本　清    ハシモト　キヨシ  080-9562-5075  LINE" \
	"a consultation with its topic in words"
is "$(printf '%s\n' "$out" | grep -c '^1[0-9]:')" 13 "one line a person"
is "$(printf '%s\n' "$out" | grep '^1[0-9]:' | cut -c1-5 | sort -c && echo sorted)" sorted "in time order"
run --db "$db" reminders --date 2022-08-04
has "$out" "確認の連絡をする方 13 名" "in Japanese by default"
has "$out" "教室" "the kinds too"
has "$out" "相談" "both"

# What does not come: a cancelled booking, a lost application.
sql "$db" "UPDATE bookings SET status = 'cancelled' WHERE person_id = (SELECT id FROM people WHERE code = 'P0458') AND slot_id IN (SELECT id FROM consultation_slots WHERE date = '2022-08-04')"
LANGUAGE=en run --db "$db" reminders --date 2022-08-04
has "$out" "12 people to remind" "a cancelled booking is not listed"
hasnt "$out" "P0458" "nor its person"
LANGUAGE=en run --db "$db" reminders --date 2022-08-06
has "$out" "2022-08-06 (Sat): 0 people to remind" "a day with nobody says so"

# CSV for a mail merge or printing, formulas neutralised.
sql "$db" "UPDATE people SET name = '=HYPERLINK(\"x\")' WHERE code = 'P0391'"
LANGUAGE=en run --db "$db" reminders --date 2022-08-04 --format csv
is "$status" 0 "--format csv"
is "$(printf '%s\n' "$out" | head -1 | tr -d '\r')" "Time,Kind,Place,Code,Name,Kana,Phone,About" "with a header"
has "$out" "15:00,consultation,関ヶ原,P0504" "and a row a person"
has "$out" "'=HYPERLINK" "a name that looks like a formula is not one"
LANGUAGE=en run --db "$db" reminders --date 2022-08-04 --format csv -o "$T/calls.csv"
is "$status" 0 "-o writes a file"
is "$(stat -c %a "$T/calls.csv")" 600 "only its owner can read it"
is "$(grep -c '' "$T/calls.csv")" 13 "with the header and twelve people"
LANGUAGE=en run --db "$db" reminders --date 2022-13-01
is "$status" 2 "a date that does not exist is a usage error"
LANGUAGE=en run --db "$db" reminders --format pdf
is "$status" 2 "so is an unknown format"

# Personal data: once accounts exist, a receptionist or coordinator signs in.
printf '2580\n' | "$SUMAHO" --db "$db" staff add kanri admin "管理 花子" >/dev/null 2>&1 || exit 99
printf '4826\n' | "$SUMAHO" --db "$db" $(sign_in_args kanri 2580) staff add uketsuke reception "受付 一郎" \
	>/dev/null 2>&1 || exit 99
LANGUAGE=en run --db "$db" reminders --date 2022-08-04
is "$status" 2 "reminders without a sign-in is refused"
has "$err" "needs a signed-in staff member" "saying how to sign in"
hasnt "$out" "P0391" "and shows nobody"
LANGUAGE=en run --db "$db" $(sign_in_args uketsuke 4826) reminders --date 2022-08-04
is "$status" 0 "a receptionist may print it"
has "$out" "12 people to remind" "and sees the list"
done_testing
