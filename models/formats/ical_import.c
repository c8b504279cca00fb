/* models/formats/ical_import.c: closures and holidays from an iCalendar file: the file is
 * scanned for its line numbers, parsed by libical, checked whole, and its events' occurrences
 * in the window written as closure days in one transaction. */
#include "config.h"
#include "models/formats/ical.h"

#include <errno.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "models/formats/ical_lib.h"

#include "models/core/i18n.h"
#include "models/core/schema.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "models/staff/staff.h"

#define ICS_MAX_BYTES (16L * 1024 * 1024)
/* The longest physical line read. RFC 5545 folds lines at 75 octets; generators that do not
 * fold write a few kilobytes at most, while libical takes seconds over a line of megabytes. */
#define ICS_MAX_LINE 32768
/* The greatest UTC offset of a time zone (RFC 5545 allows ±23:59; none on Earth is beyond
 * ±14:00, and ISO 8601 profiles stop at ±18:00). */
#define ICS_MAX_OFFSET (18 * 3600)

/* Where each VEVENT of the file begins and where its DTSTART stands, for messages. */
struct ics_lines {
	int *event_line, *dtstart_line, *end_line;
	size_t nevents, cap;
};

static int
name_ok(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return 0;
	return n > 0;
}

/* Nonzero when a component named child may stand directly inside one named parent: events,
 * to-dos, journals, free/busy and time zones in the calendar, alarms in events and to-dos, a
 * time zone's STANDARD and DAYLIGHT in it; others (X- components) anywhere. libical drops a
 * VEVENT nested in a VEVENT without a word. */
static int
nesting_ok(const char *parent, const char *child)
{
	static const char *const top[] = {"VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE"};

	for (size_t i = 0; i < sizeof top / sizeof top[0]; i++)
		if (strcasecmp(child, top[i]) == 0)
			return strcasecmp(parent, "VCALENDAR") == 0;
	if (strcasecmp(child, "VALARM") == 0)
		return strcasecmp(parent, "VEVENT") == 0 || strcasecmp(parent, "VTODO") == 0;
	if (strcasecmp(child, "STANDARD") == 0 || strcasecmp(child, "DAYLIGHT") == 0)
		return strcasecmp(parent, "VTIMEZONE") == 0;
	return strcasecmp(child, "VCALENDAR") != 0;
}

/* Nonzero when v (n bytes) is a UTC offset as RFC 5545 writes it, ±HHMM or ±HHMMSS, of at
 * most ICS_MAX_OFFSET. */
static int
offset_ok(const char *v, size_t n)
{
	int part[3] = {0, 0, 0};

	if ((n != 5 && n != 7) || (v[0] != '+' && v[0] != '-'))
		return 0;
	for (size_t i = 1; i < n; i++) {
		if (v[i] < '0' || v[i] > '9')
			return 0;
		part[(i - 1) / 2] = part[(i - 1) / 2] * 10 + (v[i] - '0');
	}
	return part[1] < 60 && part[2] < 60 &&
	       part[0] * 3600 + part[1] * 60 + part[2] <= ICS_MAX_OFFSET;
}

/* Check the file's shape line by line: UTF-8, content lines 'NAME[;PARAMS]:VALUE', BEGIN and
 * END paired and nested as RFC 5545 allows, one VCALENDAR, UTC offsets within ±18:00.
 * libical's parser does not say where a problem is; this does. */
