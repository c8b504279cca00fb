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
/* Parse a date as spreadsheets and the city's online service write it: 2026-12-02,
 * 2026/12/2, 2026.12.2, 2026年12月2日, 令和8年12月2日 (元年 for 1), R8.12.2 (R8/12/2, R8-12-2;
 * H, S, T, M for the earlier eras), in full-width digits too, then optionally a time after a
 * space or 'T' (10:15, 10:15:30), which *minutes gets after midnight (-1 when none; minutes
 * may be NULL). An era's date after the era ended, within the era that followed (平成31年5月1日,
 * 昭和64年1月8日: the old era counted on, as people and forms do for a while after a change), is
 * that day (2019-05-01, 1989-01-08) and *note says so ("... read as 令和元年5月1日(水)
 * (2019-05-01)"); one before its era began (令和元年4月30日), or after the era that followed
 * ended too, is refused with *note naming the form to write. *note (a new string, or NULL; note
 * may be NULL) is for the person who wrote it. 0, or -1 when s is not such a date or names a
 * day that does not exist. */
int date_parse_loose(const char *s, struct date *d, int *minutes, char **note);
/* The year of a date of birth written as people write it: 1950, 1950-03-01, 1950/3/1,
 * 1950年3月1日, 昭和25, 昭和25年, 昭和25年3月1日, S25, S25.3.1 (full-width digits too); an era
 * counted on past its end (昭和65, 平成31年5月1日) as date_parse_loose, with *note. 0 with
 * *year, or -1. */
int date_parse_birth_year(const char *s, int *year, char **note);
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
