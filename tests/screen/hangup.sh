#!/bin/sh
# A lost terminal ends the program: the staff screens and the kiosk, when the terminal is taken
# away in three ways (the tmux server killed, the program started through runuser and its
# terminal closed, the pseudo-terminal's reader gone without a hang-up), end soon and without
# spinning a CPU meanwhile; SIGTERM ends the kiosk too. A signed-in staff member's session ends
# with a line in the audit log.
. "$top_srcdir/tests/lib.sh"
. "$top_srcdir/tests/screen/screenlib.sh"
# In a sanitizer build, no leak check at exit for programs whose terminal is pulled away:
# LeakSanitizer's stop-the-world has been seen to spin for ever in such a process (its tracer
# waiting for it to stop); memory errors are still caught.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

# cpu_ticks PID: the CPU time PID has used, in clock ticks (user + system); empty once it is gone.
cpu_ticks() {
	# The command name may hold spaces: count the fields after its closing parenthesis.
	sed -n 's/^.*) //p' "/proc/$1/stat" 2>/dev/null | awk '{print $12 + $13}'
}
HZ=$(getconf CLK_TCK)

# watch_end PID WHAT: after the terminal was taken away, wait for PID to end (20 s at most,
# however slow the machine) and check how much CPU it used meanwhile: a spinning process uses
# a whole core until it is killed, one that ends uses a few ticks (the leak check of a
# sanitizer build included).
watch_end() {
	pid=$1
	last=$2
	i=0
	while [ $i -lt 200 ] && kill -0 "$pid" 2>/dev/null; do
		t=$(cpu_ticks "$pid")
		[ -n "$t" ] && last=$t
		sleep 0.1
		i=$((i + 1))
	done
	if kill -0 "$pid" 2>/dev/null; then
		ok 1 "$3: the program ends"
		diag "still running after 20 s: $(ps -o pid,stat,time,pcpu,args -p "$pid" | tail -n 1)"
		kill -KILL "$pid" 2>/dev/null
		return
	fi
	ok 0 "$3: the program ends"
	used=$((last - $4))
	[ "$used" -le "$HZ" ]
	ok $? "$3: and uses no more than a trickle of CPU meanwhile ($used ticks of $HZ a second)"
}

# pane_sumaho: the sumaho process of the tmux pane (itself, or the child of runuser or sh).
pane_sumaho() {
	p=$(tm list-panes -t =s: -F '#{pane_pid}')
	c=$(pgrep -P "$p" 2>/dev/null | head -n 1)
	echo "${c:-$p}"
}

# server_killed COMMAND WHAT: COMMAND in tmux until $want shows, then the tmux server killed
# under it; it must end (watch_end).
server_killed() {
	screen_start 80 24 "$1"
	screen_wait "$want" >/dev/null
	pid=$(pane_sumaho)
	before=$(cpu_ticks "$pid")
	tm kill-server
	watch_end "$pid" "$before" "$2" "$before"
}

# The database and the clock must be readable (and the database writable) by nobody too.
chmod 755 "$T"
chown -R nobody "$T"

for mode in staff kiosk; do
	arg=
	want="Menu"
	[ $mode = kiosk ] && arg=--kiosk want="スマホ教室"

	# 1. The tmux server killed: the terminal hangs up.
	server_killed "$(sumaho_cmd en $arg)" "$mode, tmux server killed"

	# 2. Started through runuser as an unprivileged user, the terminal closed under it.
	if runuser -u nobody -- true 2>/dev/null; then
		server_killed "runuser -u nobody -- $(sumaho_cmd en $arg)" \
			"$mode, started through runuser, terminal closed"
	else
		echo "ok $((tap_n + 1)) # SKIP runuser cannot switch to nobody here"
		echo "ok $((tap_n + 2)) # SKIP runuser cannot switch to nobody here"
		tap_n=$((tap_n + 2))
	fi

	# 3. The pseudo-terminal's reader gone: its master closed, but it was never the program's
	# controlling terminal, so no hang-up signal comes; only the reads fail.
	/usr/bin/python3 - "$SUMAHO" "$DB" "$T/pid" $arg <<'PY' &
import os, subprocess, sys, time
master, slave = os.openpty()
env = dict(os.environ, LANGUAGE="en", TERM="screen", LINES="24", COLUMNS="80")
p = subprocess.Popen([sys.argv[1], "--db", sys.argv[2], "--today", "2022-08-02"] + sys.argv[4:],
                     stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True)
os.close(slave)
with open(sys.argv[3] + ".new", "w") as f:
    f.write(str(p.pid))
os.rename(sys.argv[3] + ".new", sys.argv[3])
# Read what it draws until it has drawn the first screen, then go away.
seen = b""
end = time.time() + 20
while time.time() < end and len(seen) < 400:
    try:
        seen += os.read(master, 4096)
    except OSError:
        break
os.close(master)
PY
	reader=$!
	screen_until "the program to start" test -s "$T/pid"
	pid=$(cat "$T/pid")
	rm -f "$T/pid"
	before=$(cpu_ticks "$pid")
	wait $reader
	watch_end "$pid" "${before:-0}" "$mode, the terminal's reader gone" "${before:-0}"
done

# SIGTERM ends the kiosk, which ignores the keyboard's signals.
screen_start 80 24 "sh '$T/wrap.sh' $(sumaho_cmd en --kiosk)"
screen_wait "スマホ教室" >/dev/null
pid=$(pane_sumaho)
kill -INT "$pid"
kill -QUIT "$pid"
kill -TSTP "$pid"
screen_keys C-c C-z 'C-\'
# A key after them still works (the signals came first): the kiosk is there and answers.
screen_keys e
screen_wait "Smartphone classes coming up" >/dev/null
kill -0 "$pid"
ok $? "the kiosk stays after the keyboard's signals"
before=$(cpu_ticks "$pid")
kill -TERM "$pid"
watch_end "$pid" "$before" "the kiosk, SIGTERM" "$before"
screen_wait "EXIT=" >/dev/null
has "$(screen_capture)" "MODES=icanon echo" "and the terminal is restored"

# A staff member signed in when the terminal goes: the audit log says the session ended.
add_staff "$DB" kanri admin "管理 花子" 97315
chown nobody "$DB"
screen_start 80 24 "$(sumaho_cmd en)"
screen_wait "Staff ID" >/dev/null
screen_keys kanri Enter
screen_wait "PIN" >/dev/null
screen_keys 97315 Enter
screen_wait "Menu" >/dev/null
pid=$(pane_sumaho)
before=$(cpu_ticks "$pid")
tm kill-server
watch_end "$pid" "$before" "signed in, tmux server killed" "$before"
is "$(sql "$DB" "SELECT actor || ' ' || action || ' ' || detail FROM audit_log ORDER BY id DESC LIMIT 1")" \
	"kanri logout terminal lost" "the audit log says the signed-in session ended with the terminal"
done_testing