static int
scan_ics(const char *path, const char *data, size_t len, struct ics_lines *L, char **cause)
{
	char stack[16][32];
	int depth = 0, lineno = 0, seen_calendar = 0, ended = 0;
	size_t i = 0;

	while (i < len) {
		size_t e = i, n;
		const char *line = data + i;

		while (e < len && data[e] != '\n')
			e++;
		n = e - i;
		if (n > 0 && line[n - 1] == '\r')
			n--;
		lineno++;
		i = e < len ? e + 1 : e;
		if (text_invalid_at(line, n) >= 0) {
			set_cause(cause, _("%s:%d: not valid UTF-8"), path, lineno);
			return -1;
		}
		if (n == 0)
			continue;
		if (line[0] == ' ' || line[0] == '\t') {
			if (lineno == 1) {
				set_cause(cause,
				          _("%s:%d: a continuation line with nothing before it"),
				          path, lineno);
				return -1;
			}
			continue; /* folded continuation of the line before */
		}
		if (ended) {
			set_cause(cause, _("%s:%d: text after END:VCALENDAR"), path, lineno);
			return -1;
		}
		const char *colon = memchr(line, ':', n), *semi = memchr(line, ';', n);
		const char *name_end = semi && (!colon || semi < colon) ? semi : colon;

		if (colon == NULL || !name_ok(line, (size_t)(name_end - line))) {
			set_cause(cause, _("%s:%d: not an iCalendar line (NAME:VALUE): '%.*s'"),
			          path, lineno, (int)(n > 60 ? 60 : n), line);
			return -1;
		}
		size_t vlen = n - (size_t)(colon + 1 - line);
		const char *value = colon + 1;

		if ((size_t)(name_end - line) == 5 && strncasecmp(line, "BEGIN", 5) == 0) {
			if (depth == 0 && (vlen != 9 || strncasecmp(value, "VCALENDAR", 9) != 0 ||
			                   seen_calendar)) {
				set_cause(cause, _("%s:%d: expected BEGIN:VCALENDAR"), path,
				          lineno);
				return -1;
			}
			if (depth == 16 || vlen >= sizeof stack[0]) {
				set_cause(cause, _("%s:%d: components nested too deep"), path,
				          lineno);
				return -1;
			}
			snprintf(stack[depth], sizeof stack[0], "%.*s", (int)vlen, value);
			if (depth > 0 && !nesting_ok(stack[depth - 1], stack[depth])) {
				set_cause(cause, _("%s:%d: a %s cannot stand inside a %s"), path,
				          lineno, stack[depth], stack[depth - 1]);
				return -1;
			}
			depth++;
			seen_calendar = 1;
			if (depth == 2 && strcasecmp(stack[1], "VEVENT") == 0) {
				if (L->nevents == L->cap) {
					L->cap = L->cap ? L->cap * 2 : 16;
					L->event_line =
					    xrealloc(L->event_line, L->cap * sizeof(int));
					L->dtstart_line =
					    xrealloc(L->dtstart_line, L->cap * sizeof(int));
					L->end_line = xrealloc(L->end_line, L->cap * sizeof(int));
				}
				L->event_line[L->nevents] = lineno;
				L->dtstart_line[L->nevents] = lineno;
				L->end_line[L->nevents++] = lineno;
			}
		} else if ((size_t)(name_end - line) == 3 && strncasecmp(line, "END", 3) == 0) {
			if (depth == 0 || strlen(stack[depth - 1]) != vlen ||
			    strncasecmp(stack[depth - 1], value, vlen) != 0) {
				set_cause(cause, _("%s:%d: END:%.*s does not close BEGIN:%s"), path,
				          lineno, (int)(vlen > 30 ? 30 : vlen), value,
				          depth ? stack[depth - 1] : "");
				return -1;
			}
			if (depth == 2 && L->nevents > 0 && strcasecmp(stack[1], "VEVENT") == 0)
				L->end_line[L->nevents - 1] = lineno;
			depth--;
			ended = depth == 0;
		} else if (depth == 0) {
			set_cause(cause, _("%s:%d: expected BEGIN:VCALENDAR"), path, lineno);
			return -1;
		} else if ((((size_t)(name_end - line) == 10 &&
		             strncasecmp(line, "TZOFFSETTO", 10) == 0) ||
		            ((size_t)(name_end - line) == 12 &&
		             strncasecmp(line, "TZOFFSETFROM", 12) == 0)) &&
		           !offset_ok(value, vlen)) {
			set_cause(cause,
			          _("%s:%d: '%.*s' is not a UTC offset from -1800 to +1800 "
			            "(hours and minutes)"),
			          path, lineno, (int)(vlen > 30 ? 30 : vlen), value);
			return -1;
		} else if (depth == 2 && L->nevents > 0 && strcasecmp(stack[1], "VEVENT") == 0 &&
		           (size_t)(name_end - line) == 7 && strncasecmp(line, "DTSTART", 7) == 0)
			L->dtstart_line[L->nevents - 1] = lineno;
	}
	if (!seen_calendar || depth != 0) {
		set_cause(cause, _("%s:%d: the file ends before END:VCALENDAR"), path, lineno);
		return -1;
	}
	return 0;
}

/* The line, from first to last, that holds needle; first when none does. libical's messages
 * end with the text they could not parse, which finds the line it came from. */
