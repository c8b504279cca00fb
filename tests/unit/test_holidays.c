/* Unit tests for models/consult/holidays.c: every day of 1980-2099 compared with an independent
 * implementation, Debian's python3-holidays (tests/holidays_jp.py), and the changes of the law
 * it does not know checked here one by one. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/consult/consult.h"
#include "tests/tap.h"

#define NDAYS (121 * 366)

static int
day_index(const struct date *d)
{
	static const struct date first = {HOLIDAY_FIRST_YEAR, 1, 1};
	int n = 0;

	/* Few enough days to count: a year at a time, then a day at a time. */
	for (struct date y = first; y.year < d->year; y.year++)
		n += date_valid(y.year, 2, 29) ? 366 : 365;
	for (int m = 1; m < d->month; m++)
		n += date_days_in_month(d->year, m);
	return n + d->day - 1;
}

static void
name_is(const char *iso, const char *want, const char *what)
{
	struct date d;
	const char *got;

	date_parse(iso, &d);
	got = holiday_name(&d);
	if (*want == '\0') {
		ok(got == NULL, "%s: %s is no holiday", what, iso);
		if (got != NULL)
			printf("#   got '%s'\n", got);
	} else
		is_str(got, want, "%s: %s", what, iso);
}

/* The days the reference does not know, by the laws that made them: the special laws of the
 * imperial ceremonies, and the Olympic special measures law's moves of 2021 (the reference has
 * 2020's). The reference's own days, dropped for those same reasons, are listed after. */
static const char *const law_only[] = {"1989-02-24", "1990-11-12", "1993-06-09", "2021-07-22",
                                       "2021-07-23", "2021-08-08", "2021-08-09"};
static const char *const reference_only[] = {"2021-07-19", "2021-08-11", "2021-10-11"};

static int
listed(const char *const *list, size_t n, const char *iso)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(list[i], iso) == 0)
			return 1;
	return 0;
}

/* Compare with tests/holidays_jp.py; returns the mismatches, -1 when it cannot run. */
static int
compare(long *agree, long *beyond)
{
	static char ref[NDAYS];
	const char *top = getenv("top_srcdir");
	char cmd[600], line[256];
	FILE *p;
	int bad = 0;

	snprintf(cmd, sizeof cmd, "/usr/bin/python3 '%s/tests/holidays_jp.py' %d %d",
	         top ? top : ".", HOLIDAY_FIRST_YEAR, HOLIDAY_LAST_YEAR);
	if ((p = popen(cmd, "r")) == NULL)
		return -1;
	while (fgets(line, sizeof line, p) != NULL) {
		struct date d;

		line[10] = '\0';
		if (date_parse(line, &d) == 0)
			ref[day_index(&d)] = 1;
	}
	if (pclose(p) != 0)
		return -1;
	*agree = *beyond = 0;
	for (struct date d = {HOLIDAY_FIRST_YEAR, 1, 1}; d.year <= HOLIDAY_LAST_YEAR;
	     d = date_add_days(&d, 1)) {
		const char *ours = holiday_name(&d);
		char iso[11];
		int theirs = ref[day_index(&d)];

		snprintf(iso, sizeof iso, "%04d-%02d-%02d", d.year, d.month, d.day);
		if ((ours != NULL) == theirs) {
			*agree += theirs;
			continue;
		}
		if (ours != NULL && listed(law_only, sizeof law_only / sizeof *law_only, iso))
			continue;
		if (ours == NULL &&
		    listed(reference_only, sizeof reference_only / sizeof *reference_only, iso))
			continue;
		/* The reference lists substitute holidays in a table that ends in 2048 and has
		 * 02-24 for 2020 only: beyond it, ours must follow days the reference calls
		 * holidays back to one on a Sunday. */
		if (ours != NULL && strcmp(ours, "Substitute Holiday") == 0 &&
		    (d.year > 2048 || (d.month == 2 && d.day == 24))) {
			struct date b = date_add_days(&d, -1);

			while (ref[day_index(&b)] && date_weekday(&b) != 0)
				b = date_add_days(&b, -1);
			if (ref[day_index(&b)] && date_weekday(&b) == 0) {
				(*beyond)++;
				continue;
			}
		}
		printf("#   %s: ours %s, python3-holidays %s\n", iso, ours ? ours : "none",
		       theirs ? "a holiday" : "none");
		bad++;
	}
	return bad;
}

