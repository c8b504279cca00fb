#!/bin/sh
# The lobby kiosk at the sizes large type gives on a lobby display (40x12 up to 160x45), run as
# the appliance runs it: by a user the operating system lets only read the database (when the
# test runs as root; else by the tester on a read-only file). At every size: the next classes
# with their seats in words and the date, a class's page within three keys, the QR code or a
# line saying what to do, and nothing personal. Then: one short line below 40x12, the idle
# warning on cleared lines, a monochrome terminal, and bookings made at reception showing on
# the read-only kiosk, which started before any writer had the database open and can change
# nothing. One database, one tmux server (resized, and respawned for the monochrome run).
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/screenlib.sh"

today=2026-11-24
clock_set "$today 09:00:00"
# The database in a directory of its own that the kiosk user can read but not write.
mkdir "$T/ro"
db="$T/ro/now.db"
"$SUMAHO" --db "$db" --today $today init --demo >/dev/null 2>&1 || exit 99
cat >"$T/kiosk.ini" <<'INI'
[kiosk]
idle_reset = 20
idle_warning = 8
[calendar]
application_url = https://www.city.shinagawa.tokyo.jp/sumaho/apply
INI
personal_list "$db"
# Who runs the kiosk: nobody with the database's group (0640), as the appliance's user.
# (nobody must reach the program and its Japanese catalog: not in a build tree only its owner
# may enter)
if [ "$(id -u)" -eq 0 ] && command -v runuser >/dev/null 2>&1 && id nobody >/dev/null 2>&1 &&
	runuser -u nobody -- env LANGUAGE=ja "$SUMAHO" --help 2>/dev/null | grep -q "ロビー案内"; then
	group=$(id -gn nobody)
	# The clock's file is written anew at each move: readable by the kiosk user too.
	umask 022
	chmod 711 "$T"
	chmod 755 "$T/ro"
	chmod 644 "$T/kiosk.ini" "$SUMAHO_CLOCK"
	chgrp "$group" "$db"
	chmod 640 "$db"
	# setpriv, not runuser: it becomes nobody and execs the kiosk, while runuser stays as its
	# parent and continues a stopped child, which kept a sanitizer build's leak check at exit
	# (it stops the process to scan it) spinning for ever.
	as_kiosk="setpriv --reuid=nobody --regid=$group --clear-groups --"
	who="nobody (group $group, database 0640)"
else
	chmod 444 "$db"
	chmod 555 "$T/ro"
	as_kiosk=
	who="the tester, on a read-only file in a read-only directory"
fi
diag "the kiosk runs as $who"
is "$(ls "$T/ro")" "now.db" "no writer has the database open: no -wal or -shm file yet"
kiosk_cmd() {
	printf "%s env SUMAHO_CLOCK='%s' LANGUAGE=ja TERM=%s %s '%s' --db '%s' --today %s --config '%s' --kiosk" \
		"$as_kiosk" "$SUMAHO_CLOCK" "${1:-screen}" "${2:-}" "$SUMAHO" "$db" $today "$T/kiosk.ini"
}
# legend_at ROW: the legend's language key is on line ROW (the screen is drawn for its size).
legend_at() {
	screen_capture | sed -n "${1}p" | grep -q "E: English"
}
# changed_from BEFORE: the screen is no longer BEFORE (the clock stands still: only what
# the kiosk reads changes it).
changed_from() {
	[ "$(screen_capture)" != "$1" ]
}
states="空きあり|残りわずか|満席|申込多数・抽選になります|受付終了|受付前|抽選済|中止"