static int
find_line(const char *data, int first, int last, const char *needle)
{
	const char *p = data;
	int line = 1;

	if (needle == NULL || *needle == '\0')
		return first;
	while (*p && line < first)
		if (*p++ == '\n')
			line++;
	for (; *p && line <= last; line++) {
		const char *e = strchr(p, '\n');
		size_t n = e ? (size_t)(e - p) : strlen(p);

		if (n >= strlen(needle) && memmem(p, n, needle, strlen(needle)) != NULL)
			return line;
		if (e == NULL)
			break;
		p = e + 1;
	}
	return first;
}

/* What an occurrence closes, besides its times: from its event, or from the RANGE=THISANDFUTURE
 * exception that rules it. */
struct shape {
	int all_day, floating;
	int days; /* of an all-day event: how many days each occurrence closes */
	const char *reason;
};

/* An event with a RECURRENCE-ID: it replaces (or, cancelled, removes) one occurrence of the
 * event with its UID, or with RANGE=THISANDFUTURE that one and all after it. */
struct override {
	char *uid;
	time_t start;  /* the replaced occurrence, as libical gives the series' occurrences */
	int future;    /* RANGE=THISANDFUTURE */
	int cancelled; /* STATUS:CANCELLED */
	time_t delta;  /* its DTSTART less its RECURRENCE-ID: later occurrences move by as much */
	time_t length; /* DTEND less DTSTART */
	struct shape shape;
};

struct occurrence_ctx {
	struct db *db;
	db_stmt *insert;
	struct shape shape;       /* of the event being expanded */
	const char *uid, *reason; /* of the closure being stored */
	int64_t venue;
	struct date from, to;
	time_t lo, hi; /* midnight (UTC) of from, and of the day after to */
	long occurrences, added;
	int failed;
	/* The window's days the event being expanded already closes whole (one byte a day from
	 * lo): occurrences that overlap (an event lasting centuries repeats over every day of
	 * the window) store each day once, whatever their number. */
	unsigned char *whole;
	struct override *overrides;
	size_t noverrides;
	/* Of the event being expanded (when it has no RECURRENCE-ID itself): its overrides. */
	const struct override **mine;
	size_t nmine;
};

/* Nonzero when the day at t (midnight UTC) is one the event already closes whole; with mark,
 * record that it does from now on. */
static int
whole_day_seen(struct occurrence_ctx *c, time_t t, int mark)
{
	size_t i;

	if (t < c->lo || t >= c->hi)
		return 0;
	i = (size_t)((t - c->lo) / 86400);
	if (c->whole[i])
		return 1;
	c->whole[i] = (unsigned char)mark;
	return 0;
}

/* A day of the closure at t (midnight UTC), from_time/to_time NULL for the whole day. */
static void
add_closure_day(struct occurrence_ctx *c, time_t t, const char *from_time, const char *to_time)
{
	char date[40];
	struct tm dd, *day = &dd;
	long key;

	gmtime_r(&t, &dd);
	key = (day->tm_year + 1900) * 10000L + (day->tm_mon + 1) * 100L + day->tm_mday;
	if (key < c->from.year * 10000L + c->from.month * 100L + c->from.day ||
	    key > c->to.year * 10000L + c->to.month * 100L + c->to.day)
		return;
	if (from_time == NULL && whole_day_seen(c, t, 1))
		return;
	snprintf(date, sizeof date, "%04d-%02d-%02d", day->tm_year + 1900, day->tm_mon + 1,
	         day->tm_mday);
	db_reset(c->insert);
	if (c->venue > 0)
		db_bind_int64(c->insert, 1, c->venue);
	else
		db_bind_null(c->insert, 1);
	db_bind_text(c->insert, 2, date);
	db_bind_text(c->insert, 3, from_time);
	db_bind_text(c->insert, 4, to_time);
	db_bind_text(c->insert, 5, c->reason);
	db_bind_text(c->insert, 6, c->uid);
	if (db_step(c->insert) != DB_DONE) {
		c->failed = 1;
		return;
	}
	c->occurrences++;
	c->added += db_changes(c->db);
}

/* Midnight of d as seconds since the epoch, counted as UTC (the days of the proleptic
 * Gregorian calendar, without timegm). */
static time_t
date_to_timet(const struct date *d)
{
	long y = d->year - (d->month <= 2), era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400, m = d->month;
	long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d->day - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return (time_t)(era * 146097 + doe - 719468) * 86400;
}

