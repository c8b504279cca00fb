#!/usr/bin/python3
"""tests/bench/ptytime.py: time full-screen programs through a pseudo-terminal (stdlib only).

  ptytime.py startup LABEL MARKER RUNS -- ARGV...
      Start ARGV RUNS times at 80x24 with TERM=xterm-256color. The first screen is complete
      when the output contains MARKER and then goes quiet (nothing for 0.3 s): its time is
      that of the last byte before the quiet, counted from just before the exec (the clock
      starts in the forked child, so forking this Python is not counted). After one
      more second, the idle memory is VmRSS from /proc. Prints one line: LABEL, the median
      (and range) of both.

  ptytime.py keys LABEL MARKER OPEN OPEN_MARKER KEY COUNT -- ARGV...
      Start ARGV, wait for MARKER, type OPEN (e.g. "1" for a section) and wait for
      OPEN_MARKER and quiet; then type KEY (down, pgdn, up, pgup or literal text) COUNT times,
      each after the screen has gone quiet. A keystroke's cost is the time from writing the
      key to the last byte of the redraw it caused. Prints LABEL, the median and 90th
      percentile in ms, the time OPEN took, and the CPU time of OPEN and of a key (the
      mean over the keys).

  ptytime.py open LABEL MARKER OPEN OPEN_MARKER RUNS -- ARGV...
      Start ARGV RUNS times, wait for MARKER, type OPEN and wait for OPEN_MARKER and quiet.
      Prints LABEL, the median (and range) of the time OPEN took and its median CPU time.

  ptytime.py find LABEL MARKER OPEN OPEN_MARKER TEXT FOUND_MARKER RUNS -- ARGV...
      Start ARGV RUNS times, wait for MARKER, type OPEN and wait for OPEN_MARKER and quiet;
      type "/" and TEXT into the search prompt; then time the Enter that searches, from
      writing it to the end of the redraw that shows the search's keys (n/N: next/previous),
      which must have written FOUND_MARKER (the row found's place).
      Prints LABEL, the median (and range) of that time and its median CPU time.

Exit status 1 when the program ended early or a marker never came (60 s).
"""
import fcntl
import os
import select
import signal
import statistics
import struct
import sys
import termios
import time

KEYS = {"down": b"\x1bOB", "up": b"\x1bOA", "pgdn": b"\x1b[6~", "pgup": b"\x1b[5~"}
QUIET = 0.3


