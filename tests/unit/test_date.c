/* Unit tests for models/date.c. */
#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include "models/core/date.h"
#include "tests/tap.h"

static void
era_is(const char *iso, const char *era, int year, const char *name)
{
	struct date d;
	const char *e = NULL;
	int y = 0;

	date_parse(iso, &d);
	date_era(&d, &e, &y);
	is_str(e, era, "%s: era", name);
	is_int(y, year, "%s: year", name);
}

int
main(void)
{
	struct date d;
	char *s;

	setlocale(LC_ALL, "C.UTF-8");
	ok(date_parse("2022-08-02", &d) == 0 && d.year == 2022 && d.month == 8 && d.day == 2,
	   "parses an ISO date");
	ok(date_parse("2023-02-29", &d) != 0, "2023-02-29 does not exist");
	ok(date_parse("2024-02-29", &d) == 0, "2024-02-29 does");
	ok(date_parse("1900-02-29", &d) != 0, "1900 was not a leap year");
	ok(date_parse("2022-04-31", &d) != 0, "April has 30 days");
	ok(date_parse("2022-8-2", &d) != 0, "needs two-digit months and days");
	ok(date_parse("2022-08-02x", &d) != 0, "no trailing text");
	ok(date_parse("", &d) != 0, "empty is not a date");
	is_int(time_parse("09:30"), 570, "parses a time");
	is_int(time_parse("24:00"), -1, "24:00 is not a time");
	is_int(time_parse("9:30"), -1, "needs two-digit hours");

	date_parse("2022-08-02", &d);
	is_int(date_weekday(&d), 2, "2022-08-02 was a Tuesday");
	date_parse("2019-05-01", &d);
	is_int(date_weekday(&d), 3, "2019-05-01 was a Wednesday");

	era_is("2019-04-30", "Heisei", 31, "the last day of Heisei");
	era_is("2019-05-01", "Reiwa", 1, "the first day of Reiwa");
	era_is("2022-08-02", "Reiwa", 4, "2022 is Reiwa 4");
	era_is("1945-08-15", "Showa", 20, "1945 is Showa 20");
	era_is("1989-01-07", "Showa", 64, "the last day of Showa");

	date_parse("2022-08-02", &d);
	s = date_format(&d, DATE_WESTERN);
	is_str(s, "2022-08-02 (Tue)", "Western form (untranslated)");
	free(s);
	s = date_format(&d, DATE_ERA);
	is_str(s, "Reiwa 4, 8/2 (Tue)", "era form (untranslated)");
	free(s);
	s = date_format_month(2019, 5, DATE_ERA);
	is_str(s, "Reiwa 1 (first year), month 5", "May 2019 is the first year of Reiwa");
	free(s);
	return done_testing();
}