/* The start of the day (UTC) of t, also before 1970. */
static time_t
day_floor(time_t t)
{
	time_t r = t % 86400;

	return r < 0 ? t - r - 86400 : t - r;
}

/* t, or the first day after it that is not before the window: an occurrence that began long
 * before the window (or lasts for centuries) is walked only over the window's days. */
static time_t
window_first(const struct occurrence_ctx *c, time_t t)
{
	if (t < c->lo)
		t += (c->lo - t) / 86400 * 86400;
	return t;
}

/* Store the closure of one occurrence from t0 to t1 (as libical counts: floating and all-day
 * times as if UTC, others as instants) as days of the window. */
static void
add_occurrence(struct occurrence_ctx *c, const struct shape *sh, time_t start, time_t end)
{
	/* All-day and floating times are Tokyo days and times already; others are instants. */
	int shift = sh->all_day || sh->floating ? 0 : 9 * 3600;
	time_t t0 = start + shift, t1 = end + shift;
	struct tm a, b;

	/* The row's reason is that of this occurrence (an exception may rename it). */
	c->reason = sh->reason;
	if (t1 <= t0)
		t1 = t0 + (sh->all_day ? 86400 : 60);
	gmtime_r(&t0, &a);
	gmtime_r(&t1, &b);
	if (sh->all_day) {
		/* The days from DTSTART up to, not including, DTEND (libical's span runs longer).
		 */
		t1 = t0 + (time_t)sh->days * 86400;
		for (time_t t = window_first(c, t0); t < t1 && t < c->hi; t += 86400)
			add_closure_day(c, t, NULL, NULL);
		return;
	}
	for (time_t t = window_first(c, day_floor(t0)); t < t1 && t < c->hi; t += 86400) {
		char f[16], to[16];

		/* A day inside the occurrence, closed whole by an earlier one: nothing to do. */
		if (t > t0 && t + 86400 < t1 && whole_day_seen(c, t, 0))
			continue;
		if (t <= t0)
			snprintf(f, sizeof f, "%02d:%02d", a.tm_hour, a.tm_min);
		else
			snprintf(f, sizeof f, "00:00");
		if (t + 86400 >= t1)
			snprintf(to, sizeof to, "%02d:%02d", b.tm_hour, b.tm_min);
		else
			snprintf(to, sizeof to, "24:00");
		if (strcmp(to, "00:00") == 0)
			snprintf(to, sizeof to, "24:00");
		if (strcmp(f, "00:00") == 0 && strcmp(to, "24:00") == 0)
			add_closure_day(c, t, NULL, NULL);
		else
			add_closure_day(c, t, f, to);
	}
}

static void
on_occurrence(icalcomponent *comp, struct icaltime_span *span, void *data)
{
	struct occurrence_ctx *c = data;
	const struct override *rule = NULL;

	(void)comp;
	/* An exception for this very occurrence replaces it (the exception's own event is
	 * expanded by itself); otherwise the latest RANGE=THISANDFUTURE exception at or before it
	 * moves and reshapes it, or cancels it. */
	for (size_t i = 0; i < c->nmine; i++) {
		const struct override *o = c->mine[i];

		if (o->start == span->start)
			return;
		if (o->future && o->start < span->start && (rule == NULL || o->start > rule->start))
			rule = o;
	}
	if (rule == NULL) {
		add_occurrence(c, &c->shape, span->start, span->end);
		return;
	}
	if (!rule->cancelled)
		add_occurrence(c, &rule->shape, span->start + rule->delta,
		               span->start + rule->delta + rule->length);
}

static int
override_cmp(const void *a, const void *b)
{
	return strcmp(((const struct override *)a)->uid, ((const struct override *)b)->uid);
}

/* The index of the first of the (sorted) overrides with uid, or c->noverrides: a file of many
 * series and exceptions is not read once for every series. */
static size_t
first_override(const struct occurrence_ctx *c, const char *uid)
{
	size_t lo = 0, hi = c->noverrides;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(c->overrides[mid].uid, uid) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The time zone of the date-time property p: its TZID's, from the file's VTIMEZONEs or
 * libical's own list; UTC for a time ending in Z; NULL for a floating time (libical counts
 * those as UTC, as it does the occurrences it expands). *unknown is set for a TZID neither
 * knows. */
