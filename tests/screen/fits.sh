#!/bin/sh
# Everything fits at 80x24, in Japanese and in English: every footer shows its quit key, a
# yes/no question shows both answers however long it is (the question then over the lines
# above them), and the choices after z on Lotteries show the whole question and every answer.
# Widths are the terminal's (tmux), so a display width counted wrong shows here too.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/screenlib.sh"

today=2026-11-24
base="$T/base.db"
cp "$DB" "$base"
X() { db=$1; shift; "$SUMAHO" --db "$db" --today $today "$@" >/dev/null 2>&1 || exit 99; }
X "$base" offering add fits-2027 --course intro-android --venue sekigahara --from 2026-11-01 --to 2026-12-15 --capacity 2
X "$base" session add fits-2027-1 --offering fits-2027 --date 2027-01-14 --start 10:00 --duration 90 --seats 6
for p in P0001 P0002 P0003; do X "$base" apply fits-2027 $p; done
"$SUMAHO" --db "$base" --today 2026-12-16 lottery run fits-2027 >/dev/null 2>&1 || exit 99

# footer_has_quit WHAT DESCRIPTION: the last lines of the screen show the quit key ($quit) once WHAT is on screen.
footer_has_quit() {
	screen_wait "$1" || true
	if screen_until "$quit in the footer of $1" sh -c \
		"'$TMUX_BIN' -u -L '$SOCK' capture-pane -p -t =s: | tail -4 | grep -qF -- '$quit'"; then
		ok 0 "$lang: the footer of $2 shows $quit"
	else
		ok 1 "$lang: the footer of $2 shows $quit"
		screen_capture | sed 's/^/# | /'
	fi
}

# flat: the screen's text without spaces and line ends (a wrapped text reads as one).
flat() {
	screen_capture | squeeze
}
# squeeze: the text on stdin without spaces (ASCII and ideographic) and line ends (sed, which
# reads characters: tr would take the ideographic space's bytes out of other characters).
squeeze() {
	sed 's/[ 　]//g' | tr -d '\n'
}

