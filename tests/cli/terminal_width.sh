#!/bin/sh
# [display] ambiguous = auto asks the terminal how wide it draws East Asian Ambiguous
# characters: a terminal (here a pseudo-terminal driven by Python) that answers the cursor
# position report with column 3 is wide, with column 2 narrow, and one that never answers is
# taken as narrow after a short wait. Seen in `sumaho qr` on a window of 120 x 40: two cells a
# module (one line a module row) where the half blocks would be two cells wide, half blocks
# (two module rows a line) otherwise; and the probe leaves nothing on the screen.
. "$top_srcdir/tests/lib.sh"
db="$T/demo.db"
"$SUMAHO" --db "$db" init --demo >/dev/null 2>&1 || exit 99
code=$(sql "$db" "SELECT code FROM sessions ORDER BY date, start, code LIMIT 1")

# run ANSWER [ARG...]: sumaho ARG... on a 120 x $ROWS (40 unless set) pseudo-terminal that
# answers the cursor position report with ANSWER ("3", "2" or "none"); prints the lines it
# wrote after the probe, then "asked=yes|no".
run() {
	/usr/bin/python3 - "$@" <<'PY'
import os, pty, struct, fcntl, termios, sys, select, signal
answer = sys.argv[1]
pid, fd = pty.fork()
if pid == 0:
    # The size is set before sumaho starts, so that it never reads a window of 0 x 0.
    fcntl.ioctl(0, termios.TIOCSWINSZ,
                struct.pack("HHHH", int(os.environ.get("ROWS", "40")), 120, 0, 0))
    os.execv(os.environ["SUMAHO"], [os.environ["SUMAHO"]] + sys.argv[2:])
out = b""
asked = False
while True:
    r, _, _ = select.select([fd], [], [], 20)
    if not r:
        # Still running with nothing to say: not what any case here wants.
        os.kill(pid, 9)
        break
    try:
        data = os.read(fd, 65536)
    except OSError:
        break
    if not data:
        break
    out += data
    if not asked and b"\x1b[6n" in out:
        asked = True
        # "q2": the q key typed before the terminal answers.
        if answer.startswith("q"):
            os.write(fd, b"q")
            answer = answer[1:]
        if answer != "none":
            os.write(fd, b"\x1b[1;" + answer.encode() + b"R")
_, status = os.waitpid(pid, 0)
print("exit=%d" % os.waitstatus_to_exitcode(status))
text = out.decode("utf-8", "replace")
# What is left on the screen's first line: the probe's ellipsis must be wiped ("\r\x1b[K").
probe = text.find("\x1b[6n")
if probe >= 0:
    text = text[probe + 4:]
    wiped = text.startswith("\r\x1b[K")
    text = text[4:] if wiped else text
    print("wiped=%s" % ("yes" if wiped else "no"))
shown = [l for l in text.split("\n") if l.strip("\r")]
print("lines=%d" % len(shown))
print("first=%s" % (shown[0].strip("\r") if shown else ""))
print("asked=%s" % ("yes" if asked else "no"))
PY
}

lines() {
	echo "$1" | sed -n 's/^lines=//p'
}
out=$(ROWS=60 run 3 --db "$db" qr "$code")
has "$out" "asked=yes" "auto asks the terminal"
has "$out" "wiped=yes" "and wipes what it printed to ask"
wide=$(lines "$out")
# The code of a session has more than 40 module rows with its quiet zone.
[ "$wide" -gt 40 ]
ok $? "a terminal that draws them two cells wide gets two cells a module, a line a module row ($wide lines, on 60)"
# On 40 lines that code would be cut, and half blocks would be two cells wide: no code, words.
out=$(LANGUAGE=en run 3 --db "$db" qr "$code")
has "$out" "exit=1" "on 40 lines, such a terminal gets no code that would be cut"
has "$out" "the window is too small for this QR code" "but words saying how big the window must be"
is "$(lines "$out")" 1 "on one line"
out=$(run 2 --db "$db" qr "$code")
is "$(lines "$out")" $(((wide + 1) / 2)) "one that draws them one cell wide gets half blocks, two module rows a line"
out=$(run none --db "$db" qr "$code")
is "$(lines "$out")" $(((wide + 1) / 2)) "one that never answers is taken as narrow"
printf '[display]\nambiguous = wide\n' >"$T/wide.ini"
out=$(ROWS=60 run none --config "$T/wide.ini" --db "$db" qr "$code")
has "$out" "asked=no" "ambiguous = wide does not ask"
is "$(lines "$out")" "$wide" "and lays the code out for a wide terminal"
printf '[display]\nambiguous = narrow\n' >"$T/narrow.ini"
out=$(run 3 --config "$T/narrow.ini" --db "$db" qr "$code")
has "$out" "asked=no" "ambiguous = narrow does not ask either"
is "$(lines "$out")" $(((wide + 1) / 2)) "and lays the code out for a narrow terminal"
printf '[display]\nambiguous = sometimes\n' >"$T/bad.ini"
LANGUAGE=en "$SUMAHO" --config "$T/bad.ini" --db "$db" qr "$code" >/dev/null 2>"$T/err"
has "$(cat "$T/err")" "key 'ambiguous' in section [display]: invalid value 'sometimes', ignored" \
	"a value other than auto, narrow or wide is ignored with a warning naming it"
# A key typed while the terminal is asked is not lost: q before the answer quits the screens.
out=$(run q2 --db "$db")
has "$out" "exit=0" "a key typed before the terminal answers reaches the screens (q quits)"
done_testing
