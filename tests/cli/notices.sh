#!/bin/sh
# Paper after a draw, read back from outside: the notices (pdfinfo: page size and a page an
# applicant; pdffonts: every font embedded, none Type 3; pdftotext: each name, result and the
# 令和 date; pdftoppm and zbarimg: a winner's QR code holds the VEVENT of their session), the
# Japanese mail-merge CSV, and the class list of a session.
. "$top_srcdir/tests/lib.sh"
# squeeze: the text without spaces (full-width too) or line breaks (tr works on bytes).
squeeze() { tr -d ' \n' | sed 's/　//g'; }
# pages PDF: its number of pages.
pages() { pdfinfo "$1" | awk '/^Pages:/ { print $2 }'; }
for tool in pdfinfo pdffonts pdftotext pdftoppm zbarimg; do
	command -v $tool >/dev/null 2>&1 || {
		echo "1..0 # SKIP $tool is not installed (poppler-utils, zbar-tools)"
		exit 0
	}
done
db="$T/notices.db"
cfg="$T/sumaho.ini"
printf '[notices]\nphone = 03-5742-6715\n' >"$cfg"
S() { run --db "$db" --config "$cfg" --today 2026-11-24 "$@"; }
"$SUMAHO" --db "$db" --today 2026-11-24 init --demo >/dev/null || exit 99

# One class of 3 seats over two days; ten demo residents apply; drawn from a fixed seed.
cat >"$T/off.csv" <<'EOF'
code,course,venue,apply_from,apply_to,capacity
ip-2027,onepoint-iphone,sekigahara,2026-11-01,2026-12-15,3
ip-later,onepoint-iphone,sekigahara,2026-11-01,2026-12-15,3
EOF
cat >"$T/ses.csv" <<'EOF'
code,offering,date,start,duration,seats
ip-2027-1,ip-2027,2027-01-14,10:00,90,6
ip-2027-2,ip-2027,2027-02-18,13:30,90,6
ip-later-1,ip-later,2027-03-11,10:00,90,6
EOF
S import offerings "$T/off.csv"
S import sessions "$T/ses.csv"
for p in P0001 P0002 P0003 P0004 P0005 P0006 P0007 P0008 P0009 P0010; do
	S apply ip-2027 $p
done
run --db "$db" --today 2026-12-16 lottery run ip-2027 \
	--seed 5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed
is "$status" 0 "the class is drawn"
# Staff accounts from here: paper with residents' names takes a coordinator.
add_staff "$db" boss admin "管理 者" 4821
add_staff "$db" coord coordinator "調整 係" 7315
C() { run --db "$db" --config "$cfg" --today 2026-12-16 $(sign_in_args coord 7315) "$@"; }

run --db "$db" --today 2026-12-16 notices ip-2027 -o "$T/x.pdf"
is "$status" 2 "notices name residents: nobody signed in, nothing written"
check "so no file" test ! -e "$T/x.pdf"

