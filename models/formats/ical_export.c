/* models/formats/ical_export.c: iCalendar export. The calendar's opening is built with libical;
 * the events, many thousands of them, are written one at a time by a content-line writer of
 * their own (struct line) that escapes, folds and ends lines byte for byte as libical does, so
 * that memory stays flat and no event is built as a tree only to be printed. */
#include "config.h"
#include "models/formats/ical.h"
#include "models/formats/ical_lib.h"

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
#include "models/reports/reports.h"
#include "models/core/text.h"
#include "models/core/util.h"

#define PRODID "-//sumaho//sumaho " PACKAGE_VERSION "//JA"

/* Japan has kept +09:00 without daylight saving time since 1951, so one STANDARD rule is the
 * whole story; libical's built-in zone (TZID with a prefix, history back to 1888) is what the
 * independent readers choke on. */
static icalcomponent *
tokyo_vtimezone(void)
{
	return ical.icalcomponent_vanew(
	    ICAL_VTIMEZONE_COMPONENT, ical.icalproperty_new_tzid(ICAL_TZID),
	    ical.icalcomponent_vanew(
	        ICAL_XSTANDARD_COMPONENT, ical.icalproperty_new_tzoffsetfrom(9 * 3600),
	        ical.icalproperty_new_tzoffsetto(9 * 3600), ical.icalproperty_new_tzname("JST"),
	        ical.icalproperty_new_dtstart(ical.icaltime_from_string("19700101T000000")),
	        (void *)0),
	    (void *)0);
}

/* A local Asia/Tokyo time from 'YYYY-MM-DD' and 'HH:MM', moved by minutes. */
static struct icaltimetype
local_time(const char *date, const char *hhmm, int minutes)
{
	struct icaltimetype t = ical.icaltime_null_time();

	if (sscanf(date, "%4d-%2d-%2d", &t.year, &t.month, &t.day) != 3 ||
	    sscanf(hhmm, "%2d:%2d", &t.hour, &t.minute) != 2)
		return ical.icaltime_null_time();
	t.is_date = 0;
	ical.icaltime_adjust(&t, 0, 0, minutes, 0);
	return t;
}

/* A UTC time from the database's 'YYYY-MM-DDTHH:MM:SSZ'; now when it is not one. */
static struct icaltimetype
utc_stamp(const char *s)
{
	struct icaltimetype t = ical.icaltime_null_time();

	if (sscanf(s, "%4d-%2d-%2dT%2d:%2d:%2d", &t.year, &t.month, &t.day, &t.hour, &t.minute,
	           &t.second) != 6)
		return ical.icaltime_current_time_with_zone(ical.icaltimezone_get_utc_timezone());
	t.is_date = 0;
	t.zone = ical.icaltimezone_get_utc_timezone();
	return t;
}

/* One content line as libical writes it: NAME, parameters, ':' and the value, folded into lines
 * of at most 75 octets (a continuation starts with a space), each ended by CRLF. */
struct line {
	char *buf;
	size_t len, cap;
};

static void
line_add(struct line *l, const char *s, size_t n)
{
	if (l->len + n + 1 > l->cap) {
		l->cap = (l->len + n + 1) * 2;
		l->buf = xrealloc(l->buf, l->cap);
	}
	memcpy(l->buf + l->len, s, n);
	l->len += n;
	l->buf[l->len] = '\0';
}

static void
line_str(struct line *l, const char *s)
{
	line_add(l, s, strlen(s));
}

/* A TEXT value escaped as libical 3 escapes it: a newline is written \n, a backslash, ';' and
 * ',' get a backslash (but not ';' and ',' in CATEGORIES, a list), CR, backspace and form feed
 * are left out, and everything else (a tab too) is written as it is. */
