/* models/core/clock.h: the one clock that "now", "today", deadlines, delays and idle time-outs
 * read, so that tests can set it and move it on instead of waiting.
 *
 * By default it is the system clock. SUMAHO_CLOCK=FILE makes it a test clock: FILE holds a local
 * date and time "YYYY-MM-DD HH:MM:SS" (or seconds since the epoch), read again at every call, so
 * a test moves time on by writing the file; clock_sleep() then waits for nothing and moves this
 * process's clock on instead. clock_set_today() (the --today option) shifts the clock to another
 * day, keeping the time of day. The test clock protects nothing an attacker could not do with
 * the database file itself, which anyone running sumaho can open. */
#ifndef MODELS_CORE_CLOCK_H
#define MODELS_CORE_CLOCK_H

#include <time.h>

#include "models/core/date.h"

/* Seconds since the epoch, as this process's clock reads it. */
time_t clock_now(void);
/* The same in milliseconds (the database's 'now' reads this). */
long long clock_now_ms(void);
/* Today in local time. */
struct date clock_today(void);
/* The local time of day in minutes after midnight (0-1439). */
int clock_minutes(void);
/* Now in UTC as "YYYY-MM-DDTHH:MM:SSZ" (the form the database stores) into buf (21 bytes). */
void clock_iso_utc(char buf[21]);
/* The same with milliseconds, as SQLite's strftime('%Y-%m-%dT%H:%M:%fZ', 'now'). */
void clock_iso_utc_ms(char buf[40]);
/* When a change is made, for the audit log: the same without the days --today adds, so that
 * the log's times follow one another whatever day a command pretends it is. */
void clock_audit_iso(char buf[40]);
/* Wait for so many seconds (a delay meant for people); with a test clock, no wait: the
 * process's clock moves on by that much. */
void clock_sleep(unsigned seconds);
/* From now on, today is d (the time of day goes on as before). */
void clock_set_today(const struct date *d);
/* Nonzero when SUMAHO_CLOCK drives the clock. */
int clock_is_test(void);

#endif
