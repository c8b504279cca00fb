#!/bin/sh
# Benchmark: `import ics` of large closure calendars: a 10 MB file that is one line (refused
# by its line number as it is read), a 10 MB description folded at 75 octets, and a large valid
# file of 10,000 series with a TZID and their exceptions. Prints seconds and peak RSS; never
# fails on time.
# usage: tests/bench/ical_import.sh [SUMAHO]   (make bench runs it with the built binary)
set -u
SUMAHO=${1:-${SUMAHO:-_build/sumaho}}
. "$(dirname "$0")/benchlib.sh"

# seconds and peak RSS (MB) of a command, through GNU time when it is there; then its status.
measure() {
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%e %M %x' -o "$T/time" "$@" >"$T/out" 2>&1
		tail -n 1 "$T/time" | awk '{ printf "%6.2f s %7.1f MB  exit %d", $1, $2 / 1024, $3 }'
	else
		start=$(now)
		"$@" >"$T/out" 2>&1
		rc=$?
		awk -v a="$start" -v b="$(now)" -v rc="$rc" 'BEGIN { printf "%6.2f s     n/a MB  exit %d", b - a, rc }'
	fi
}

db="$T/bench.db"
"$SUMAHO" --db "$db" init >/dev/null || exit 1

# One line of 10 MB: the summary of an event, never folded.
awk 'BEGIN { printf "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:one-line\r\nDTSTART;VALUE=DATE:20270104\r\nSUMMARY:"
	s = "0123456789abcdef"; while (length(s) < 10485760) s = s s; printf "%s\r\n", substr(s, 1, 10485760)
	printf "END:VEVENT\r\nEND:VCALENDAR\r\n" }' >"$T/one-line.ics"
# The same 10 MB as a description folded at 75 octets (about 140,000 physical lines).
awk 'BEGIN { printf "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:folded\r\nDTSTART;VALUE=DATE:20270104\r\nSUMMARY:folded\r\n"
	printf "DESCRIPTION:"; for (i = 0; i < 10485760 / 74; i++) printf "%s\r\n ", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789"
	printf "end\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n" }' >"$T/folded.ics"
# 10,000 weekly series in Asia/Tokyo, each with an EXDATE, a moved occurrence and, for every
# tenth, RANGE=THISANDFUTURE.
awk 'BEGIN { printf "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//bench//EN\r\n"
	for (i = 0; i < 10000; i++) {
		d = sprintf("202701%02d", 4 + i % 7)
		printf "BEGIN:VEVENT\r\nUID:s%d@bench\r\nDTSTAMP:20261101T000000Z\r\n", i
		printf "DTSTART;TZID=Asia/Tokyo:%sT100000\r\nDTEND;TZID=Asia/Tokyo:%sT120000\r\n", d, d
		printf "RRULE:FREQ=WEEKLY;COUNT=20\r\nEXDATE;TZID=Asia/Tokyo:%sT100000\r\n", sprintf("202702%02d", 1 + i % 7)
		printf "SUMMARY:点検 %d\r\nEND:VEVENT\r\n", i
		printf "BEGIN:VEVENT\r\nUID:s%d@bench\r\nDTSTAMP:20261101T000000Z\r\n", i
		printf "RECURRENCE-ID%s;TZID=Asia/Tokyo:%sT100000\r\n", (i % 10 == 0 ? ";RANGE=THISANDFUTURE" : ""), sprintf("202701%02d", 11 + i % 7)
		printf "DTSTART;TZID=Asia/Tokyo:%sT130000\r\nDTEND;TZID=Asia/Tokyo:%sT150000\r\n", sprintf("202701%02d", 11 + i % 7), sprintf("202701%02d", 11 + i % 7)
		printf "SUMMARY:点検 %d (午後)\r\nEND:VEVENT\r\n", i
	}
	printf "END:VCALENDAR\r\n" }' >"$T/series.ics"

printf '%-44s %9s  %s\n' file size "sumaho import ics"
for f in one-line folded series; do
	size=$(wc -c <"$T/$f.ics")
	r=$(measure "$SUMAHO" --db "$db" --today 2026-12-01 import ics "$T/$f.ics")
	printf '%-44s %6.1f MB  %s\n' "$f.ics" "$(echo "$size" | awk '{ print $1 / 1048576 }')" "$r"
	sed 's/^/    /' "$T/out" | head -n 2
done
echo "machine: $(nproc) cores, $(uname -m), $(sed -n 's/^model name\t*: //p' /proc/cpuinfo | head -1)"
