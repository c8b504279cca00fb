/* models/formats/ical.c: events are built with libical and written one at a time, so memory stays
 * flat however many there are; libical folds lines at 75 octets on UTF-8 boundaries and writes
 * CRLF. */
#include "config.h"
#include "models/formats/ical.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libical/ical.h>

#include "models/core/i18n.h"
#include "models/core/schema.h"
#include "models/reports/report.h"
#include "models/core/text.h"
#include "models/core/util.h"

#define PRODID "-//sumaho//sumaho " PACKAGE_VERSION "//JA"

/* Japan has kept +09:00 without daylight saving time since 1951, so one STANDARD rule is the
 * whole story; libical's built-in zone (TZID with a prefix, history back to 1888) is what the
 * independent readers choke on. */
static icalcomponent *
tokyo_vtimezone(void)
{
	return icalcomponent_vanew(
	    ICAL_VTIMEZONE_COMPONENT, icalproperty_new_tzid(ICAL_TZID),
	    icalcomponent_vanew(
	        ICAL_XSTANDARD_COMPONENT, icalproperty_new_tzoffsetfrom(9 * 3600),
	        icalproperty_new_tzoffsetto(9 * 3600), icalproperty_new_tzname("JST"),
	        icalproperty_new_dtstart(icaltime_from_string("19700101T000000")), (void *)0),
	    (void *)0);
}

/* A local Asia/Tokyo time from 'YYYY-MM-DD' and 'HH:MM', moved by minutes. */
static struct icaltimetype
local_time(const char *date, const char *hhmm, int minutes)
{
	struct icaltimetype t = icaltime_null_time();

	if (sscanf(date, "%4d-%2d-%2d", &t.year, &t.month, &t.day) != 3 ||
	    sscanf(hhmm, "%2d:%2d", &t.hour, &t.minute) != 2)
		return icaltime_null_time();
	t.is_date = 0;
	icaltime_adjust(&t, 0, 0, minutes, 0);
	return t;
}

static icalproperty *
with_tzid(icalproperty *p)
{
	icalproperty_add_parameter(p, icalparameter_new_tzid(ICAL_TZID));
	return p;
}

/* A UTC time from the database's 'YYYY-MM-DDTHH:MM:SSZ'; now when it is not one. */
static struct icaltimetype
utc_stamp(const char *s)
{
	struct icaltimetype t = icaltime_null_time();

	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &t.year, &t.month, &t.day, &t.hour, &t.minute,
	           &t.second) != 6)
		return icaltime_current_time_with_zone(icaltimezone_get_utc_timezone());
	t.is_date = 0;
	t.zone = icaltimezone_get_utc_timezone();
	return t;
}

static int
emit(FILE *out, icalcomponent *c)
{
	char *s = icalcomponent_as_ical_string_r(c);
	int rc = fputs(s, out) == EOF ? -1 : 0;

	icalmemory_free_buffer(s);
	return rc;
}

/* The calendar's opening: everything of a serialised VCALENDAR but its END line. */
static int
emit_header(FILE *out, const char *name)
{
	icalcomponent *cal = icalcomponent_vanew(
	    ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
	    icalproperty_new_prodid(PRODID), icalproperty_new_method(ICAL_METHOD_PUBLISH),
	    icalproperty_new_calscale("GREGORIAN"), (void *)0);
	icalproperty *p = icalproperty_new_x(name);
	char *s;
	size_t len;
	int rc;

	icalproperty_set_x_name(p, "X-WR-CALNAME");
	icalcomponent_add_property(cal, p);
	p = icalproperty_new_x(ICAL_TZID);
	icalproperty_set_x_name(p, "X-WR-TIMEZONE");
	icalcomponent_add_property(cal, p);
	icalcomponent_add_component(cal, tokyo_vtimezone());
	s = icalcomponent_as_ical_string_r(cal);
	len = strlen(s);
	if (len >= 15 && strcmp(s + len - 15, "END:VCALENDAR\r\n") == 0)
		s[len - 15] = '\0';
	rc = fputs(s, out) == EOF ? -1 : 0;
	icalmemory_free_buffer(s);
	icalcomponent_free(cal);
	return rc;
}