screen_start 40 12 "$(kiosk_cmd)"
for size in 40x12 53x14 67x18 91x24 160x45; do
	cols=${size%x*}
	rows=${size#*x}
	screen_resize "$cols" "$rows"
	# The home screen at this size: drawn for it when a class's time shows at the foot of
	# its card and the legend is at the bottom line.
	screen_until "the home screen at $size" legend_at "$rows"
	screen_capture >"$T/home.txt"
	has "$(sed -n 1p "$T/home.txt")" "11月24日(火)" "$size: the date in the title line"
	has "$(cat "$T/home.txt")" "ワンポイント教室 (iPhone)" "$size: the first class, its title whole"
	has "$(cat "$T/home.txt")" "11月30日(月) 14:00-15:30" "$size: with its date and time"
	nstates=$(grep -o -E "$states" "$T/home.txt" | wc -l)
	check "$size: every class shown has its seats in words ($nstates)" test "$nstates" -ge 1
	width=$(awk '{ if (length($0) > m) m = length($0) } END { print m }' "$T/home.txt")
	screen_no_personal "the home screen at $size"
	# A class's page in three keys at most: Down, Down, Enter opens the third class.
	screen_press Down Down Enter
	screen_expect "スマホ入門 (iPhone)" "$size: Down, Down and Enter open the third class's page"
	screen_expect "空きあり (定員20人・いまの申込6人)" "$size: with its seats in words"
	screen_no_personal "the class page at $size"
	# Its page scrolls to what to bring when that is below the screen.
	n=0
	while ! on_screen "持ち物:" && [ $n -lt 30 ]; do
		screen_press Down
		n=$((n + 1))
	done
	screen_expect "持ち物:" "$size: what to bring, reached with Down ($n)"
	screen_press Enter
	if [ "$rows" -ge 24 ]; then
		screen_expect "スマホのカレンダーに登録する" "$size: Enter shows the calendar QR code"
		check "$size: drawn as a code (screen_qr, in explicit colours)" qr_drawn
	else
		screen_expect "QRコードを表示できま" "$size: no room for the code, a line says what to do"
	fi
	screen_no_personal "the QR page at $size"
	screen_press BSpace BSpace
	screen_until "home at $size" legend_at "$rows"
	screen_press Up Up Up Up Up Up
done
# 160x45: two columns of cards; no page numbers (everything fits on one).
screen_capture >"$T/wide.txt"
check "160x45: the cards use the width (two columns, text out to column $width)" test "$width" -ge 120
# 40x12: pages numbered, turned with PgDn.
screen_resize 40 12
screen_expect " 1/" "40x12: the page says which of how many"
p1=$(screen_capture | sed -n 2,9p)
screen_press NPage
screen_expect " 2/" "40x12: PgDn turns to the next page"
isnt_p2=$(screen_capture | sed -n 2,9p)
check "40x12: with other cards" test "$p1" != "$isnt_p2"
screen_press PPage
# Below 40x12: one short line.
screen_resize 39 12
screen_expect "画面が小さすぎます" "39x12: the kiosk says it is too small"
is "$(screen_capture | grep -c '[^ ]')" 1 "39x12: in one line"
screen_resize 40 11
screen_expect "画面が小さすぎます" "40x11: too"
screen_resize 53 14
screen_wait "これからのスマホ教室"

# The idle warning: drawn on cleared lines, nothing of the page beside or around it.
screen_press Down Down Enter
screen_wait "スマホ入門"
clock_advance 12
screen_expect "あと8秒で最初の画面にもどります。" "the idle warning shows"
screen_capture >"$T/warn.txt"
# The box's text: from its first line to the blank line under it.
first=$(grep -n "あと8秒" "$T/warn.txt" | cut -d: -f1)
last=$(awk -v f="$first" 'NR > f && $0 ~ /^ *$/ { print NR - 1; exit }' "$T/warn.txt")
around=$(sed -n "$((first - 2)),$((first - 1))p;$((last + 1)),$((last + 2))p" "$T/warn.txt" | tr -d ' \n')
is "$around" "" "the two lines above and below the box's words are blank"
is "$(sed -n "${first},${last}p" "$T/warn.txt" | tr -d ' \n')" \
	"あと8秒で最初の画面にもどります。このまま見るときは、どれかキーを押してください。" \
	"the box's lines hold its words alone, no fragments of the page"
clock_advance 8
screen_wait "これからのスマホ教室"

# The staff's way out works at the smallest size too: Ctrl-X asks for a staff ID, its
# notice wrapped to the width; Esc goes back to the schedule.
screen_resize 40 12
screen_until "home at 40x12" legend_at 12
screen_press C-x
screen_expect "職員ID:" "40x12: Ctrl-X asks for a staff ID"
has "$(screen_capture | tr -d ' \n')" "職員専用:案内画面を終えるにはサインインしてください。" \
	"40x12: the sign-in's notice wrapped, not cut"
screen_press Escape
screen_until "home at 40x12" legend_at 12
ok $? "40x12: Esc goes back to the schedule"

# Read-only by the operating system: the kiosk's database files are open for reading only,
# and bookings made at reception appear. It started before any writer opened the database.
pid=$(pgrep -n -f -- "--config $T/kiosk.ini --kiosk" || pgrep -n -f -- "$T/kiosk.ini")
modes=$(for fd in /proc/"$pid"/fd/*; do
	case $(readlink "$fd") in "$db"*) awk '/^flags:/ { print $2 }' "/proc/$pid/fdinfo/${fd##*/}" ;; esac
done | sort -u)
check "the kiosk has the database open" test -n "$modes"
rw=$(for m in $modes; do [ $((0$m & 3)) -ne 0 ] && echo "$m"; done)
is "$rw" "" "and every file of it read-only (O_RDONLY; flags: $(echo $modes))"
if [ -n "$as_kiosk" ]; then
	nb=$(sql "$db" "SELECT count(*) FROM bookings")
	$as_kiosk "$SUMAHO" --db "$db" --today $today slots book sekigahara 2026-11-26 10:30 P0014 \
		--topic line >"$T/out" 2>&1
	check "the kiosk user cannot book" test $? -ne 0
	is "$(sql "$db" "SELECT count(*) FROM bookings")" "$nb" "and nothing was booked"
	$as_kiosk sqlite3 "$db" "DELETE FROM venues" >"$T/out" 2>&1
	check "nor change the file with sqlite3" test $? -ne 0
	has "$(cat "$T/out")" "readonly" "(sqlite3 says: $(head -c 60 "$T/out"))"
