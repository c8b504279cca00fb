#!/bin/sh
# sumaho period close|reopen|list: once a month's figures are reported and the month closed, a
# change to what it counts (a roll call, a session, a consultation, an application) is refused
# and changes nothing, unless an admin gives --reason: then it is audited with the reason and
# the old and new values, and the monthly report marks the month with a footnote.
. "$top_srcdir/tests/lib.sh"
db="$T/p.db"
clock_set "2022-10-01 09:00:00"
"$SUMAHO" --db "$db" --today 2022-10-01 init --demo >/dev/null 2>&1 || exit 99
signin=
S() {
	LANGUAGE=en run --db "$db" $signin "$@"
}
# report ARG...: sumaho report monthly, as the admin.
report() {
	LANGUAGE=en run --db "$db" $admin report monthly "$@"
}
# figure MONTH N: the Nth column of MONTH's row in the monthly report of MONTH alone.
figure() {
	report --from "$1" --to "$1"
	printf '%s\n' "$out" | awk -v m="$1" -v n="$2" 'index($1, m) == 1 { print $n }'
}
# dump NAME: the whole database as SQL, but for the audit log's sign-ins (each command run
# with --staff records one).
dump() {
	db_dump "$db" | grep -v "'login','staff'," >"$T/$1.sql"
}
# unchanged DESCRIPTION: the database is as it was at `dump before`.
unchanged() {
	dump after
	same_file "$T/after.sql" "$T/before.sql" "$1"
}
# audited NEEDLE DESCRIPTION: the last entries of the audit log hold NEEDLE.
audited() {
	LANGUAGE=en run --db "$db" $admin audit --limit 8
	has "$out" "$1" "$2"
}
# amended DESCRIPTION MONTH ROW ROW-DESCRIPTION ENTRY ENTRY-DESCRIPTION: the admin's change just
# made succeeded, MONTH's row of the monthly report holds ROW and the audit log ENTRY.
amended() {
	is "$status" 0 "$1"
	report --from "$2" --to "$2"
	has "$out" "$3" "$4"
	audited "$5" "$6"
}

# A new installation has no staff accounts: everyone is an admin, and closing works.
S period list
is "$status" 0 "period list works with nothing closed"
has "$out" "No month has been closed." "and says so"
S period close 2022-10
is "$status" 1 "a month that has not ended cannot be closed"
has "$err" "2022-10 has not ended yet" "and it says why"
S period close 2022-13
is "$status" 1 "a month that does not exist is refused"

# Staff accounts from here on: an admin, a coordinator and a receptionist.
add_staff "$db" kanri admin "管理 花子" 2580
add_staff "$db" tantou coordinator "担当 次郎" 4826
add_staff "$db" uketsuke reception "受付 一郎" 6093
admin=$(sign_in_args kanri 2580)
coordinator=$(sign_in_args tantou 4826)
reception=$(sign_in_args uketsuke 6093)

is "$(figure 2022-04 3)" 13 "April 2022 had 13 participants"
signin=$coordinator
S period close 2022-04
is "$status" 1 "a coordinator cannot close a month"
has "$err" "may not run 'period close'" "being no admin"
signin=$admin
clock_set "2022-10-01 09:00:00"
S period close 2022-04
is "$status" 0 "an admin closes April 2022"
has "$out" "2022-04 is closed" "and is told so"
S period close 2022-04
is "$status" 1 "closing it twice is refused"
has "$err" "2022-04 is closed already (on 2022-10-01 by kanri)" "saying when and by whom"
S period list
has "$out" "2022-04  closed  2022-10-01  kanri" "the list shows the closed month"
audited "close   periods  2022-04" "the close is audited"

# A roll-call change in April is refused and changes nothing.
dump before
signin=$coordinator
clock_set "2022-10-02 10:00:00"
S attend op-iphone-2022-1 P0005=present
is "$status" 1 "a roll-call change on an April session is refused"
has "$err" "2022-04 is closed: its figures were reported on 2022-10-01 by kanri" \
	"naming the month, when and by whom"
S attend op-iphone-2022-1 P0005=present --reason "found the sheet"
is "$status" 1 "a coordinator's reason does not make it an amendment"
has "$err" "only an admin may change it" "only an admin's does"
signin=$admin
S attend op-iphone-2022-1 P0005=present
is "$status" 1 "an admin without a reason is refused too"
has "$err" "give a reason to amend it" "and asked for one"
S attend op-iphone-2022-1 P0005=present --reason ""
is "$status" 1 "an empty reason is no reason"
unchanged "the refused changes left the database as it was"
is "$(figure 2022-04 3)" 13 "the report still says 13 participants"
report --from 2022-04 --to 2022-09
hasnt "$out" "*" "a closed month not amended looks as before"

