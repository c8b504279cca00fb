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

/* A "national holiday" (国民の祝日) in the sense of the law's articles 2 and 3: the days the law
 * names and the special days of imperial ceremonies, not the substitute holidays and the days
 * between holidays that the law makes holidays (休日) on top of them. An msgid, or NULL. */
static const char *
named_holiday(int y, int m, int d)
{
	switch (m) {
	case 1:
		if (d == 1)
			return N_("New Year's Day");
		if (d == (y <= 1999 ? 15 : nth_monday(y, 1, 2)))
			return N_("Coming of Age Day");
		break;
	case 2:
		if (d == 11)
			return N_("National Foundation Day");
		if (d == 23 && y >= 2020)
			return N_("The Emperor's Birthday");
		if (y == 1989 && d == 24)
			return N_("The Funeral of Emperor Shōwa");
		break;
	case 3:
		if (d == equinox_day(y, 20.8431))
			return N_("Vernal Equinox Day");
		break;
	case 4:
		if (d == 29)
			return y <= 1988   ? N_("The Emperor's Birthday")
			       : y <= 2006 ? N_("Greenery Day")
			                   : N_("Shōwa Day");
		break;
	case 5:
		if (d == 3)
			return N_("Constitution Memorial Day");
		if (d == 4 && y >= 2007)
			return N_("Greenery Day");
		if (d == 5)
			return N_("Children's Day");
		if (y == 2019 && d == 1)
			return N_("The Emperor's Enthronement Day");
		break;
	case 6:
		if (y == 1993 && d == 9)
			return N_("The Crown Prince's Wedding");
		break;
	case 7:
		/* Marine Day from 1996; in 2020 and 2021 Marine Day and Sports Day were moved to
		 * either side of the Olympic Games' opening day. */
		if (y == 2020)
			return d == 23 ? N_("Marine Day") : d == 24 ? N_("Sports Day") : NULL;
		if (y == 2021)
			return d == 22 ? N_("Marine Day") : d == 23 ? N_("Sports Day") : NULL;
		if (y >= 1996 && d == (y <= 2002 ? 20 : nth_monday(y, 7, 3)))
			return N_("Marine Day");
		break;
	case 8:
		/* Mountain Day from 2016; moved to the Olympic Games' closing day in 2020 and 2021.
		 */
		if (y == 2020)
			return d == 10 ? N_("Mountain Day") : NULL;
		if (y == 2021)
			return d == 8 ? N_("Mountain Day") : NULL;
		if (y >= 2016 && d == 11)
			return N_("Mountain Day");
		break;
	case 9:
		if (d == (y <= 2002 ? 15 : nth_monday(y, 9, 3)))
			return N_("Respect for the Aged Day");
		if (d == equinox_day(y, 23.2488))
			return N_("Autumnal Equinox Day");
		break;
	case 10:
		if (y <= 1999 && d == 10)
			return N_("Health and Sports Day");
		if (y >= 2000 && y <= 2019 && d == nth_monday(y, 10, 2))
			return N_("Health and Sports Day");
		if (y >= 2022 && d == nth_monday(y, 10, 2))
			return N_("Sports Day");
		if (y == 2019 && d == 22)
			return N_("The Enthronement Ceremony");
		break;
	case 11:
		if (d == 3)
			return N_("Culture Day");
		if (d == 23)
			return N_("Labour Thanksgiving Day");
		if (y == 1990 && d == 12)
			return N_("The Enthronement Ceremony");
		break;
	case 12:
		if (d == 23 && y >= 1989 && y <= 2018)
			return N_("The Emperor's Birthday");
		break;
	}
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