static icaltimezone *
property_zone(icalcomponent *cal, icalproperty *p, struct icaltimetype t, int *unknown)
{
	icalparameter *tzp = ical.icalproperty_get_first_parameter(p, ICAL_TZID_PARAMETER);
	const char *tzid = tzp ? ical.icalparameter_get_tzid(tzp) : NULL;
	icaltimezone *z;

	*unknown = 0;
	if (tzid == NULL)
		return ical.icaltime_is_utc(t) ? ical.icaltimezone_get_utc_timezone() : NULL;
	if ((z = ical.icalcomponent_get_timezone(cal, tzid)) == NULL &&
	    (z = ical.icaltimezone_get_builtin_timezone(tzid)) == NULL)
		*unknown = 1;
	return z;
}

/* The instant of t in zone z, counted as libical counts an occurrence's start. */
static time_t
instant(struct icaltimetype t, const icaltimezone *z)
{
	return ical.icaltime_as_timet_with_zone(t, z ? z : ical.icaltimezone_get_utc_timezone());
}

/* The shape of the closures event ev makes, its DTSTART at dt (with the property dtp). */
static void
event_shape(icalcomponent *ev, icalproperty *dtp, struct icaltimetype dt, struct shape *sh)
{
	sh->all_day = dt.is_date;
	sh->days = 1;
	if (dt.is_date) {
		struct icaltimetype end = ical.icalcomponent_get_dtend(ev);

		if (!ical.icaltime_is_null_time(end) && end.is_date) {
			time_t span = ical.icaltime_as_timet(end) - ical.icaltime_as_timet(dt);

			if (span >= 2 * 86400)
				sh->days = (int)(span / 86400);
		}
	}
	sh->floating = !dt.is_date && !ical.icaltime_is_utc(dt) &&
	               (dtp == NULL ||
	                ical.icalproperty_get_first_parameter(dtp, ICAL_TZID_PARAMETER) == NULL);
	sh->reason = ical.icalcomponent_get_summary(ev);
	if (sh->reason == NULL)
		sh->reason = "";
}

/* The first X-LIC-ERROR anywhere in comp (libical's note of what it could not parse). */
static const char *
first_parse_error(icalcomponent *comp)
{
	icalproperty *p = ical.icalcomponent_get_first_property(comp, ICAL_XLICERROR_PROPERTY);
	icalcomponent *sub;

	if (p != NULL)
		return ical.icalproperty_get_xlicerror(p);
	for (sub = ical.icalcomponent_get_first_component(comp, ICAL_ANY_COMPONENT); sub != NULL;
	     sub = ical.icalcomponent_get_next_component(comp, ICAL_ANY_COMPONENT)) {
		const char *e = first_parse_error(sub);

		if (e != NULL)
			return e;
	}
	return NULL;
}

/* What a closure calendar cannot mean in the event ev starting at dt: events ending before
 * they start, repetition more often than daily (a few lines of RRULE:FREQ=SECONDLY would run for
 * hours), over-long summaries. NULL, or the fault in words with *prop the property it is on. */
static const char *
event_fault(icalcomponent *ev, struct icaltimetype dt, const char **prop)
{
	struct icaltimetype dtend = ical.icalcomponent_get_dtend(ev);
	icalproperty *rr = ical.icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
	const char *summary = ical.icalcomponent_get_summary(ev);
	icalproperty *dur = ical.icalcomponent_get_first_property(ev, ICAL_DURATION_PROPERTY);

	if (ical.icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY) != NULL &&
	    ical.icaltime_compare(dtend, dt) < 0) {
		*prop = "DTEND";
		return _("the event ends before it starts");
	}
	for (; rr != NULL; rr = ical.icalcomponent_get_next_property(ev, ICAL_RRULE_PROPERTY)) {
		struct icalrecurrencetype r = ical.icalproperty_get_rrule(rr);

		if (r.freq < ICAL_DAILY_RECURRENCE || r.by_hour[0] != ICAL_RECURRENCE_ARRAY_MAX ||
		    r.by_minute[0] != ICAL_RECURRENCE_ARRAY_MAX ||
		    r.by_second[0] != ICAL_RECURRENCE_ARRAY_MAX) {
			*prop = "RRULE";
			return _("a closure repeats daily at most (no FREQ=HOURLY, MINUTELY or "
			         "SECONDLY, no BYHOUR, BYMINUTE or BYSECOND)");
		}
	}
	if (summary != NULL && (text_chars(summary) > 200 || text_has_control(summary, NULL))) {
		*prop = "SUMMARY";
		return _("the summary is longer than 200 characters or holds control characters");
	}
	if (dur != NULL && ical.icalproperty_get_duration(dur).is_neg &&
	    !ical.icaldurationtype_is_null_duration(ical.icalproperty_get_duration(dur))) {
		*prop = "DURATION";
		return _("a negative DURATION (the event would end before it starts)");
	}
	return NULL;
}