static const char *
level_name(const char *level)
{
	static const struct {
		const char *code, *name;
	} levels[] = {{"trial", N_("Trial class")},
	              {"intro", N_("Introduction")},
	              {"one-point", N_("One-point lesson")},
	              {"advanced", N_("Advanced")}};

	for (size_t i = 0; i < sizeof levels / sizeof levels[0]; i++)
		if (strcmp(levels[i].code, level) == 0)
			return _(levels[i].name);
	return level;
}

static char *
location(const char *venue, const char *address)
{
	/* TRANSLATORS: venue name, address. */
	return *address ? xasprintf(_("%1$s, %2$s"), venue, address) : xstrdup(venue);
}

/* Columns of the session query, in order. */
enum {
	S_CODE,
	S_DATE,
	S_START,
	S_MINUTES,
	S_STATUS,
	S_SEQUENCE,
	S_UPDATED,
	S_TITLE,
	S_DESCRIPTION,
	S_LEVEL,
	S_VENUE,
	S_ADDRESS,
	S_SEATS
};

static const char session_sql[] =
    "SELECT s.code, s.date, s.start, s.duration_min, s.status, s.sequence, s.updated_at,"
    " " SQL_CLASS_TITLE ", c.description, c.level, v.name, v.address, s.seats"
    " FROM sessions s JOIN offerings o ON o.id = s.offering_id"
    " JOIN courses c ON c.id = o.course_id JOIN venues v ON v.id = o.venue_id"
    " WHERE (?1 IS NULL OR v.code = ?1) AND (?2 IS NULL OR c.code = ?2)"
    " AND (?3 IS NULL OR o.code = ?3) AND (?4 IS NULL OR s.code = ?4)"
    " AND (?5 IS NULL OR s.date >= ?5) AND (?6 IS NULL OR s.date <= ?6)"
    " AND (?7 IS NULL OR EXISTS (SELECT 1 FROM applications a JOIN people p"
    "  ON p.id = a.person_id WHERE p.code = ?7 AND a.status = 'won' AND a.offering_id = o.id"
    "  AND (a.session_id = s.id OR a.session_id IS NULL)))"
    " ORDER BY s.date, s.start, s.id";

/* One session by its code, with session_sql's columns; it reads nothing of anyone's, so that
 * the kiosk (whose connection refuses personal columns) can show the code. */
static const char compact_sql[] =
    "SELECT s.code, s.date, s.start, s.duration_min, s.status, s.sequence, s.updated_at,"
    " " SQL_CLASS_TITLE ", c.description, c.level, v.name, v.address, s.seats"
    " FROM sessions s JOIN offerings o ON o.id = s.offering_id"
    " JOIN courses c ON c.id = o.course_id JOIN venues v ON v.id = o.venue_id"
    " WHERE s.code = ?1";

static icalcomponent *
session_event(sqlite3_stmt *st, const struct ical_config *cfg, const struct ical_filter *f)
{
	const char *date = db_column_text(st, S_DATE), *start = db_column_text(st, S_START);
	int minutes = sqlite3_column_int(st, S_MINUTES);

	(void)f; /* the same signature as booking_event: emit_rows makes either */
	int cancelled = strcmp(db_column_text(st, S_STATUS), "cancelled") == 0;
	char *uid = xasprintf("session-%s@%s", db_column_text(st, S_CODE), cfg->domain);
	char *where = location(db_column_text(st, S_VENUE), db_column_text(st, S_ADDRESS));
	char *seats = xasprintf(_("Seats: %d"), sqlite3_column_int(st, S_SEATS));
	const char *desc = db_column_text(st, S_DESCRIPTION);
	char *description = *desc ? xasprintf("%s\n%s", desc, seats) : xstrdup(seats);
	struct icaltimetype stamp = utc_stamp(db_column_text(st, S_UPDATED));
	icalcomponent *ev = icalcomponent_vanew(
	    ICAL_VEVENT_COMPONENT, icalproperty_new_uid(uid), icalproperty_new_dtstamp(stamp),
	    icalproperty_new_lastmodified(stamp),
	    icalproperty_new_sequence(sqlite3_column_int(st, S_SEQUENCE)),
	    with_tzid(icalproperty_new_dtstart(local_time(date, start, 0))),
	    with_tzid(icalproperty_new_dtend(local_time(date, start, minutes))),
	    icalproperty_new_summary(db_column_text(st, S_TITLE)), icalproperty_new_location(where),
	    icalproperty_new_description(description),
	    icalproperty_new_categories(_("Smartphone class")),
	    icalproperty_new_categories(level_name(db_column_text(st, S_LEVEL))),
	    icalproperty_new_status(cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED),
	    (void *)0);

	if (cfg->application_url != NULL)
		icalcomponent_add_property(ev, icalproperty_new_url(cfg->application_url));
	free(uid);
	free(where);
	free(seats);
	free(description);
	return ev;
}

