#!/bin/sh
# Several sites: a reception account limited to 関ヶ原 (sumaho staff add --venue) books and
# changes there, reads the other venues and is refused there in words, with nothing changed;
# coordinators and admins are never limited; staff edit changes the limit, and the audit log
# has the old and new venues.
. "$top_srcdir/tests/lib.sh"
db="$T/sites.db"
"$SUMAHO" --db "$db" --today 2026-12-02 init --demo >/dev/null 2>&1 || exit 99
add_staff "$db" kanri admin "管理 花子" 97315
admin=$(sign_in_args kanri 97315)
uke=$(sign_in_args uke 4826)
tantou=$(sign_in_args tantou 6093)
# as SIGN-IN ARG...: sumaho in English, signed in with SIGN-IN; sets $status, $out, $err.
as() {
	signin=$1
	shift
	# shellcheck disable=SC2086
	LANGUAGE=en "$SUMAHO" --db "$db" --today 2026-12-02 $signin "$@" >"$T/stdout" \
		2>"$T/stderr" </dev/null
	status=$?
	out=$(cat "$T/stdout")
	err=$(cat "$T/stderr")
}
# new_staff PIN ARG...: sumaho staff add ARG... as the admin, the PIN on standard input.
new_staff() {
	pin=$1
	shift
	# shellcheck disable=SC2086
	printf '%s\n' "$pin" | LANGUAGE=en "$SUMAHO" --db "$db" $admin staff add "$@" \
		>"$T/stdout" 2>"$T/stderr"
	status=$?
	out=$(cat "$T/stdout")
	err=$(cat "$T/stderr")
}
bookings() {
	sql "$db" "SELECT count(*) FROM bookings b JOIN consultation_slots s ON s.id = b.slot_id
		JOIN venues v ON v.id = s.venue_id WHERE v.code = '$1' AND s.date = '$2'
		AND s.start = '$3' AND b.status <> 'cancelled'"
}

new_staff 6093 tantou coordinator "担当 次郎" --venue sekigahara
is "$status" 2 "--venue is refused for a coordinator"
has "$err" "only a reception account is limited to venues; a coordinator works at every venue" \
	"saying why"
new_staff 4826 uke reception "受付 一郎" --venue nowhere
is "$status" 1 "a venue code that names no venue is refused"
has "$err" "Venue: no venue with code 'nowhere'" "naming it"
is "$(sql "$db" "SELECT count(*) FROM staff WHERE login = 'uke'")" 0 "and no account is added"
new_staff 4826 uke reception "受付 一郎" --venue sekigahara
is "$status" 0 "a reception account limited to 関ヶ原 is added"
new_staff 6093 tantou coordinator "担当 次郎"
is "$status" 0 "and a coordinator"

as "$admin" staff show uke
has "$out" "Venues: 関ヶ原" "staff show names the venue"
as "$admin" staff list
has "$out" "Venues" "staff list has a column of venues"
has "$(printf '%s\n' "$out" | grep '^uke ')" "関ヶ原" "with 関ヶ原 for the limited account"
has "$(printf '%s\n' "$out" | grep '^tantou ')" "all" "and all for the coordinator"

as "$uke" slots book sekigahara 2026-12-03 10:00 P0001 --topic line
is "$status" 0 "the limited account books at 関ヶ原"
as "$uke" slots book hiratsukabashi 2026-12-04 10:00 P0002 --topic line
is "$status" 1 "but not at 平塚橋"
has "$err" "uke works at 関ヶ原 only: 平塚橋 can be looked at, not changed" \
	"saying which venue the account is limited to"
is "$(bookings hiratsukabashi 2026-12-04 10:00)" 0 "and nothing is booked"
as "$uke" slots list --venue hiratsukabashi --date 2026-12-04
is "$status" 0 "it reads 平塚橋's day"
has "$out" "10:00  hiratsukabashi  free" "with its slots"

