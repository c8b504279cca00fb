#!/bin/sh
# Benchmark: what the idle full-screen program holds in memory, mapping by mapping. The staff home
# screen (`sumaho --db DB`) on an empty database and on a large one (100,000 people, 1,000,000
# applications, bench_large_db of tests/bench/benchlib.sh), and the lobby kiosk on the large one,
# each in a pseudo-terminal at 80x24 (as tests/bench/ptytime.py runs them): once the first screen
# is complete (its last line on the terminal, then nothing for 0.3 s) and a second has passed,
# VmRSS (median of RUNS, default 3), and from one of the runs /proc/PID/smaps summed by what is
# mapped: the program, each shared library, the heap (malloc: SQLite's page cache, the lists read,
# curses' windows), the message catalog, the locale, the database's -shm. Rss counts every resident
# page; Private only this process's (a library's pages are shared with every other process that
# maps it). Further programs (other builds, to compare before and after a change) are measured the
# same way on the same databases; the figure lines are the first's. Prints figures; never fails on
# size.
# usage: tests/bench/memory.sh [SUMAHO [SUMAHO...]]
set -u
SUMAHO=${1:-${SUMAHO:-_build/sumaho}}
[ $# -gt 0 ] && shift
OTHERS="$*"
RUNS=${RUNS:-3}
. "$(dirname "$0")/benchlib.sh"

"$SUMAHO" --db "$T/empty.db" init >/dev/null || exit 1
bench_large_db "$T/large.db" || exit 1
echo "data: $(sqlite3 "$T/large.db" 'SELECT count(*) FROM people') people," \
	"$(sqlite3 "$T/large.db" 'SELECT count(*) FROM applications') applications," \
	"$(($(du -k "$T/large.db" | cut -f1) / 1024)) MB"

# idle KEY LABEL MARKER -- ARGV...: one program's idle memory; prints its breakdown and, unless
# KEY is -, the line "figure: KEY MB" (the empty database's is startup.sh's idle_empty_mb).
idle() {
	/usr/bin/python3 - "$RUNS" "$@" <<'PY'
import os, select, statistics, struct, sys, termios, fcntl, time, signal

runs, key, label, marker = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4].encode()
argv = sys.argv[6:]


def start():
    env = dict(os.environ, TERM="xterm-256color", LINES="24", COLUMNS="80")
    pid, fd = os.forkpty()
    if pid == 0:
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
            os.execvpe(argv[0], argv, env)
        finally:
            os._exit(127)
    return pid, fd


def read_until_quiet(fd):
    out, end = bytearray(), time.monotonic() + 60
    while True:
        r, _, _ = select.select([fd], [], [], 0.3 if marker in out else 0.5)
        if not r:
            if marker in out:
                return
            if time.monotonic() > end:
                raise TimeoutError("no %r on the screen" % marker.decode())
            continue
        data = os.read(fd, 65536)
        if not data:
            raise EOFError("the program ended")
        out += data


def smaps(pid):
    """Rss and Private kB summed by what is mapped."""
    by, name = {}, None
    with open("/proc/%d/smaps" % pid) as f:
        for line in f:
            p = line.split()
            if not p[0].endswith(":"):
                path = p[5] if len(p) > 5 else "[anon]"
                base = os.path.basename(path)
                if path.startswith("/usr/lib/locale/"):
                    name = "locale data (/usr/lib/locale)"
                elif path.endswith(".mo"):
                    name = "message catalog (%s)" % base
                elif path.endswith("-shm"):
                    name = "database -shm"
                elif os.path.realpath(path) == os.path.realpath(argv[0]):
                    name = "the program (sumaho)"
                elif path == "[heap]":
                    name = "heap (malloc: SQLite's page cache, lists, curses)"
                elif path.startswith("["):
                    name = "anonymous, stack"
                else:
                    name = base
                by.setdefault(name, [0, 0])
            elif p[0] == "Rss:":
                by[name][0] += int(p[1])
            elif p[0] in ("Private_Clean:", "Private_Dirty:"):
                by[name][1] += int(p[1])
    return by


def vmrss(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])


rss, detail = [], None
for i in range(runs):
    pid, fd = start()
    try:
        read_until_quiet(fd)
        time.sleep(1.0)
        rss.append(vmrss(pid))
        if detail is None:
            detail = smaps(pid)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
mb = statistics.median(rss) / 1024
print("%-44s idle VmRSS %6.1f MB (%.1f-%.1f)" % (label, mb, min(rss) / 1024, max(rss) / 1024))
libs = sum(v[0] for k, v in detail.items() if ".so" in k)
print("    %-52s %8s %8s" % ("mapping", "Rss kB", "Private"))
for k, v in sorted(detail.items(), key=lambda kv: -kv[1][0]):
    if v[0] >= 32:
        print("    %-52s %8d %8d" % (k, v[0], v[1]))
small = [v for v in detail.values() if v[0] < 32]
print("    %-52s %8d %8d" % ("%d more mappings under 32 kB" % len(small), sum(v[0] for v in small),
                             sum(v[1] for v in small)))
print("    %-52s %8d" % ("all shared libraries", libs))
if key != "-":
    print("figure: %s %.1f" % (key, mb))
PY
}

first=1
for prog in "$SUMAHO" $OTHERS; do
	echo "$prog: idle memory a second after the first full screen at 80x24 (VmRSS, median of $RUNS)"
	echo "linked: $(readelf -d "$prog" 2>/dev/null | sed -n 's/.*NEEDED.*\[\(.*\)\]/\1/p' | tr '\n' ' ')"
	large=- kiosk=-
	[ $first -eq 1 ] && large=idle_large_mb kiosk=idle_kiosk_mb
	idle - "sumaho, empty database" "q: quit" -- "$prog" --db "$T/empty.db"
	idle $large "sumaho, 100k people, 1M applications" "q: quit" -- "$prog" --db "$T/large.db"
	idle $kiosk "sumaho --kiosk, the same database" "E: English" -- \
		"$prog" --db "$T/large.db" --kiosk
	first=0
done
