#!/bin/sh
# sumaho slots ... and people ...: templates, generation around holidays from an .ics file,
# booking rules as a receptionist meets them, and terminals racing for the same slots.
. "$top_srcdir/tests/lib.sh"
db="$T/demo.db"
today=2026-11-24 # a Tuesday
S() { run --db "$db" --today $today "$@"; }
"$SUMAHO" --db "$db" --today $today init --demo >/dev/null || exit 99
# Start from empty weeks ahead: the demo's own bookings there are its business, not this test's.
sql "$db" "DELETE FROM bookings WHERE slot_id IN (SELECT id FROM consultation_slots WHERE date >= '$today'); DELETE FROM consultation_slots WHERE date >= '$today'"
live() { sql "$db" "SELECT count(*) FROM bookings WHERE status <> 'cancelled'"; }
# refused WHAT TEXT WHY ARG...: sumaho ARG... in English exits 1 (WHAT), saying TEXT (WHY).
refused() {
	what=$1 text=$2 why=$3
	shift 3
	LANGUAGE=en S "$@"
	is "$status" 1 "$what"
	has "$err" "$text" "$why"
}

# Templates.
LANGUAGE=en S slots template
is "$status" 0 "slots template lists the venues"
has "$out" "sekigahara      関ヶ原                tue,thu 10:00-12:00 13:00-16:00" \
	"with the demo's hours"
LANGUAGE=en S slots template hiratsukabashi "水、金 １０:００〜１２:００ 13:00-15:00"
is "$status" 0 "Japanese days and full-width digits are accepted"
has "$out" "wed,fri 10:00-12:00 13:00-15:00" "and stored in the canonical form"
refused "a period backwards is refused" "'13:00-12:00'" "naming the period" slots template hiratsukabashi "wed 13:00-12:00"
is "$(sql "$db" "SELECT spec FROM slot_templates t JOIN venues v ON v.id = t.venue_id WHERE v.code = 'hiratsukabashi'")" \
	"wed,fri 10:00-12:00 13:00-15:00" "and the template is unchanged"
S slots template shinagawa1 "fri 10:00-12:00"
S slots template shinagawa1
has "$out" "fri 10:00-12:00" "a venue without consultations gets a template"

# Holidays and closures come from an .ics file.
cat >"$T/holidays.ics" <<'EOF'
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//test//holidays//JA
BEGIN:VEVENT
UID:2026-12-03@holidays.test
DTSTAMP:20261101T000000Z
DTSTART;VALUE=DATE:20261203
SUMMARY:臨時休館
END:VEVENT
BEGIN:VEVENT
UID:nenmatsu-2026@holidays.test
DTSTAMP:20261101T000000Z
DTSTART;VALUE=DATE:20261229
DTEND;VALUE=DATE:20270104
SUMMARY:年末年始
END:VEVENT
END:VCALENDAR
EOF
S import ics "$T/holidays.ics"
is "$status" 0 "import ics takes the holidays"
LANGUAGE=en S slots generate --from 2026-11-24 --to 2027-01-08 --venue sekigahara
is "$status" 0 "slots generate for one venue"
# Tuesdays and Thursdays from 11-24 to 01-08: 14 days; 12-03, 12-29, 12-31 are closed.
has "$out" "110 slots created (0 already there, 30 left out for closures and holidays: 0 on national holidays, 20 in the yearly closure, 10 under imported closures)" \
	"leaves out the imported closure and the year-end closure, saying which is which"
is "$(sql "$db" "SELECT count(*) FROM consultation_slots s JOIN venues v ON v.id = s.venue_id WHERE v.code = 'sekigahara' AND s.date IN ('2026-12-03', '2026-12-29', '2026-12-31')")" 0 \
	"no slot on the closed days"
LANGUAGE=en S slots generate --from 2026-11-24 --to 2027-01-08
is "$status" 0 "slots generate for every venue with a template"
has "$out" "already there" "says what was already there"
is "$(sql "$db" "SELECT count(*) FROM consultation_slots WHERE date >= '$today' GROUP BY venue_id, date, start HAVING count(*) > 1")" "" \
	"never a slot twice"
n=$(sql "$db" "SELECT count(*) FROM consultation_slots")
refused "generating in the past is refused" "not in the past" "saying so" slots generate --from 2026-11-01 --to 2026-11-30 --venue sekigahara
LANGUAGE=en S slots generate --from 2026-12-01 --to 2030-12-01
is "$status" 1 "a range of years is refused"
is "$(sql "$db" "SELECT count(*) FROM consultation_slots")" "$n" "and nothing is created"

