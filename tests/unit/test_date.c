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

	/* Dates as spreadsheets and the online service write them. */
	static const struct {
		const char *in, *want;
		int minutes;
	} loose[] = {
	    {"2026-12-02", "2026-12-02", -1},
	    {"2026/12/2", "2026-12-02", -1},
	    {"2026/12/02 10:15", "2026-12-02", 615},
	    {"2026-12-02 10:15", "2026-12-02", 615},
	    {"2026-12-02T10:15:30", "2026-12-02", 615},
	    {"2026.12.2", "2026-12-02", -1},
	    {"2026年12月2日", "2026-12-02", -1},
	    {"令和8年12月2日", "2026-12-02", -1},
	    {"R8.12.2", "2026-12-02", -1},
	    {"r8/12/2 9:05", "2026-12-02", 545},
	    {"令和元年5月1日", "2019-05-01", -1},
	    {"平成31年4月30日", "2019-04-30", -1},
	    {"２０２６／１２／２", "2026-12-02", -1},
	    {" 2026/12/2　", "2026-12-02", -1},
	    {"S64.1.7", "1989-01-07", -1},
	    {"R1.5.1", "2019-05-01", -1},
	    {"令和１年５月１日", "2019-05-01", -1},
	};
	static const char *const not_dates[] = {
	    "2026/13/2",
	    "2026/2/30",
	    "2026/12-2",
	    "2026/12/2 24:00",
	    "2026/12/2 10:60",
	    "令和0年1月1日",
	    "R8",
	    "12/2/2026",
	    "2026/12/2x",
	    "",
	    "令和8年12月2",
	    "H8.12.2.1",
	    "2026/12/2 10:15:61",
	    "X8.1.1",
	    "平成31年5月32日",
	};
	for (size_t i = 0; i < sizeof loose / sizeof loose[0]; i++) {
		struct date got = {0, 0, 0};
		int m = -2;
		char *iso, *note = NULL;

		ok(date_parse_loose(loose[i].in, &got, &m, &note) == 0 && note == NULL,
		   "'%s' is a date, read as written", loose[i].in);
		iso = date_iso(&got);
		is_str(iso, loose[i].want, "'%s' is %s", loose[i].in, loose[i].want);
		is_int(m, loose[i].minutes, "'%s': its time", loose[i].in);
		free(iso);
		free(note);
	}
	for (size_t i = 0; i < sizeof not_dates / sizeof not_dates[0]; i++) {
		struct date got;
		char *note = NULL;

		ok(date_parse_loose(not_dates[i], &got, NULL, &note) != 0 && note == NULL,
		   "'%s' is refused", not_dates[i]);
		free(note);
	}
	/* An era counted on past its end, as people write for a while after a change: the day
	 * it is, with a note naming the right form. Before an era began, or long after: refused,
	 * the note naming the form to write. */
	static const struct {
		const char *in, *want, *note;
	} other_era[] = {
	    {"平成31年5月1日", "2019-05-01",
	     "'平成31年5月1日' is after the Heisei era ended: read as Reiwa 1 (first year), 5/1 "
	     "(Wed) (2019-05-01)"},
	    {"昭和64年1月8日", "1989-01-08",
	     "'昭和64年1月8日' is after the Showa era ended: read as Heisei 1 (first year), 1/8 "
	     "(Sun) (1989-01-08)"},
	    {"H32.1.6 9:00", "2020-01-06",
	     "'H32.1.6 9:00' is after the Heisei era ended: read as Reiwa 2, 1/6 (Mon) "
	     "(2020-01-06)"},
	    {"令和元年4月30日", NULL,
	     "'令和元年4月30日' is before the Reiwa era began: write it as Heisei 31, 4/30 (Tue) "
	     "(2019-04-30)"},
	    {"平成元年1月7日", NULL,
	     "'平成元年1月7日' is before the Heisei era began: write it as Showa 64, 1/7 (Sat) "
	     "(1989-01-07)"},
	    {"昭和95年1月1日", NULL,
	     "'昭和95年1月1日' is long after the Showa era ended: write it as Reiwa 2, 1/1 (Wed) "
	     "(2020-01-01)"},
	};
	for (size_t i = 0; i < sizeof other_era / sizeof other_era[0]; i++) {
		struct date got = {0, 0, 0};
		char *note = NULL, *iso;
		int rc = date_parse_loose(other_era[i].in, &got, NULL, &note);

		if (other_era[i].want != NULL) {
			iso = date_iso(&got);
			ok(rc == 0, "'%s' is read", other_era[i].in);
			is_str(iso, other_era[i].want, "'%s' is %s", other_era[i].in,
			       other_era[i].want);
			free(iso);
		} else
			ok(rc != 0, "'%s' is refused", other_era[i].in);
		is_str(note ? note : "(none)", other_era[i].note, "'%s': the note",
		       other_era[i].in);
		free(note);
	}
	static const struct {
		const char *in;
		int year;
	} births[] = {
	    {"1950", 1950},     {"1950-03-01", 1950}, {"1950/3/1", 1950},       {"1950年", 1950},
	    {"昭和25", 1950},   {"昭和25年", 1950},   {"昭和25年3月1日", 1950}, {"S25", 1950},
	    {"S25.3.1", 1950},  {"昭和元年", 1926},   {"大正15年", 1926},       {"昭和６４", 1989},
	    {"平成元年", 1989},
	};
	for (size_t i = 0; i < sizeof births / sizeof births[0]; i++) {
		int y = 0;
		char *note = NULL;

		ok(date_parse_birth_year(births[i].in, &y, &note) == 0 && y == births[i].year &&
		       note == NULL,
		   "birth '%s' is %d (got %d)", births[i].in, births[i].year, y);
		free(note);
	}
	static const struct {
		const char *in;
		int year;
		const char *note;
	} births_after[] = {
	    {"昭和65", 1990, "'昭和65' is after the Showa era ended: read as Heisei year 2 (1990)"},
	    {"平成32年", 2020,
	     "'平成32年' is after the Heisei era ended: read as Reiwa year 2 (2020)"},
	    {"大正16年", 1927,
	     "'大正16年' is after the Taisho era ended: read as Showa year 2 (1927)"},
	    {"昭和64年1月8日", 1989,
	     "'昭和64年1月8日' is after the Showa era ended: read as Heisei 1 (first year), 1/8 "
	     "(Sun) (1989-01-08)"},
	};
	for (size_t i = 0; i < sizeof births_after / sizeof births_after[0]; i++) {
		int y = 0;
		char *note = NULL;

		ok(date_parse_birth_year(births_after[i].in, &y, &note) == 0 &&
		       y == births_after[i].year,
		   "birth '%s' is %d (got %d)", births_after[i].in, births_after[i].year, y);
		is_str(note ? note : "(none)", births_after[i].note, "birth '%s': the note",
		       births_after[i].in);
		free(note);
	}
	static const char *const not_births[] = {"明治60年", "25",    "昭和",          "1950-02-30",
	                                         "S25.13.1", "令和0", "令和元年4月1日"};
	for (size_t i = 0; i < sizeof not_births / sizeof not_births[0]; i++) {
		int y = 0;
		char *note = NULL;

		ok(date_parse_birth_year(not_births[i], &y, &note) != 0, "birth '%s' is refused",
		   not_births[i]);
		free(note);
	}
	return done_testing();
}