# An admin's amendment with a reason.
clock_set "2022-10-03 11:00:00"
S attend op-iphone-2022-1 P0005=present --reason "the paper roll call shows her present"
is "$status" 0 "an admin with --reason amends the roll call"
is "$(figure 2022-04 3)" 14 "April now has 14 participants"
audited "kanri  amend" "the amendment is audited, naming the admin"
has "$out" "2022-04: attendance op-iphone-2022-1 P0005: absent -> present; reason: the paper roll call shows her present" \
	"with what changed, the old and new values and the reason"
has "$out" "2022-10-03" "and when"
report --from 2022-04 --to 2022-09
has "$out" "2022-04*" "the report marks the amended month"
has "$out" "* 2022-04: closed 2022-10-01 by kanri; amended 2022-10-03 by kanri: the paper roll call shows her present" \
	"and says in a footnote who closed it, who amended it, when and why"
hasnt "$out" "2022-05*" "other months are not marked"
report --from 2022-04 --to 2022-09 --format csv
has "$out" "2022-04*,3,14,0" "the CSV marks the month too"
has "$out" "* 2022-04: closed 2022-10-01 by kanri; amended 2022-10-03 by kanri" "with the footnote as a row"
report --from 2022-05 --to 2022-09
hasnt "$out" "amended" "a report without April has no footnote"
S period list
has "$out" "2022-04  closed  2022-10-01  kanri            1" "the list counts the amendment"

# Sessions: a cancel or an edit of a session in a closed month.
signin=$coordinator
dump before
S session cancel intro-android-seki-2022-1
is "$status" 1 "a coordinator cannot cancel a session of a closed month"
has "$err" "2022-04 is closed" "naming the month"
S session edit intro-android-seki-2022-1 --date 2022-05-19
is "$status" 1 "nor move it out of the month"
S session add late-2022-04 --offering intro-android-seki-2022 --date 2022-04-28 --start 10:00 \
	--duration 90 --seats 8
is "$status" 1 "nor add one to it"
S session edit intro-android-seki-2022-2 --date 2022-04-28
is "$status" 1 "nor move a session into it"
unchanged "the refused session changes changed nothing"
signin=$admin
S session cancel intro-android-seki-2022-1 --reason "the class did not take place"
amended "an admin cancels it with a reason" 2022-04 \
	"2022-04*               2             8" "April now counts 2 sessions and 8 people" \
	"2022-04: session intro-android-seki-2022-1: status -> cancelled; reason: the class did not take place" \
	"the cancel is audited with its reason"

# Applications of a class held in a closed month.
signin=$coordinator
S lottery cancel op-iphone-2022 P0001
is "$status" 1 "an application of a class held in April cannot be cancelled"
has "$err" "2022-04 is closed" "naming the month"

# Consultations: August closed, a mark refused, then amended.
signin=$admin
S period close 2022-08
is "$status" 0 "an admin closes August"
signin=$reception
dump before
S slots no-show sekigahara 2022-08-02 10:00
is "$status" 1 "a consultation of a closed month cannot be marked"
has "$err" "2022-08 is closed" "naming the month"
S slots unmark sekigahara 2022-08-02 10:00
is "$status" 1 "nor taken back to booked"
unchanged "the refused marks changed nothing"
is "$(figure 2022-08 4)" 59 "August still has 59 consultations"
signin=$admin
S slots no-show sekigahara 2022-08-02 10:00 --reason "she did not come after all"
amended "an admin marks it no-show with a reason" 2022-08 \
	"2022-08*               5            36                  58" "August now has 58, marked" \
	"2022-08: booking sekigahara 2022-08-02 10:00 person=P0512: attended -> no_show; reason: she did not come after all" \
	"the audit has the old and new values and the reason"

# Reopening: an admin with a reason, audited; then the month takes changes again.
signin=$coordinator
S period reopen 2022-08 --reason "recount"
is "$status" 1 "a coordinator cannot reopen a month"
signin=$admin
S period reopen 2022-08
is "$status" 2 "reopening needs a reason"
has "$err" "--reason" "and says how to give it"
S period reopen 2022-08 --reason "the city asked for a recount"
is "$status" 0 "an admin reopens August with a reason"
audited "reopen  periods" "the reopening is audited"
has "$out" "2022-08 reason: the city asked for a recount" "with its reason"
S period list
has "$out" "2022-08  reopened" "the list shows it reopened"
has "$out" "the city asked for a recount" "and why"
report --from 2022-08 --to 2022-08
hasnt "$out" "*" "a reopened month is not marked"
signin=$reception
S slots attend sekigahara 2022-08-02 10:00
is "$status" 0 "a reopened month takes changes again"

done_testing