# The day.
LANGUAGE=en S slots list --venue sekigahara
is "$status" 0 "slots list shows today"
is "$(printf '%s\n' "$out" | grep -cE '^2026-11-24  1[0-5]:[03]0  sekigahara +free')" 10 \
	"ten free slots"

# Booking at the counter.
audit0=$(sql "$db" "SELECT max(id) FROM audit_log")
LANGUAGE=en S slots book sekigahara 2026-11-24 10:00 P0001 --topic line
is "$status" 0 "a booking"
has "$out" "Booked: sekigahara 2026-11-24 10:00, 小林　博 (P0001)" "says who and when"
LANGUAGE=en S slots book sekigahara 2026-11-24 10:00 P0002 --topic photos
is "$status" 3 "the same slot again at once: exit status 3"
has "$err" "the slot at 10:00 was just taken by another booking" "the slot was just taken"
clock_advance 120
LANGUAGE=en S slots book sekigahara 2026-11-24 10:00 P0002 --topic photos
is "$status" 3 "the same slot two minutes later: exit status 3"
has "$err" "the slot at 10:00 is booked already" "the slot is booked already, not 'just taken'"
has "$err" "next free slots: 2026-11-24 10:30, 2026-11-24 11:00, 2026-11-24 11:30" \
	"and the next free ones are offered"
S slots book sekigahara 2026-11-24 10:00 P0002 --topic photos
has "$err" "10:00 の枠はすでに予約されています" "in Japanese by default"
has "$err" "次の空き枠" "with the next free slots"
refused "a second consultation the same day is refused" "already has a consultation that day, at 10:00 (関ヶ原)" "saying when the first is" slots book sekigahara 2026-11-24 10:30 P0001 --topic line
S slots book sekigahara 2026-12-01 10:00 P0001 --topic line
S slots book sekigahara 2026-12-08 10:00 P0001 --topic line
LANGUAGE=en S slots book sekigahara 2026-12-10 10:00 P0001 --topic line
is "$status" 1 "a third booking in December passes the monthly limit"
has "$err" "the monthly limit is 2 bookings a person, and this person already has 2 in 2026-12: 12-01 10:00 関ヶ原, 12-08 10:00 関ヶ原" \
	"and the message lists the bookings that count"
printf '[consultations]\nmonthly_limit = 3\ntopics = line, photos, マイナンバー\n' >"$T/limit.ini"
LANGUAGE=en run --config "$T/limit.ini" --db "$db" --today $today slots book sekigahara 2026-12-10 10:00 P0001 --topic マイナンバー
is "$status" 0 "the limit and the topics come from the configuration"
refused "an unknown topic is refused" "line, photos, settings, online, scam, other" "listing the topics" slots book sekigahara 2026-11-26 10:00 P0003 --topic cooking
refused "an unknown person" "P9999" "is named" slots book sekigahara 2026-11-24 11:00 P9999 --topic line
refused "a time without a slot" "no consultation slot at sekigahara 2026-11-24 12:00" "is named" slots book sekigahara 2026-11-24 12:00 P0003 --topic line
LANGUAGE=en S slots book sekigahara 2026-11-26 11:00 P0003 --topic scam --walk-in
is "$status" 1 "a walk-in on another day is refused"
LANGUAGE=en S slots book sekigahara 2026-11-24 11:00 P0003 --topic scam --walk-in
is "$status" 0 "a walk-in today"
is "$(sql "$db" "SELECT b.status || ' ' || b.walk_in FROM bookings b JOIN people p ON p.id = b.person_id WHERE p.code = 'P0003'")" "attended 1" \
	"is recorded as attended"