as "$tantou" slots book hiratsukabashi 2026-12-04 10:30 P0003 --topic line
is "$status" 0 "a coordinator books at 平塚橋: never limited"
as "$uke" slots cancel hiratsukabashi 2026-12-04 10:30
is "$status" 1 "the limited account cannot cancel a booking at 平塚橋"
has "$err" "works at 関ヶ原 only" "saying so"
is "$(bookings hiratsukabashi 2026-12-04 10:30)" 1 "and the booking stays"
as "$uke" slots rebook sekigahara 2026-12-03 10:00 2026-12-04 11:00 --venue hiratsukabashi
is "$status" 1 "nor move a booking of 関ヶ原 there"
is "$(bookings sekigahara 2026-12-03 10:00)" 1 "which stays where it was"

marks() {
	sql "$db" "SELECT group_concat(t.status || t.recorded_at) FROM attendance t JOIN sessions s
		ON s.id = t.session_id WHERE s.code = 'trial-osaki1-2022-1'"
}
before=$(marks)
as "$uke" attend trial-osaki1-2022-1 P0410=late
is "$status" 1 "the roll call of a class at 大崎 is refused"
has "$err" "大崎第一地域センター can be looked at, not changed" "naming the venue"
is "$(marks)" "$before" "and no mark is recorded"
as "$uke" attend op-iphone-2022-3 P0013=present
is "$status" 0 "the roll call of a class at 関ヶ原 is taken"
as "$uke" apply trial-202612 P0005
is "$status" 1 "a counter application to a class at 荏原 is refused"
has "$err" "荏原第一地域センター can be looked at, not changed" "saying why"
as "$tantou" apply trial-202612 P0005
is "$status" 0 "a coordinator enters it"
as "$uke" lottery cancel trial-202612 P0005
is "$status" 1 "the limited account cannot cancel it"
is "$(sql "$db" "SELECT a.status FROM applications a JOIN people p ON p.id = a.person_id
	JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'trial-202612' AND p.code = 'P0005'")" \
	applied "which stays as it was"

as "$admin" staff edit tantou --venue sekigahara
is "$status" 1 "staff edit refuses venues for a coordinator"
as "$admin" staff edit uke
is "$status" 2 "staff edit needs --venue or --all-venues"
as "$admin" staff edit uke --venue sekigahara --all-venues
is "$status" 2 "and not both"
as "$admin" staff edit uke --venue sekigahara --venue hiratsukabashi
is "$status" 0 "the account is limited to two venues"
as "$uke" slots book hiratsukabashi 2026-12-04 10:00 P0002 --topic line
is "$status" 0 "and books at 平塚橋 now"
as "$admin" staff edit uke --all-venues
is "$status" 0 "--all-venues lifts the limit"
has "$out" "uke works at every venue." "saying so"
as "$admin" staff show uke
has "$out" "Venues: all" "staff show says so"
as "$uke" apply trial-202612 P0006
is "$status" 0 "and the account enters applications at 荏原"

log=$(sql "$db" "SELECT actor || ' ' || action || ' ' || detail FROM audit_log
	WHERE entity = 'staff' AND action IN ('create', 'venues') ORDER BY id")
has "$log" "kanri create uke reception venues=sekigahara" "the audit log has the account's venue"
has "$log" "kanri venues uke: sekigahara -> hiratsukabashi,sekigahara" "each change of it, old and new"
has "$log" "kanri venues uke: hiratsukabashi,sekigahara -> all" "and the limit lifted"
hasnt "$log" "tantou: " "a refused change is not recorded"

# In Japanese, as the counter reads it.
# shellcheck disable=SC2086
"$SUMAHO" --db "$db" --today 2026-12-02 $admin staff edit uke --venue sekigahara >/dev/null 2>&1
# shellcheck disable=SC2086
err=$("$SUMAHO" --db "$db" --today 2026-12-02 $uke slots book hiratsukabashi 2026-12-04 11:30 \
	P0007 --topic line 2>&1 >/dev/null)
has "$err" "uke の担当は 関ヶ原 だけです。平塚橋 は見るだけで、変更はできません" "the refusal in Japanese"

done_testing