class Child:
    def __init__(self, argv):
        env = dict(os.environ, TERM="xterm-256color", LINES="24", COLUMNS="80")
        # The clock starts in the child just before the exec (CLOCK_MONOTONIC is the same
        # clock in every process): forking this Python takes milliseconds of its own.
        r, w = os.pipe()
        pid, fd = os.forkpty()
        if pid == 0:
            try:
                os.close(r)
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
                os.write(w, struct.pack("d", time.monotonic()))
                os.close(w)
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        os.close(w)
        self.t0 = struct.unpack("d", os.read(r, 8))[0]
        os.close(r)
        self.pid, self.fd = pid, fd
        self.out = bytearray()
        self.last = self.t0

    def read_for(self, timeout):
        """Read what comes within timeout; False when nothing came."""
        r, _, _ = select.select([self.fd], [], [], timeout)
        if not r:
            return False
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            data = b""
        if not data:
            raise EOFError("the program ended")
        self.last = time.monotonic()
        self.out += data
        return True

    def wait_marker(self, marker, start=0, limit=60.0):
        """Wait until marker is in the output after offset start, then for quiet."""
        end = time.monotonic() + limit
        while marker not in self.out[start:]:
            if time.monotonic() > end:
                raise TimeoutError("no %r on the screen" % marker.decode())
            self.read_for(0.5)
        self.settle(QUIET)
        return self.last

    def settle(self, quiet):
        while self.read_for(quiet):
            pass

    def cpu_ms(self):
        """The CPU time the program has used so far (ms)."""
        try:
            with open("/proc/%d/schedstat" % self.pid) as f:
                return int(f.read().split()[0]) / 1e6
        except (OSError, ValueError, IndexError):
            return float("nan")

    def rss_mb(self):
        with open("/proc/%d/status" % self.pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return float("nan")

    def close(self):
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.kill(self.pid, sig)
            except ProcessLookupError:
                break
            for _ in range(50):
                if os.waitpid(self.pid, os.WNOHANG)[0] != 0:
                    os.close(self.fd)
                    return
                try:
                    self.read_for(0.02)
                except EOFError:
                    pass
        try:
            os.waitpid(self.pid, 0)
        except ChildProcessError:
            pass
        os.close(self.fd)


def startup(label, marker, runs, argv):
    times, rss, cpu = [], [], []
    for _ in range(runs):
        c = Child(argv)
        try:
            t = c.wait_marker(marker.encode())
            times.append((t - c.t0) * 1000)
            cpu.append(c.cpu_ms())
            time.sleep(1.0)
            c.settle(0.05)
            rss.append(c.rss_mb())
        finally:
            c.close()
    print("%-44s first screen %8.1f ms (%.1f-%.1f)   idle RSS %6.1f MB (%.1f-%.1f)   CPU %6.1f ms"
          % (label, statistics.median(times), min(times), max(times),
             statistics.median(rss), min(rss), max(rss), statistics.median(cpu)))


def open_screen(c, marker, open_keys, open_marker):
    """Once MARKER is on the first screen, types OPEN_KEYS and waits for OPEN_MARKER: the
    milliseconds and the CPU milliseconds that took."""
    c.wait_marker(marker.encode())
    return timed(c, KEYS.get(open_keys, open_keys.encode()), open_marker)


def keys(label, marker, open_keys, open_marker, key, count, argv):
    c = Child(argv)
    try:
        t_open, cpu_open = open_screen(c, marker, open_keys, open_marker)
        cpu0 = c.cpu_ms()
        seq = KEYS.get(key, key.encode())
        costs = []
        for _ in range(count):
            n = len(c.out)
            t = time.monotonic()
            os.write(c.fd, seq)
            while len(c.out) == n:
                if not c.read_for(5.0):
                    raise TimeoutError("no redraw after a key")
            c.settle(0.03)
            costs.append((c.last - t) * 1000)
        cpu_key = (c.cpu_ms() - cpu0) / count
        costs.sort()
        p90 = costs[int(len(costs) * 0.9) - 1]
        print("%-44s per key %7.3f ms median, %7.3f ms p90 (%d keys)   open %7.1f ms"
              "   CPU: open %6.2f ms, a key %6.3f ms"
              % (label, statistics.median(costs), p90, count, t_open, cpu_open, cpu_key))
        return statistics.median(costs)
    finally:
        c.close()


def timed(c, keys, marker):
    """Write keys and wait for marker and quiet: the time it took (ms) and the CPU time."""
    mark = len(c.out)
    cpu0 = c.cpu_ms()
    t0 = time.monotonic()
    os.write(c.fd, keys)
    t = (c.wait_marker(marker.encode(), mark) - t0) * 1000
    return t, c.cpu_ms() - cpu0


def open_list(label, marker, open_keys, open_marker, runs, argv):
    times, cpu = [], []
    for _ in range(runs):
        c = Child(argv)
        try:
            t, cpu_ms = open_screen(c, marker, open_keys, open_marker)
            times.append(t)
            cpu.append(cpu_ms)
        finally:
            c.close()
    print("%-44s open %8.1f ms (%.1f-%.1f)   CPU %6.2f ms"
          % (label, statistics.median(times), min(times), max(times), statistics.median(cpu)))


def find(label, marker, open_keys, open_marker, text, found, runs, argv):
    times, cpu = [], []
    for _ in range(runs):
        c = Child(argv)
        try:
            open_screen(c, marker, open_keys, open_marker)
            for keys in (b"/", text.encode()):
                os.write(c.fd, keys)
                c.settle(QUIET)
            mark = len(c.out)
            t, u = timed(c, b"\r", "next/previous")
            # The row found's place, as curses writes it: only the characters that changed.
            if found.encode() not in c.out[mark:]:
                raise TimeoutError("no %r on the screen" % found)
            times.append(t)
            cpu.append(u)
        finally:
            c.close()
    print("%-44s search %8.1f ms (%.1f-%.1f)   CPU %6.2f ms"
          % (label, statistics.median(times), min(times), max(times), statistics.median(cpu)))


def main():
    a = sys.argv[1:]
    if "--" not in a:
        sys.exit(__doc__)
    i = a.index("--")
    opts, argv = a[:i], a[i + 1:]
    try:
        if opts[0] == "startup":
            startup(opts[1], opts[2], int(opts[3]), argv)
        elif opts[0] == "open":
            open_list(opts[1], opts[2], opts[3], opts[4], int(opts[5]), argv)
        elif opts[0] == "find":
            find(opts[1], opts[2], opts[3], opts[4], opts[5], opts[6], int(opts[7]), argv)
        elif opts[0] == "keys":
            keys(opts[1], opts[2], opts[3], opts[4], opts[5], int(opts[6]), argv)
        else:
            sys.exit(__doc__)
    except (EOFError, TimeoutError) as e:
        print("%s: %s" % (opts[1], e))
        sys.exit(1)


if __name__ == "__main__":
    main()
