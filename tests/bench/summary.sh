#!/bin/sh
# Issue 19's table from runs of the benchmarks: reads the output `make bench` collected (the
# `figure: KEY VALUE` lines of each script, and the "bench started" line the Makefile writes
# first) and prints each measure with its figure, its aim, whether the aim is met and the
# ratios (against calcurse where it does the same job, against the 1,000-row case for growth),
# then the machine. A figure no script printed is shown as missing and counts as not met.
# Given the outputs of several runs (`make bench BENCH_RUNS=3`), it prints each run's figure
# side by side, the spread (largest over smallest) and in how many runs the aim was met.
# usage: tests/bench/summary.sh FILE...
set -u
[ $# -ge 1 ] || {
	echo "usage: summary.sh FILE..." >&2
	exit 2
}
for out in "$@"; do
	[ -r "$out" ] || {
		echo "summary.sh: cannot read $out" >&2
		exit 2
	}
done

echo
if [ $# -eq 1 ]; then
	echo "== Issue 19, side by side in one run =="
else
	echo "== Issue 19, side by side in each of $# runs in a row =="
fi
awk '
FNR == 1 { runs++ }
/^figure: [a-z0-9_]+ [0-9.]+$/ { F[runs, $2] = $3; H[runs, $2] = 1 }
# the figures of run r in f[] and have[]
function take(r,   k, parts) {
	split("", f)
	split("", have)
	for (k in H) {
		split(k, parts, SUBSEP)
		if (parts[1] == r) {
			f[parts[2]] = F[k]
			have[parts[2]] = 1
		}
	}
}
function v(k) { return have[k] ? f[k] + 0 : "" }
function show(k, unit) {
	if (!have[k]) return "missing"
	return sprintf("%g %s", f[k], unit)
}
function ratio(a, b) {
	if (!have[a] || !have[b] || f[b] + 0 == 0) return ""
	return sprintf("%.2fx", f[a] / f[b])
}
# a row: measure, figure text, aim text, met (1, 0, -1: a figure is missing, 2: no aim), ratio;
# kept for each run (run r, n: the number of the row, in the order of the calls)
function row(measure, figure, aim, met, r) {
	n++
	M[n] = measure
	A[n] = aim
	FIG[run, n] = figure
	MET[run, n] = met
	RAT[run, n] = r
	VAL[run, n] = figure + 0
}
function met_word(met) { return met == 2 ? "" : met < 0 ? "missing" : met ? "met" : "NOT MET" }
function ratio_of(a, b, what) { r = ratio(a, b); return r == "" ? "" : r " " what }
function info(k) { return have[k] ? 2 : -1 }
function le(k, limit) { return have[k] ? (f[k] + 0 <= limit) : -1 }
function all(a, b) { return a < 0 || b < 0 ? -1 : a && b }
END {
	for (run = 1; run <= runs; run++) {
		take(run)
		n = 0
		row("draw of 1,000,000 applications", show("draw_s", "s") ", " show("draw_mb", "MB"),
		    "<= 2.0 s, <= 150 MB", all(le("draw_s", 2.0), le("draw_mb", 150)), "")
		row("lottery verify of that round", show("verify_s", "s") ", " show("verify_mb", "MB"),
		    "<= 1.0 s", le("verify_s", 1.0), "")
		row("open the sessions list, 100,000 rows", show("sessions_open_100k_ms", "ms"), "<= 30 ms",
		    le("sessions_open_100k_ms", 30), ratio_of("sessions_open_100k_ms", "sessions_open_1k_ms", "of 1,000 rows"))
		row("open the sessions list, 1,000 rows", show("sessions_open_1k_ms", "ms"), "<= 30 ms",
		    le("sessions_open_1k_ms", 30), "")
		row("open the offerings list, 100,000 rows", show("offerings_open_100k_ms", "ms"), "<= 30 ms",
		    le("offerings_open_100k_ms", 30), ratio_of("offerings_open_100k_ms", "offerings_open_1k_ms", "of 1,000 rows"))
		row("open the offerings list, 1,000 rows", show("offerings_open_1k_ms", "ms"), "<= 30 ms",
		    le("offerings_open_1k_ms", 30), "")
		row("jump to a search hit, sessions, 100,000 rows", show("sessions_search_100k_ms", "ms"), "<= 30 ms",
		    le("sessions_search_100k_ms", 30), ratio_of("sessions_search_100k_ms", "sessions_search_1k_ms", "of 1,000 rows"))
		row("jump to a search hit, sessions, 1,000 rows", show("sessions_search_1k_ms", "ms"), "", info("sessions_search_1k_ms"), "")
		# The per-key cost stays flat: taken as at most twice the 1,000-row case.
		flat = have["sessions_key_1k_ms"] ? le("sessions_key_100k_ms", 2 * f["sessions_key_1k_ms"]) : -1
		row("one keystroke in the sessions list, 100,000", show("sessions_key_100k_ms", "ms"),
		    "flat (<= 2x 1,000 rows)", flat, ratio_of("sessions_key_100k_ms", "sessions_key_1k_ms", "of 1,000 rows"))
		row("one keystroke in the sessions list, 1,000", show("sessions_key_1k_ms", "ms"), "", info("sessions_key_1k_ms"), "")
		start = have["start_empty_ms"] ? le("start_large_ms", f["start_empty_ms"] + 2) : -1
		row("first screen, 1M applications", show("start_large_ms", "ms"), "<= empty + 2 ms", start,
		    ratio_of("start_large_ms", "start_calcurse_ms", "of calcurse"))
		row("first screen, empty database", show("start_empty_ms", "ms"), "", info("start_empty_ms"), "")
		row("first screen, calcurse empty", show("start_calcurse_ms", "ms"), "", info("start_calcurse_ms"), "")
		row("idle memory, large database", show("idle_large_mb", "MB"), "<= 8 MB", le("idle_large_mb", 8),
		    ratio_of("idle_large_mb", "idle_calcurse_mb", "of calcurse"))
		row("idle memory, empty database", show("idle_empty_mb", "MB"), "", info("idle_empty_mb"), "")
		row("idle memory, calcurse empty", show("idle_calcurse_mb", "MB"), "", info("idle_calcurse_mb"), "")
		row("report classes, ten years (CPU)", show("report_classes_s", "s"), "<= 0.3 s", le("report_classes_s", 0.3), "")
		row("report demand, ten years (CPU)", show("report_demand_s", "s"), "<= 0.3 s", le("report_demand_s", 0.3), "")
		ics = have["ics_calcurse_100k_s"] ? le("ics_100k_s", 0.5 * f["ics_calcurse_100k_s"]) : -1
		row("export ics, 100,000 events (CPU)", show("ics_100k_s", "s") ", " show("ics_100k_mb", "MB"),
		    "<= 0.5x calcurse, <= 16 MB", all(ics, le("ics_100k_mb", 16)), ratio_of("ics_100k_s", "ics_calcurse_100k_s", "of calcurse"))
		row("calcurse -x ical, the same events (CPU)", show("ics_calcurse_100k_s", "s"), "", info("ics_calcurse_100k_s"), "")
		# PostgreSQL, measured beside SQLite in tests/bench/engines.sh (the aim of its draw: issue 18).
		row("PostgreSQL: the draw of 1,000,000", show("pg_draw_s", "s"), "", info("pg_draw_s"),
		    have["pg_draw_ratio"] ? sprintf("%.2fx of SQLite (issue 18: within 2x)", f["pg_draw_ratio"]) : "")
		row("PostgreSQL: the draw's reads, writes in SQL", show("pg_draw_floor_s", "s"), "", info("pg_draw_floor_s"),
		    have["pg_draw_floor_ratio"] ? sprintf("%.2fx of SQLite's whole draw", f["pg_draw_floor_ratio"]) : "")
		row("PostgreSQL: booking, 8 clients (a second)", show("pg_booking_per_s", ""), "", info("pg_booking_per_s"),
		    ratio_of("pg_booking_per_s", "booking_per_s", "of SQLite"))
		row("PostgreSQL: open the sessions list, 100,000", show("pg_sessions_open_100k_ms", "ms"), "",
		    info("pg_sessions_open_100k_ms"), ratio_of("pg_sessions_open_100k_ms", "sessions_open_100k_ms", "of SQLite"))
		row("PostgreSQL: open the offerings list, 100,000", show("pg_offerings_open_100k_ms", "ms"), "",
		    info("pg_offerings_open_100k_ms"), ratio_of("pg_offerings_open_100k_ms", "offerings_open_100k_ms", "of SQLite"))
		row("PostgreSQL: search hit, sessions, 100,000", show("pg_sessions_search_100k_ms", "ms"), "",
		    info("pg_sessions_search_100k_ms"), ratio_of("pg_sessions_search_100k_ms", "sessions_search_100k_ms", "of SQLite"))
		row("PostgreSQL: a keystroke, sessions, 100,000", show("pg_sessions_key_100k_ms", "ms"), "",
		    info("pg_sessions_key_100k_ms"), ratio_of("pg_sessions_key_100k_ms", "sessions_key_100k_ms", "of SQLite"))
	}
	if (runs == 1) {
		printf "%-44s %-26s %-27s %-8s %s\n", "measure", "figure", "aim", "met", "ratio"
		for (i = 1; i <= n; i++) {
			printf "%-44s %-26s %-27s %-8s %s\n", M[i], FIG[1, i], A[i], met_word(MET[1, i]), RAT[1, i]
			if (MET[1, i] == 2 || A[i] == "") continue
			rows++
			if (MET[1, i] == 1) good++
		}
		printf "\n%d of the %d aims met (a missing figure is not met)\n", good, rows
		exit
	}
	# Several runs: the figure of each run, the spread of the first number, the runs that met the aim.
	printf "%-44s %-27s %-12s %-7s", "measure", "aim", "met", "spread"
	for (r = 1; r <= runs; r++) printf " %-22s", "run " r
	printf "\n"
	for (i = 1; i <= n; i++) {
		lo = hi = ""
		m = 0
		aimed = 0
		for (r = 1; r <= runs; r++) {
			if (MET[r, i] == 1) m++
			if (MET[r, i] != 2 && A[i] != "") aimed = 1
			if (MET[r, i] < 0 || FIG[r, i] == "missing") continue
			val = VAL[r, i]
			if (lo == "" || val < lo) lo = val
			if (hi == "" || val > hi) hi = val
		}
		word = !aimed ? "" : m == runs ? "met " m "/" runs : "NOT MET " m "/" runs
		spread = lo != "" && lo > 0 ? sprintf("%.2fx", hi / lo) : ""
		printf "%-44s %-27s %-12s %-7s", M[i], A[i], word, spread
		for (r = 1; r <= runs; r++) printf " %-22s", FIG[r, i]
		printf "\n"
		if (!aimed) continue
		rows++
		if (m == runs) good++
	}
	printf "\n%d of the %d aims met in every run (a missing figure is not met)\n", good, rows
}' "$@"

echo
echo "== Machine =="
echo "CPU: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(nproc) cores"
echo "memory: $(awk '/^MemTotal:/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)"
echo "load average: $(sed -n 's/^bench started .*load average //p' "$1" | head -n 1 || true) at the start," \
	"$(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo "Debian $(cat /etc/debian_version 2>/dev/null || echo '?'), kernel $(uname -r)," \
	"SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1), PostgreSQL $(psql --version 2>/dev/null | awk '{ print $3 }')," \
	"calcurse $(calcurse --version 2>/dev/null | head -n 1 | awk '{ print $2 }')"
for out in "$@"; do
	sed -n 's/^bench started \(.*\), load average \(.*\)/run started \1 (load average \2)/p' "$out" | head -n 1
done
