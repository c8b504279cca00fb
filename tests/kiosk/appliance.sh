#!/bin/sh
# The lobby appliance for real, without a display: the systemd unit passes systemd-analyze
# verify; the launcher (assets/kiosk/sumaho-kiosk) starts cage headless (WLR_BACKENDS=headless,
# WLR_RENDERER=pixman) running foot in the configured font, at 28 pt and at 36 pt, as an
# unprivileged user who may only read the database; grim takes a screenshot, which must be
# the schedule (title bar, legend, seats in words: tests/kiosk/shot.py), not a refusal. The
# screenshots stay in the build directory (tests/kiosk/kiosk-28pt.png, kiosk-36pt.png) for a
# person to look at. Ending cage from outside ends the launcher with status 1 (the unit starts
# it again); only the staff PIN ends it with 0.
. "$top_srcdir/tests/lib.sh"
# In a sanitizer build, no leak check at exit for the kiosk that ends when cage is killed under
# it: LeakSanitizer's stop-the-world was seen to spin for ever in it after the test (its tracer
# waiting for it to stop); memory errors are still caught.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
if [ -n "${SUMAHO_DISTCHECK:-}" ]; then
	echo "1..0 # SKIP under make distcheck: the appliance ran in make check and under the sanitizers"
	exit 0
fi

top_builddir=${top_builddir:-$(pwd)}
launcher="$top_builddir/assets/kiosk/sumaho-kiosk"
unit="$top_builddir/assets/kiosk/sumaho-kiosk.service"

# systemd-analyze verify, with the launcher where the unit will find it (the unit names the
# installed path, which a test run has not installed).
if command -v systemd-analyze >/dev/null 2>&1; then
	sed "s|^ExecStart=.*|ExecStart=$launcher|" "$unit" >"$T/sumaho-kiosk.service"
	systemd-analyze verify "$T/sumaho-kiosk.service" >"$T/verify" 2>&1
	check "systemd-analyze verify accepts the unit" test $? -eq 0
	is "$(cat "$T/verify")" "" "without a warning"
else
	ok 0 "systemd-analyze verify accepts the unit # SKIP systemd-analyze is not installed"
fi
check "the launcher is built with sumaho's path" grep -q "^SUMAHO=.*/sumaho}" "$launcher"

# What the headless run needs; a clean SKIP naming what is missing.
missing=
for p in cage foot grim python3 fc-list; do
	command -v $p >/dev/null 2>&1 || missing="$missing $p"
done
# Debian's cage is built with Xwayland and will not start without it ("Cannot create
# XWayland server").
[ -x /usr/bin/Xwayland ] || missing="$missing Xwayland(xwayland)"
fc-list 2>/dev/null | grep -q "IPAGothic" || missing="$missing IPAGothic(fonts-ipafont-gothic)"
if [ -n "$missing" ]; then
	ok 0 "the appliance runs headless # SKIP not installed:$missing (tools/setup.sh installs them)"
	done_testing
fi

today=2026-11-24
clock_set "$today 09:00:00"
mkdir "$T/ro" "$T/run"
db="$T/ro/now.db"
"$SUMAHO" --db "$db" --today $today init --demo >/dev/null 2>&1 || exit 99
# The kiosk user: nobody with the database's group, the file 0640, as KIOSK.md sets it up.
# (nobody must reach the program and its Japanese catalog: not in a build tree only its owner
# may enter)
if [ "$(id -u)" -eq 0 ] && command -v runuser >/dev/null 2>&1 && id nobody >/dev/null 2>&1 &&
	runuser -u nobody -- env LANGUAGE=ja "$SUMAHO" --help 2>/dev/null | grep -q "ロビー案内"; then
	umask 022
	chmod 711 "$T"
	chmod 755 "$T/ro"
	chmod 644 "$SUMAHO_CLOCK"
	chgrp "$(id -gn nobody)" "$db"
	chmod 640 "$db"
	chown nobody "$T/run"
	as_kiosk="runuser -u nobody --"