C notices ip-2027 -o "$T/all.pdf"
is "$status" 0 "notices for every applicant"
has "$out" "10" "the command says how many"
n=$(sql "$db" "SELECT count(*) FROM applications a JOIN offerings o ON o.id = a.offering_id
	WHERE o.code = 'ip-2027' AND a.status IN ('won', 'waiting', 'lost')")
info=$(pdfinfo "$T/all.pdf")
is "$(pages "$T/all.pdf")" "$n" "a page an applicant ($n)"
has "$info" "Page size:       283.465 x 419.528 pts" "the postcard's 100 x 148 mm"
is "$(stat -c %a "$T/all.pdf")" 600 "the file is its owner's only"
fonts=$(pdffonts "$T/all.pdf" | tail -n +3)
has "$fonts" "IPAexGothic" "the Japanese font from fontconfig"
is "$(printf '%s\n' "$fonts" | awk '$(NF-4) != "yes"' | wc -l)" 0 "every font is embedded"
hasnt "$fonts" "Type 3" "none is a Type 3 font"

# Each page: the applicant's name, the result, and the days in the Japanese era.
page=0 bad=0
sql "$db" "SELECT p.name, a.status, coalesce(a.waiting_position, 0), coalesce(s.code, '')
	FROM applications a JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id =
	a.offering_id LEFT JOIN sessions s ON s.id = a.session_id WHERE o.code = 'ip-2027'
	ORDER BY CASE a.status WHEN 'won' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END,
	a.waiting_position, p.kana, p.code" >"$T/people.txt"
while IFS='|' read -r name result position session; do
	page=$((page + 1))
	text=$(pdftotext -raw -f $page -l $page "$T/all.pdf" - | squeeze)
	case $result in
	won) want=当選 ;;
	waiting) want="補欠${position}番" ;;
	*) want=落選 ;;
	esac
	case $session in
	ip-2027-2) day="令和9年2月18日(木)13:30〜15:00" ;;
	*) day="令和9年1月14日(木)10:00〜11:30" ;;
	esac
	for w in "$(printf '%s' "$name" | squeeze)様" "$want" "$day" "2027年"; do
		case $text in
		*"$w"*) ;;
		*)
			bad=$((bad + 1))
			diag "page $page: no '$w' in: $text"
			;;
		esac
	done
done <"$T/people.txt"
is "$bad" 0 "every page names its applicant, their result and the days in 令和"
first=$(pdftotext -raw -f 1 -l 1 "$T/all.pdf" - | squeeze)
has "$first" "令和8年12月23日(水)（2026年12月23日(水)）までにお電話" \
	"a winner confirms by the draw day plus [lottery] confirm_days (7)"
has "$first" "03-5742-6715" "on the phone of [notices] phone"
has "$first" "持ち物:ご自分のiPhone" "what to bring"
has "$first" "会場:関ヶ原（東京都品川区）" "the venue with its address"
last=$(pdftotext -raw -f $n -l $n "$T/all.pdf" - | squeeze)
has "$last" "令和9年2月18日(木)" "one who lost is told every day of the class"

# A winner's QR code, read back from the page as a phone would: their session's VEVENT.
pdftoppm -r 150 -f 1 -l 1 -png "$T/all.pdf" "$T/page"
qr=$(zbarimg --raw -q "$T/page"-*1.png 2>/dev/null | tr -d '\r')
s1=$(sed -n 1p "$T/people.txt" | cut -d'|' -f4)
case $s1 in
ip-2027-2) dt="DTSTART:20270218T043000Z
DTEND:20270218T060000Z" ;;
*) dt="DTSTART:20270114T010000Z
DTEND:20270114T023000Z" ;;
esac
is "$qr" "BEGIN:VEVENT
SUMMARY:ワンポイント教室 (iPhone)
$dt
LOCATION:関ヶ原
END:VEVENT" "the winner's QR code is the VEVENT of their session"
pdftoppm -r 150 -f $n -l $n -png "$T/all.pdf" "$T/lost"
zbarimg --raw -q "$T/lost"-*.png >/dev/null 2>&1
is "$?" 4 "one who lost gets no QR code"

C notices ip-2027 --result won --layout a4 -o "$T/won.pdf"
info=$(pdfinfo "$T/won.pdf")
is "$(pages "$T/won.pdf")" 3 "--result won: the three winners"
has "$info" "Page size:       595.276 x 841.89 pts (A4)" "--layout a4"
C notices ip-2027 --result waiting --language en -o "$T/en.pdf"
text=$(pdftotext -raw "$T/en.pdf" - | tr '\n' ' ')
has "$text" "Waiting list No. 1" "--language en: the result in English"
is "$(pages "$T/en.pdf")" 5 "the five on the waiting list"
C notices ip-2027 --result lost --language en -o "$T/lost-en.pdf"
text=$(pdftotext -raw -f 1 -l 1 "$T/lost-en.pdf" - | tr '\n' ' ')
has "$text" "Not drawn" "--result lost --language en: the result in English"
hasnt "$text" "(notice)" "as a notice says it"