/* Notes in c the occurrence that the event ev starting at dt replaces (its RECURRENCE-ID ridp):
 * 0, or -1 when ridp is no date or time in a known time zone. */
static int
note_override(struct occurrence_ctx *c, icalcomponent *cal, icalcomponent *ev, icalproperty *ridp,
              struct icaltimetype dt)
{
	struct icaltimetype rid = ical.icalproperty_get_recurrenceid(ridp);
	icalproperty *dtp = ical.icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
	icalparameter *range = ical.icalproperty_get_first_parameter(ridp, ICAL_RANGE_PARAMETER);
	struct icaltimetype end_t = ical.icalcomponent_get_dtend(ev);
	int unknown;
	icaltimezone *z = property_zone(cal, ridp, rid, &unknown);
	struct override *o;

	if (unknown || ical.icaltime_is_null_time(rid))
		return -1;
	c->overrides = xrealloc(c->overrides, (c->noverrides + 1) * sizeof *c->overrides);
	o = &c->overrides[c->noverrides++];
	memset(o, 0, sizeof *o);
	o->uid = xstrdup(ical.icalcomponent_get_uid(ev));
	o->start = instant(rid, z);
	o->future =
	    range != NULL && ical.icalparameter_get_range(range) == ICAL_RANGE_THISANDFUTURE;
	o->cancelled = ical.icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED;
	/* libical gives dt and end_t their zones from their TZIDs. */
	o->delta = instant(dt, dt.zone) - o->start;
	o->length = ical.icaltime_is_null_time(end_t)
	                ? 0
	                : instant(end_t, end_t.zone) - instant(dt, dt.zone);
	event_shape(ev, dtp, dt, &o->shape);
	return 0;
}

/* Refuse what a closure calendar cannot mean before anything is written: parse errors anywhere,
 * the faults event_fault finds in an event. Also note the occurrences that RECURRENCE-ID events
 * replace. */
static int
validate_events(const char *path, const char *data, icalcomponent *cal, const struct ics_lines *L,
                struct occurrence_ctx *c, char **cause)
{
	const char *err = first_parse_error(cal);
	icalcomponent *ev;
	size_t idx = 0;

	if (err != NULL) {
		const char *tail = strrchr(err, ':');

		set_cause(cause, "%s:%d: %s", path,
		          find_line(data, 1, 1 << 30, tail ? tail + 1 + (tail[1] == ' ') : NULL),
		          err);
		return -1;
	}
	for (ev = ical.icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev != NULL;
	     ev = ical.icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT), idx++) {
		int line = idx < L->nevents ? L->event_line[idx] : 0;
		int end = idx < L->nevents ? L->end_line[idx] : line;
		struct icaltimetype dt = ical.icalcomponent_get_dtstart(ev);
		const char *fault, *prop;

		if (ical.icaltime_is_null_time(dt) || !ical.icaltime_is_valid_time(dt))
			continue; /* reported with its line where the events are read */
		fault = event_fault(ev, dt, &prop);
		if (fault != NULL) {
			set_cause(cause, "%s:%d: %s", path, find_line(data, line, end, prop),
			          fault);
			return -1;
		}
		icalproperty *ridp =
		    ical.icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY);

		if (ridp != NULL && ical.icalcomponent_get_uid(ev) != NULL &&
		    note_override(c, cal, ev, ridp, dt) != 0) {
			set_cause(cause,
			          _("%s:%d: the RECURRENCE-ID is not a date or time in "
			            "a known time zone"),
			          path, find_line(data, line, end, "RECURRENCE-ID"));
			return -1;
		}
	}
	return 0;
}

/* The whole file, NUL-terminated, with its length in *len; or NULL with *cause. Lines are
 * counted as the file is read, so that an over-long one is refused with its number before the
 * rest of the file is read or anything is parsed. */
