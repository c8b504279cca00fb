# tests/screen/screenlib.sh: drive the real sumaho in a detached tmux session of a fixed size,
# send keys, capture the pane and compare it with expected text. Sourced after tests/lib.sh.

TMUX_BIN=${TMUX_BIN:-tmux}
case "$TMUX_BIN" in no | "") TMUX_BIN=tmux ;; esac
if ! command -v "$TMUX_BIN" >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
unset TMUX
SOCK="sumaho-test-$$-0"
nsock=0
EXPECTED="$top_srcdir/tests/screen/expected"
# A private server: no status line (the pane is the whole window), the pane stays after exit
# so its exit status can be read, and a terminal type every ncurses knows.
cat >"$T/tmux.conf" <<'CONF'
set -g status off
set -g remain-on-exit on
set -g default-terminal screen
set -g history-limit 0
CONF

tm() {
	"$TMUX_BIN" -u -L "$SOCK" -f "$T/tmux.conf" "$@"
}
# tm_end: end the server and what runs in its panes. The programs are killed first (each
# pane's process group): a program that instead lost its terminal with the server would end
# through its hang-up path, where a sanitizer build's leak check at exit has been seen to spin
# for ever, left behind by the test.
tm_end() {
	for p in $(tm list-panes -a -F '#{pane_pid}' 2>/dev/null); do
		kill -KILL -- "-$p" 2>/dev/null || kill -KILL "$p" 2>/dev/null
	done
	tm kill-server >/dev/null 2>&1
}
trap 'tm_end; rm -rf "$T"' EXIT

# wrapped_cmd LANG: sumaho under a shell that then prints its exit status and whether the
# terminal is back in canonical mode with echo, on one line: "EXIT=0 MODES=icanon echo".
cat >"$T/wrap.sh" <<'WRAP'
"$@"
s=$?
m=$(stty -a | tr ' ;' '\n\n' | grep -x -e icanon -e echo | tr '\n' ' ')
echo "EXIT=$s MODES=$m"
# Let tmux read the line before the pane dies: it may drop output that races with the exit.
sleep 1
WRAP
wrapped_cmd() {
	printf "sh '%s' %s" "$T/wrap.sh" "$(sumaho_cmd "$1")"
}

# The database the screen tests look at: the demo, made once per test script.
DB="$T/demo.db"
"$SUMAHO" --db "$DB" --today 2022-08-02 init --demo >/dev/null 2>&1 || {
	echo "Bail out! cannot create the demo database"
	exit 99
}

# screen_start COLS ROWS COMMAND: start COMMAND (a shell command line) in a new session.
screen_start() {
	# A new server each time: reusing a socket while the old server exits races with it.
	tm_end
	nsock=$((nsock + 1))
	SOCK="sumaho-test-$$-$nsock"
	tm new-session -d -s s -x "$1" -y "$2" "$3" || {
		echo "Bail out! tmux could not start"
		exit 99
	}
}

# sumaho_cmd LANG [ARG...]: the command line that runs sumaho on the demo in LANG.
sumaho_cmd() {
	lang=$1
	shift
	printf "env LANGUAGE=%s TERM=screen '%s' --db '%s' --today 2022-08-02 %s" \
		"$lang" "$SUMAHO" "$DB" "$*"
}

screen_capture() {
	tm capture-pane -p -t =s:
}

screen_keys() {
	tm send-keys -t =s: "$@"
}

screen_resize() {
	tm resize-window -t =s: -x "$1" -y "$2"
}

# The longest any condition is waited for: only a failing test waits this long, since every
# wait ends as soon as its condition holds (the clock the program reads stands still).
SCREEN_PATIENCE=${SCREEN_PATIENCE:-300}

# screen_until WHAT COMMAND...: wait until COMMAND succeeds; 0 when it did. One that never
# does says so (WHAT) in the log on stderr, so that a wait nobody checks cannot pass unseen.
screen_until() {
	what=$1
	shift
	i=0
	while [ $i -lt $SCREEN_PATIENCE ]; do
		"$@" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	diag "waited in vain for $what" >&2
	return 1
}

