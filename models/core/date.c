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

/* s with full-width digits, letters and the marks of dates as ASCII, spaces (ASCII and
 * ideographic) at either end removed: a new string. */
static char *
date_ascii(const char *s)
{
	char *out = xmalloc(strlen(s) + 1), *o = out;
	const unsigned char *p = (const unsigned char *)s;

	while (*p != '\0') {
		/* U+FF01..U+FF5E are EF BC 81..EF BD 9E: ASCII 0x21..0x7E. */
		if (p[0] == 0xEF && (p[1] == 0xBC || p[1] == 0xBD) && p[2] >= 0x80 &&
		    p[2] <= 0xBF) {
			unsigned cp = 0xFF00 + (unsigned)(p[1] - 0xBC) * 64 + (p[2] - 0x80);

			if (cp >= 0xFF01 && cp <= 0xFF5E) {
				*o++ = (char)(cp - 0xFF01 + 0x21);
				p += 3;
				continue;
			}
		}
		if (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80) { /* U+3000 */
			*o++ = ' ';
			p += 3;
			continue;
		}
		*o++ = (char)*p++;
	}
	*o = '\0';
	while (o > out && o[-1] == ' ')
		*--o = '\0';
	size_t lead = strspn(out, " ");

	memmove(out, out + lead, strlen(out + lead) + 1);
	return out;
}

/* A number of 1 to max_digits digits at *p, moving *p past it; -1 when there is none. */
static int
number(const char **p, int max_digits)
{
	int v = 0, n = 0;

	while (**p >= '0' && **p <= '9' && n < max_digits) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	if (n == 0 || (**p >= '0' && **p <= '9'))
		return -1;
	return v;
}

static const char *const era_names[] = {"令和", "平成", "昭和", "大正", "明治"};

/* An era's name or initial at *p and its year (元 for 1), moving *p past them: the era's index
 * in eras[] with *year the era's year, or -1 (nothing moved) when *p does not start so. */
static int
era_year(const char **p, int *year)
{
	const char *q = *p;
	int e = -1;

	for (size_t i = 0; i < sizeof era_names / sizeof era_names[0]; i++)
		if (strncmp(q, era_names[i], strlen(era_names[i])) == 0) {
			e = (int)i;
			q += strlen(era_names[i]);
			break;
		}
	if (e < 0)
		for (size_t i = 0; i < sizeof eras / sizeof eras[0]; i++)
			if (*q == eras[i].initial || *q == eras[i].initial + ('a' - 'A')) {
				e = (int)i;
				q++;
				break;
			}
	if (e < 0)
		return -1;
	if (strncmp(q, "元", strlen("元")) == 0) {
		*year = 1;
		q += strlen("元");
	} else if ((*year = number(&q, 2)) < 1)
		return -1;
	*p = q;
	return e;
}

/* Where an era's year (and, when month is not 0, its day) falls: ERA_WITHIN the era,
 * ERA_AFTER its end but within the era that followed (平成31年5月1日, 昭和64年1月8日, 平成32年:
 * the old era's count carried on out of habit), ERA_BEFORE its start (令和元年4月30日), or
 * ERA_LONG_AFTER the era that followed ended too. */
enum { ERA_WITHIN, ERA_AFTER, ERA_BEFORE, ERA_LONG_AFTER };

static long
era_start(int e)
{
	return e < 0 ? 99999999L : eras[e].year * 10000L + eras[e].month * 100L + eras[e].day;
}

static int
era_fit(int e, int ey, int month, int day)
{
	int y = eras[e].year + ey - 1;
	long first = month ? y * 10000L + month * 100L + day : y * 10000L + 101,
	     last = month ? first : y * 10000L + 1231;

	/* A year alone fits when any day of it does. */
	if (last < era_start(e))
		return ERA_BEFORE;
	if (e == 0 || first < era_start(e - 1))
		return ERA_WITHIN;
	return e == 1 || first < era_start(e - 2) ? ERA_AFTER : ERA_LONG_AFTER;
}

/* Parse year, month and day (month and day 0 when allowed and absent) from *p, moving it past
 * them; *era the era's index (-1: none) and *fit (era_fit) where the date falls in it. 0, or
 * -1 (with *fit set when the date exists but not in that era). */
