#!/bin/sh
# Benchmark: start-up to the first full screen, and idle memory, of `sumaho --db DB` (the staff
# home screen) with an empty database and with a large one (100,000 people, 1,000,000
# applications), and of the lobby kiosk on the large one, beside calcurse with no appointments
# and with 100,000. Each program runs in a pseudo-terminal at 80x24 (tests/bench/ptytime.py);
# the first screen is complete when its last line is on the terminal and the output has gone
# quiet, idle memory is VmRSS a second later; with the CPU time the program had used by then.
# Medians of RUNS (default 7) starts. Prints figures, their ratios, and issue 19's figure
# lines (start_*, idle_*); never fails on time.
# usage: tests/bench/startup.sh [SUMAHO]
set -u
SUMAHO=${1:-${SUMAHO:-_build/sumaho}}
RUNS=${RUNS:-7}
here=$(dirname "$0")
. "$(dirname "$0")/benchlib.sh"

"$SUMAHO" --db "$T/empty.db" init >/dev/null || exit 1
t0=$(now)
bench_large_db "$T/large.db" || exit 1
echo "data: $(sqlite3 "$T/large.db" 'SELECT count(*) FROM people') people," \
	"$(sqlite3 "$T/large.db" 'SELECT count(*) FROM applications') applications," \
	"$(sqlite3 "$T/large.db" 'SELECT count(*) FROM sessions') sessions," \
	"$(($(du -k "$T/large.db" | cut -f1) / 1024)) MB" \
	"($(awk "BEGIN { printf \"%.0f\", $(now) - $t0 }") s to make)"

# calcurse: an empty directory, and one with 100,000 appointments (50 a day over 2,000 days
# around today), in its own apts format.
mkdir -p "$T/cal-empty" "$T/cal-large"
/usr/bin/python3 - "$T/cal-large/apts" <<'PY'
import datetime, sys
start = datetime.date.today() - datetime.timedelta(days=1000)
with open(sys.argv[1], "w") as f:
    for i in range(100000):
        d = start + datetime.timedelta(days=i // 50)
        h, m = 8 + (i % 50) // 4, (i % 4) * 15
        s = d.strftime("%m/%d/%Y")
        f.write("%s @ %02d:%02d -> %s @ %02d:%02d |スマホ相談 %d\n" % (s, h, m, s, h, m + 14, i))
PY
echo "calcurse: $(calcurse --version 2>/dev/null | head -n 1), $(wc -l <"$T/cal-large/apts") appointments"

# A pseudo-terminal answers no question: the width of ambiguous characters is set, not asked
# (the probe would wait half a second for an answer, whatever the data).
mkdir -p "$T/config/sumaho"
printf '[display]\nambiguous = narrow\n' >"$T/config/sumaho/sumaho.ini"
pty="/usr/bin/python3 $here/ptytime.py"
echo "start-up to the first full screen at 80x24, and idle VmRSS (median of $RUNS)"
$pty startup "sumaho, empty database" "q: quit" "$RUNS" -- "$SUMAHO" --db "$T/empty.db" | tee "$T/empty"
$pty startup "sumaho, 100k people, 1M applications" "q: quit" "$RUNS" -- "$SUMAHO" --db "$T/large.db" | tee "$T/large"
$pty startup "sumaho --kiosk, the same database" "E: English" "$RUNS" -- "$SUMAHO" --db "$T/large.db" --kiosk | tee "$T/kiosk"
if command -v calcurse >/dev/null 2>&1; then
	$pty startup "calcurse, no appointments" "Quit" "$RUNS" -- calcurse -D "$T/cal-empty" | tee "$T/calcurse"
	$pty startup "calcurse, 100k appointments" "Quit" "$RUNS" -- calcurse -D "$T/cal-large"
else
	echo "calcurse: not installed"
fi
# field FILE WORD: the number after WORD on the line of FILE.
field() { awk -v w="$2" '{ for (i = 1; i < NF; i++) if ($i == w) { print $(i + 1); exit } }' "$1" 2>/dev/null; }
ratio() { awk -v a="$2" -v b="$3" -v l="$1" 'BEGIN { if (a > 0 && b > 0) printf "ratio %-44s %.2f\n", l, a / b }'; }
ratio "large/empty, first screen:" "$(field "$T/large" screen)" "$(field "$T/empty" screen)"
ratio "large/empty, CPU to the first screen:" "$(field "$T/large" CPU)" "$(field "$T/empty" CPU)"
ratio "large/empty, idle RSS:" "$(field "$T/large" RSS)" "$(field "$T/empty" RSS)"
ratio "empty/calcurse empty, first screen:" "$(field "$T/empty" screen)" "$(field "$T/calcurse" screen)"
# Issue 19's figures.
for f in empty large calcurse; do
	[ -s "$T/$f" ] || continue
	echo "figure: start_${f}_ms $(field "$T/$f" screen)"
	echo "figure: idle_${f}_mb $(field "$T/$f" RSS)"
done
