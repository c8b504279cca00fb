#!/bin/sh
# tools/setup.sh: on Debian 12, install what is missing, bootstrap, configure and build sumaho in
# _build/, then:
#   tools/setup.sh run [ARG...]  open the staff screens on a demo database (made on first run)
#   tools/setup.sh test          run the whole test suite: make check, the same under
#                                AddressSanitizer + UndefinedBehaviorSanitizer (_sanitize/),
#                                make distcheck, and a bounded fuzz run (make fuzz: libFuzzer,
#                                FUZZ_SECONDS a target, 30 by default); ends with
#                                "N passed, N failed"
#   tools/setup.sh build         only build
set -u
cd "$(dirname "$0")/.." || exit 1
top=$(pwd)
mode=${1:-build}
[ $# -gt 0 ] && shift

# To build: the toolchain and the libraries. To test: tmux, sqlite3, the independent
# iCalendar readers (Python icalendar for /usr/bin/python3, calcurse, khal), Python holidays
# (the reference for Japan's national holidays), and clang with its
# runtime libraries (libFuzzer, the sanitizers) for the fuzz targets; the lobby appliance's
# programs (cage with Xwayland, foot, grim, the IPA fonts; systemd for systemd-analyze verify) for
# tests/kiosk/appliance.sh.
PACKAGES="build-essential autoconf automake pkg-config gettext libncurses-dev libsqlite3-dev libpq-dev libcrypt-dev postgresql-15
libical-dev libiniparser-dev libqrencode-dev libsodium-dev libunistring-dev sqlite3 tmux python3 python3-icalendar python3-holidays calcurse khal
clang libclang-rt-14-dev xvfb xterm xdotool x11-utils imagemagick zbar-tools fonts-ipafont-gothic fonts-dejavu-core
libcairo2-dev libpango1.0-dev fonts-ipaexfont-gothic poppler-utils
cage xwayland foot grim systemd"

install_missing() {
	missing=
	for p in $PACKAGES; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q "ok installed" ||
			missing="$missing $p"
	done
	[ -z "$missing" ] && return 0
	echo "setup: installing$missing"
	sudo=
	[ "$(id -u)" -ne 0 ] && sudo=sudo
	$sudo apt-get update -q &&
		DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
}

# build DIR [CONFIGURE-ARG...]: configure (once) and build out of the source tree.
build() {
	dir=$1
	shift
	mkdir -p "$dir" || return 1
	if [ ! -f "$dir/Makefile" ]; then
		(cd "$dir" && "$top/configure" --enable-werror "$@") || return 1
	fi
	make -C "$dir" -j"$(nproc)"
}

install_missing || { echo "setup: could not install the packages above" >&2; exit 1; }
if [ -f config.status ]; then
	echo "setup: the source tree is configured in place; run 'make distclean' here first" >&2
	exit 1
fi
if [ ! -x configure ] || [ configure.ac -nt configure ]; then
	autoreconf -fi || exit 1
fi

case $mode in
build)
	build _build
	;;
run)
	build _build || exit 1
	db="$top/_build/demo.db"
	if [ ! -f "$db" ]; then
		_build/sumaho --db "$db" init --demo || exit 1
	fi
	exec _build/sumaho --db "$db" "$@"
	;;
test)
	started=$(date +%s)
	failed_steps=
	# The screen tests spend most of their time waiting for a terminal to settle: three of them
	# a core run side by side (each has its own directory, database and tmux server).
	jobs=$((3 * $(nproc)))
	build _build || failed_steps="$failed_steps build"
	make -C _build -k -j"$jobs" check >/dev/null 2>&1 || failed_steps="$failed_steps check"
	build _sanitize --enable-sanitizers || failed_steps="$failed_steps sanitize-build"
	# Under the sanitizers, of the PostgreSQL runs only those that reach what only PostgreSQL
	# runs (models/core/pg.c, copy, the reconnection): the rest is the same code as on SQLite,
	# which the whole suite runs there (PG_SANITIZE_TESTS in Makefile.am).
	# shellcheck disable=SC2016
	make -C _sanitize -k -j"$jobs" check PG_TESTS='$(PG_SANITIZE_TESTS)' >/dev/null 2>&1 ||
		failed_steps="$failed_steps sanitize-check"
	# distcheck builds, installs and tests the tarball: with the unit tests and the scripts
	# that read the data files (SUMAHO_DISTCHECK_TESTS in Makefile.am); the whole suite ran
	# twice before.
	# shellcheck disable=SC2016
	SUMAHO_DISTCHECK=1 make -C _build -j"$jobs" distcheck DISTCHECK_CONFIGURE_FLAGS=--enable-werror \
		TESTS='$(check_PROGRAMS) $(SUMAHO_DISTCHECK_TESTS)' \
		>_build/distcheck.log 2>&1 || failed_steps="$failed_steps distcheck"
	make -C _build fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-30}" >_build/fuzz.log 2>&1 ||
		failed_steps="$failed_steps fuzz"
	SUMAHO_TEST_SECONDS=$(($(date +%s) - started)) sh tools/ci-summary.sh "$failed_steps" _build _sanitize
	;;
*)
	echo "usage: tools/setup.sh [build|run|test]" >&2
	exit 2
	;;
esac