static int
parse_ymd(const char **pp, int *year, int *month, int *day, int year_alone, int *era, int *fit)
{
	const char *p = *pp;
	int e, ey = 0, y;
	char sep;

	*fit = ERA_WITHIN;

	if ((e = era_year(&p, &ey)) >= 0)
		y = eras[e].year + ey - 1;
	else if ((y = number(&p, 4)) < 1000)
		return -1;
	*month = *day = 0;
	if (strncmp(p, "年", strlen("年")) == 0) {
		p += strlen("年");
		sep = 'J';
	} else if (*p == '-' || *p == '/' || *p == '.')
		sep = *p++;
	else if (year_alone && (*p == '\0' || *p == ' ')) {
		sep = 0;
	} else
		return -1;
	if (sep != 0 && !(year_alone && *p == '\0')) {
		if ((*month = number(&p, 2)) < 1)
			return -1;
		if (sep == 'J') {
			if (strncmp(p, "月", strlen("月")) != 0)
				return -1;
			p += strlen("月");
		} else if (*p++ != sep)
			return -1;
		if ((*day = number(&p, 2)) < 1)
			return -1;
		if (sep == 'J') {
			if (strncmp(p, "日", strlen("日")) != 0)
				return -1;
			p += strlen("日");
		}
		if (!date_valid(y, *month, *day))
			return -1;
	}
	if (y < 1900 || y > 2199)
		return -1;
	*era = e;
	*year = y;
	*pp = p; /* moved on a refusal of another era's day too: the caller names it */
	if (e >= 0 && (*fit = era_fit(e, ey, *month, *day)) != ERA_WITHIN && *fit != ERA_AFTER)
		return -1;
	return 0;
}

/* The era form of a year (month 0) or a day: "令和元年5月1日(水)", "平成2年"; a new string. */
static char *
era_form(int year, int month, int day)
{
	struct date d = {year, month ? month : 12, month ? day : 31};
	const char *era;
	int ey;

	if (month != 0)
		return date_format(&d, DATE_ERA);
	if (date_era(&d, &era, &ey) != 0)
		return xasprintf("%d", year);
	char *y = ey == 1 ? xstrdup(_("1 (first year)")) : xasprintf("%d", ey);
	/* TRANSLATORS: era name, era year; e.g. 平成2年. */
	char *s = xasprintf(_("%1$s year %2$s"), era, y);

	free(y);
	return s;
}

/* *note (when note is not NULL) for a date written in era e that falls outside it: s as
 * written, then what it is. */
static void
era_note(char **note, const char *s, int e, int fit, int year, int month, int day)
{
	char *form, *iso;

	if (note == NULL || e < 0 || fit == ERA_WITHIN)
		return;
	form = era_form(year, month, day);
	iso = month ? xasprintf("%04d-%02d-%02d", year, month, day) : xasprintf("%d", year);
	if (fit == ERA_AFTER)
		*note = xasprintf(_("'%s' is after the %s era ended: read as %s (%s)"), s,
		                  _(eras[e].name), form, iso);
	else if (fit == ERA_BEFORE)
		*note = xasprintf(_("'%s' is before the %s era began: write it as %s (%s)"), s,
		                  _(eras[e].name), form, iso);
	else
		*note = xasprintf(_("'%s' is long after the %s era ended: write it as %s (%s)"), s,
		                  _(eras[e].name), form, iso);
	free(form);
	free(iso);
}

int
date_parse_loose(const char *s, struct date *d, int *minutes, char **note)
{
	char *a = date_ascii(s);
	const char *p = a;
	int y = 0, m = 0, dd = 0, t = -1, rc = -1, e = -1, fit;

	if (note != NULL)
		*note = NULL;
	if (parse_ymd(&p, &y, &m, &dd, 0, &e, &fit) != 0) {
		/* A day of the calendar, of another era than written: say which. */
		if (fit != ERA_WITHIN && (*p == '\0' || *p == ' ' || *p == 'T'))
			era_note(note, s, e, fit, y, m, dd);
		goto out;
	}
	if (*p == ' ' || *p == 'T') {
		int h, mi, sec = 0;

		p += strspn(p, " T");
		if ((h = number(&p, 2)) < 0 || *p++ != ':' || (mi = number(&p, 2)) < 0)
			goto out;
		if (*p == ':' && (p++, sec = number(&p, 2)) < 0)
			goto out;
		if (h > 23 || mi > 59 || sec > 59)
			goto out;
		t = h * 60 + mi;
	}
	if (*p != '\0')
		goto out;
	d->year = y;
	d->month = m;
	d->day = dd;
	if (minutes != NULL)
		*minutes = t;
	era_note(note, s, e, fit, y, m, dd);
	rc = 0;
out:
	free(a);
	return rc;
}

int
date_parse_birth_year(const char *s, int *year, char **note)
{
	char *a = date_ascii(s);
	const char *p = a;
	int y = 0, m = 0, dd = 0, rc = -1, e = -1, fit;

	if (note != NULL)
		*note = NULL;
	rc = parse_ymd(&p, &y, &m, &dd, 1, &e, &fit);
	if (*p == '\0' && (rc == 0 || fit != ERA_WITHIN))
		era_note(note, s, e, fit, y, m, dd);
	if (rc == 0 && *p == '\0')
		*year = y;
	else
		rc = -1;
	free(a);
	return rc;
}
