#!/bin/sh
# QR codes scan on real terminals: xterm under Xvfb in four set-ups (East Asian Ambiguous
# characters one cell wide and two, as Tera Term's Japanese/UTF-8 and xterm -cjk_width draw
# them; white and black backgrounds). In each, `sumaho qr SESSION` and the QR code of a class's
# page are photographed (a screenshot of the X display) and read back with zbarimg, which must
# find the session's VEVENT. The screenshots are kept in tests/screen/terminals/ of the build
# directory for a person to look at.
. "$top_srcdir/tests/lib.sh"
if [ -n "${SUMAHO_DISTCHECK:-}" ]; then
	echo "1..0 # SKIP under make distcheck: the X servers ran in make check and under the sanitizers"
	exit 0
fi
for tool in Xvfb xterm xdotool import zbarimg; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool is not installed (tools/setup.sh installs it)"
		exit 0
	fi
done
if ! fc-list | grep -q IPAGothic || ! fc-list | grep -q "DejaVu Sans Mono"; then
	echo "1..0 # SKIP the IPAGothic and DejaVu Sans Mono fonts are not installed"
	exit 0
fi
shots=$(pwd)/tests/screen/terminals
mkdir -p "$shots"

db="$T/demo.db"
"$SUMAHO" --db "$db" init --demo >/dev/null 2>&1 || exit 99
first=$(sql "$db" "SELECT code FROM sessions ORDER BY date, start, code LIMIT 1")

# What the code must say: the text form of `sumaho qr` (light on dark, into a pipe) drawn as
# an image by Python and read by zbarimg, independently of any terminal.
"$SUMAHO" --db "$db" qr "$first" >"$T/qr.txt" || exit 99
/usr/bin/python3 - "$T/qr.txt" "$T/qr.pbm" <<'PY'
import sys
rows = []
for line in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    if not line:
        continue
    top, bottom = [], []
    for ch in line:
        t, b = {" ": (0, 0), "\u2584": (0, 1), "\u2580": (1, 0), "\u2588": (1, 1)}[ch]
        top.append(t)
        bottom.append(b)
    rows += [top, bottom]
# A block is a light module; two more light modules of quiet zone, then 8 pixels a module.
w = len(rows[0]) + 4
rows = [[1] * w] * 2 + [[1, 1] + r + [1, 1] for r in rows] + [[1] * w] * 2
with open(sys.argv[2], "w") as f:
    f.write("P1\n%d %d\n" % (w * 8, len(rows) * 8))
    for r in rows:
        line = " ".join("0" if v else "1" for v in r for _ in range(8))
        f.write((line + "\n") * 8)
PY
want=$(zbarimg -q --raw "$T/qr.pbm" 2>/dev/null)
has "$want" "BEGIN:VEVENT" "the reference reading of the session's code is its VEVENT"

Xvfb :$(($$ % 500 + 100)) -screen 0 1400x1200x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
export DISPLAY=:$(($$ % 500 + 100))
trap 'kill $xvfb 2>/dev/null; rm -rf "$T"' EXIT
screen_until() {
	i=0
	while [ $i -lt 200 ]; do
		"$@" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
screen_until xdpyinfo >/dev/null 2>&1 ||
	screen_until test -e "/tmp/.X11-unix/X${DISPLAY#:}" || {
	echo "Bail out! Xvfb did not start"
	exit 99
}

# shoot NAME ROWS XTERM-ARGS -- COMMAND: run COMMAND in an xterm of 120 columns and ROWS lines
# until it writes $T/NAME.ready, then photograph the display.
shoot() {
	name=$1 rows=$2
	shift 2
	args=
	while [ "$1" != -- ]; do
		args="$args '$1'"
		shift
	done
	shift
	rm -f "$T/$name.ready"
	eval "xterm $args -geometry 120x$rows+0+0 -e sh -c '$*; touch $T/$name.ready; exec tail -f /dev/null'" &
	xt=$!
	screen_until test -e "$T/$name.ready"
}
snap() {
	import -window root "$shots/$1.png" 2>/dev/null
	zbarimg -q --raw "$shots/$1.png" 2>/dev/null
}

# drawn NAME: the display is no longer one colour.
drawn() {
	import -window root "$T/$1.png" 2>/dev/null &&
		[ "$(convert "$T/$1.png" -format '%[fx:standard_deviation > 0.01]' info:)" = 1 ]
}

env="LANGUAGE=en SUMAHO_CLOCK=$SUMAHO_CLOCK"
for setup in narrow-black narrow-white wide-white wide-black; do
	case $setup in
	narrow-*) font="-fa 'DejaVu Sans Mono' -fs 12" rows=40 ;;
	# Two cells a module: the whole code needs more lines than 40.
	wide-*) font="-fa IPAGothic -fs 10 -cjk_width" rows=60 ;;
	esac
	case $setup in
	*-black) colours="-bg black -fg white" ;;
	*-white) colours="-bg white -fg black" ;;
	esac
	eval "set -- $font $colours"
	shoot "$setup-qr" $rows "$@" -- "env $env '$SUMAHO' --db '$db' qr '$first'"
	is "$(snap "$setup-qr")" "$want" "$setup, ${rows} lines: sumaho qr scans as the session's VEVENT"
	kill $xt 2>/dev/null
	wait $xt 2>/dev/null

	# The class page: Classes, the first session, its page.
	eval "xterm $(printf "'%s' " "$@") -geometry 120x$rows+0+0 -e \"env $env '$SUMAHO' --db '$db'\"" &
	xt=$!
	# No window manager: the window under the pointer has the keyboard.
	xdotool search --sync --onlyvisible --class xterm >/dev/null 2>&1
	# Once it has drawn its first screen (the photograph is no longer one colour), the keys:
	# Classes, then Enter on the first session.
	screen_until drawn "$setup-page"
	xdotool mousemove 200 200 key --delay 200 1 Return
	got=
	i=0
	while [ $i -lt 50 ] && [ -z "$got" ]; do
		got=$(snap "$setup-page")
		i=$((i + 1))
	done
	is "$got" "$want" "$setup, ${rows} lines: the class page's QR code scans as the session's VEVENT"
	kill $xt 2>/dev/null
	wait $xt 2>/dev/null
done
done_testing
