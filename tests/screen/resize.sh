#!/bin/sh
# Resizing at any moment, windows below 80x24, and signals: the screen never breaks and the
# terminal is always given back.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/screenlib.sh"

for lang in ja en; do
	screen_start 80 24 "$(sumaho_cmd $lang)"
	screen_compare "home-$lang-80x24" "$lang: home at 80x24"
	screen_resize 60 20
	screen_compare "small-$lang-60x20" "$lang: at 60x20 a clear 'please enlarge' notice"
	screen_resize 80 24
	screen_compare "home-$lang-80x24" "$lang: back at 80x24 the home screen is whole again"
done

screen_start 80 24 "$(sumaho_cmd ja)"
screen_wait "メニュー"
screen_resize 79 24
screen_expect "現在: 横 79 x 縦 24" "one column short is too small, and the notice says the size"
screen_resize 80 23
screen_expect "現在: 横 80 x 縦 23" "one line short is too small"
screen_resize 20 6
screen_expect "画面が小さすぎま" "a tiny window still shows the notice, wrapped"
screen_resize 120 40
screen_compare "home-ja-120x40" "grown to 120x40, the home screen fills it"

# Keys typed while the window is too small do not act behind the notice.
screen_resize 60 20
screen_wait "画面が小さすぎます"
screen_keys 4
sleep 0.3
screen_resize 80 24
screen_expect "メニュー" "a key pressed while too small opened nothing"

# Inside a section: shrink, grow, the section comes back laid out for the new width.
screen_keys 4
screen_expect " sumaho  実績報告 " "the reports"
screen_resize 50 15
screen_expect "画面が小さすぎます" "shrunk inside a section"
screen_resize 120 40
screen_expect "はじめてのスマホ体験教室 (3会場)  8月・9月" "grown: the full class names fit"
screen_keys Escape

# A storm of resizes, then the screen is still right.
i=0
while [ $i -lt 40 ]; do
	screen_resize $((60 + i % 5 * 20)) $((18 + i % 4 * 6))
	i=$((i + 1))
done
screen_resize 80 24
screen_compare "home-ja-80x24" "after 40 resizes in a row the home screen is intact"
is "$(pane_status)" "0 " "and sumaho is still running"

# SIGTERM and SIGHUP end sumaho cleanly (status 0) and give the terminal back.
for sig in TERM HUP INT; do
	screen_start 80 24 "$(wrapped_cmd en)"
	screen_wait "Menu"
	shpid=$(tm display-message -p -t s '#{pane_pid}')
	pid=$(cat "/proc/$shpid/task/$shpid/children" 2>/dev/null | tr -d ' ')
	[ -n "$pid" ] && kill -$sig "$pid"
	screen_expect "EXIT=0 MODES=icanon echo" \
		"SIG$sig: sumaho exits with status 0, the terminal back in canonical mode with echo"
done

# A crash (SIGSEGV, SIGABRT) still gives the terminal back before the process dies of it.
for sig in SEGV ABRT; do
	screen_start 80 24 "$(wrapped_cmd en)"
	screen_wait "Menu"
	shpid=$(tm display-message -p -t s '#{pane_pid}')
	pid=$(cat "/proc/$shpid/task/$shpid/children" 2>/dev/null | tr -d ' ')
	[ -n "$pid" ] && kill -$sig "$pid"
	screen_expect "MODES=icanon echo" "SIG$sig: the terminal is back in canonical mode with echo"
	hasnt "$(screen_capture)" "EXIT=0 " "SIG$sig: and the exit status says it crashed"
done

done_testing