fi
# book DATE TIME PERSON: reception books a slot at 関ヶ原; the kiosk's line for it changes.
book() {
	before=$(screen_capture)
	"$SUMAHO" --db "$db" --today $today slots book sekigahara "$1" "$2" "$3" --topic line >/dev/null 2>&1
	check "reception books 関ヶ原 $1 $2 ($4)" test $? -eq 0
	start=$(date +%s)
	screen_until "the kiosk to show the booking" changed_from "$before"
	check "the kiosk shows it, untouched ($4)" test $? -eq 0
	diag "shown after about $(($(date +%s) - start)) s"
}
free_slot() {
	sql "$db" "SELECT s.date || ' ' || s.start FROM consultation_slots s JOIN venues v ON v.id = s.venue_id
	  WHERE v.code = 'sekigahara' AND s.date >= '$today' AND s.start > '09:00' AND NOT EXISTS
	  (SELECT 1 FROM bookings b WHERE b.slot_id = s.id AND b.status <> 'cancelled')
	  ORDER BY s.date, s.start LIMIT 1"
}
# All of it on one screen; reception writes as the database's owner.
screen_resize 160 45
screen_wait "これからのスマホ教室"
if [ -z "$as_kiosk" ]; then
	chmod 755 "$T/ro"
	chmod 644 "$db"
fi
slot=$(free_slot)
book ${slot% *} ${slot#* } P0009 "a writer that opens and closes the database"
# A writer that keeps the database open (a reception screen): its -wal and -shm exist.
(echo "SELECT count(*) FROM venues;"; sleep 6) | sqlite3 "$db" >/dev/null &
holder=$!
screen_until "the -wal file" test -e "$db-wal"
slot=$(free_slot)
book ${slot% *} ${slot#* } P0010 "while another writer keeps it open"
wait $holder
slot=$(free_slot)
book ${slot% *} ${slot#* } P0011 "after that writer closed"

# A monochrome terminal (no colours, NO_COLOR): every state still in words.
tm respawn-pane -k -t =s: "$(kiosk_cmd vt100 NO_COLOR=1)"
screen_resize 67 18
screen_wait "これからのスマホ教室"
screen_capture >"$T/mono.txt"
for s in 受付終了 残りわずか 空きあり 申込多数・抽選になります 受付前; do
	has "$(cat "$T/mono.txt")" "$s" "monochrome: $s in words"
done
done_testing
