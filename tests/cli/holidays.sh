#!/bin/sh
# slots generate with no calendar imported: Japan's national holidays and the yearly closure
# ([consultations] closed, 12-29..01-03 by default) are built in, and the count says why slots
# were left out.
. "$top_srcdir/tests/lib.sh"
db="$T/h.db"
today=2026-11-24
clock_set "$today 09:00:00"
"$SUMAHO" --db "$db" init --demo >/dev/null || exit 99
sql "$db" "DELETE FROM bookings WHERE slot_id IN (SELECT id FROM consultation_slots WHERE date >= '$today'); DELETE FROM consultation_slots WHERE date >= '$today'"
is "$(sql "$db" "SELECT count(*) FROM closures")" 0 "no closure calendar is imported"
slots_on() {
	sql "$db" "SELECT count(*) FROM consultation_slots s JOIN venues v ON v.id = s.venue_id WHERE v.code = 'sekigahara' AND s.date IN ($1)"
}

LANGUAGE=en run --db "$db" slots generate --from 2026-12-01 --to 2027-03-31 --venue sekigahara
is "$status" 0 "slots generate from December to March"
# Tuesdays and Thursdays, 10 slots a day: 02-11 (Foundation Day, a Thursday) and 02-23 (the
# Emperor's Birthday, a Tuesday) are holidays; 12-29 and 12-31 are in the year-end closure.
has "$out" "left out for closures and holidays: 20 on national holidays, 20 in the yearly closure, 0 under imported closures)" \
	"prints how many were left out and why"
is "$(slots_on "'2027-02-11', '2027-02-23'")" 0 "no slot on a national holiday"
is "$(slots_on "'2026-12-29', '2026-12-31'")" 0 "none in the year-end closure"
is "$(sql "$db" "SELECT count(*) FROM consultation_slots WHERE date BETWEEN '2026-12-29' AND '2027-01-03'")" 0 \
	"nor at any venue"
is "$(slots_on "'2027-02-09', '2027-02-25', '2026-12-24', '2027-01-05'")" 40 \
	"the Tuesdays and Thursdays around them have their slots"
ev=$(sql "$db" "SELECT count(*) FROM consultation_slots s JOIN venues v ON v.id = s.venue_id WHERE v.code = 'sekigahara' AND s.date BETWEEN '2026-12-01' AND '2027-03-31'")
has "$out" "$ev slots created" "and the rest are created"

# 2027-03-22 is a substitute holiday (03-21, the equinox, is a Sunday).
LANGUAGE=en run --db "$db" slots generate --from 2027-03-15 --to 2027-03-28 --venue sekigahara --template "mon 10:00-11:00"
has "$out" "2 slots created (0 already there, 2 left out for closures and holidays: 2 on national holidays" \
	"the Monday after the Sunday equinox is a substitute holiday"
is "$(slots_on "'2027-03-22'")" 0 "with no slot"

# The closure is a setting; imported closures add to it.
printf '[consultations]\nclosed = 12-29..01-03, 2027-08-13\n' >"$T/bad.ini"
LANGUAGE=en run --config "$T/bad.ini" --db "$db" slots generate --from 2027-07-01 --to 2027-07-31 --venue sekigahara
has "$err" "bad.ini:2: key 'closed' in section [consultations]: '2027-08-13' is not a day MM-DD or a range of days MM-DD..MM-DD" \
	"a bad closed list is named with its file and line"
printf '[consultations]\nclosed = 04-06..04-07, 04-10\n' >"$T/apr.ini"
cat >"$T/apr.ics" <<'ICS'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//closures//JA
BEGIN:VEVENT
UID:apr-20@holidays.test
DTSTAMP:20261101T000000Z
DTSTART;VALUE=DATE:20270420
SUMMARY:臨時休館
END:VEVENT
END:VCALENDAR
ICS
run --db "$db" import ics "$T/apr.ics"
is "$status" 0 "a closure calendar is imported"
LANGUAGE=en run --config "$T/apr.ini" --db "$db" slots generate --from 2027-05-01 --to 2027-05-31 --venue sekigahara
has "$out" "0 on national holidays, 0 in the yearly closure" "May's Tuesdays and Thursdays are no holidays"
LANGUAGE=en run --config "$T/apr.ini" --db "$db" slots generate --from 2027-04-01 --to 2027-04-30 --venue sekigahara
has "$out" "30 left out for closures and holidays: 10 on national holidays, 10 in the yearly closure, 10 under imported closures)" \
	"the configured closure (04-06), Shōwa Day (04-29) and the imported 04-20 are all left out"
is "$(slots_on "'2027-04-06', '2027-04-20', '2027-04-29'")" 0 "with no slot"
LANGUAGE=ja run --db "$db" slots generate --from 2027-06-01 --to 2027-06-30 --venue sekigahara
has "$out" "祝日" "the reasons in Japanese by default"
done_testing