on_screen() {
	screen_capture | grep -qF -- "$1"
}

not_on_screen() {
	! on_screen "$1"
}

# screen_wait TEXT: wait for TEXT to appear on the screen; 0 when it did.
screen_wait() {
	screen_until ": $1" on_screen "$1"
}

# screen_wait_gone TEXT: wait for TEXT to leave the screen; 0 when it did.
screen_wait_gone() {
	screen_until "this to go: $1" not_on_screen "$1"
}

# screen_settle: wait until the screen has not changed for 0.7 s. sumaho repaints once more
# 0.5 s after the last resize (the terminal may have moved its content), so a shorter wait
# could catch the picture before that repaint.
screen_settle() {
	prev=
	same=0
	i=0
	while [ $i -lt 60 ] && [ $same -lt 2 ]; do
		cur=$(screen_capture)
		if [ -n "$cur" ] && [ "$cur" = "$prev" ]; then
			same=$((same + 1))
		else
			same=0
		fi
		prev=$cur
		sleep 0.35
		i=$((i + 1))
	done
}

# screen_press KEY...: one key at a time, as a person presses them (keys that arrive all at
# once are taken for a paste and dropped).
screen_press() {
	for key in "$@"; do
		screen_keys "$key"
		sleep 0.05
	done
}

# personal_list DB: every resident's name, kana and phone number in DB, and each name without
# its space, one a line in $T/personal.txt, for screen_no_personal.
personal_list() {
	sql "$1" "SELECT name FROM people UNION SELECT replace(name, '　', '') FROM people
	          UNION SELECT kana FROM people WHERE kana <> '' UNION SELECT phone FROM people
	          WHERE phone <> ''" >"$T/personal.txt"
}

# screen_no_personal WHERE: nothing of $T/personal.txt on the screen now.
screen_no_personal() {
	screen_capture >"$T/pane.txt"
	found=$(grep -F -f "$T/personal.txt" "$T/pane.txt" | head -3)
	is "$found" "" "no name, kana or phone number on $1"
}

# screen_expect TEXT DESCRIPTION
screen_expect() {
	if screen_wait "$1"; then
		ok 0 "$2"
	else
		ok 1 "$2"
		diag "wanted on screen: $1"
		screen_capture | sed 's/^/# | /'
	fi
}

# screen_compare NAME DESCRIPTION: the whole pane against tests/screen/expected/NAME.txt.
# SCREEN_UPDATE=1 writes the file instead (review it before committing).
screen_compare() {
	screen_settle
	screen_capture >"$T/$1.txt"
	if [ -n "${SCREEN_UPDATE:-}" ]; then
		cp "$T/$1.txt" "$EXPECTED/$1.txt"
	fi
	same_file "$T/$1.txt" "$EXPECTED/$1.txt" "$2"
}

# pane_status: "1 STATUS" once the program in the pane has exited, "0 " while it runs.
pane_status() {
	tm display-message -p -t =s: '#{pane_dead} #{pane_dead_status}'
}

pane_dead() {
	# Dead, and with its status: tmux marks the pane dead when the terminal closes and
	# learns the status when it reaps the program, a moment later.
	case $(pane_status) in "1 "[0-9]*) return 0 ;; esac
	return 1
}

# screen_wait_exit: wait for the program to exit; 0 when it did.
screen_wait_exit() {
	screen_until "the program to exit" pane_dead
}

# qr_drawn: a QR code is on the screen as screen_qr draws it, in explicit colours: light
# modules black on white (what it draws when it has colours), whatever the theme around it.
qr_drawn() {
	tm capture-pane -e -p -t =s: | grep -qF "$(printf '\033[30m\033[47m')"
}

# cursor_line: the line of the pane the cursor is on (a form's field being typed in).
cursor_line() {
	cy=$(tm display-message -p -t =s: '#{cursor_y}')
	screen_capture | sed -n "$((cy + 1))p"
}