static void
line_text(struct line *l, const char *s, int list)
{
	const char *run = s;

	for (; *s; s++) {
		const char *esc;
		char two[3] = {'\\', *s, '\0'};

		switch (*s) {
		case '\n': esc = "\\n"; break;
		case '\r':
		case '\b':
		case '\f': esc = ""; break;
		case ',':
		case ';':
			if (list)
				continue;
			esc = two;
			break;
		case '\\': esc = two; break;
		default: continue;
		}
		line_add(l, run, (size_t)(s - run));
		line_str(l, esc);
		run = s + 1;
	}
	line_add(l, run, (size_t)(s - run));
}

/* Where the next folded line starts, from p with n octets left: all of them when they are fewer
 * than 75; else after the last ';', ':' or ' ' among the first 74; else before the last octet
 * that starts a character among the first 75; else after 74. */
static size_t
fold_at(const char *p, size_t n)
{
	if (n < 75)
		return n;
	for (size_t i = 73; i > 0; i--)
		if (p[i] == ';' || p[i] == ':' || p[i] == ' ')
			return i + 1;
	for (size_t i = 74; i > 0; i--)
		if (((unsigned char)p[i] & 0x80) == 0 || ((unsigned char)p[i] & 0xC0) == 0xC0)
			return i;
	return 74;
}

/* Write the line with its CRLF, folded (as libical does, the CRLF is folded with the line, so
 * that a line that fills its last fold exactly is followed by an empty one), and empty it; 0 or
 * -1 (errno tells why). */
static int
line_emit(FILE *out, struct line *l)
{
	const char *p;
	size_t left;

	line_add(l, "\r\n", 2);
	p = l->buf;
	left = l->len;
	while (left > 0) {
		size_t k = fold_at(p, left);

		if ((p != l->buf && fputs("\r\n ", out) == EOF) || fwrite(p, 1, k, out) != k)
			return -1;
		p += k;
		left -= k;
	}
	l->len = 0;
	return 0;
}

/* name:TEXT value */
static int
emit_text(FILE *out, struct line *l, const char *name, const char *value, int list)
{
	line_str(l, name);
	line_add(l, ":", 1);
	line_text(l, value, list);
	return line_emit(out, l);
}

/* name:value, written as it is (numbers, codes and times). */
static int
emit_plain(FILE *out, struct line *l, const char *name, const char *value)
{
	line_str(l, name);
	line_add(l, ":", 1);
	line_str(l, value);
	return line_emit(out, l);
}

/* name;TZID=Asia/Tokyo:YYYYMMDDTHHMMSS, or name:YYYYMMDDTHHMMSSZ for a UTC time. */
static int
emit_time(FILE *out, struct line *l, const char *name, struct icaltimetype t)
{
	char v[32];
	int utc = ical.icaltime_is_utc(t);

	snprintf(v, sizeof v, "%04d%02d%02dT%02d%02d%02d%s", t.year, t.month, t.day, t.hour,
	         t.minute, t.second, utc ? "Z" : "");
	line_str(l, name);
	if (!utc)
		line_str(l, ";TZID=" ICAL_TZID);
	line_add(l, ":", 1);
	line_str(l, v);
	return line_emit(out, l);
}

/* An event of the calendar: a class session or a consultation. */
struct event {
	const char *uid;
	struct icaltimetype stamp, start, end; /* stamp in UTC, start and end local */
	int sequence;
	const char *summary, *location, *description;
	const char *categories[2]; /* the second may be NULL */
	int cancelled;
	const char *url; /* or NULL */
};

