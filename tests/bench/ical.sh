#!/bin/sh
# Benchmark: export 10,000 and 100,000 class sessions as iCalendar, beside calcurse's own
# `calcurse -x ical` of the same events, in the same run. Prints figures; never fails on time.
# usage: tests/bench/ical.sh [SUMAHO]   (make bench runs it with the built binary)
set -u
SUMAHO=${1:-${SUMAHO:-_build/sumaho}}
. "$(dirname "$0")/benchlib.sh"
unset LANGUAGE

# measure NAME COMMAND...: the wall time, CPU time (user + system) and peak RSS of a command,
# written to $T/NAME as "wall cpu mb" and printed; the machine is shared, so the figures compare
# CPU times.
measure() {
	name=$1
	shift
	/usr/bin/time -f '%e %U %S %M' -o "$T/time" "$@" >/dev/null 2>&1
	tail -n 1 "$T/time" | awk '{ printf "%.2f %.2f %.1f\n", $1, $2 + $3, $4 / 1024 }' >"$T/$name"
	awk '{ printf "%5.2f s (CPU %5.2f s) %5.1f MB", $1, $2, $3 }' "$T/$name"
}

printf '%-9s  %-34s  %-34s\n' events "sumaho export ics" "calcurse -x ical"
for n in 10000 100000; do
	db="$T/bench-$n.db"
	"$SUMAHO" --db "$db" init >/dev/null || exit 1
	printf 'code,name,address\nv1,関ヶ原,東京都品川区\n' >"$T/venues.csv"
	printf 'code,title,device,level,description\nc1,スマホ入門,android,intro,電話・カメラ・LINEなど基本の操作を学びます。\n' >"$T/courses.csv"
	awk -v n="$n" 'BEGIN { print "code,course,venue,apply_from,apply_to,capacity"
		for (i = 0; i < n / 100; i++) printf "o%d,c1,v1,2020-01-01,2020-01-10,30\n", i }' >"$T/offerings.csv"
	# Four sessions a day, from 2021-01-01 on.
	awk -v n="$n" 'BEGIN { print "code,offering,date,start,duration,seats"
		split("31 28 31 30 31 30 31 31 30 31 30 31", dm, " ")
		y = 2021; m = 1; d = 1
		for (i = 0; i < n; i++) {
			printf "s%d,o%d,%04d-%02d-%02d,%02d:00,90,8\n", i, int(i / 100), y, m, d, 9 + (i % 4) * 2
			if (i % 4 == 3) { d++; leap = (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) && m == 2
				if (d > dm[m] + leap) { d = 1; m++; if (m > 12) { m = 1; y++ } } }
		} }' >"$T/sessions.csv"
	# Imported on a day before them (sessions in the past are refused).
	printf '2020-12-01 09:00:00\n' >"$T/clock"
	for k in venues courses offerings sessions; do
		SUMAHO_CLOCK="$T/clock" "$SUMAHO" --db "$db" import "$k" "$T/$k.csv" >/dev/null || exit 1
	done
	s=$(measure sumaho-$n "$SUMAHO" --db "$db" export ics -o "$T/out-$n.ics")
	c="(calcurse not installed)"
	if command -v calcurse >/dev/null 2>&1; then
		mkdir -p "$T/cc-$n"
		TZ=Asia/Tokyo calcurse -D "$T/cc-$n" -i "$T/out-$n.ics" >/dev/null 2>&1
		c=$(TZ=Asia/Tokyo measure calcurse-$n calcurse -D "$T/cc-$n" -xical)
	fi
	printf '%-9s  %-34s  %-34s\n' "$n" "$s" "$c"
done
awk '{ printf "figure: ics_100k_s %.2f\nfigure: ics_100k_mb %.1f\n", $2, $3 }' "$T/sumaho-100000"
[ -f "$T/calcurse-100000" ] && awk '{ printf "figure: ics_calcurse_100k_s %.2f\n", $2 }' "$T/calcurse-100000"
echo "machine: $(nproc) cores, $(uname -m), $(sed -n 's/^model name\t*: //p' /proc/cpuinfo | head -1)"