# Cancel, move, mark.
refused "a consultation next week cannot be marked attended" "has not happened yet" "saying so" slots attend sekigahara 2026-12-01 10:00
LANGUAGE=en S slots rebook sekigahara 2026-12-01 10:00 2026-12-02 10:30 --venue hiratsukabashi
is "$status" 1 "a move within a month already over the limit is refused"
LANGUAGE=en run --config "$T/limit.ini" --db "$db" --today $today slots rebook sekigahara 2026-12-01 10:00 2026-12-02 10:30 --venue hiratsukabashi
is "$status" 0 "a booking moves to another venue and day"
has "$out" "Moved: sekigahara 2026-12-01 10:00 to hiratsukabashi 2026-12-02 10:30" "says where"
LANGUAGE=en S slots cancel sekigahara 2026-11-24 11:00
is "$status" 1 "an attended walk-in cannot be cancelled"
LANGUAGE=en S slots no-show sekigahara 2026-11-24 10:00
is "$status" 1 "a no-show before the consultation's time is refused"
has "$err" "the consultation at 10:00 has not begun yet (it is 09:02 now)" "saying when it begins"
before=$(cat "$SUMAHO_CLOCK")
clock_set "$(clock_today) 10:05:00"
LANGUAGE=en S slots no-show sekigahara 2026-11-24 10:00
is "$status" 0 "today's booking marked no-show once its time has come"
clock_set "$before"
LANGUAGE=en S slots unmark sekigahara 2026-11-24 10:00
is "$status" 0 "and back to booked"
S slots cancel sekigahara 2026-11-24 10:00
is "$status" 0 "then cancelled"
is "$out" "sekigahara 2026-11-24 10:00: 取消" "said as a booking's cancellation (取消, not a session's 中止)"
LANGUAGE=en S slots list --venue sekigahara --free
is "$(printf '%s\n' "$out" | grep -cE '^2026-11-24  10:00  sekigahara +free')" 1 "the slot is free again"
is "$(sql "$db" "SELECT group_concat(action, ' ') FROM (SELECT action FROM audit_log WHERE entity = 'booking' AND id > $audit0 ORDER BY id) t")" \
	"book book book book walk-in rebook mark mark cancel" "every change is in the audit log, in order"
is "$(sql "$db" "SELECT count(*) FROM audit_log WHERE entity = 'booking' AND actor = ''")" 0 \
	"each with who made it"

# From an independent review: an unmarked walk-in moved to another day is an advance booking,
# under the monthly limit; a booking cannot move onto its own slot nor out of the past.
LANGUAGE=en S slots book sekigahara 2026-11-24 13:00 P0040 --topic line --walk-in
LANGUAGE=en S slots unmark sekigahara 2026-11-24 13:00
LANGUAGE=en S slots book sekigahara 2026-12-15 10:00 P0040 --topic line
LANGUAGE=en S slots book sekigahara 2026-12-17 10:00 P0040 --topic line
LANGUAGE=en S slots rebook sekigahara 2026-11-24 13:00 2026-12-22 10:00
is "$status" 1 "a walk-in moved into a full month is refused by the monthly limit"
refused "a move onto its own slot is refused" "already" "saying the booking is there already" slots rebook sekigahara 2026-12-15 10:00 2026-12-15 10:00
LANGUAGE=en run --db "$db" --today 2026-11-25 slots rebook sekigahara 2026-11-24 13:00 2026-11-26 10:00
is "$status" 1 "a booking of a day past does not move"
has "$err" "the day has passed" "saying so"

# The time of day counts, not only the date: at 14:25 the 14:00 slot has begun.
clock_set "$today 14:25:00"
refused "a slot of today that has begun is refused" "this slot began at 14:00 and it is 14:25 now" \
	"saying when it began and what time it is" slots book sekigahara $today 14:00 P0050 --topic line
LANGUAGE=en S slots book sekigahara $today 14:30 P0050 --topic line
is "$status" 0 "a slot of today still to come is booked"
LANGUAGE=en S slots book sekigahara $today 14:00 P0051 --topic line --walk-in
is "$status" 0 "a walk-in is recorded in today's slot that has begun (the person at the desk now)"
refused "a booking cannot move to a slot that has begun" "this slot began at 10:00" "saying so" \
	slots rebook sekigahara $today 14:30 $today 10:00
LANGUAGE=en S slots rebook sekigahara $today 14:30 $today 15:00
is "$status" 0 "but to one still to come"
clock_set "$today 13:59:59"
LANGUAGE=en S slots book sekigahara $today 14:30 P0052 --topic line
is "$status" 0 "before its start a slot of today is bookable"
clock_set "2026-12-02 09:00:00"

# People.
LANGUAGE=en S people find ｺﾊﾞﾔｼﾋ
is "$status" 0 "people find"
has "$out" "P0001  小林　博  コバヤシ　ヒロシ" "half-width katakana finds コバヤシ　ヒロシ"
LANGUAGE=en S people find 03-5497
has "$out" "P0001" "phone digits find the number"
LANGUAGE=en S people find 0775
has "$out" "P0001  小林　博  コバヤシ　ヒロシ  03-5497-0775  1943" \
	"the last four digits find the number, with the code and birth year"