static int
emit_event(FILE *out, struct line *l, const struct event *e)
{
	char seq[24];

	snprintf(seq, sizeof seq, "%d", e->sequence);
	if (fputs("BEGIN:VEVENT\r\n", out) == EOF || emit_text(out, l, "UID", e->uid, 0) != 0 ||
	    emit_time(out, l, "DTSTAMP", e->stamp) != 0 ||
	    emit_time(out, l, "LAST-MODIFIED", e->stamp) != 0 ||
	    emit_plain(out, l, "SEQUENCE", seq) != 0 ||
	    emit_time(out, l, "DTSTART", e->start) != 0 ||
	    emit_time(out, l, "DTEND", e->end) != 0 ||
	    emit_text(out, l, "SUMMARY", e->summary, 0) != 0 ||
	    emit_text(out, l, "LOCATION", e->location, 0) != 0 ||
	    emit_text(out, l, "DESCRIPTION", e->description, 0) != 0)
		return -1;
	for (int i = 0; i < 2; i++)
		if (e->categories[i] != NULL &&
		    emit_text(out, l, "CATEGORIES", e->categories[i], 1) != 0)
			return -1;
	if (emit_plain(out, l, "STATUS", e->cancelled ? "CANCELLED" : "CONFIRMED") != 0 ||
	    (e->url != NULL && emit_plain(out, l, "URL", e->url) != 0) ||
	    fputs("END:VEVENT\r\n", out) == EOF)
		return -1;
	return 0;
}

/* The calendar's opening: everything of a serialised VCALENDAR but its END line. */
static int
emit_header(FILE *out, const char *name)
{
	icalcomponent *cal = ical.icalcomponent_vanew(
	    ICAL_VCALENDAR_COMPONENT, ical.icalproperty_new_version("2.0"),
	    ical.icalproperty_new_prodid(PRODID), ical.icalproperty_new_method(ICAL_METHOD_PUBLISH),
	    ical.icalproperty_new_calscale("GREGORIAN"), (void *)0);
	icalproperty *p = ical.icalproperty_new_x(name);
	char *s;
	size_t len;
	int rc;

	ical.icalproperty_set_x_name(p, "X-WR-CALNAME");
	ical.icalcomponent_add_property(cal, p);
	p = ical.icalproperty_new_x(ICAL_TZID);
	ical.icalproperty_set_x_name(p, "X-WR-TIMEZONE");
	ical.icalcomponent_add_property(cal, p);
	ical.icalcomponent_add_component(cal, tokyo_vtimezone());
	s = ical.icalcomponent_as_ical_string_r(cal);
	len = strlen(s);
	if (len >= 15 && strcmp(s + len - 15, "END:VCALENDAR\r\n") == 0)
		s[len - 15] = '\0';
	rc = fputs(s, out) == EOF ? -1 : 0;
	ical.icalmemory_free_buffer(s);
	ical.icalcomponent_free(cal);
	return rc;
}

static const char *
level_name(const char *level)
{
	static const struct code_name levels[] = {{"trial", N_("Trial class")},
	                                          {"intro", N_("Introduction")},
	                                          {"one-point", N_("One-point lesson")},
	                                          {"advanced", N_("Advanced")}};

	return CODE_NAME(levels, level);
}

static char *
location(const char *venue, const char *address)
{
	/* TRANSLATORS: venue name, address. */
	return *address ? xasprintf(_("%1$s, %2$s"), venue, address) : xstrdup(venue);
}

/* The session query's columns, in the order of the enum below, and the tables they come from. */
#define SESSION_SELECT                                                                             \
	"SELECT s.code, s.date, s.start, s.duration_min, s.status, s.sequence, s.updated_at,"      \
	" " SQL_CLASS_TITLE ", c.description, c.level, v.name, v.address, s.seats"                 \
	" FROM sessions s JOIN offerings o ON o.id = s.offering_id"                                \
	" JOIN courses c ON c.id = o.course_id JOIN venues v ON v.id = o.venue_id"

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

static const char session_sql[] = SESSION_SELECT
    " WHERE (v.code = ?1 OR ?1 IS NULL) AND (c.code = ?2 OR ?2 IS NULL)"
    " AND (o.code = ?3 OR ?3 IS NULL) AND (s.code = ?4 OR ?4 IS NULL)"
    " AND (s.date >= ?5 OR ?5 IS NULL) AND (s.date <= ?6 OR ?6 IS NULL)"
    " AND (CAST(?7 AS TEXT) IS NULL OR EXISTS (SELECT 1 FROM applications a JOIN people p"
    "  ON p.id = a.person_id WHERE p.code = ?7 AND a.status = 'won' AND a.offering_id = o.id"
    "  AND (a.session_id = s.id OR a.session_id IS NULL)))"
    " ORDER BY s.date, s.start, s.id";

