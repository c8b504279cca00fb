/* models/core/date.h: calendar dates, validation, Western and Japanese-era formatting. */
#ifndef MODELS_CORE_DATE_H
#define MODELS_CORE_DATE_H

struct date {
	int year, month, day;
};

/* 2022年8月2日, 令和4年8月2日, or R4.8.2 (the era's initial, as forms and reports abbreviate). */
enum date_style { DATE_WESTERN, DATE_ERA, DATE_ERA_SHORT };

/* Parse a strict YYYY-MM-DD that names a real day; 0 on success, -1 otherwise. */
int date_parse(const char *s, struct date *d);
/* Parse a strict HH:MM (00:00-23:59) into minutes after midnight; -1 if invalid. */
int time_parse(const char *s);
/* Nonzero if year/month/day name a real day of the Gregorian calendar (1900-2199). */
int date_valid(int year, int month, int day);
int date_days_in_month(int year, int month);
/* 0 = Sunday ... 6 = Saturday. */
int date_weekday(const struct date *d);
/* The day n days after (n < 0: before) d. */
struct date date_add_days(const struct date *d, int n);
/* Negative, 0 or positive as a is before, the same day as, or after b. */
int date_cmp(const struct date *a, const struct date *b);
/* Japanese era of a date: the era's name (translated) and its year, 1 being 元年. */
int date_era(const struct date *d, const char **era, int *era_year);
/* The Latin initial of the date's era: 'R' for Reiwa, 'H' for Heisei, ... */
char date_era_initial(const struct date *d);
/* A new string for display, e.g. "2022年8月2日(火)" or "令和4年8月2日(火)" in Japanese. */
char *date_format(const struct date *d, enum date_style style);
/* A new string for a month, e.g. "2022年8月" or "令和4年8月" in Japanese. */
char *date_format_month(int year, int month, enum date_style style);
/* A new ISO string YYYY-MM-DD. */
char *date_iso(const struct date *d);

#endif