else
	chmod 444 "$db"
	chmod 555 "$T/ro"
	as_kiosk=
fi
chmod 700 "$T/run"
shots="$top_builddir/tests/kiosk"
mkdir -p "$shots"

# tree PID: the processes under PID, each before its own children.
tree() {
	for c in $(ps -o pid= --ppid "$1"); do
		echo "$c"
		tree "$c"
	done
}

# appliance POINTS: start the appliance at POINTS, check its picture, keep it as
# tests/kiosk/kiosk-POINTSpt.png, and end it from outside.
appliance() {
	pt=$1
	printf '[kiosk]\nfont = IPAGothic\nfont_size = %s\n' "$pt" >"$T/kiosk-$pt.ini"
	chmod 644 "$T/kiosk-$pt.ini"
	rm -rf "$T/run/"*
	# shellcheck disable=SC2086
	$as_kiosk env XDG_RUNTIME_DIR="$T/run" WLR_BACKENDS=headless WLR_RENDERER=pixman \
		WLR_LIBINPUT_NO_DEVICES=1 SUMAHO="$SUMAHO" SUMAHO_CLOCK="$SUMAHO_CLOCK" \
		sh "$launcher" --db "$db" --today $today --config "$T/kiosk-$pt.ini" \
		>"$T/appliance-$pt.log" 2>&1 &
	started=$!
	n=0
	while [ ! -S "$T/run/wayland-0" ] && [ $n -lt 200 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	check "$pt pt: cage is up (its Wayland socket)" test -S "$T/run/wayland-0"
	# The picture, until it is the schedule (foot and the kiosk take a moment to draw).
	n=0
	verdict=
	while [ $n -lt 60 ]; do
		# shellcheck disable=SC2086
		$as_kiosk env XDG_RUNTIME_DIR="$T/run" WAYLAND_DISPLAY=wayland-0 \
			grim -t ppm "$T/run/shot.ppm" 2>/dev/null &&
			verdict=$(python3 "$top_srcdir/tests/kiosk/shot.py" "$T/run/shot.ppm") && break
		sleep 0.25
		n=$((n + 1))
	done
	if python3 "$top_srcdir/tests/kiosk/shot.py" "$T/run/shot.ppm" >"$T/verdict"; then
		ok 0 "$pt pt: the screenshot is the schedule, not a refusal"
	else
		ok 1 "$pt pt: the screenshot is the schedule, not a refusal"
		sed 's/^/# /' "$T/verdict" "$T/appliance-$pt.log" | tail -20
	fi
	diag "$verdict"
	# shellcheck disable=SC2086
	$as_kiosk env XDG_RUNTIME_DIR="$T/run" WAYLAND_DISPLAY=wayland-0 grim "$T/run/shot.png"
	cp "$T/run/shot.png" "$shots/kiosk-${pt}pt.png"
	check "$pt pt: kept as tests/kiosk/kiosk-${pt}pt.png" test -s "$shots/kiosk-${pt}pt.png"
	# Ended from outside (cage killed): the launcher says so and ends with 1, for the unit
	# to start it again.
	pids=$(tree "$started")
	cage_pid=$(for p in $pids; do [ "$(ps -o comm= -p "$p")" = cage ] && echo "$p"; done | head -1)
	check "$pt pt: cage runs under the launcher" test -n "$cage_pid"
	[ -n "$cage_pid" ] && kill "$cage_pid"
	# Never hang here: what is still running after 15 s is killed (and the test fails).
	n=0
	while kill -0 "$started" 2>/dev/null && [ $n -lt 150 ]; do
		sleep 0.1
		n=$((n + 1))
	done
	kill -0 "$started" 2>/dev/null && kill -KILL $pids "$started" 2>/dev/null
	wait "$started"
	is "$?" 1 "$pt pt: ended from outside, the launcher's status asks for a restart"
	has "$(cat "$T/appliance-$pt.log")" "sumaho-kiosk: the kiosk ended" "and it says so"
}
appliance 28
appliance 36
done_testing
