/* models/core/date.c: dates without time zones; the Japanese eras from Meiji to Reiwa. */
#include "config.h"
#include "models/core/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "models/core/i18n.h"
#include "models/core/util.h"

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month < 1 || month > 12)
		return 0;
	return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

int
date_valid(int year, int month, int day)
{
	return year >= 1900 && year <= 2199 && month >= 1 && month <= 12 && day >= 1 &&
	       day <= date_days_in_month(year, month);
}

static int
digits(const char *s, int n, int *out)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int
date_parse(const char *s, struct date *d)
{
	int y, m, dd;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' || digits(s, 4, &y) != 0 ||
	    digits(s + 5, 2, &m) != 0 || digits(s + 8, 2, &dd) != 0 || !date_valid(y, m, dd))
		return -1;
	d->year = y;
	d->month = m;
	d->day = dd;
	return 0;
}

int
time_parse(const char *s)
{
	int h, m;

	if (strlen(s) != 5 || s[2] != ':' || digits(s, 2, &h) != 0 || digits(s + 3, 2, &m) != 0 ||
	    h > 23 || m > 59)
		return -1;
	return h * 60 + m;
}

int
date_weekday(const struct date *d)
{
	/* Sakamoto's method. */
	static const int t[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
	int y = d->year - (d->month < 3);

	return (y + y / 4 - y / 100 + y / 400 + t[d->month - 1] + d->day) % 7;
}

struct date
date_add_days(const struct date *d, int n)
{
	struct date r = *d;

	/* Step a month at a time; fine for the ranges of days a screen or a generation moves. */
	while (n > 0) {
		int left = date_days_in_month(r.year, r.month) - r.day;

		if (n <= left) {
			r.day += n;
			break;
		}
		n -= left + 1;
		r.day = 1;
		if (++r.month > 12) {
			r.month = 1;
			r.year++;
		}
	}
	while (n < 0) {
		if (-n < r.day) {
			r.day += n;
			break;
		}
		n += r.day;
		if (--r.month < 1) {
			r.month = 12;
			r.year--;
		}
		r.day = date_days_in_month(r.year, r.month);
	}
	return r;
}

int
date_cmp(const struct date *a, const struct date *b)
{
	if (a->year != b->year)
		return a->year < b->year ? -1 : 1;
	if (a->month != b->month)
		return a->month < b->month ? -1 : 1;
	return a->day < b->day ? -1 : a->day > b->day;
}

static const struct era {
	int year, month, day;
	const char *name;
	char initial; /* the Latin letter of short forms: R4.8.2 */
} eras[] = {
    {2019, 5, 1, N_("Reiwa"), 'R'},   {1989, 1, 8, N_("Heisei"), 'H'},
    {1926, 12, 25, N_("Showa"), 'S'}, {1912, 7, 30, N_("Taisho"), 'T'},
    {1868, 10, 23, N_("Meiji"), 'M'},
};

int
date_era(const struct date *d, const char **era, int *era_year)
{
	long key = d->year * 10000L + d->month * 100L + d->day;

	for (size_t i = 0; i < sizeof eras / sizeof eras[0]; i++) {
		if (key >= eras[i].year * 10000L + eras[i].month * 100L + eras[i].day) {
			*era = _(eras[i].name);
			*era_year = d->year - eras[i].year + 1;
			return 0;
		}
	}
	return -1;
}

char
date_era_initial(const struct date *d)
{
	long key = d->year * 10000L + d->month * 100L + d->day;

	for (size_t i = 0; i < sizeof eras / sizeof eras[0]; i++)
		if (key >= eras[i].year * 10000L + eras[i].month * 100L + eras[i].day)
			return eras[i].initial;
	return '?';
}

static const char *const weekdays[] = {
    N_("Sun"), N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"),
};

char *
date_format(const struct date *d, enum date_style style)
{
	const char *wd = _(weekdays[date_weekday(d)]);
	const char *era;
	int ey;

	if (style == DATE_ERA_SHORT && date_era(d, &era, &ey) == 0)
		return xasprintf("%c%d.%d.%d (%s)", date_era_initial(d), ey, d->month, d->day, wd);
	if (style == DATE_ERA && date_era(d, &era, &ey) == 0) {
		/* The first year of an era is written 元年 in Japanese. */
		char *year = ey == 1 ? xstrdup(_("1 (first year)")) : xasprintf("%d", ey);
		/* TRANSLATORS: era name, era year, month, day, weekday; e.g. 令和4年8月2日(火). */
		char *s =
		    xasprintf(_("%1$s %2$s, %3$d/%4$d (%5$s)"), era, year, d->month, d->day, wd);

		free(year);
		return s;
	}
	/* TRANSLATORS: year, month, day, weekday; e.g. 2022年8月2日(火). */
	return xasprintf(_("%1$04d-%2$02d-%3$02d (%4$s)"), d->year, d->month, d->day, wd);
}

char *
date_format_month(int year, int month, enum date_style style)
{
	struct date d = {year, month, date_days_in_month(year, month)};
	const char *era;
	int ey;

	/* The era in force at the end of the month names it (令和元年5月, not 平成31年5月). */
	if (style == DATE_ERA_SHORT && date_era(&d, &era, &ey) == 0)
		return xasprintf("%c%d.%d", date_era_initial(&d), ey, month);
	if (style == DATE_ERA && date_era(&d, &era, &ey) == 0) {
		char *y = ey == 1 ? xstrdup(_("1 (first year)")) : xasprintf("%d", ey);
		/* TRANSLATORS: era name, era year, month; e.g. 令和4年8月. */
		char *s = xasprintf(_("%1$s %2$s, month %3$d"), era, y, month);

		free(y);
		return s;
	}
	/* TRANSLATORS: year, month; e.g. 2022年8月. */
	return xasprintf(_("%1$04d-%2$02d"), year, month);
}

char *
date_iso(const struct date *d)
{
	return xasprintf("%04d-%02d-%02d", d->year, d->month, d->day);
}