enum {
	B_DATE,
	B_START,
	B_MINUTES,
	B_STATUS,
	B_TOPIC,
	B_VENUE,
	B_ADDRESS,
	B_VCODE,
	B_NAME,
	B_PCODE,
	B_SEQUENCE,
	B_UPDATED
};

/* The latest booking of each slot by each person: a slot cancelled and booked again by the same
 * person is one event. */
static const char booking_sql[] =
    "SELECT c.date, c.start, c.duration_min, b.status, b.topic, v.name, v.address, v.code,"
    " p.name, ifnull(p.code, 'id' || p.id), b.sequence, b.updated_at"
    " FROM bookings b JOIN consultation_slots c ON c.id = b.slot_id"
    " JOIN venues v ON v.id = c.venue_id JOIN people p ON p.id = b.person_id"
    " WHERE b.id IN (SELECT max(id) FROM bookings GROUP BY slot_id, person_id)"
    " AND (?1 IS NULL OR v.code = ?1) AND (?5 IS NULL OR c.date >= ?5)"
    " AND (?6 IS NULL OR c.date <= ?6) AND (?7 IS NULL OR p.code = ?7)"
    " ORDER BY c.date, c.start, v.code";

static icalcomponent *
booking_event(sqlite3_stmt *st, const struct ical_config *cfg, const struct ical_filter *f)
{
	/* The staff's file names the resident; a resident's own file does not need to. */
	int with_name = f->person == NULL;
	const char *date = db_column_text(st, B_DATE), *start = db_column_text(st, B_START);
	char hhmm[8];
	char *uid, *summary, *where, *description;
	struct icaltimetype stamp = utc_stamp(db_column_text(st, B_UPDATED));
	icalcomponent *ev;

	snprintf(hhmm, sizeof hhmm, "%.2s%.2s", start, start + (strlen(start) > 3 ? 3 : 0));
	uid = xasprintf("consultation-%s-%s-%s-%s@%s", db_column_text(st, B_VCODE), date, hhmm,
	                db_column_text(st, B_PCODE), cfg->domain);
	summary = with_name
	              ? xasprintf(_("Smartphone consultation: %s"), db_column_text(st, B_NAME))
	              : xstrdup(_("Smartphone consultation"));
	where = location(db_column_text(st, B_VENUE), db_column_text(st, B_ADDRESS));
	description = xasprintf(_("Topic: %s"), report_topic_name(db_column_text(st, B_TOPIC)));
	ev = icalcomponent_vanew(
	    ICAL_VEVENT_COMPONENT, icalproperty_new_uid(uid), icalproperty_new_dtstamp(stamp),
	    icalproperty_new_lastmodified(stamp),
	    icalproperty_new_sequence(sqlite3_column_int(st, B_SEQUENCE)),
	    with_tzid(icalproperty_new_dtstart(local_time(date, start, 0))),
	    with_tzid(
	        icalproperty_new_dtend(local_time(date, start, sqlite3_column_int(st, B_MINUTES)))),
	    icalproperty_new_summary(summary), icalproperty_new_location(where),
	    icalproperty_new_description(description),
	    icalproperty_new_categories(_("Smartphone consultation")),
	    icalproperty_new_status(strcmp(db_column_text(st, B_STATUS), "cancelled") == 0
	                                ? ICAL_STATUS_CANCELLED
	                                : ICAL_STATUS_CONFIRMED),
	    (void *)0);
	free(uid);
	free(summary);
	free(where);
	free(description);
	return ev;
}