for lang in ja en; do
	db="$T/$lang.db"
	cp "$base" "$db"
	case $lang in
	ja) quit="q: 終了" yesno="y: はい  n: いいえ" menu="メニュー" classes="教室" detail="教室の詳細"
		rollcall="出欠確認" venues="会場" offerings="募集" lotteries="抽選" calls="電話連絡"
		consult="相談" reminders="確認の電話" reports="実績報告" staff="職員" audit="監査ログ"
		people="区民" ;;
	en) quit="q: quit" yesno="y: yes  n: no" menu="Menu" classes="Classes" detail="Class details"
		rollcall="Roll call" venues="Venues" offerings="Offerings" lotteries="Lotteries"
		calls="calls for fits-2027" consult="Consultations" reminders="Reminder calls"
		reports="Reports" staff="Staff" audit="Audit log" people="People" ;;
	esac
	screen_start 80 24 "env TZ=UTC LANGUAGE=$lang TERM=screen '$SUMAHO' --db '$db' --today $today"
	screen_wait "$menu"
	footer_has_quit "$menu" "the home screen"

	# Classes and what opens from it.
	screen_keys 1
	footer_has_quit "$classes" "Classes"
	screen_keys End c
	screen_wait "fits-2027-1" || true
	screen_until "the answers of the question" sh -c \
		"'$TMUX_BIN' -u -L '$SOCK' capture-pane -p -t =s: | tail -1 | grep -qF -- '$yesno'"
	ok $? "$lang: the question to cancel a session shows both answers on the bottom line"
	have=$(flat)
	has "$have" "fits-2027-1" "$lang: and the question names the session"
	screen_keys n
	screen_wait_gone "$yesno"
	is "$(sql "$db" "SELECT status FROM sessions WHERE code = 'fits-2027-1'")" scheduled \
		"$lang: n cancels nothing"
	screen_keys Enter
	footer_has_quit "$detail" "a session's page"
	screen_keys r
	footer_has_quit "$rollcall" "the roll call"
	screen_keys Escape
	screen_wait "$detail"
	screen_keys Escape
	screen_wait "$classes"
	for k in V O; do
		screen_keys $k
		case $k in V) w=$venues ;; O) w=$offerings ;; esac
		footer_has_quit " $w " "the list of $k"
		screen_keys Escape
		screen_wait "$classes"
	done
	screen_keys Escape
	screen_wait "$menu"

	# Lotteries: a winner cancelled, the one offered the seat called, then z asks how.
	screen_keys 2
	footer_has_quit "$lotteries" "Lotteries"
	screen_keys Enter
	screen_wait "fits-2027"
	footer_has_quit "fits-2027" "an offering's page"
	w=$(sql "$db" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'fits-2027' AND a.status = 'won' ORDER BY p.kana, p.code LIMIT 1")
	q=$(sql "$db" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id WHERE o.code = 'fits-2027' AND a.waiting_position = 1")
	screen_keys Home c
	screen_until "the answers of the question" sh -c \
		"'$TMUX_BIN' -u -L '$SOCK' capture-pane -p -t =s: | tail -1 | grep -qF -- '$yesno'"
	ok $? "$lang: the question to cancel an application shows both answers"
	screen_keys y
	screen_wait "z: " || true
	X "$db" lottery call fits-2027 "$q" --result no-answer
	# The question as sumaho lottery reinstate words it (the same cause, refused without a choice).
	LANGUAGE=$lang "$SUMAHO" --db "$db" --today $today lottery reinstate fits-2027 "$w" \
		>/dev/null 2>"$T/why"
	why=$(head -1 "$T/why" | sed 's/^sumaho: //' | squeeze)
	screen_keys z
	case $lang in
	ja) last="3席を戻す(${q}" ;;
	en) last="3Theseatback:withdrawtheofferto${q}" ;;
	esac
	screen_until "the choices" sh -c "'$TMUX_BIN' -u -L '$SOCK' capture-pane -p -t =s: | sed 's/[ 　]//g' | tr -d '\n' | grep -qF -- '$last'"
	ok $? "$lang: z offers the three choices"
	have=$(flat)
	[ -n "$why" ]
	ok $? "$lang: (sumaho lottery reinstate says why it asks)"
	has "$have" "$why" "$lang: the whole question, wrapped, nothing cut"
	name=$(sql "$db" "SELECT name FROM people WHERE code = '$q'" | squeeze)
	case $lang in
	ja) for c in "1定員を超えて席を設ける" "2補欠の先頭に戻す" "3席を戻す(${q}${name}さんへの案内を取り下げ)"; do
		has "$have" "$c" "$lang: the choice $c whole"
	done ;;
	en) for c in "1Aseatoverthecapacity" "2Firstonthewaitinglist" "3Theseatback:withdrawtheofferto${q}${name}"; do
		has "$have" "$c" "$lang: the choice $c whole"
	done ;;
	esac
	hasnt "$have" "…" "$lang: and no text cut with an ellipsis"
	screen_keys Escape
	screen_wait "fits-2027"
	screen_keys l
	footer_has_quit "$calls" "the call list"
	screen_keys Escape
	screen_wait "fits-2027"
	screen_keys Escape
	screen_wait "$lotteries"
	screen_keys Escape
	screen_wait "$menu"

	# The other sections.
	for k in 3 4 6 7 8; do
		screen_keys $k
		case $k in 3) w=$consult ;; 4) w=$reports ;; 6) w=$(case $lang in ja) echo 設定 ;; en) echo Settings ;; esac) ;;
		7) w=$staff ;; 8) w=$audit ;; esac
		footer_has_quit " $w " "section $k"
		if [ $k = 3 ]; then
			screen_keys r
			footer_has_quit "$reminders" "the reminder calls"
			screen_keys Escape
			screen_wait "$consult"
		fi
		screen_keys Escape
		screen_wait "$menu"
	done
	screen_keys 9
	screen_wait " $people " || true
	screen_keys 0775
	screen_wait "P0001"
	screen_keys Enter
	footer_has_quit "P0001" "a person's record"
	screen_keys q
	screen_wait_exit
done
done_testing