# Each page in its reader's language, without --language: the first winner reads English.
order="CASE a.status WHEN 'won' THEN 0 WHEN 'waiting' THEN 1 ELSE 2 END, a.waiting_position,
	p.kana, p.code"
winners=$(sql "$db" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id JOIN
	offerings o ON o.id = a.offering_id WHERE o.code = 'ip-2027' AND a.status = 'won' ORDER BY $order")
en=$(echo "$winners" | sed -n 1p)
C people edit "$en" --language en
is "$status" 0 "$en reads English"
C notices ip-2027 --result won -o "$T/mixed.pdf"
is "$status" 0 "one batch for a reader of English and readers of Japanese"
has "$out" "通知 3件" "the command still speaks the staff's language after it"
text=$(pdftotext -raw -f 1 -l 1 "$T/mixed.pdf" - | tr '\n' ' ')
has "$text" "Dear " "$en's page is in English"
has "$text" "Won" "with the result in English"
hasnt "$text" "(notice)" "as a notice says it, with no word of the catalog's own"
case $s1 in
ip-2027-2) day="2027-02-18 (Thu) 13:30–15:00" ;;
*) day="2027-01-14 (Thu) 10:00–11:30" ;;
esac
has "$text" "$day" "and the day in the Western form, the weekday in English"
has "$text" "by 2026-12-23 (Wed)" "and the day to answer by, in English"
hasnt "$text" "令和" "with no Japanese era"
hasnt "$text" "当選" "nor the Japanese result"
text=$(pdftotext -raw -f 2 -l 2 "$T/mixed.pdf" - | squeeze)
has "$text" "当選" "the next winner's page is in Japanese"
has "$text" "令和9年" "with the days in 令和"
hasnt "$text" "Won" "and no English"
C notices ip-2027 --result won --language ja -o "$T/allja.pdf"
has "$(pdftotext -raw -f 1 -l 1 "$T/allja.pdf" - | squeeze)" "当選" \
	"--language ja writes every page in Japanese, $en's too"
C people edit "$en" --language ja

printf '[notices]\nfont = NoSuchFont Gothic\n[lottery]\nconfirm_days = 0\n' >"$T/bad.ini"
run --db "$db" --config "$T/bad.ini" --today 2026-12-16 $(sign_in_args coord 7315) \
	notices ip-2027 -o "$T/bad.pdf"
is "$status" 1 "a font fontconfig does not know is refused"
has "$err" "NoSuchFont Gothic" "naming the font"
has "$err" "fonts-ipaexfont-gothic" "and saying what to install"
check "and nothing is written" test ! -e "$T/bad.pdf"
printf '[lottery]\nconfirm_days = 0\n' >"$T/nodays.ini"
run --db "$db" --config "$T/nodays.ini" --today 2026-12-16 $(sign_in_args coord 7315) \
	notices ip-2027 --result won -o "$T/nodays.pdf"
text=$(pdftotext -raw -f 1 -l 1 "$T/nodays.pdf" - | squeeze)
hasnt "$text" "までに" "with confirm_days = 0 a notice says nothing about confirming"
C notices ip-later -o "$T/later.pdf"
is "$status" 1 "an offering not drawn has no notices"
has "$err" "ip-later" "naming it"
C notices ip-2027 nosuch -o "$T/nosuch.pdf"
has "$err" "nosuch" "an unknown offering is named"
check "and nothing is written" test ! -e "$T/nosuch.pdf"