static void
bind_filter(sqlite3_stmt *st, const struct ical_filter *f)
{
	db_bind_text(st, 1, f->venue);
	db_bind_text(st, 2, f->course);
	db_bind_text(st, 3, f->offering);
	db_bind_text(st, 4, f->session);
	db_bind_text(st, 5, f->from);
	db_bind_text(st, 6, f->to);
	db_bind_text(st, 7, f->person);
}

/* Check that each code of the filter names a record, so a typo is an error, not an empty file. */
static int
check_codes(struct db *db, const struct ical_filter *f, char **cause)
{
	static const struct {
		size_t offset;
		const char *sql, *what;
	} refs[] = {
	    {offsetof(struct ical_filter, venue), "SELECT count(*) FROM venues WHERE code = ?1",
	     N_("venue")},
	    {offsetof(struct ical_filter, course), "SELECT count(*) FROM courses WHERE code = ?1",
	     N_("course")},
	    {offsetof(struct ical_filter, offering),
	     "SELECT count(*) FROM offerings WHERE code = ?1", N_("offering")},
	    {offsetof(struct ical_filter, session), "SELECT count(*) FROM sessions WHERE code = ?1",
	     N_("session")},
	    {offsetof(struct ical_filter, person), "SELECT count(*) FROM people WHERE code = ?1",
	     N_("person")},
	};

	for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
		const char *code = *(const char *const *)((const char *)f + refs[i].offset);

		if (code != NULL && db_count_text(db, refs[i].sql, code, cause) == 0) {
			set_cause(cause, _("no %s with code '%s'"), _(refs[i].what), code);
			return -1;
		}
	}
	return 0;
}

/* Write one event per row of st (bound to f, finalized here) made by make. Returns the number
 * written, or -1 with *cause (a database error) or *write_failed set (errno tells why). */
static long
emit_rows(struct db *db, sqlite3_stmt *st, const struct ical_filter *f,
          const struct ical_config *cfg,
          icalcomponent *(*make)(sqlite3_stmt *, const struct ical_config *,
                                 const struct ical_filter *),
          FILE *out, int *write_failed, char **cause)
{
	long n = 0;
	int rc;

	bind_filter(st, f);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		icalcomponent *ev = make(st, cfg, f);
		int wrc = emit(out, ev);

		icalcomponent_free(ev);
		if (wrc != 0) {
			*write_failed = 1;
			sqlite3_finalize(st);
			return -1;
		}
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_cause(db, cause, _("database error"));
		return -1;
	}
	return n;
}

long
ical_export(struct db *db, const struct ical_filter *f, const struct ical_config *cfg, FILE *out,
            char **cause)
{
	sqlite3_stmt *st;
	long n = 0, k;
	int werr = 0;

	if (check_codes(db, f, cause) != 0)
		return -1;
	if (emit_header(out, _("Smartphone classes")) != 0)
		goto write_error;
	/* Reading in one transaction gives one consistent picture while others write. */
	if (db_exec(db, "BEGIN", cause) != 0)
		return -1;
	st = db_prepare(db, session_sql, cause);
	if (st == NULL || (k = emit_rows(db, st, f, cfg, session_event, out, &werr, cause)) < 0)
		goto fail;
	n += k;
	/* Consultations are personal: only for the staff, or for the person themselves. */
	if ((f->staff || f->person != NULL) && f->course == NULL && f->offering == NULL &&
	    f->session == NULL) {
		st = db_prepare(db, booking_sql, cause);
		if (st == NULL ||
		    (k = emit_rows(db, st, f, cfg, booking_event, out, &werr, cause)) < 0)
			goto fail;
		n += k;
	}
	db_exec(db, "COMMIT", NULL);
	if (fputs("END:VCALENDAR\r\n", out) == EOF || fflush(out) != 0)
		goto write_error;
	return n;
fail:
	db_exec(db, "ROLLBACK", NULL);
	if (!werr)
		return -1;
write_error:
	set_cause(cause, _("cannot write the calendar: %s"), strerror(errno));
	return -1;
}

char *
ical_compact_event(struct db *db, const char *session_code, char **cause)
{
	return ical_compact_event_ex(db, session_code, 0, cause);
}

