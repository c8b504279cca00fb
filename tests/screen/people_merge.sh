#!/bin/sh
# The People screen at 80x24, what is done from a person's record: c cancels and v moves one of
# their consultations to come (a resident phones about next week's booking), m merges another
# record of the same person into this one, x erases the personal data on request; each asks
# first, and a refusal says why and changes nothing.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/screenlib.sh"

db="$T/merge.db"
clock_set "2022-10-01 09:00:00"
S() { LANGUAGE=en run --db "$db" --today 2022-10-01 "$@"; }
S init --demo
S people add "小林 博" --phone 03-9999-0000
other=$(printf '%s\n' "$out" | sed 's/.* as //')
free=$(sql "$db" "SELECT date || ' ' || min(start) FROM consultation_slots s JOIN venues v ON v.id = s.venue_id WHERE v.code = 'sekigahara' AND date >= '2022-10-03' AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = s.id AND b.status <> 'cancelled') GROUP BY date ORDER BY date LIMIT 2" | tr '\n' ' ')
# shellcheck disable=SC2086
set -- $free
S slots book sekigahara "$1" "$2" P0001 --topic line
S slots book sekigahara "$3" "$4" P0001 --topic photos
booking() { sql "$db" "SELECT b.status || ' ' || s.date || ' ' || s.start FROM bookings b JOIN consultation_slots s ON s.id = b.slot_id JOIN people p ON p.id = b.person_id WHERE p.code = 'P0001' AND b.topic = '$1' AND b.status <> 'cancelled' OR p.code = 'P0001' AND b.topic = '$1' AND s.date = '$2'"; }

screen_start 80 24 "env LANGUAGE=en TERM=screen '$SUMAHO' --db '$db' --today 2022-10-01"
screen_wait "Menu"
screen_keys 9
screen_wait "Whose record?"
screen_keys 0775
screen_wait "P0001"
screen_keys Enter
screen_expect "Name                  小林　博" "the record of the person who phoned"
screen_expect "c: cancel booking  v: move booking  m: merge duplicate  x: erase data" \
	"a second hint line offers what is done from the record"

# c: the bookings to come, found from the person.
screen_keys c
screen_expect "Which consultation is cancelled?" "c asks which consultation"
screen_expect "$1 $2  関ヶ原  LINE" "listing the bookings to come, each topic by its name"
screen_expect "$3 $4  関ヶ原  Photos" "each of them"
screen_keys Enter
screen_expect "Cancel P0001's consultation $1 $2" "and asks before cancelling it"
screen_keys n
screen_wait_gone "Cancel P0001's consultation" >/dev/null
is "$(booking line "$1")" "booked $1 $2" "n keeps the booking"
screen_keys c
screen_expect "Which consultation is cancelled?" "c again"
screen_keys Enter
screen_expect "Cancel P0001's consultation $1 $2" "the same question"
screen_keys y
screen_expect "Booking cancelled." "the first is cancelled"
is "$(booking line "$1")" "cancelled $1 $2" "by the consult feature"
screen_expect "z: undo the cancellation ($1 $2  関ヶ原  LINE)" "z is offered to undo it"
screen_keys z
screen_expect "Cancellation undone: 小林　博 (P0001) is booked again." "z books it again"
is "$(booking line "$1")" "booked $1 $2" "the same booking, booked again"
screen_keys c Enter y
screen_expect "Booking cancelled." "cancelled again"
screen_keys Down
not_on_screen "z: undo the cancellation"
ok $? "another key and the undo is gone"
screen_keys z
is "$(booking line "$1")" "cancelled $1 $2" "z then does nothing"

# v: the other moved to one of the next free slots.
screen_keys v
screen_expect "Which consultation is moved?" "v asks which consultation"
screen_keys Enter
screen_expect "Move it to which slot?" "then where to"
next=$(sql "$db" "SELECT s.date || ' ' || s.start FROM consultation_slots s JOIN venues v ON v.id = s.venue_id WHERE v.code = 'sekigahara' AND s.status = 'open' AND (s.date, s.start) > ('$3', '$4') AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = s.id AND b.status <> 'cancelled') ORDER BY s.date, s.start LIMIT 1")
screen_expect "$next" "the next free slot is offered"
screen_keys Enter
screen_expect "Booking moved." "and the booking moved there"
is "$(booking photos x)" "booked $next" "by the consult feature"

# m: the second record of the same person.
screen_keys m
screen_expect "Which other record is the same person?" "m asks for the other record"
screen_keys 9999-0000
screen_wait "$other"
screen_keys Enter
screen_expect "Merge $other (小林 博) into P0001?  y: yes  n: no" "and asks first"
screen_keys n
screen_wait_gone "Merge $other"
is "$(sql "$db" "SELECT coalesce(merged_into, 'none') FROM people WHERE code = '$other'")" none \
	"n merges nothing"
screen_keys m
screen_wait "Which other record"
screen_keys 9999-0000
screen_wait "$other"
screen_keys Enter
screen_wait "Merge $other"
screen_keys y
screen_expect "Merged $other into P0001. Moved: applications 0, bookings 0, roll-call marks 0." \
	"y merges, saying what moved"
is "$(sql "$db" "SELECT k.code FROM people p JOIN people k ON k.id = p.merged_into WHERE p.code = '$other'")" \
	P0001 "the other record is marked merged"
is "$(sql "$db" "SELECT action FROM audit_log ORDER BY id DESC LIMIT 1")" merge "and audited"

# x: refused while an application is live; then someone with nothing to come is erased.
sqlite3 "$db" .dump >"$T/before.sql"
screen_keys x
screen_expect "Erase the name, kana, phone and birth year of P0001 for good?" "x asks first"
screen_keys y
screen_expect "Not erased: P0001 still has bookings or applications to come" "refused"
screen_expect "an application to intro-iphone-202210 (applied)" "naming what is to come"
sqlite3 "$db" .dump >"$T/after.sql"
same_file "$T/after.sql" "$T/before.sql" "and nothing changed"
screen_keys f
screen_wait "Whose record?"
screen_keys P0044 Enter
screen_wait "Code                  P0044"
screen_keys x
screen_wait "for good?"
screen_keys y
screen_expect "Erased the personal data of P0044" "P0044 is erased"
screen_expect "Name                  P0044" "the record shows the code for the name"
screen_expect "Personal data erased on 2022-10-01" "and says so"
screen_keys q

done_testing