# The mail merge in Japanese; the English columns stay the verifier's.
C lottery export ip-2027 --headings ja -o "$T/merge.csv"
is "$(head -1 "$T/merge.csv" | tr -d '\r')" "氏名,フリガナ,結果,補欠順位,講座,日時" "--headings ja"
w=$(sql "$db" "SELECT p.name FROM applications a JOIN people p ON p.id = a.person_id JOIN
	sessions s ON s.id = a.session_id WHERE s.code = 'ip-2027-1' ORDER BY p.kana LIMIT 1")
has "$(grep "^$w," "$T/merge.csv")" ",当選,,ワンポイント教室 (iPhone),令和9年1月14日(木) 10:00〜11:30" \
	"a winner: 当選 and the day in 令和"
has "$(tr -d '\r' <"$T/merge.csv")" ",補欠,1,ワンポイント教室 (iPhone)," "the first on the waiting list"
is "$(grep -c ',落選,' "$T/merge.csv")" 2 "and the two who lost"
C lottery export ip-2027 -o "$T/draw.csv"
has "$(head -1 "$T/draw.csv")" "round,seed,algorithm" "the English columns by default"

# The class list of the day, in kana order however the kana was typed: a winner whose kana
# was typed in hiragana (わ) comes after the others, not before all katakana.
wa=$(sql "$db" "SELECT p.code FROM applications a JOIN people p ON p.id = a.person_id
	JOIN sessions s ON s.id = a.session_id WHERE s.code = 'ip-2027-1' AND a.status = 'won'
	ORDER BY p.kana_key LIMIT 1")
C people edit "$wa" --kana "わわ　わ"
is "$status" 0 "a winner's kana typed in hiragana"
C roster ip-2027-1 -o "$T/roster.pdf"
is "$status" 0 "a roster"
is "$(stat -c %a "$T/roster.pdf")" 600 "its file is its owner's only"
has "$(pdfinfo "$T/roster.pdf")" "Page size:       841.89 x 595.276 pts (A4)" "on A4 across"
text=$(pdftotext -raw "$T/roster.pdf" - | squeeze)
has "$text" "出席" "with a column to tick attendance"
has "$text" "令和9年1月14日(木)" "the day in 令和"
bad=0
for name in $(sql "$db" "SELECT replace(replace(p.name, ' ', ''), '　', '') FROM applications a
	JOIN people p ON p.id = a.person_id JOIN sessions s ON s.id = a.session_id
	WHERE s.code = 'ip-2027-1' AND a.status = 'won'"); do
	case $text in *"$name"*) ;; *) bad=$((bad + 1)) ;; esac
done
is "$bad" 0 "every participant of the session is on it"
last=$(sql "$db" "SELECT replace(replace(name, ' ', ''), '　', '') FROM people WHERE code = '$wa'")
after=${text#*"$last"}
bad=0
for name in $(sql "$db" "SELECT replace(replace(p.name, ' ', ''), '　', '') FROM applications a
	JOIN people p ON p.id = a.person_id JOIN sessions s ON s.id = a.session_id
	WHERE s.code = 'ip-2027-1' AND a.status = 'won' AND p.code <> '$wa'"); do
	case $after in *"$name"*) bad=$((bad + 1)) ;; esac
done
is "$bad" 0 "the one whose kana is わ comes after everyone else"
bad=0
for phone in $(sql "$db" "SELECT p.phone FROM applications a JOIN people p ON p.id = a.person_id
	JOIN sessions s ON s.id = a.session_id WHERE s.code = 'ip-2027-1' AND a.status = 'won'
	AND p.phone <> ''"); do
	case $text in *"$phone"*) ;; *) bad=$((bad + 1)) ;; esac
done
is "$bad" 0 "with their phone numbers whole"
loser=$(sql "$db" "SELECT replace(replace(p.name, ' ', ''), '　', '') FROM applications a
	JOIN people p ON p.id = a.person_id JOIN offerings o ON o.id = a.offering_id
	WHERE o.code = 'ip-2027' AND a.status = 'lost' LIMIT 1")
hasnt "$text" "$loser" "and nobody without a seat"
C roster nosuch -o "$T/r2.pdf"
is "$status" 1 "an unknown session"
done_testing
