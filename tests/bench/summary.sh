#!/bin/sh
# Issue 19's table from one run of the benchmarks: reads the output `make bench` collected (the
# `figure: KEY VALUE` lines of each script, and the "bench started" line the Makefile writes
# first) and prints each measure with its figure, its aim, whether the aim is met and the
# ratios (against calcurse where it does the same job, against the 1,000-row case for growth),
# then the machine. A figure no script printed is shown as missing and counts as not met.
# usage: tests/bench/summary.sh FILE
set -u
out=${1:?usage: summary.sh FILE}
[ -r "$out" ] || {
	echo "summary.sh: cannot read $out" >&2
	exit 2
}

echo
echo "== Issue 19, side by side in one run =="
awk '
/^figure: [a-z0-9_]+ [0-9.]+$/ { f[$2] = $3; have[$2] = 1 }
function v(k) { return have[k] ? f[k] + 0 : "" }
function show(k, unit) {
	if (!have[k]) return "missing"
	return sprintf("%g %s", f[k], unit)
}
function ratio(a, b) {
	if (!have[a] || !have[b] || f[b] + 0 == 0) return ""
	return sprintf("%.2fx", f[a] / f[b])
}
# a row: measure, figure text, aim text, met (1, 0, -1: a figure is missing, 2: no aim), ratio
function row(measure, figure, aim, met, r) {
	printf "%-44s %-26s %-27s %-8s %s\n", measure, figure, aim,
	    met == 2 ? "" : met < 0 ? "missing" : met ? "met" : "NOT MET", r
	if (met == 2 || aim == "") return
	rows++
	if (met == 1) good++
}
function ratio_of(a, b, what) { r = ratio(a, b); return r == "" ? "" : r " " what }
function info(k) { return have[k] ? 2 : -1 }
function le(k, limit) { return have[k] ? (f[k] + 0 <= limit) : -1 }
function all(a, b) { return a < 0 || b < 0 ? -1 : a && b }
END {
	printf "%-44s %-26s %-27s %-8s %s\n", "measure", "figure", "aim", "met", "ratio"
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
	# The per-key cost stays flat: taken as at most twice the 1,000-row case.
	flat = have["sessions_key_1k_ms"] ? le("sessions_key_100k_ms", 2 * f["sessions_key_1k_ms"]) : -1
	row("one keystroke in the sessions list, 100,000", show("sessions_key_100k_ms", "ms"),
	    "flat (<= 2x 1,000 rows)", flat, ratio_of("sessions_key_100k_ms", "sessions_key_1k_ms", "of 1,000 rows"))
	row("one keystroke in the sessions list, 1,000", show("sessions_key_1k_ms", "ms"), "", info("sessions_key_1k_ms"), "")
	row("jump to a search hit, sessions, 100,000 rows", show("sessions_search_100k_ms", "ms"), "<= 30 ms",
	    le("sessions_search_100k_ms", 30), ratio_of("sessions_search_100k_ms", "sessions_search_1k_ms", "of 1,000 rows"))
	row("jump to a search hit, sessions, 1,000 rows", show("sessions_search_1k_ms", "ms"), "", info("sessions_search_1k_ms"), "")
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
	printf "\n%d of the %d aims met (a missing figure is not met)\n", good, rows
}' "$out"

echo
echo "== Machine =="
echo "CPU: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(nproc) cores"
echo "memory: $(awk '/^MemTotal:/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)"
echo "load average: $(sed -n 's/^bench started .*load average //p' "$out" | head -n 1 || true) at the start," \
	"$(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo "Debian $(cat /etc/debian_version 2>/dev/null || echo '?'), kernel $(uname -r)," \
	"SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1), PostgreSQL $(psql --version 2>/dev/null | awk '{ print $3 }')," \
	"calcurse $(calcurse --version 2>/dev/null | head -n 1 | awk '{ print $2 }')"
sed -n 's/^bench started \(.*\), load average.*/run started \1/p' "$out" | head -n 1