char *
ical_compact_event_ex(struct db *db, const char *session_code, int brief, char **cause)
{
	sqlite3_stmt *st = db_prepare(db, compact_sql, cause);
	char *out = NULL;

	if (st == NULL)
		return NULL;
	db_bind_text(st, 1, session_code);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *date = db_column_text(st, S_DATE), *start = db_column_text(st, S_START);
		struct icaltimetype t0 = local_time(date, start, -9 * 60),
		                    t1 = local_time(date, start,
		                                    sqlite3_column_int(st, S_MINUTES) - 9 * 60);
		icalcomponent *ev;
		char *s;

		/* UTC (Japan is +09:00 all year), the fewest properties a phone needs. */
		t0.zone = t1.zone = icaltimezone_get_utc_timezone();
		ev = icalcomponent_vanew(
		    ICAL_VEVENT_COMPONENT, icalproperty_new_summary(db_column_text(st, S_TITLE)),
		    icalproperty_new_dtstart(t0), icalproperty_new_dtend(t1), (void *)0);
		if (!brief)
			icalcomponent_add_property(
			    ev, icalproperty_new_location(db_column_text(st, S_VENUE)));
		s = icalcomponent_as_ical_string_r(ev);
		out = xstrdup(s);
		icalmemory_free_buffer(s);
		icalcomponent_free(ev);
	} else
		set_cause(cause, _("no %s with code '%s'"), _("session"), session_code);
	sqlite3_finalize(st);
	return out;
}

/* ---- Import of closure calendars ------------------------------------------------------- */

#define ICS_MAX_BYTES (16L * 1024 * 1024)

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

/* Check the file's shape line by line: UTF-8, content lines 'NAME[;PARAMS]:VALUE', BEGIN and
 * END paired, one VCALENDAR. libical's parser does not say where a problem is; this does. */
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
			snprintf(stack[depth++], sizeof stack[0], "%.*s", (int)vlen, value);
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

struct occurrence_ctx {
	struct db *db;
	sqlite3_stmt *insert;
	int all_day, floating;
	int days; /* of an all-day event: how many days each occurrence closes */
	const char *uid, *reason;
	int64_t venue;
	struct date from, to;
	time_t lo, hi; /* midnight (UTC) of from, and of the day after to */
	long occurrences, added;
	int failed;
	/* Occurrences that a VEVENT with a RECURRENCE-ID replaces (or cancels): not closures of
	 * their master event. */
	struct override {
		char *uid;
		time_t start;
	} * overrides;
	size_t noverrides;
	int master; /* the event being expanded has no RECURRENCE-ID */
};

