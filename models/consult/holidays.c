/* models/consult/holidays.c: Japan's national holidays from the holiday law (国民の祝日に関する
 * 法律) as amended for 1980-2099, computed rather than imported, so that no slot is made on one
 * even before a holiday calendar is imported. */
#include "config.h"
#include "models/consult/consult.h"

#include "models/core/i18n.h"

/* The day of the month of the nth Monday of a month. */
static int
nth_monday(int year, int month, int n)
{
	struct date first = {year, month, 1};
	int w = date_weekday(&first);

	return 1 + (8 - w) % 7 + 7 * (n - 1);
}

/* The equinoxes by the usual approximation for 1980-2099 (the day the National Astronomical
 * Observatory announces each February has matched it so far): 20.8431 and 23.2488 days, moving
 * 0.242194 of a day a year and back one day each leap year. */
static int
equinox_day(int year, double base)
{
	int y = year - 1980;

	return (int)(base + 0.242194 * y - (int)(y / 4));
}

/* The days the law names (国民の祝日, its articles 2 and 3) and the special days of imperial
 * ceremonies, by the years each held: month, day (0: the nth Monday, the Happy Monday
 * system), the first and the last year, the msgid. The equinoxes are computed apart. */
static const struct {
	int month, day, monday, from, to;
	const char *name;
} law[] = {
    {1, 1, 0, 0, 9999, N_("New Year's Day")},
    {1, 15, 0, 0, 1999, N_("Coming of Age Day")},
    {1, 0, 2, 2000, 9999, N_("Coming of Age Day")},
    {2, 11, 0, 0, 9999, N_("National Foundation Day")},
    {2, 23, 0, 2020, 9999, N_("The Emperor's Birthday")},
    {2, 24, 0, 1989, 1989, N_("The Funeral of Emperor Shōwa")},
    {4, 29, 0, 0, 1988, N_("The Emperor's Birthday")},
    {4, 29, 0, 1989, 2006, N_("Greenery Day")},
    {4, 29, 0, 2007, 9999, N_("Shōwa Day")},
    {5, 3, 0, 0, 9999, N_("Constitution Memorial Day")},
    {5, 4, 0, 2007, 9999, N_("Greenery Day")},
    {5, 5, 0, 0, 9999, N_("Children's Day")},
    {5, 1, 0, 2019, 2019, N_("The Emperor's Enthronement Day")},
    {6, 9, 0, 1993, 1993, N_("The Crown Prince's Wedding")},
    /* Marine Day from 1996; in 2020 and 2021 Marine Day and Sports Day were moved to either
     * side of the Olympic Games' opening day, and Mountain Day (from 2016) to their closing
     * day. */
    {7, 20, 0, 1996, 2002, N_("Marine Day")},
    {7, 0, 3, 2003, 2019, N_("Marine Day")},
    {7, 23, 0, 2020, 2020, N_("Marine Day")},
    {7, 24, 0, 2020, 2020, N_("Sports Day")},
    {7, 22, 0, 2021, 2021, N_("Marine Day")},
    {7, 23, 0, 2021, 2021, N_("Sports Day")},
    {7, 0, 3, 2022, 9999, N_("Marine Day")},
    {8, 11, 0, 2016, 2019, N_("Mountain Day")},
    {8, 10, 0, 2020, 2020, N_("Mountain Day")},
    {8, 8, 0, 2021, 2021, N_("Mountain Day")},
    {8, 11, 0, 2022, 9999, N_("Mountain Day")},
    {9, 15, 0, 0, 2002, N_("Respect for the Aged Day")},
    {9, 0, 3, 2003, 9999, N_("Respect for the Aged Day")},
    {10, 10, 0, 0, 1999, N_("Health and Sports Day")},
    {10, 0, 2, 2000, 2019, N_("Health and Sports Day")},
    {10, 0, 2, 2022, 9999, N_("Sports Day")},
    {10, 22, 0, 2019, 2019, N_("The Enthronement Ceremony")},
    {11, 3, 0, 0, 9999, N_("Culture Day")},
    {11, 23, 0, 0, 9999, N_("Labour Thanksgiving Day")},
    {11, 12, 0, 1990, 1990, N_("The Enthronement Ceremony")},
    {12, 23, 0, 1989, 2018, N_("The Emperor's Birthday")},
};

/* A "national holiday" (国民の祝日) in the sense of the law's articles 2 and 3: the days the law
 * names and the special days of imperial ceremonies, not the substitute holidays and the days
 * between holidays that the law makes holidays (休日) on top of them. An msgid, or NULL. */
static const char *
named_holiday(int y, int m, int d)
{
	for (size_t i = 0; i < sizeof law / sizeof law[0]; i++)
		if (law[i].month == m && y >= law[i].from && y <= law[i].to &&
		    d == (law[i].day ? law[i].day : nth_monday(y, m, law[i].monday)))
			return law[i].name;
	if (m == 3 && d == equinox_day(y, 20.8431))
		return N_("Vernal Equinox Day");
	if (m == 9 && d == equinox_day(y, 23.2488))
		return N_("Autumnal Equinox Day");
	return NULL;
}

static const char *
named(const struct date *d)
{
	return named_holiday(d->year, d->month, d->day);
}

const char *
holiday_name(const struct date *d)
{
	const char *name;

	if (d->year < HOLIDAY_FIRST_YEAR || d->year > HOLIDAY_LAST_YEAR)
		return NULL;
	if ((name = named(d)) != NULL)
		return name;
	/* A holiday on a Sunday makes the next day that is not one a holiday (振替休日): until
	 * 2006 only the Monday after it, since 2007 the first day after it that is not a
	 * holiday. */
	for (int k = 1; k <= (d->year <= 2006 ? 1 : 7); k++) {
		struct date p = date_add_days(d, -k);

		if (named(&p) == NULL)
			break;
		if (date_weekday(&p) == 0)
			return N_("Substitute Holiday");
	}
	/* A day between two holidays is a holiday (国民の休日), since 1985-12-27 (the first was
	 * 1988-05-04); until 2006 not when it is a Sunday (and a substitute holiday is that
	 * already, above). */
	struct date before = date_add_days(d, -1), after = date_add_days(d, 1);

	if (d->year >= 1986 && named(&before) != NULL && named(&after) != NULL &&
	    (d->year >= 2007 || date_weekday(d) != 0))
		return N_("Citizens' Holiday");
	return NULL;
}