/* The days checked one by one: what each is called ("": no holiday). */
static const struct {
	const char *iso, *want, *what;
} days[] = {
    /* The 2027 case that made slots on holidays: the equinox on a Sunday. */
    {"2027-03-21", "Vernal Equinox Day", "2027's equinox falls on a Sunday"},
    {"2027-03-22", "Substitute Holiday", "so the Monday is a substitute holiday"},
    {"2027-02-11", "National Foundation Day", "a fixed day"},
    {"2027-01-11", "Coming of Age Day", "the second Monday of January"},
    /* The changes of the law. */
    {"2018-12-23", "The Emperor's Birthday", "Heisei's Emperor's Birthday"},
    {"2019-12-23", "", "none after 2018"},
    {"2019-02-23", "", "and none in 2019"},
    {"2020-02-23", "The Emperor's Birthday", "Reiwa's from 2020"},
    {"2020-02-24", "Substitute Holiday", "2020-02-23 was a Sunday"},
    {"1988-04-29", "The Emperor's Birthday", "Shōwa's until 1988"},
    {"1989-04-29", "Greenery Day", "Greenery Day from 1989"},
    {"2007-04-29", "Shōwa Day", "Shōwa Day from 2007"},
    {"2007-05-04", "Greenery Day", "when Greenery Day moved to 05-04"},
    {"1988-05-04", "Citizens' Holiday", "05-04 between two holidays from 1988"},
    {"1987-05-04", "Substitute Holiday", "but in 1987 05-03 was a Sunday"},
    {"2008-05-06", "Substitute Holiday", "since 2007 the next day that is not a holiday"},
    {"2015-08-11", "", "no Mountain Day before 2016"},
    {"2016-08-11", "Mountain Day", "Mountain Day from 2016"},
    {"1999-01-15", "Coming of Age Day", "01-15 until 1999"},
    {"2000-01-10", "Coming of Age Day", "a Happy Monday from 2000"},
    {"2002-07-20", "Marine Day", "07-20 until 2002"},
    {"2003-07-21", "Marine Day", "the third Monday from 2003"},
    {"2019-10-14", "Health and Sports Day", "Health and Sports Day until 2019"},
    {"2022-10-10", "Sports Day", "Sports Day from 2020"},
    {"2019-05-01", "The Emperor's Enthronement Day", "2019's enthronement"},
    {"2019-04-30", "Citizens' Holiday", "and the days either side of it"},
    {"2019-05-02", "Citizens' Holiday", "both"},
    {"2019-10-22", "The Enthronement Ceremony", "the enthronement ceremony"},
    {"2020-07-23", "Marine Day", "2020's Olympic moves: Marine Day"},
    {"2020-07-24", "Sports Day", "Sports Day"},
    {"2020-08-10", "Mountain Day", "Mountain Day"},
    {"2020-10-12", "", "and no Sports Day in October"},
    {"2021-07-22", "Marine Day", "2021's: Marine Day"},
    {"2021-07-23", "Sports Day", "Sports Day"},
    {"2021-08-08", "Mountain Day", "Mountain Day on a Sunday"},
    {"2021-08-09", "Substitute Holiday", "and its substitute"},
    {"2026-09-22", "Citizens' Holiday", "2026's silver week"},
    {"2026-12-31", "", "the year's end is a closure, not a holiday"},
    {"1979-01-01", "", "before 1980: not known"},
    {"2100-01-01", "", "after 2099: not known"},
};

int
main(void)
{
	long agree = 0, beyond = 0;
	int bad;

	setlocale(LC_ALL, "C.UTF-8");
	bad = compare(&agree, &beyond);
	if (bad < 0)
		printf("ok %d # SKIP /usr/bin/python3 with python3-holidays is not installed\n",
		       ++tap_count);
	else {
		ok(bad == 0,
		   "1980-2099 agree with python3-holidays: %ld holidays in both, %ld substitute "
		   "holidays past its table checked against its Sunday holidays",
		   agree, beyond);
		ok(agree > 1900 && beyond > 90, "and the comparison covered them all");
	}

	for (size_t i = 0; i < sizeof days / sizeof days[0]; i++)
		name_is(days[i].iso, days[i].want, days[i].what);
	return done_testing();
}
