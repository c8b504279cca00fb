#!/bin/sh
# Benchmark: opening a list of 1,000 and of 100,000 rows, and the cost of one keystroke when
# scrolling it: the class sessions (Classes, tui/screens/classes.c) and the offerings
# (Classes > O, tui/screens/setup.c), both read a window at a time (models/formats/pages.c).
# The real binary runs in a pseudo-terminal at 80x24 (tests/bench/ptytime.py); opening is the
# time from the key that opens the list to the end of its first picture (the median of RUNS
# opens), a keystroke's cost the time from writing Down or PageDown to the end of the redraw;
# each with the CPU time the program spent on it. Prints issue 19's figure lines
# (sessions_open_*, offerings_open_*, sessions_key_*: the dearer of Down and PageDown), and
# the time of a search (/ and a session's code, then Enter) that jumps from the first row to a
# session near the list's end (sessions_search_*: Enter to the end of the redraw, which must
# show its place). Never fails on time.
# usage: tests/bench/scroll.sh [SUMAHO]
set -u
SUMAHO=${1:-${SUMAHO:-_build/sumaho}}
KEYS=${KEYS:-200}
RUNS=${RUNS:-5}
here=$(dirname "$0")
. "$(dirname "$0")/benchlib.sh"

bench_lists_db "$T/1k.db" 1000 || exit 1
bench_lists_db "$T/100k.db" 100000 || exit 1
# A pseudo-terminal answers no question: the width of ambiguous characters is set, not asked
# (the probe would wait half a second for an answer, whatever the data).
mkdir -p "$T/config/sumaho"
printf '[display]\nambiguous = narrow\n' >"$T/config/sumaho/sumaho.ini"
pty="/usr/bin/python3 $here/ptytime.py"
echo "opening a list at 80x24: time from the key to the end of its first picture (median of $RUNS)"
for n in 1k 100k; do
	$pty open "sessions $n rows" "q: quit" 1 "O: offerings" "$RUNS" -- \
		"$SUMAHO" --db "$T/$n.db" | tee -a "$T/open"
	$pty open "offerings $n rows" "q: quit" 1O "Offerings" "$RUNS" -- \
		"$SUMAHO" --db "$T/$n.db" | tee -a "$T/open"
done
echo "one keystroke in a list at 80x24: time from the key to the end of the redraw"
for n in 1k 100k; do
	$pty keys "sessions $n rows: Down" "q: quit" 1 "O: offerings" down "$KEYS" -- \
		"$SUMAHO" --db "$T/$n.db" | tee -a "$T/out"
	$pty keys "sessions $n rows: PageDown" "q: quit" 1 "O: offerings" pgdn 50 -- \
		"$SUMAHO" --db "$T/$n.db" | tee -a "$T/out"
	$pty keys "offerings $n rows: Down" "q: quit" 1O "Offerings" down "$KEYS" -- \
		"$SUMAHO" --db "$T/$n.db" | tee -a "$T/out"
done
echo "a search in the sessions list at 80x24: from the first row to a session near the end"
for n in 1k 100k; do
	rows=$([ $n = 1k ] && echo 1000 || echo 100000)
	code=$(printf 's%06d' $((rows - 10)))
	at=$(bench_search_place "$T/$n.db" "$code")
	$pty find "sessions $n rows" "q: quit" 1 "O: offerings" "$code" "$at" "$RUNS" -- \
		"$SUMAHO" --db "$T/$n.db" | tee -a "$T/search"
done
awk '{ for (i = 1; i <= NF; i++) if ($i == "search") t[$2] = $(i + 1) }
	END { if (t["1k"] > 0) printf "ratio 100k/1k, %-22s %.2f\n", "sessions search:", t["100k"] / t["1k"] }' "$T/search"
# The ratio of the median cost of a key, 100,000 rows over 1,000.
awk '/per key/ {
	label = substr($0, 1, index($0, ":") - 1); size = $2; sub(/ [0-9]+k rows/, "", label)
	key = substr($0, index($0, ":") + 2); sub(/ +per key.*/, "", key)
	for (i = 1; i <= NF; i++) if ($i == "key") { m = $(i + 1); break }
	cost[label " " key, size] = m; names[label " " key] = 1 }
	END { for (x in names) if (cost[x, "1k"] > 0)
		printf "ratio 100k/1k, %-22s %.2f\n", x ":", cost[x, "100k"] / cost[x, "1k"] }' "$T/out" | sort
# The same for opening a list.
awk '{ for (i = 1; i <= NF; i++) if ($i == "open") t[$1, $2] = $(i + 1) }
	END { for (l in t) { split(l, p, SUBSEP); if (p[2] == "1k" && t[l] > 0)
		printf "ratio 100k/1k, %-22s %.2f\n", p[1] " open:", t[p[1], "100k"] / t[l] } }' "$T/open" | sort
awk '{ for (i = 1; i <= NF; i++) if ($i == "CPU") t[$1, $2] = $(i + 1) }
	END { for (l in t) { split(l, p, SUBSEP); if (p[2] == "1k" && t[l] > 0)
		printf "ratio 100k/1k, %-22s %.2f\n", p[1] " open, CPU:", t[p[1], "100k"] / t[l] } }' "$T/open" | sort
# Issue 19's figures: the opening times, and a key's (the dearer of Down and PageDown).
awk '{ for (i = 1; i <= NF; i++) if ($i == "open") { printf "figure: %s_open_%s_ms %s\n", $1, $2, $(i + 1); break } }' "$T/open"
awk '/^sessions .* per key/ { for (i = 1; i <= NF; i++) if ($i == "key") { m = $(i + 1); break }
	if (m > k[$2]) k[$2] = m }
	END { for (n in k) printf "figure: sessions_key_%s_ms %s\n", n, k[n] }' "$T/out" | sort
awk '{ for (i = 1; i <= NF; i++) if ($i == "search") { printf "figure: %s_search_%s_ms %s\n", $1, $2, $(i + 1); break } }' "$T/search"
