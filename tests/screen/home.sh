#!/bin/sh
# The home screen and its sections, in Japanese and English, at 80x24 and 120x40, in colour and
# without, as a receptionist sees them through a terminal.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/screenlib.sh"

for lang in ja en; do
	for size in 80x24 120x40; do
		screen_start "${size%x*}" "${size#*x}" "$(sumaho_cmd $lang)"
		screen_compare "home-$lang-$size" "home screen, $lang, $size"
	done
done

# Japanese is the default with no language in the environment.
screen_start 80 24 "env -u LANGUAGE TERM=screen '$SUMAHO' --db '$DB' --today 2022-08-02"
screen_expect "スマホ教室・相談 管理" "Japanese when the environment names no language"
screen_start 80 24 "env -u LANGUAGE LANG=en_US.UTF-8 TERM=screen '$SUMAHO' --db '$DB' --today 2022-08-02"
screen_expect "Smartphone classes and consultations" "English from LANG=en_US.UTF-8"

# Every section opens by its number and Esc comes back home.
screen_start 80 24 "$(sumaho_cmd ja)"
screen_wait "メニュー"
n=1
for title in 教室 抽選 相談 実績報告 キオスク表示 設定 職員 監査ログ; do
	screen_keys $n
	if [ $n -eq 5 ]; then
		screen_expect " スマホ教室・スマホ相談のご案内 " "key 5 opens the kiosk as residents see it"
		screen_expect "Esc: プレビューを閉じる" "which says how to leave it"
	else
		screen_expect " sumaho  $title " "key $n opens $title"
	fi
	screen_keys Escape
	screen_expect "メニュー" "Esc returns home from $title"
	n=$((n + 1))
done

# Home, Down, Down, Down, Enter opens the reports, which show the city's monthly figures.
screen_keys Home Down Down Down Enter
screen_expect "実績報告" "arrow keys and Enter open the reports"
screen_expect "2022年8月         5        36        59" "August 2022: 5 sessions, 36 people, 59 consultations"
screen_expect "#: 教室参加者   =: 相談" "with a bar chart of the months, in ASCII"
screen_compare "reports-ja-80x24" "the reports screen, ja, 80x24"
# scroll_to TEXT DESCRIPTION: press Down until TEXT is on screen (70 times at most).
scroll_to() {
	i=0
	while [ $i -lt 70 ] && ! screen_capture | grep -qF -- "$1"; do
		screen_keys Down
		sleep 0.05
		i=$((i + 1))
	done
	screen_expect "$1" "$2"
}
scroll_to "はじめてのスマホ体験教室 (3会場)  8月・9月" "scrolling down: the per-class table"
scroll_to "会場・相談内容別の相談" "then the consultations by venue and topic"
scroll_to "関ヶ原  (全体)" "with a total per venue"
scroll_to "需要: 定員あたりの応募" "and the demand per class"
scroll_to "スマホ入門 (Android)        平塚橋                  14    87  6.21" \
	"highest demand first: 87 applicants for 14 seats"
screen_keys [
screen_expect "期間: 2021年10月〜2022年3月" "[ goes to the half year before"
scroll_to "この期間の教室はありません。" "where nothing was held"
screen_keys ] ]
screen_expect "期間: 2022年10月〜2023年3月" "] goes to the half year after"
screen_keys [
screen_keys Left
screen_expect "メニュー" "Left returns home"

# A long list scrolls.
screen_keys 4
screen_expect "66行中 1〜20行目" "the reports say where the list is"
screen_keys End
screen_expect "66行中 47〜66行目" "End scrolls to the end"
screen_expect "はじめてのスマホ体験教室    大崎第一地域センター" "showing the last line"
screen_keys Home
screen_expect "66行中 1〜20行目" "Home goes back to the top"
screen_keys Escape

# Settings show where the data is.
screen_keys 6
screen_expect "データベース: $DB" "settings name the database"
screen_expect "スキーマ版: 27" "and its schema version"
screen_keys Escape

# q quits with status 0, and the terminal is given back as it was.
screen_start 80 24 "$(wrapped_cmd en)"
screen_wait "Menu"
screen_keys q
screen_expect "EXIT=0 MODES=icanon echo" "q quits with status 0, the terminal back in canonical mode with echo"

# no_colour FILE: no foreground or background colour escape (30-37, 40-47) in a capture.
no_colour() {
	! grep -qE "$(printf '\033')\[([0-9;]*;)?(3[0-7]|4[0-7])(;[0-9;]*)?m" "$1"
}


# Without colour (NO_COLOR, or a terminal that has none) the choice is still shown, in reverse.
screen_start 80 24 "$(sumaho_cmd en)"
screen_wait "Menu"
tm capture-pane -e -p -t s >"$T/colour.txt"
no_colour "$T/colour.txt"
ok $((!$?)) "in colour, colours are drawn"
screen_start 80 24 "env NO_COLOR=1 $(sumaho_cmd en)"
screen_wait "Menu"
line=$(tm capture-pane -e -p -t s | grep "1  Classes")
has "$line" "$(printf '\033[7m')" "NO_COLOR: the selected line is in reverse video"
tm capture-pane -e -p -t s >"$T/mono.txt"
check "NO_COLOR: no colour at all" no_colour "$T/mono.txt"
screen_start 80 24 "env LANGUAGE=en TERM=vt100 '$SUMAHO' --db '$DB' --today 2022-08-02"
screen_wait "Menu"
line=$(tm capture-pane -e -p -t s | grep "1  Classes")
has "$line" "$(printf '\033[7m')" "a terminal without colour (vt100): the selection is in reverse video"
printf '[display]\ncolour = no\n' >"$T/nocolour.ini"
screen_start 80 24 "$(sumaho_cmd en) --config '$T/nocolour.ini'"
screen_wait "Menu"
tm capture-pane -e -p -t s >"$T/mono.txt"
check "colour = no in the configuration: no colour" no_colour "$T/mono.txt"

done_testing