static char *
read_all(const char *path, size_t *len, char **cause)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : file_open_regular(path, cause);
	char *buf = NULL;
	size_t n = 0, cap = 0, got, line_start = 0;
	int lineno = 1;

	if (f == NULL)
		return NULL;
	do {
		if (n + 65536 + 1 > cap) {
			cap = (n + 65536 + 1) * 2;
			buf = xrealloc(buf, cap);
		}
		got = fread(buf + n, 1, 65536, f);
		for (const char *p = buf + n, *end = buf + n + got;
		     (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++) {
			if ((size_t)(p - buf) - line_start > ICS_MAX_LINE)
				break;
			line_start = (size_t)(p - buf) + 1;
			lineno++;
		}
		n += got;
		if (n - line_start > ICS_MAX_LINE) {
			set_cause(cause,
			          _("%s:%d: a line longer than %d bytes (iCalendar folds its "
			            "lines at 75)"),
			          path, lineno, ICS_MAX_LINE);
			goto fail;
		}
		if (n > (size_t)ICS_MAX_BYTES) {
			set_cause(cause, _("%s: larger than %ld MB"), path, ICS_MAX_BYTES >> 20);
			goto fail;
		}
	} while (got > 0);
	if (ferror(f)) {
		set_cause(cause, _("%s: cannot read: %s"), path, strerror(errno));
		goto fail;
	}
	if (memchr(buf, '\0', n) != NULL) {
		set_cause(cause, _("%s: contains a NUL byte; not an iCalendar file"), path);
		goto fail;
	}
	if (f != stdin)
		fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
fail:
	if (f != stdin)
		fclose(f);
	free(buf);
	return NULL;
}

int
ical_import_closures(struct db *db, const char *path, const char *venue_code,
                     const struct date *from, const struct date *to, const char *actor,
                     struct ical_import_report *rep, char **cause)
{
	struct ics_lines L = {0};
	struct occurrence_ctx c;
	icalcomponent *cal = NULL, *ev;
	size_t len, idx = 0;
	char *data;
	int rc = -1;

	memset(&c, 0, sizeof c);
	memset(rep, 0, sizeof *rep);
	if (ical_lib_load(cause) != 0)
		return -1;
	c.db = db;
	c.from = *from;
	c.to = *to;
	c.lo = date_to_timet(from);
	c.hi = date_to_timet(to) + 86400;
	if (venue_code != NULL) {
		c.venue =
		    db_count_text(db, "SELECT coalesce(max(id), 0) FROM venues WHERE code = ?1",
		                  venue_code, cause);
		if (c.venue <= 0) {
			if (c.venue == 0)
				set_cause(cause, _("no %s with code '%s'"), _("venue"), venue_code);
			return -1;
		}
	}
	if ((data = read_all(path, &len, cause)) == NULL)
		return -1;
	if (scan_ics(path, data, len, &L, cause) != 0)
		goto out;
	cal = ical.icalparser_parse_string(data);
	if (cal == NULL || ical.icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
		set_cause(cause, _("%s: not an iCalendar file"), path);
		goto out;
	}
	if (validate_events(path, data, cal, &L, &c, cause) != 0)
		goto out;
	c.whole = xcalloc(c.hi > c.lo ? (size_t)((c.hi - c.lo) / 86400) : 1, 1);
	c.mine = xcalloc(c.noverrides ? c.noverrides : 1, sizeof *c.mine);
	if (c.noverrides > 1)
		qsort(c.overrides, c.noverrides, sizeof *c.overrides, override_cmp);
	if (db_begin(db, cause) != 0)
		goto out;
	/* Closing a venue's slots is a change at that venue (every venue's, with no venue). */
	if (staff_may_write_venue(db, actor, c.venue, cause) != 0) {
		db_rollback(db);
		goto out;
	}
	c.insert =
	    db_prepare(db,
	               "INSERT INTO closures (venue_id, date, from_time, to_time, reason, uid)"
	               " VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING",
	               cause);
	if (c.insert == NULL) {
		db_rollback(db);
		goto out;
	}
	struct icaltimetype w0 = ical.icaltime_null_time(), w1 = ical.icaltime_null_time();