/* A day of the closure, from_time/to_time NULL for the whole day. */
static void
add_closure_day(struct occurrence_ctx *c, const struct tm *day, const char *from_time,
                const char *to_time)
{
	char date[40];
	long key = (day->tm_year + 1900) * 10000L + (day->tm_mon + 1) * 100L + day->tm_mday;

	if (key < c->from.year * 10000L + c->from.month * 100L + c->from.day ||
	    key > c->to.year * 10000L + c->to.month * 100L + c->to.day)
		return;
	snprintf(date, sizeof date, "%04d-%02d-%02d", day->tm_year + 1900, day->tm_mon + 1,
	         day->tm_mday);
	sqlite3_reset(c->insert);
	if (c->venue > 0)
		sqlite3_bind_int64(c->insert, 1, c->venue);
	else
		sqlite3_bind_null(c->insert, 1);
	db_bind_text(c->insert, 2, date);
	db_bind_text(c->insert, 3, from_time);
	db_bind_text(c->insert, 4, to_time);
	db_bind_text(c->insert, 5, c->reason);
	db_bind_text(c->insert, 6, c->uid);
	if (sqlite3_step(c->insert) != SQLITE_DONE) {
		c->failed = 1;
		return;
	}
	c->occurrences++;
	c->added += sqlite3_changes(c->db->h);
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

static void
on_occurrence(icalcomponent *comp, struct icaltime_span *span, void *data)
{
	struct occurrence_ctx *c = data;
	/* All-day and floating times are Tokyo days and times already; others are instants. */
	int shift = c->all_day || c->floating ? 0 : 9 * 3600;
	time_t t0 = span->start + shift, t1 = span->end + shift;
	struct tm a, b;

	(void)comp;
	for (size_t i = 0; c->master && i < c->noverrides; i++)
		if (c->overrides[i].start == span->start &&
		    strcmp(c->overrides[i].uid, c->uid) == 0)
			return;
	if (t1 <= t0)
		t1 = t0 + (c->all_day ? 86400 : 60);
	gmtime_r(&t0, &a);
	gmtime_r(&t1, &b);
	if (c->all_day) {
		/* The days from DTSTART up to, not including, DTEND (libical's span runs longer).
		 */
		t1 = t0 + (time_t)c->days * 86400;
		for (time_t t = window_first(c, t0); t < t1 && t < c->hi; t += 86400) {
			struct tm d;

			gmtime_r(&t, &d);
			add_closure_day(c, &d, NULL, NULL);
		}
		return;
	}
	for (time_t t = window_first(c, day_floor(t0)); t < t1 && t < c->hi; t += 86400) {
		struct tm d;
		char f[16], to[16];

		gmtime_r(&t, &d);
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
			add_closure_day(c, &d, NULL, NULL);
		else
			add_closure_day(c, &d, f, to);
	}
}

/* The first X-LIC-ERROR anywhere in comp (libical's note of what it could not parse). */
static const char *
first_parse_error(icalcomponent *comp)
{
	icalproperty *p = icalcomponent_get_first_property(comp, ICAL_XLICERROR_PROPERTY);
	icalcomponent *sub;

	if (p != NULL)
		return icalproperty_get_xlicerror(p);
	for (sub = icalcomponent_get_first_component(comp, ICAL_ANY_COMPONENT); sub != NULL;
	     sub = icalcomponent_get_next_component(comp, ICAL_ANY_COMPONENT)) {
		const char *e = first_parse_error(sub);

		if (e != NULL)
			return e;
	}
	return NULL;
}

/* Refuse what a closure calendar cannot mean before anything is written: parse errors anywhere,
 * events ending before they start, repetition more often than daily (a few lines of
 * RRULE:FREQ=SECONDLY would run for hours), over-long summaries. Also note the occurrences that
 * RECURRENCE-ID events replace. */
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
	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev != NULL;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT), idx++) {
		int line = idx < L->nevents ? L->event_line[idx] : 0;
		int end = idx < L->nevents ? L->end_line[idx] : line;
		struct icaltimetype dt = icalcomponent_get_dtstart(ev), dtend;
		icalproperty *rr = icalcomponent_get_first_property(ev, ICAL_RRULE_PROPERTY);
		const char *summary = icalcomponent_get_summary(ev);

		if (icaltime_is_null_time(dt) || !icaltime_is_valid_time(dt))
			continue; /* reported with its line where the events are read */
		dtend = icalcomponent_get_dtend(ev);
		if (icalcomponent_get_first_property(ev, ICAL_DTEND_PROPERTY) != NULL &&
		    icaltime_compare(dtend, dt) < 0) {
			set_cause(cause, _("%s:%d: the event ends before it starts"), path,
			          find_line(data, line, end, "DTEND"));
			return -1;
		}
		for (; rr != NULL; rr = icalcomponent_get_next_property(ev, ICAL_RRULE_PROPERTY)) {
			struct icalrecurrencetype r = icalproperty_get_rrule(rr);

			if (r.freq < ICAL_DAILY_RECURRENCE ||
			    r.by_hour[0] != ICAL_RECURRENCE_ARRAY_MAX ||
			    r.by_minute[0] != ICAL_RECURRENCE_ARRAY_MAX ||
			    r.by_second[0] != ICAL_RECURRENCE_ARRAY_MAX) {
				set_cause(
				    cause,
				    _("%s:%d: a closure repeats daily at most (no FREQ=HOURLY, "
				      "MINUTELY or SECONDLY, no BYHOUR, BYMINUTE or BYSECOND)"),
				    path, find_line(data, line, end, "RRULE"));
				return -1;
			}
		}
		if (summary != NULL &&
		    (text_chars(summary) > 200 || text_has_control(summary, NULL))) {
			set_cause(cause,
			          _("%s:%d: the summary is longer than 200 characters or holds "
			            "control characters"),
			          path, find_line(data, line, end, "SUMMARY"));
			return -1;
		}
		if (icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY) != NULL &&
		    icalcomponent_get_uid(ev) != NULL) {
			struct icaltimetype rid = icalcomponent_get_recurrenceid(ev);

			c->overrides =
			    xrealloc(c->overrides, (c->noverrides + 1) * sizeof *c->overrides);
			c->overrides[c->noverrides].uid = xstrdup(icalcomponent_get_uid(ev));
			c->overrides[c->noverrides++].start =
			    icaltime_as_timet_with_zone(rid, rid.zone);
		}
	}
	return 0;
}