LANGUAGE=en S people find 5497
has "$out" "03-5497-0775" "so do four digits in the middle"
LANGUAGE=en S people find "ひろし こばやし"
has "$out" "P0001  小林　博" "the given name first, then the family name"
LANGUAGE=en S people find "博 小林"
is "$(printf '%s\n' "$out" | grep -c '^P')" 1 "in kanji too, only him"
LANGUAGE=en S people find くみこ
is "$(printf '%s\n' "$out" | grep -c 'コバヤシ　クミコ')" 2 "the given name alone finds namesakes"
has "$out" "P0028  小林　久美子    コバヤシ　クミコ  03-3738-9888   1950" "told apart by code,"
has "$out" "P0355  小林　久美子    コバヤシ　クミコ  03-5461-0058   1941" "birth year and phone"
LANGUAGE=en S people add "佐藤　花子" --kana "さとう　はなこ" --phone "090-0000-1234" --birth-year 1948
is "$status" 0 "people add"
has "$out" "Registered 佐藤　花子 as P0530" "prints the new code"
LANGUAGE=en S people add "佐藤 花子" --phone "09000001234"
is "$status" 1 "the same person twice is refused"
has "$err" "P0530" "naming the one already registered"
LANGUAGE=en S people add "$(printf 'x\033[2J')"
is "$status" 1 "a terminal escape in a name is refused"

# Races. Two terminals book the same slot at the same moment, twenty times over: exactly one
# booking each time, the other told it was taken.
sql "$db" "DELETE FROM audit_log"
slots=$(sql "$db" "SELECT date || ',' || start FROM consultation_slots s JOIN venues v ON v.id = s.venue_id WHERE v.code = 'hiratsukabashi' AND date >= '2026-12-04' AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = s.id AND b.status <> 'cancelled') ORDER BY date, start LIMIT 20")
i=100
for s in $slots; do
	d=${s%,*} t=${s#*,} i=$((i + 2))
	"$SUMAHO" --db "$db" --today $today slots book hiratsukabashi "$d" "$t" "P0$i" --topic line >/dev/null 2>"$T/a.$i" &
	"$SUMAHO" --db "$db" --today $today slots book hiratsukabashi "$d" "$t" "P0$((i + 1))" --topic line >/dev/null 2>"$T/b.$i" &
	wait
done
is "$(sql "$db" "SELECT count(*) FROM audit_log WHERE action = 'book'")" 20 \
	"20 races, 20 bookings"
is "$(cat "$T"/a.* "$T"/b.* | grep -c 'たった今')" 20 "and 20 told the slot was taken"
is "$(cat "$T"/a.* "$T"/b.* | grep -ci 'locked')" 0 "nobody saw 'database is locked'"

# Eight processes, a hundred bookings each attempted over the same 40 slots.
free=$(sql "$db" "SELECT count(*) FROM consultation_slots s JOIN venues v ON v.id = s.venue_id WHERE v.code = 'sekigahara' AND s.date BETWEEN '2026-12-15' AND '2026-12-24' AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = s.id AND b.status <> 'cancelled')")
pids=
for w in 1 2 3 4 5 6 7 8; do
	(
		k=0
		for s in $(sql "$db" "SELECT date || ',' || start FROM consultation_slots s JOIN venues v ON v.id = s.venue_id WHERE v.code = 'sekigahara' AND date BETWEEN '2026-12-15' AND '2026-12-24' ORDER BY random() LIMIT 40"); do
			k=$((k + 1))
			p=$(printf 'P%04d' $((100 + w * 40 + k)))
			"$SUMAHO" --db "$db" --today $today slots book sekigahara "${s%,*}" "${s#*,}" "$p" --topic photos >/dev/null 2>>"$T/w.$w"
			echo $? >>"$T/rc.$w"
		done
	) &
	pids="$pids $!"
done
wait
is "$(cat "$T"/rc.* | grep -c '^0$')" "$free" "eight processes racing for 40 slots book each free one exactly once"
is "$(cat "$T"/rc.* | grep -vc '^[03]$')" 0 "every other attempt ended 'taken' (status 3)"
is "$(sql "$db" "SELECT count(*) FROM (SELECT slot_id FROM bookings WHERE status <> 'cancelled' GROUP BY slot_id HAVING count(*) > 1) t")" 0 \
	"no slot holds two bookings"
is "$(cat "$T"/w.* | grep -ci 'locked')" 0 "nobody saw 'database is locked'"
sqlite_is "$db" 'PRAGMA integrity_check' ok "integrity_check is ok"

done_testing