	/* The window, widened by a day each side for time zones; days outside are dropped. */
	w0.year = from->year, w0.month = from->month, w0.day = from->day;
	w1.year = to->year, w1.month = to->month, w1.day = to->day;
	ical.icaltime_adjust(&w0, -1, 0, 0, 0);
	ical.icaltime_adjust(&w1, 2, 0, 0, 0);
	w0.zone = w1.zone = ical.icaltimezone_get_utc_timezone();
	for (ev = ical.icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev != NULL;
	     ev = ical.icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT), idx++) {
		int line = idx < L.nevents ? L.event_line[idx] : 0;
		int dtline = idx < L.nevents ? L.dtstart_line[idx] : 0;
		icalproperty *err =
		    ical.icalcomponent_get_first_property(ev, ICAL_XLICERROR_PROPERTY);
		icalproperty *dtp =
		    ical.icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
		struct icaltimetype dt = ical.icalcomponent_get_dtstart(ev);
		char *uid;

		rep->events++;
		if (err != NULL) {
			const char *msg = ical.icalproperty_get_xlicerror(err);
			const char *tail = msg ? strrchr(msg, ':') : NULL;
			int end = idx < L.nevents ? L.end_line[idx] : line;

			set_cause(
			    cause, "%s:%d: %s", path,
			    find_line(data, line, end, tail ? tail + 1 + (tail[1] == ' ') : NULL),
			    msg ? msg : "");
			goto rollback;
		}
		if (dtp == NULL || ical.icaltime_is_null_time(dt) ||
		    !ical.icaltime_is_valid_time(dt)) {
			set_cause(cause, _("%s:%d: the event has no valid DTSTART"), path, dtline);
			goto rollback;
		}
		icalparameter *tzp =
		    ical.icalproperty_get_first_parameter(dtp, ICAL_TZID_PARAMETER);

		if (tzp != NULL && dt.zone == NULL) {
			/* libical knows the zone from the file's VTIMEZONE or its own list. */
			const char *tzid = ical.icalparameter_get_tzid(tzp);
			icaltimezone *z =
			    tzid ? ical.icaltimezone_get_builtin_timezone(tzid) : NULL;

			if (z == NULL) {
				set_cause(cause, _("%s:%d: unknown time zone '%s'"), path, dtline,
				          tzid ? tzid : "");
				goto rollback;
			}
		}
		if (ical.icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED)
			continue;
		event_shape(ev, dtp, dt, &c.shape);
		/* Without a UID, the event's summary and start stand in for one, stably. */
		if (ical.icalcomponent_get_uid(ev) != NULL && *ical.icalcomponent_get_uid(ev))
			uid = xstrdup(ical.icalcomponent_get_uid(ev));
		else
			uid = xasprintf("%s/%s", ical.icaltime_as_ical_string(dt), c.shape.reason);
		c.uid = uid; /* the summary was checked by validate_events */
		/* A series meets its exceptions; an exception is one occurrence of its own. */
		c.nmine = 0;
		if (ical.icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY) == NULL)
			for (size_t i = first_override(&c, uid);
			     i < c.noverrides && strcmp(c.overrides[i].uid, uid) == 0; i++)
				c.mine[c.nmine++] = &c.overrides[i];
		memset(c.whole, 0, c.hi > c.lo ? (size_t)((c.hi - c.lo) / 86400) : 1);
		ical.icalcomponent_foreach_recurrence(ev, w0, w1, on_occurrence, &c);
		free(uid);
		if (c.failed) {
			db_cause(db, cause, _("cannot store a closure"));
			goto rollback;
		}
	}
	rep->occurrences = c.occurrences;
	rep->added = c.added;
	db_finalize(c.insert);
	c.insert = NULL;
	char *detail = xasprintf("%s: %ld events, %ld days, %ld new", path, rep->events,
	                         rep->occurrences, rep->added);

	rc = db_audit(db, actor, "import", "closures", 0, detail, cause);
	free(detail);
	if (rc == 0 && db_commit(db, cause) == 0)
		goto out;
rollback:
	rc = -1;
	db_finalize(c.insert);
	db_rollback(db);
	memset(rep, 0, sizeof *rep);
out:
	free(c.whole);
	free(c.mine);
	if (cal != NULL)
		ical.icalcomponent_free(cal);
	free(data);
	free(L.event_line);
	free(L.dtstart_line);
	free(L.end_line);
	for (size_t i = 0; i < c.noverrides; i++)
		free(c.overrides[i].uid);
	free(c.overrides);
	return rc;
}