static char *
read_all(const char *path, size_t *len, char **cause)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, got;

	if (f == NULL) {
		set_cause(cause, _("%s: cannot open: %s"), path, strerror(errno));
		return NULL;
	}
	do {
		if (n + 65536 + 1 > cap) {
			cap = (n + 65536 + 1) * 2;
			buf = xrealloc(buf, cap);
		}
		got = fread(buf + n, 1, 65536, f);
		n += got;
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
	c.db = db;
	c.from = *from;
	c.to = *to;
	c.lo = date_to_timet(from);
	c.hi = date_to_timet(to) + 86400;
	if (venue_code != NULL) {
		c.venue = db_count_text(db, "SELECT ifnull(max(id), 0) FROM venues WHERE code = ?1",
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
	cal = icalparser_parse_string(data);
	if (cal == NULL || icalcomponent_isa(cal) != ICAL_VCALENDAR_COMPONENT) {
		set_cause(cause, _("%s: not an iCalendar file"), path);
		goto out;
	}
	if (validate_events(path, data, cal, &L, &c, cause) != 0)
		goto out;
	if (db_begin(db, cause) != 0)
		goto out;
	c.insert =
	    db_prepare(db,
	               "INSERT INTO closures (venue_id, date, from_time, to_time, reason, uid)"
	               " VALUES (?,?,?,?,?,?) ON CONFLICT DO NOTHING",
	               cause);
	if (c.insert == NULL) {
		db_rollback(db);
		goto out;
	}
	struct icaltimetype w0 = icaltime_null_time(), w1 = icaltime_null_time();

	/* The window, widened by a day each side for time zones; days outside are dropped. */
	w0.year = from->year, w0.month = from->month, w0.day = from->day;
	w1.year = to->year, w1.month = to->month, w1.day = to->day;
	icaltime_adjust(&w0, -1, 0, 0, 0);
	icaltime_adjust(&w1, 2, 0, 0, 0);
	w0.zone = w1.zone = icaltimezone_get_utc_timezone();
	for (ev = icalcomponent_get_first_component(cal, ICAL_VEVENT_COMPONENT); ev != NULL;
	     ev = icalcomponent_get_next_component(cal, ICAL_VEVENT_COMPONENT), idx++) {
		int line = idx < L.nevents ? L.event_line[idx] : 0;
		int dtline = idx < L.nevents ? L.dtstart_line[idx] : 0;
		icalproperty *err = icalcomponent_get_first_property(ev, ICAL_XLICERROR_PROPERTY);
		icalproperty *dtp = icalcomponent_get_first_property(ev, ICAL_DTSTART_PROPERTY);
		struct icaltimetype dt = icalcomponent_get_dtstart(ev);
		char *uid;

		rep->events++;
		if (err != NULL) {
			const char *msg = icalproperty_get_xlicerror(err);
			const char *tail = msg ? strrchr(msg, ':') : NULL;
			int end = idx < L.nevents ? L.end_line[idx] : line;

			set_cause(
			    cause, "%s:%d: %s", path,
			    find_line(data, line, end, tail ? tail + 1 + (tail[1] == ' ') : NULL),
			    msg ? msg : "");
			goto rollback;
		}
		if (dtp == NULL || icaltime_is_null_time(dt) || !icaltime_is_valid_time(dt)) {
			set_cause(cause, _("%s:%d: the event has no valid DTSTART"), path, dtline);
			goto rollback;
		}
		icalparameter *tzp = icalproperty_get_first_parameter(dtp, ICAL_TZID_PARAMETER);

		if (tzp != NULL && dt.zone == NULL) {
			/* libical knows the zone from the file's VTIMEZONE or its own list. */
			const char *tzid = icalparameter_get_tzid(tzp);
			icaltimezone *z = tzid ? icaltimezone_get_builtin_timezone(tzid) : NULL;

			if (z == NULL) {
				set_cause(cause, _("%s:%d: unknown time zone '%s'"), path, dtline,
				          tzid ? tzid : "");
				goto rollback;
			}
		}
		if (icalcomponent_get_status(ev) == ICAL_STATUS_CANCELLED)
			continue;
		c.all_day = dt.is_date;
		c.days = 1;
		if (dt.is_date) {
			struct icaltimetype end = icalcomponent_get_dtend(ev);

			if (!icaltime_is_null_time(end) && end.is_date) {
				time_t span = icaltime_as_timet(end) - icaltime_as_timet(dt);

				if (span >= 2 * 86400)
					c.days = (int)(span / 86400);
			}
		}
		c.floating = tzp == NULL && !icaltime_is_utc(dt) && !dt.is_date;
		c.reason = icalcomponent_get_summary(ev);
		if (c.reason == NULL)
			c.reason = "";
		/* Without a UID, the event's summary and start stand in for one, stably. */
		if (icalcomponent_get_uid(ev) != NULL && *icalcomponent_get_uid(ev))
			uid = xstrdup(icalcomponent_get_uid(ev));
		else
			uid = xasprintf("%s/%s", icaltime_as_ical_string(dt), c.reason);
		c.uid = uid; /* the summary was checked by validate_events */
		c.master = icalcomponent_get_first_property(ev, ICAL_RECURRENCEID_PROPERTY) == NULL;
		icalcomponent_foreach_recurrence(ev, w0, w1, on_occurrence, &c);
		free(uid);
		if (c.failed) {
			db_cause(db, cause, _("cannot store a closure"));
			goto rollback;
		}
	}
	rep->occurrences = c.occurrences;
	rep->added = c.added;
	sqlite3_finalize(c.insert);
	c.insert = NULL;
	char *detail = xasprintf("%s: %ld events, %ld days, %ld new", path, rep->events,
	                         rep->occurrences, rep->added);

	rc = db_audit(db, actor, "import", "closures", 0, detail, cause);
	free(detail);
	if (rc == 0 && db_commit(db, cause) == 0)
		goto out;
rollback:
	rc = -1;
	sqlite3_finalize(c.insert);
	db_rollback(db);
	memset(rep, 0, sizeof *rep);
out:
	if (cal != NULL)
		icalcomponent_free(cal);
	free(data);
	free(L.event_line);
	free(L.dtstart_line);
	free(L.end_line);
	for (size_t i = 0; i < c.noverrides; i++)
		free(c.overrides[i].uid);
	free(c.overrides);
	return rc;
}

/* Write to path through a temporary file renamed over it, so that a reader never sees half a
 * calendar; "-" or NULL writes standard output. */
int
ical_export_file(struct db *db, const char *path, const struct ical_filter *f,
                 const struct ical_config *cfg, long *n, char **cause)
{
	char *tmp;
	FILE *out;
	int fd;

	if (path == NULL || strcmp(path, "-") == 0) {
		*n = ical_export(db, f, cfg, stdout, cause);
		return *n < 0 ? -1 : 0;
	}
	tmp = xasprintf("%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0 || (out = fdopen(fd, "w")) == NULL) {
		set_cause(cause, _("%s: cannot write: %s"), path, strerror(errno));
		if (fd >= 0)
			close(fd), unlink(tmp);
		free(tmp);
		return -1;
	}
	/* A file with residents' names stays the user's own (mkstemp made it 0600); a public one
	 * gets the permissions any new file would. */
	if (!f->staff && f->person == NULL) {
		mode_t mask = umask(0);

		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	*n = ical_export(db, f, cfg, out, cause);
	if (fclose(out) != 0 && *n >= 0) {
		set_cause(cause, _("%s: cannot write: %s"), path, strerror(errno));
		*n = -1;
	}
	if (*n < 0 || rename(tmp, path) != 0) {
		if (*n >= 0)
			set_cause(cause, _("%s: cannot write: %s"), path, strerror(errno));
		unlink(tmp);
		free(tmp);
		return -1;
	}
	free(tmp);
	return 0;
}