/* One session by its code, with session_sql's columns; it reads nothing of anyone's, so that
 * the kiosk (whose connection refuses personal columns) can show the code. */
static const char compact_sql[] = SESSION_SELECT " WHERE s.code = ?1";

static int
session_event(FILE *out, struct line *l, db_stmt *st, const struct ical_config *cfg,
              const struct ical_filter *f)
{
	const char *date = db_column_text(st, S_DATE), *start = db_column_text(st, S_START);
	int minutes = db_column_int(st, S_MINUTES);

	(void)f; /* the same signature as booking_event: emit_rows writes either */
	char *uid = xasprintf("session-%s@%s", db_column_text(st, S_CODE), cfg->domain);
	char *where = location(db_column_text(st, S_VENUE), db_column_text(st, S_ADDRESS));
	char *seats = xasprintf(_("Seats: %d"), db_column_int(st, S_SEATS));
	const char *desc = db_column_text(st, S_DESCRIPTION);
	char *description = *desc ? xasprintf("%s\n%s", desc, seats) : xstrdup(seats);
	struct event e = {
	    .uid = uid,
	    .stamp = utc_stamp(db_column_text(st, S_UPDATED)),
	    .start = local_time(date, start, 0),
	    .end = local_time(date, start, minutes),
	    .sequence = db_column_int(st, S_SEQUENCE),
	    .summary = db_column_text(st, S_TITLE),
	    .location = where,
	    .description = description,
	    .categories = {_("Smartphone class"), level_name(db_column_text(st, S_LEVEL))},
	    .cancelled = strcmp(db_column_text(st, S_STATUS), "cancelled") == 0,
	    .url = cfg->application_url,
	};
	int rc = emit_event(out, l, &e);

	free(uid);
	free(where);
	free(seats);
	free(description);
	return rc;
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
    " p.name, coalesce(p.code, 'id' || p.id), b.sequence, b.updated_at"
    " FROM bookings b JOIN consultation_slots c ON c.id = b.slot_id"
    " JOIN venues v ON v.id = c.venue_id JOIN people p ON p.id = b.person_id"
    " WHERE b.id IN (SELECT max(id) FROM bookings GROUP BY slot_id, person_id)"
    " AND (v.code = ?1 OR ?1 IS NULL) AND (c.date >= ?5 OR ?5 IS NULL)"
    " AND (c.date <= ?6 OR ?6 IS NULL) AND (p.code = ?7 OR ?7 IS NULL)"
    " ORDER BY c.date, c.start, v.code";

static int
booking_event(FILE *out, struct line *l, db_stmt *st, const struct ical_config *cfg,
              const struct ical_filter *f)
{
	/* The staff's file names the resident; a resident's own file does not need to. */
	int with_name = f->person == NULL;
	const char *date = db_column_text(st, B_DATE), *start = db_column_text(st, B_START);
	char hhmm[8];
	int rc;

	snprintf(hhmm, sizeof hhmm, "%.2s%.2s", start, start + (strlen(start) > 3 ? 3 : 0));
	char *uid = xasprintf("consultation-%s-%s-%s-%s@%s", db_column_text(st, B_VCODE), date,
	                      hhmm, db_column_text(st, B_PCODE), cfg->domain);
	char *summary =
	    with_name ? xasprintf(_("Smartphone consultation: %s"), db_column_text(st, B_NAME))
	              : xstrdup(_("Smartphone consultation"));
	char *where = location(db_column_text(st, B_VENUE), db_column_text(st, B_ADDRESS));
	char *description =
	    xasprintf(_("Topic: %s"), report_topic_name(db_column_text(st, B_TOPIC)));
	struct event e = {
	    .uid = uid,
	    .stamp = utc_stamp(db_column_text(st, B_UPDATED)),
	    .start = local_time(date, start, 0),
	    .end = local_time(date, start, db_column_int(st, B_MINUTES)),
	    .sequence = db_column_int(st, B_SEQUENCE),
	    .summary = summary,
	    .location = where,
	    .description = description,
	    .categories = {_("Smartphone consultation"), NULL},
	    .cancelled = strcmp(db_column_text(st, B_STATUS), "cancelled") == 0,
	    .url = NULL,
	};

	rc = emit_event(out, l, &e);
	free(uid);
	free(summary);
	free(where);
	free(description);
	return rc;
}

static void
bind_filter(db_stmt *st, const struct ical_filter *f)
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

/* Write one event per row of st (bound to f, finalized here) with write. Returns the number
 * written, or -1 with *cause (a database error) or *write_failed set (errno tells why). */
static long
emit_rows(struct db *db, db_stmt *st, const struct ical_filter *f, const struct ical_config *cfg,
          int (*write)(FILE *, struct line *, db_stmt *, const struct ical_config *,
                       const struct ical_filter *),
          FILE *out, int *write_failed, char **cause)
{
	struct line l = {0};
	long n = 0;
	int rc;

	bind_filter(st, f);
	while ((rc = db_step(st)) == DB_ROW) {
		if (write(out, &l, st, cfg, f) != 0) {
			*write_failed = 1;
			free(l.buf);
			db_finalize(st);
			return -1;
		}
		n++;
	}
	free(l.buf);
	db_finalize(st);
	if (rc != DB_DONE) {
		db_cause(db, cause, _("database error"));
		return -1;
	}
	return n;
}

long
ical_export(struct db *db, const struct ical_filter *f, const struct ical_config *cfg, FILE *out,
            char **cause)
{
	db_stmt *st;
	long n = 0, k;
	int werr = 0;

	if (ical_lib_load(cause) != 0 || check_codes(db, f, cause) != 0)
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
	db_stmt *st;
	char *out = NULL;

	if (ical_lib_load(cause) != 0 || (st = db_prepare(db, compact_sql, cause)) == NULL)
		return NULL;
	db_bind_text(st, 1, session_code);
	if (db_step(st) == DB_ROW) {
		const char *date = db_column_text(st, S_DATE), *start = db_column_text(st, S_START);
		struct icaltimetype t0 = local_time(date, start, -9 * 60),
		                    t1 = local_time(date, start,
		                                    db_column_int(st, S_MINUTES) - 9 * 60);
		icalcomponent *ev;
		char *s;

		/* UTC (Japan is +09:00 all year), the fewest properties a phone needs. */
		t0.zone = t1.zone = ical.icaltimezone_get_utc_timezone();
		ev = ical.icalcomponent_vanew(
		    ICAL_VEVENT_COMPONENT,
		    ical.icalproperty_new_summary(db_column_text(st, S_TITLE)),
		    ical.icalproperty_new_dtstart(t0), ical.icalproperty_new_dtend(t1), (void *)0);
		if (!brief)
			ical.icalcomponent_add_property(
			    ev, ical.icalproperty_new_location(db_column_text(st, S_VENUE)));
		s = ical.icalcomponent_as_ical_string_r(ev);
		out = xstrdup(s);
		ical.icalmemory_free_buffer(s);
		ical.icalcomponent_free(ev);
	} else
		set_cause(cause, _("no %s with code '%s'"), _("session"), session_code);
	db_finalize(st);
	return out;
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
	/* A file with residents' names is 0600, or 0660 in the configured group; a public one
	 * gets the permissions any new file would. */
	if (f->staff || f->person != NULL)
		db_file_private(fd);
	else {
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
