#!/usr/bin/python3
"""Print Japan's national holidays FIRST..LAST (years) as "YYYY-MM-DD name", one a line, from
the holidays package (Debian's python3-holidays): the independent reference of
tests/unit/test_holidays.c. Exits 77 (skip) when the package is not installed."""
import sys

try:
    import holidays
except ImportError:
    sys.exit(77)

first, last = int(sys.argv[1]), int(sys.argv[2])
for year in range(first, last + 1):
    for day, name in sorted(holidays.Japan(years=year).items()):
        print(day.isoformat(), name)
