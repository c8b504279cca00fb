/* models/core/clock.c: the system clock, or the test clock of SUMAHO_CLOCK. */
#include "config.h"

#include "models/core/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static time_t shift; /* seconds added by clock_set_today() */

static void clock_iso_ms(long long ms, char buf[40]);
static time_t slept; /* seconds "slept" on the test clock */
static time_t last;  /* the test clock's last good reading */

/* The test clock's file, or NULL. */
static const char *
test_file(void)
{
	const char *f = getenv("SUMAHO_CLOCK");

	return f != NULL && *f != '\0' ? f : NULL;
}

int
clock_is_test(void)
{
	return test_file() != NULL;
}

/* The time in the test clock's file; the last good reading while it is being rewritten. */
static time_t
read_test_clock(const char *path)
{
	char buf[64];
	FILE *f = fopen(path, "r");
	size_t n;
	struct tm tm;
	long long secs;
	char *end;

	if (f == NULL)
		return last;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	memset(&tm, 0, sizeof tm);
	end = strptime(buf, "%Y-%m-%d %H:%M:%S", &tm);
	if (end == NULL)
		end = strptime(buf, "%Y-%m-%dT%H:%M:%S", &tm);
	if (end != NULL) {
		time_t t;

		tm.tm_isdst = -1;
		t = mktime(&tm);
		if (t != (time_t)-1)
			last = t;
	} else if ((secs = strtoll(buf, &end, 10)) > 0 && (*end == '\0' || *end == '\n'))
		last = (time_t)secs;
	return last;
}

time_t
clock_now(void)
{
	const char *f = test_file();

	return (f != NULL ? read_test_clock(f) + slept : time(NULL)) + shift;
}

long long
clock_now_ms(void)
{
	struct timespec ts;

	if (test_file() != NULL || clock_gettime(CLOCK_REALTIME, &ts) != 0)
		return (long long)clock_now() * 1000;
	return ((long long)ts.tv_sec + shift) * 1000 + ts.tv_nsec / 1000000;
}

static struct tm
local_now(void)
{
	time_t t = clock_now();
	struct tm tm;

	if (localtime_r(&t, &tm) == NULL)
		memset(&tm, 0, sizeof tm);
	return tm;
}

struct date
clock_today(void)
{
	struct tm tm = local_now();
	struct date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};

	return d;
}

int
clock_minutes(void)
{
	struct tm tm = local_now();

	return tm.tm_hour * 60 + tm.tm_min;
}

void
clock_iso_utc(char buf[21])
{
	time_t t = clock_now();
	struct tm tm;

	if (gmtime_r(&t, &tm) == NULL || strftime(buf, 21, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
		snprintf(buf, 21, "1970-01-01T00:00:00Z");
}

void
clock_iso_utc_ms(char buf[40])
{
	clock_iso_ms(clock_now_ms(), buf);
}

void
clock_audit_iso(char buf[40])
{
	/* The moment itself: the clock without the days --today added. */
	clock_iso_ms(clock_now_ms() - (long long)shift * 1000, buf);
}

static void
clock_iso_ms(long long ms, char buf[40])
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;
	char s[21];

	if (gmtime_r(&t, &tm) == NULL || strftime(s, sizeof s, "%Y-%m-%dT%H:%M:%S", &tm) == 0)
		snprintf(s, sizeof s, "1970-01-01T00:00:00");
	snprintf(buf, 40, "%s.%03dZ", s, (int)(ms % 1000));
}

void
clock_sleep(unsigned seconds)
{
	if (test_file() != NULL)
		slept += seconds;
	else
		while ((seconds = sleep(seconds)) > 0)
			;
}

void
clock_set_today(const struct date *d)
{
	struct date now = clock_today();
	int days = 0;

	/* Whole days between the two dates, counted without time zones. */
	if (date_cmp(d, &now) > 0)
		for (struct date x = now; date_cmp(&x, d) < 0; x = date_add_days(&x, 1))
			days++;
	else
		for (struct date x = now; date_cmp(&x, d) > 0; x = date_add_days(&x, -1))
			days--;
	shift += (time_t)days * 86400;
}
