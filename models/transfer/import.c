/* models/transfer/import.c: one table of kinds; each kind names its columns and a row function that
 * validates every field before it writes anything. */
#include "config.h"
#include "models/transfer/import.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/formats/csv.h"
#include "models/lottery/lottery.h"
#include "models/people/people.h"
#include "models/core/settings.h"
#include "models/consult/slots.h"
#include "models/core/clock.h"
#include "models/core/date.h"
#include "models/core/i18n.h"
#include "models/core/text.h"

#define MAX_ERRORS 50
#define MAX_COLS   12

struct row_ctx {
	struct db *db;
	const char *file, *actor;
	const struct csv_row *row;
	const int *col; /* column index of each declared column, -1 when absent */
	const char *const *names;
	struct strlist *errors;
	int bad; /* errors in this row */
	int added;
	const struct import_options *opts;
};

struct kind {
	const char *name;
	const char *const cols[MAX_COLS]; /* a leading '*' marks a required column */
	const char *count_sql;
	int (*row)(struct row_ctx *);
};

static void row_error(struct row_ctx *c, int col, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
row_error(struct row_ctx *c, int col, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	c->bad++;
	if (c->errors->n > MAX_ERRORS)
		return;
	if (c->errors->n == MAX_ERRORS) {
		strlist_addf(c->errors, _("%s: more errors not shown"), c->file);
		return;
	}
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	if (col >= 0)
		strlist_addf(c->errors, _("%s: row %ld, field '%s': %s"), c->file, c->row->rowno,
		             c->names[col] + (c->names[col][0] == '*'), msg);
	else
		strlist_addf(c->errors, _("%s: row %ld: %s"), c->file, c->row->rowno, msg);
	free(msg);
}

/* The raw value of declared column i ("" when the column is absent or the row is short). */
static const char *
field(struct row_ctx *c, int i)
{
	int j = c->col[i];

	if (j < 0 || (size_t)j >= c->row->nfields)
		return "";
	return c->row->fields[j];
}

/* A text field: required or not, at most max characters, no control character but those in
 * allow (a description may have line breaks). */
static const char *
want_text_allowing(struct row_ctx *c, int i, int required, size_t max, const char *allow)
{
	const char *v = field(c, i);

	if (*v == '\0') {
		if (required)
			row_error(c, i, "%s", _("must not be empty"));
		return v;
	}
	if (text_has_control(v, allow)) {
		row_error(c, i, "%s", _("contains a control character"));
		return NULL;
	}
	char *key = text_search_key(v); /* spaces, ASCII and ideographic, removed */

	if (*key == '\0') {
		free(key);
		row_error(c, i, "%s", _("holds nothing but spaces"));
		return NULL;
	}
	free(key);
	if (text_chars(v) > max) {
		row_error(c, i, _("longer than %zu characters"), max);
		return NULL;
	}
	return v;
}

/* A record's code: letters, digits, '.', '_' and '-' only, so that what is typed, exported
 * in UIDs and imported again is always the same code. */
static const char *
want_code(struct row_ctx *c, int i)
{
	const char *v = want_text_allowing(c, i, 1, 32, NULL);

	if (v != NULL && *v != '\0' &&
	    strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") !=
	        strlen(v)) {
		row_error(c, i, _("'%s' is not a code (letters, digits, '.', '_' and '-' only)"),
		          v);
		return NULL;
	}
	return v;
}

/* A one-line text field: required or not, at most max characters, no control characters. */
static const char *
want_text(struct row_ctx *c, int i, int required, size_t max)
{
	return want_text_allowing(c, i, required, max, NULL);
}

static int
want_int(struct row_ctx *c, int i, long lo, long hi, long dflt, long *out)
{
	const char *v = field(c, i);
	char *end;
	long n;

	if (*v == '\0') {
		*out = dflt;
		if (dflt == -1) { /* required */
			row_error(c, i, "%s", _("must not be empty"));
			return -1;
		}
		return 0;
	}
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || *end != '\0' || n < lo || n > hi) {
		row_error(c, i, _("must be a whole number from %ld to %ld, not '%s'"), lo, hi, v);
		return -1;
	}
	*out = n;
	return 0;
}

static const char *
want_date(struct row_ctx *c, int i)
{
	const char *v = field(c, i);
	struct date d;

	if (date_parse(v, &d) != 0) {
		if (*v == '\0')
			row_error(c, i, "%s", _("must not be empty"));
		else
			row_error(c, i, _("'%s' is not a date of the form YYYY-MM-DD that exists"),
			          v);
		return NULL;
	}
	return v;
}

static const char *
want_time(struct row_ctx *c, int i)
{
	const char *v = field(c, i);

	if (time_parse(v) < 0) {
		row_error(c, i, _("'%s' is not a time of the form HH:MM"), v);
		return NULL;
	}
	return v;
}

/* One of the listed words; an empty field gives dflt (NULL: required). */
static const char *
want_choice(struct row_ctx *c, int i, const char *const *words, const char *dflt)
{
	const char *v = field(c, i);
	char list[256] = "";

	if (*v == '\0' && dflt != NULL)
		return dflt;
	for (int k = 0; words[k] != NULL; k++)
		if (strcmp(v, words[k]) == 0)
			return words[k];
	for (int k = 0; words[k] != NULL; k++) {
		strncat(list, words[k], sizeof list - strlen(list) - 1);
		if (words[k + 1] != NULL)
			strncat(list, ", ", sizeof list - strlen(list) - 1);
	}
	row_error(c, i, _("'%s' is not one of: %s"), v, list);
	return NULL;
}

static const char *const yes_no[] = {"yes", "no", NULL};

/* The id of the record whose code is the field's value, looked up with sql (one parameter). */
static int64_t
want_ref(struct row_ctx *c, int i, const char *sql, const char *what)
{
	const char *v = field(c, i);
	sqlite3_stmt *st;
	int64_t id = -1;

	if (*v == '\0') {
		row_error(c, i, "%s", _("must not be empty"));
		return -1;
	}
	st = db_prepare(c->db, sql, NULL);
	if (st == NULL) {
		row_error(c, i, "%s", sqlite3_errmsg(c->db->h));
		return -1;
	}
	db_bind_text(st, 1, v);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (id < 0)
		row_error(c, i, _("no %s with code '%s'"), what, v);
	return id;
}

/* Step a prepared write; a constraint failure becomes a row error. */
static int
run_write(struct row_ctx *c, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);

	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		row_error(c, -1, _("cannot be stored: %s"), sqlite3_errmsg(c->db->h));
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	return 0;
}

static sqlite3_stmt *
prepare(struct row_ctx *c, const char *sql)
{
	sqlite3_stmt *st = db_prepare(c->db, sql, NULL);

	if (st == NULL)
		row_error(c, -1, "%s", sqlite3_errmsg(c->db->h));
	return st;
}

static int
row_venue(struct row_ctx *c)
{
	const char *code = want_code(c, 0), *name = want_text(c, 1, 1, 100),
	           *addr = want_text(c, 2, 0, 200);
	sqlite3_stmt *st;

	if (c->bad || (st = prepare(c, "INSERT INTO venues (code, name, address) VALUES (?,?,?) "
	                               "ON CONFLICT (code) DO UPDATE SET name = excluded.name, "
	                               "address = excluded.address")) == NULL)
		return -1;
	db_bind_text(st, 1, code);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, addr);
	return run_write(c, st);
}

static int
row_course(struct row_ctx *c)
{
	static const char *const devices[] = {"iphone", "android", "any", NULL};
	static const char *const levels[] = {"trial", "intro", "one-point", "advanced", NULL};
	const char *code = want_code(c, 0), *title = want_text(c, 1, 1, 100),
	           *device = want_choice(c, 2, devices, NULL),
	           *level = want_choice(c, 3, levels, NULL),
	           *desc = want_text_allowing(c, 4, 0, 1000, "\n"),
	           *bring = want_text(c, 5, 0, 200);
	sqlite3_stmt *st;

	if (c->bad ||
	    (st = prepare(
	         c, "INSERT INTO courses (code, title, device, level, description, bring) "
	            "VALUES (?,?,?,?,?,?) ON CONFLICT (code) DO UPDATE SET title = excluded.title, "
	            "device = excluded.device, level = excluded.level, "
	            "description = excluded.description, bring = excluded.bring")) == NULL)
		return -1;
	db_bind_text(st, 1, code);
	db_bind_text(st, 2, title);
	db_bind_text(st, 3, device);
	db_bind_text(st, 4, level);
	db_bind_text(st, 5, desc);
	db_bind_text(st, 6, bring);
	return run_write(c, st);
}

static int
row_offering(struct row_ctx *c)
{
	const char *code = want_code(c, 0);
	int64_t course = want_ref(c, 1, "SELECT id FROM courses WHERE code = ?", _("course"));
	int64_t venue = want_ref(c, 2, "SELECT id FROM venues WHERE code = ?", _("venue"));
	const char *from = want_date(c, 3), *to = want_date(c, 4);
	long capacity;
	const char *group = want_text(c, 6, 0, 100);
	sqlite3_stmt *st;

	want_int(c, 5, 1, 500, -1, &capacity);
	if (from && to && strcmp(to, from) < 0)
		row_error(c, 4, _("the application window ends (%s) before it starts (%s)"), to,
		          from);
	if (c->bad ||
	    (st = prepare(
	         c, "INSERT INTO offerings (code, course_id, venue_id, apply_from, apply_to, "
	            "capacity, report_group) VALUES (?,?,?,?,?,?,?) ON CONFLICT (code) DO "
	            "UPDATE SET course_id = excluded.course_id, venue_id = excluded.venue_id, "
	            "apply_from = excluded.apply_from, apply_to = excluded.apply_to, "
	            "capacity = excluded.capacity, report_group = excluded.report_group")) == NULL)
		return -1;
	db_bind_text(st, 1, code);
	sqlite3_bind_int64(st, 2, course);
	sqlite3_bind_int64(st, 3, venue);
	db_bind_text(st, 4, from);
	db_bind_text(st, 5, to);
	sqlite3_bind_int64(st, 6, capacity);
	db_bind_text(st, 7, group);
	return run_write(c, st);
}

static int
row_session(struct row_ctx *c)
{
	static const char *const statuses[] = {"scheduled", "cancelled", NULL};
	const char *code = want_code(c, 0);
	int64_t offering = want_ref(c, 1, "SELECT id FROM offerings WHERE code = ?", _("offering"));
	const char *date = want_date(c, 2), *start = want_time(c, 3);
	long duration, seats;
	const char *status;
	sqlite3_stmt *st;

	want_int(c, 4, 60, 120, -1, &duration);
	want_int(c, 5, 6, 10, -1, &seats);
	status = want_choice(c, 6, statuses, "scheduled");
	/* A change bumps the session's SEQUENCE (a trigger of the schema does it). */
	if (c->bad ||
	    (st = prepare(c,
	                  "INSERT INTO sessions (code, offering_id, date, start, duration_min, "
	                  "seats, status) VALUES (?,?,?,?,?,?,?) ON CONFLICT (code) DO UPDATE SET "
	                  "offering_id = excluded.offering_id, date = excluded.date, "
	                  "start = excluded.start, duration_min = excluded.duration_min, "
	                  "seats = excluded.seats, status = excluded.status")) == NULL)
		return -1;
	db_bind_text(st, 1, code);
	sqlite3_bind_int64(st, 2, offering);
	db_bind_text(st, 3, date);
	db_bind_text(st, 4, start);
	sqlite3_bind_int64(st, 5, duration);
	sqlite3_bind_int64(st, 6, seats);
	db_bind_text(st, 7, status);
	return run_write(c, st);
}

static int
row_person(struct row_ctx *c)
{
	const char *code = want_code(c, 0), *name = want_text(c, 1, 1, 40),
	           *kana = want_text(c, 2, 0, 60), *phone = want_text(c, 3, 0, 20), *resident;
	long birth;
	sqlite3_stmt *st;

	if (phone != NULL && *phone && !text_is_phone(phone))
		row_error(c, 3, _("'%s' is not a phone number (digits, '-', '(', ')' only)"),
		          phone);
	want_int(c, 4, 1900, clock_today().year, 0, &birth);
	resident = want_choice(c, 5, yes_no, "yes");
	if (c->bad ||
	    (st = prepare(
	         c, "INSERT INTO people (code, name, kana, name_key, kana_key, phone, "
	            "phone_digits, birth_year, resident) VALUES (?,?,?,?,?,?,?,?,?) "
	            "ON CONFLICT (code) DO UPDATE SET name = excluded.name, kana = "
	            "excluded.kana, name_key = excluded.name_key, kana_key = excluded.kana_key, "
	            "phone = excluded.phone, phone_digits = excluded.phone_digits, "
	            "birth_year = excluded.birth_year, resident = excluded.resident")) == NULL)
		return -1;
	char *name_key = text_search_key(name), *kana_key = text_search_key(kana),
	     *digits = text_digits(phone);

	db_bind_text(st, 1, code);
	db_bind_text(st, 2, name);
	db_bind_text(st, 3, kana);
	db_bind_text(st, 4, name_key);
	db_bind_text(st, 5, kana_key);
	db_bind_text(st, 6, phone);
	db_bind_text(st, 7, digits);
	if (birth > 0)
		sqlite3_bind_int64(st, 8, birth);
	sqlite3_bind_int(st, 9, strcmp(resident, "yes") == 0);
	free(name_key);
	free(kana_key);
	free(digits);
	return run_write(c, st);
}

static int
row_application(struct row_ctx *c)
{
	static const char *const channels[] = {"counter", "phone", "postcard", "online", NULL};
	static const char *const statuses[] = {"applied",   "won",        "waiting",   "lost",
	                                       "cancelled", "ineligible", "duplicate", NULL};
	const char *ref = want_text(c, 0, 0, 64);
	int64_t offering = want_ref(c, 1, "SELECT id FROM offerings WHERE code = ?", _("offering"));
	int64_t person = want_ref(c, 2, "SELECT id FROM people WHERE code = ?", _("person"));
	const char *channel = want_choice(c, 3, channels, NULL);
	long choice;
	const char *applied = want_date(c, 5), *status = want_choice(c, 6, statuses, "applied");
	int64_t session = -1;
	sqlite3_stmt *st;

	want_int(c, 4, 1, 9, 1, &choice);
	if (*field(c, 7) != '\0') {
		session = want_ref(c, 7, "SELECT id FROM sessions WHERE code = ?", _("session"));
		if (session > 0 && offering > 0) {
			st = prepare(c, "SELECT offering_id = ? FROM sessions WHERE id = ?");
			if (st != NULL) {
				sqlite3_bind_int64(st, 1, offering);
				sqlite3_bind_int64(st, 2, session);
				if (sqlite3_step(st) == SQLITE_ROW && !sqlite3_column_int(st, 0))
					row_error(c, 7, _("session '%s' is not a session of '%s'"),
					          field(c, 7), field(c, 1));
				sqlite3_finalize(st);
			}
		}
		if (status != NULL && strcmp(status, "won") != 0)
			row_error(c, 7, "%s", _("only a won application has a session"));
	}
	if (c->bad)
		return -1;
	/* The application this row is: by the online service's reference, or else by person and
	 * offering. A reference that names someone else's application is an error, never an
	 * overwrite; the same row imported again updates its result and nothing else. */
	int64_t existing = -1, e_person = 0, e_offering = 0;

	st = prepare(c, *ref ? "SELECT id, person_id, offering_id FROM applications WHERE ref = ?1"
	                     : "SELECT id, person_id, offering_id FROM applications WHERE"
	                       " offering_id = ?2 AND person_id = ?3 AND ref IS NULL");
	if (st == NULL)
		return -1;
	if (*ref)
		db_bind_text(st, 1, ref);
	else {
		sqlite3_bind_int64(st, 2, offering);
		sqlite3_bind_int64(st, 3, person);
	}
	if (sqlite3_step(st) == SQLITE_ROW) {
		existing = sqlite3_column_int64(st, 0);
		e_person = sqlite3_column_int64(st, 1);
		e_offering = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	if (existing > 0 && (e_person != person || e_offering != offering)) {
		row_error(c, 0,
		          _("reference '%s' is already another application (another person or "
		            "class)"),
		          ref);
		return -1;
	}
	st = prepare(c, existing > 0
	                    ? "UPDATE applications SET status = ?7, session_id = ?8 WHERE id = ?9"
	                    : "INSERT INTO applications (ref, offering_id, person_id, channel, "
	                      "choice, applied_at, status, session_id) VALUES (?,?,?,?,?,?,?,?)");
	if (st == NULL)
		return -1;
	if (existing > 0)
		sqlite3_bind_int64(st, 9, existing);
	db_bind_text(st, 1, *ref ? ref : NULL);
	sqlite3_bind_int64(st, 2, offering);
	sqlite3_bind_int64(st, 3, person);
	db_bind_text(st, 4, channel);
	sqlite3_bind_int64(st, 5, choice);
	db_bind_text(st, 6, applied);
	db_bind_text(st, 7, status);
	if (session > 0)
		sqlite3_bind_int64(st, 8, session);
	return run_write(c, st);
}

static int
row_attendance(struct row_ctx *c)
{
	static const char *const statuses[] = {"present", "absent", "late", NULL};
	int64_t session = want_ref(c, 0, "SELECT id FROM sessions WHERE code = ?", _("session"));
	int64_t person = want_ref(c, 1, "SELECT id FROM people WHERE code = ?", _("person"));
	const char *status = want_choice(c, 2, statuses, NULL);
	const char *sub = want_choice(c, 3, yes_no, "no");
	sqlite3_stmt *st;

	if (c->bad ||
	    (st = prepare(c, "INSERT INTO attendance (session_id, person_id, status, substitute) "
	                     "VALUES (?,?,?,?) ON CONFLICT (session_id, person_id) DO UPDATE SET "
	                     "status = excluded.status, substitute = excluded.substitute")) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, session);
	sqlite3_bind_int64(st, 2, person);
	db_bind_text(st, 3, status);
	sqlite3_bind_int(st, 4, strcmp(sub, "yes") == 0);
	return run_write(c, st);
}

static int
row_slot(struct row_ctx *c)
{
	int64_t venue = want_ref(c, 0, "SELECT id FROM venues WHERE code = ?", _("venue"));
	const char *date = want_date(c, 1), *start = want_time(c, 2);
	sqlite3_stmt *st;

	if (c->bad || (st = prepare(c, "INSERT INTO consultation_slots (venue_id, date, start) "
	                               "VALUES (?,?,?) ON CONFLICT DO NOTHING")) == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, venue);
	db_bind_text(st, 2, date);
	db_bind_text(st, 3, start);
	return run_write(c, st);
}

static int
row_booking(struct row_ctx *c)
{
	static const char *const statuses[] = {"booked", "attended", "no_show", "cancelled", NULL};
	int64_t venue = want_ref(c, 0, "SELECT id FROM venues WHERE code = ?", _("venue"));
	const char *date = want_date(c, 1), *start = want_time(c, 2);
	int64_t person = want_ref(c, 3, "SELECT id FROM people WHERE code = ?", _("person"));
	const char *topic = want_text(c, 4, 1, 40), *status = want_choice(c, 5, statuses, "booked");
	const char *walk_in = want_choice(c, 6, yes_no, "no");
	int64_t slot = -1, holder = -1;
	sqlite3_stmt *st;

	if (c->bad)
		return -1;
	st = prepare(c, "SELECT s.id, b.person_id FROM consultation_slots s LEFT JOIN bookings b "
	                "ON b.slot_id = s.id AND b.status <> 'cancelled' "
	                "WHERE s.venue_id = ? AND s.date = ? AND s.start = ?");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, venue);
	db_bind_text(st, 2, date);
	db_bind_text(st, 3, start);
	if (sqlite3_step(st) == SQLITE_ROW) {
		slot = sqlite3_column_int64(st, 0);
		if (sqlite3_column_type(st, 1) != SQLITE_NULL)
			holder = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (slot < 0) {
		row_error(c, 2,
		          _("no consultation slot at %s %s %s; import or generate slots first"),
		          field(c, 0), date, start);
		return -1;
	}
	int cancelling = strcmp(status, "cancelled") == 0;

	/* A cancellation of the person's own live booking cancels that booking (its SEQUENCE goes
	 * up, so calendars drop the event); it is not a second record beside it. */
	if (cancelling && holder == person) {
		st = prepare(c, "UPDATE bookings SET status = 'cancelled' WHERE slot_id = ? AND "
		                "status <> 'cancelled'");
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, slot);
		return run_write(c, st);
	}
	if (cancelling) {
		/* A cancelled booking already on record is the same row imported again. */
		st = prepare(c, "SELECT count(*) FROM bookings WHERE slot_id = ? AND person_id = ? "
		                "AND status = 'cancelled'");
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, slot);
		sqlite3_bind_int64(st, 2, person);
		int seen = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;

		sqlite3_finalize(st);
		if (seen)
			return 0;
	}
	if (holder >= 0 && strcmp(status, "cancelled") != 0) {
		if (holder != person) {
			row_error(c, 2, _("the slot at %s %s %s is already booked by someone else"),
			          field(c, 0), date, start);
			return -1;
		}
		st = prepare(c, "UPDATE bookings SET topic = ?, status = ?, walk_in = ? WHERE "
		                "slot_id = ? AND status <> 'cancelled'");
	} else
		st = prepare(c, "INSERT INTO bookings (topic, status, walk_in, slot_id, person_id, "
		                "booked_by) VALUES (?,?,?,?,?,?)");
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, topic);
	db_bind_text(st, 2, status);
	sqlite3_bind_int(st, 3, strcmp(walk_in, "yes") == 0);
	sqlite3_bind_int64(st, 4, slot);
	if (holder < 0 || strcmp(status, "cancelled") == 0) {
		sqlite3_bind_int64(st, 5, person);
		db_bind_text(st, 6, c->actor);
	}
	return run_write(c, st);
}

/* An application from the city's online service: the person by name and phone or birth year
 * (registered when new), duplicates flagged, eligibility checked, the same row twice added
 * once. */
static int
row_online(struct row_ctx *c)
{
	static const char *const channels[] = {"online", "counter", "phone", "postcard", NULL};
	const char *ref = want_text(c, 0, 0, 64), *name = want_text(c, 2, 1, 40),
	           *kana = want_text(c, 3, 0, 60), *phone = want_text(c, 4, 0, 20);
	int64_t offering = want_ref(c, 1, "SELECT id FROM offerings WHERE code = ?", _("offering"));
	const char *resident = want_choice(c, 6, yes_no, "yes");
	const char *applied = want_date(c, 8), *channel = want_choice(c, 9, channels, "online");
	long birth, choice;
	sqlite3_stmt *st;
	int year = 0, drawn = 0;
	char status[16] = "", from[11] = "", to[11] = "";

	want_int(c, 5, 1900, clock_today().year, 0, &birth);
	want_int(c, 7, 1, 9, 1, &choice);
	if (phone != NULL && *phone && !text_is_phone(phone))
		row_error(c, 4, _("'%s' is not a phone number (digits, '-', '(', ')' only)"), phone);
	if (offering > 0 && (st = prepare(c, "SELECT status, CAST(substr(apply_to, 1, 4) AS"
	                                     " INTEGER), apply_from, apply_to, EXISTS (SELECT 1 FROM"
	                                     " lottery_round_offerings ro JOIN lottery_rounds r ON"
	                                     " r.id = ro.round_id AND r.superseded_at IS NULL WHERE"
	                                     " ro.offering_id = offerings.id) FROM offerings WHERE"
	                                     " id = ?")) != NULL) {
		sqlite3_bind_int64(st, 1, offering);
		if (sqlite3_step(st) == SQLITE_ROW) {
			snprintf(status, sizeof status, "%s", db_column_text(st, 0));
			year = sqlite3_column_int(st, 1);
			snprintf(from, sizeof from, "%s", db_column_text(st, 2));
			snprintf(to, sizeof to, "%s", db_column_text(st, 3));
			drawn = sqlite3_column_int(st, 4);
		}
		sqlite3_finalize(st);
		if (strcmp(status, "cancelled") == 0)
			row_error(c, 1, _("offering '%s' is cancelled"), field(c, 1));
	}
	if (c->bad)
		return -1;
	/* The same row again: by reference, or by person, class, day and channel. */
	char *name_key = text_search_key(name), *digits = text_digits(phone);
	int64_t person = 0;

	st = prepare(c, "SELECT id FROM people WHERE name_key = ?1 AND ((?2 <> '' AND phone_digits ="
	                " ?2) OR (?3 > 0 AND birth_year = ?3)) ORDER BY id LIMIT 1");
	if (st == NULL) {
		free(name_key);
		free(digits);
		return -1;
	}
	db_bind_text(st, 1, name_key);
	db_bind_text(st, 2, digits);
	sqlite3_bind_int64(st, 3, birth);
	if (sqlite3_step(st) == SQLITE_ROW)
		person = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	free(name_key);
	free(digits);
	if (*ref) {
		int64_t same = -1;

		st = prepare(c, "SELECT offering_id = ?2 AND person_id = ?3 FROM applications WHERE"
		                " ref = ?1");
		if (st == NULL)
			return -1;
		db_bind_text(st, 1, ref);
		sqlite3_bind_int64(st, 2, offering);
		sqlite3_bind_int64(st, 3, person);
		if (sqlite3_step(st) == SQLITE_ROW)
			same = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
		if (same == 1)
			return 0; /* imported before */
		if (same == 0) {
			row_error(c, 0,
			          _("reference '%s' is already another application (another person or "
			            "class)"),
			          ref);
			return -1;
		}
	} else if (person > 0) {
		st = prepare(c, "SELECT count(*) FROM applications WHERE offering_id = ? AND"
		                " person_id = ? AND applied_at = ? AND channel = ? AND ref IS NULL");
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, offering);
		sqlite3_bind_int64(st, 2, person);
		db_bind_text(st, 3, applied);
		db_bind_text(st, 4, channel);
		int seen = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) > 0;

		sqlite3_finalize(st);
		if (seen)
			return 0;
	}
	if (drawn) {
		row_error(c, 1, _("'%s' has been drawn already; no more applications"), field(c, 1));
		return -1;
	}
	if (person == 0) {
		struct person p;
		char *why = NULL;

		if (person_create(c->db, name, kana, phone, (int)birth, c->actor, &p, &why) != 0) {
			row_error(c, 2, "%s", why);
			free(why);
			return -1;
		}
		person = p.id;
		person_free(&p);
		if ((st = prepare(c, "UPDATE people SET resident = ? WHERE id = ?")) == NULL)
			return -1;
		sqlite3_bind_int(st, 1, strcmp(resident, "yes") == 0);
		sqlite3_bind_int64(st, 2, person);
		if (run_write(c, st) != 0)
			return -1;
	}
	/* A second application by the same person to the same class counts once. */
	int64_t first = 0;
	char *reason = NULL;

	st = prepare(c, "SELECT id, ifnull(ref, '#' || id) FROM applications WHERE offering_id = ?"
	                " AND person_id = ? AND status NOT IN ('cancelled', 'duplicate') ORDER BY id"
	                " LIMIT 1");
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, offering);
	sqlite3_bind_int64(st, 2, person);
	if (sqlite3_step(st) == SQLITE_ROW) {
		first = sqlite3_column_int64(st, 0);
		reason = xasprintf(_("the same person as application %s"), db_column_text(st, 1));
	}
	sqlite3_finalize(st);
	/* Eligibility is the person's record's: a birth year the record lacks is taken from the
	 * row, residence is the city's record and not the form's. */
	if (first == 0 && birth > 0 &&
	    (st = prepare(c, "UPDATE people SET birth_year = ? WHERE id = ? AND birth_year IS"
	                     " NULL")) != NULL) {
		sqlite3_bind_int64(st, 1, birth);
		sqlite3_bind_int64(st, 2, person);
		if (run_write(c, st) != 0)
			return -1;
	}
	if (first == 0 && c->opts != NULL && c->opts->lottery != NULL &&
	    (st = prepare(c, "SELECT ifnull(birth_year, 0), resident FROM people WHERE id = ?")) !=
	        NULL) {
		sqlite3_bind_int64(st, 1, person);
		if (sqlite3_step(st) == SQLITE_ROW)
			reason = lottery_ineligible(c->opts->lottery, sqlite3_column_int(st, 0),
			                            sqlite3_column_int(st, 1), year);
		sqlite3_finalize(st);
	}
	if (first == 0 && reason == NULL && (strcmp(applied, from) < 0 || strcmp(applied, to) > 0))
		reason = xasprintf(_("applied on %s, outside the application window"), applied);
	st = prepare(c, "INSERT INTO applications (ref, offering_id, person_id, channel, choice,"
	                " applied_at, status, reason, duplicate_of, entered_by) VALUES"
	                " (?,?,?,?,?,?,?,?,?,?)");
	if (st == NULL) {
		free(reason);
		return -1;
	}
	db_bind_text(st, 1, *ref ? ref : NULL);
	sqlite3_bind_int64(st, 2, offering);
	sqlite3_bind_int64(st, 3, person);
	db_bind_text(st, 4, channel);
	sqlite3_bind_int64(st, 5, choice);
	db_bind_text(st, 6, applied);
	db_bind_text(st, 7, first ? "duplicate" : reason ? "ineligible" : "applied");
	db_bind_text(st, 8, reason ? reason : "");
	if (first)
		sqlite3_bind_int64(st, 9, first);
	db_bind_text(st, 10, c->actor);
	free(reason);
	return run_write(c, st);
}

static int
row_template(struct row_ctx *c)
{
	const char *venue = want_code(c, 0), *hours = want_text(c, 1, 1, 200);
	char *why = NULL;
	struct slot_template t;

	if (hours != NULL && *hours && slot_template_parse(hours, &t, &why) != 0) {
		row_error(c, 1, "%s", why);
		free(why);
	}
	if (c->bad)
		return -1;
	if (slot_venue_id(c->db, venue, NULL) <= 0) {
		row_error(c, 0, _("no %s with code '%s'"), _("venue"), venue);
		return -1;
	}
	if (slot_template_save(c->db, venue, hours, c->actor, &why) != 0) {
		row_error(c, 1, "%s", why);
		free(why);
		return -1;
	}
	c->added++;
	return 0;
}

static const struct kind kinds[] = {
    {"venues", {"*code", "*name", "address"}, "SELECT count(*) FROM venues", row_venue},
    {"courses",
     {"*code", "*title", "*device", "*level", "description", "bring"},
     "SELECT count(*) FROM courses",
     row_course},
    {"offerings",
     {"*code", "*course", "*venue", "*apply_from", "*apply_to", "*capacity", "report_group"},
     "SELECT count(*) FROM offerings",
     row_offering},
    {"sessions",
     {"*code", "*offering", "*date", "*start", "*duration", "*seats", "status"},
     "SELECT count(*) FROM sessions",
     row_session},
    {"people",
     {"*code", "*name", "kana", "phone", "birth_year", "resident"},
     "SELECT count(*) FROM people",
     row_person},
    {"applications",
     {"ref", "*offering", "*person", "*channel", "choice", "*applied_at", "status", "session"},
     "SELECT count(*) FROM applications",
     row_application},
    {"attendance",
     {"*session", "*person", "*status", "substitute"},
     "SELECT count(*) FROM attendance",
     row_attendance},
    {"templates", {"*venue", "*hours"}, "SELECT count(*) FROM slot_templates", row_template},
    {"online",
     {"ref", "*offering", "*name", "kana", "phone", "birth_year", "resident", "choice",
      "*applied_at", "channel"},
     "SELECT count(*) FROM applications",
     row_online},
    {"slots", {"*venue", "*date", "*start"}, "SELECT count(*) FROM consultation_slots", row_slot},
    {"bookings",
     {"*venue", "*date", "*start", "*person", "*topic", "status", "walk_in"},
     "SELECT count(*) FROM bookings",
     row_booking},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

const char *const import_kinds[] = {"venues",     "courses",   "offerings", "sessions",
                                    "people",     "applications", "attendance", "templates",
                                    "slots",      "bookings",  NULL};

static const struct kind *
find_kind(const char *name)
{
	for (size_t i = 0; i < NKINDS; i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	return NULL;
}

int
import_kind_known(const char *kind)
{
	return find_kind(kind) != NULL;
}

const char *
import_kind_columns(const char *kind)
{
	static char line[256];
	const struct kind *k = find_kind(kind);

	if (k == NULL)
		return NULL;
	line[0] = '\0';
	for (int i = 0; i < MAX_COLS && k->cols[i] != NULL; i++) {
		if (i > 0)
			strncat(line, ",", sizeof line - strlen(line) - 1);
		strncat(line, k->cols[i] + (k->cols[i][0] == '*'), sizeof line - strlen(line) - 1);
	}
	return line;
}

/* Map the header row onto the kind's columns; unknown and missing required ones are errors. */
static int
map_header(const struct kind *k, const struct csv *csv, const char *path, int *col,
           struct strlist *errors)
{
	const struct csv_row *h;
	int ncols = 0, bad = 0;

	while (ncols < MAX_COLS && k->cols[ncols] != NULL)
		ncols++;
	for (int i = 0; i < ncols; i++)
		col[i] = -1;
	if (csv->nrows == 0 || csv->rows[0].nfields == 0) {
		strlist_addf(errors, _("%s: row 1: the header row is missing (expected: %s)"), path,
		             import_kind_columns(k->name));
		return -1;
	}
	h = &csv->rows[0];
	for (size_t j = 0; j < h->nfields; j++) {
		int i;

		for (i = 0; i < ncols; i++)
			if (strcmp(h->fields[j], k->cols[i] + (k->cols[i][0] == '*')) == 0)
				break;
		if (i == ncols) {
			strlist_addf(errors, _("%s: row 1: unknown column '%s' (expected: %s)"),
			             path, h->fields[j], import_kind_columns(k->name));
			bad = 1;
		} else if (col[i] >= 0) {
			strlist_addf(errors, _("%s: row 1: column '%s' appears twice"), path,
			             h->fields[j]);
			bad = 1;
		} else
			col[i] = (int)j;
	}
	for (int i = 0; i < ncols; i++)
		if (k->cols[i][0] == '*' && col[i] < 0) {
			strlist_addf(errors, _("%s: row 1: required column '%s' is missing"), path,
			             k->cols[i] + 1);
			bad = 1;
		}
	return bad ? -1 : 0;
}

struct code_row {
	const char *code;
	long rowno;
};

static int
code_row_cmp(const void *a, const void *b)
{
	const struct code_row *x = a, *y = b;
	int c = strcmp(x->code, y->code);

	return c ? c : (x->rowno > y->rowno) - (x->rowno < y->rowno);
}

/* A code twice in one file would be stored once, the last row silently winning: name both. */
static void
check_duplicate_codes(const struct kind *k, const struct csv *csv, const int *col, const char *path,
                      struct strlist *errors)
{
	struct code_row *v;
	size_t n = 0;

	if (strcmp(k->cols[0], "*code") != 0 || col[0] < 0)
		return;
	v = xcalloc(csv->nrows, sizeof *v);
	for (size_t i = 1; i < csv->nrows; i++)
		if ((size_t)col[0] < csv->rows[i].nfields && *csv->rows[i].fields[col[0]] != '\0')
			v[n++] = (struct code_row){csv->rows[i].fields[col[0]], csv->rows[i].rowno};
	qsort(v, n, sizeof *v, code_row_cmp);
	for (size_t i = 1; i < n && errors->n < MAX_ERRORS; i++)
		if (strcmp(v[i].code, v[i - 1].code) == 0)
			strlist_addf(errors,
			             _("%s: row %ld, field 'code': '%s' appears again (first in "
			               "row %ld)"),
			             path, v[i].rowno, v[i].code, v[i - 1].rowno);
	free(v);
}

int
import_csv_file(struct db *db, const char *kind, const char *path, const char *actor,
                struct import_report *rep, struct strlist *errors, char **cause)
{
	return import_csv_file_ex(db, kind, path, actor, NULL, rep, errors, cause);
}

/* Write the rejected rows with the header and an "error" column (UTF-8 with a BOM, so that
 * spreadsheets open it as the Japanese text it is). */
static int
write_rejects(const char *path, const struct csv *csv, const size_t *rows, char **why, size_t n,
              char **cause)
{
	size_t ncols = csv->rows[0].nfields + 1;
	const char **hdr = xcalloc(ncols, sizeof *hdr), **row = xcalloc(ncols, sizeof *row);
	struct table *t;
	FILE *f;
	int rc = -1;

	for (size_t i = 0; i + 1 < ncols; i++)
		hdr[i] = csv->rows[0].fields[i];
	hdr[ncols - 1] = "error";
	t = table_new(ncols, hdr);
	for (size_t k = 0; k < n; k++) {
		const struct csv_row *r = &csv->rows[rows[k]];

		for (size_t i = 0; i + 1 < ncols; i++)
			row[i] = i < r->nfields ? r->fields[i] : "";
		row[ncols - 1] = why[k];
		table_add_row(t, row);
	}
	if ((f = fopen(path, "w")) == NULL)
		set_cause(cause, _("%s: cannot write: %s"), path, strerror(errno));
	else if (table_write_csv(t, f, CSV_UTF8_BOM, cause) == 0)
		rc = 0;
	if (f != NULL && fclose(f) != 0 && rc == 0) {
		set_cause(cause, _("%s: cannot write: %s"), path, strerror(errno));
		rc = -1;
	}
	table_free(t);
	free(hdr);
	free(row);
	return rc;
}

int
import_csv_file_ex(struct db *db, const char *kind, const char *path, const char *actor,
                   const struct import_options *opts, struct import_report *rep,
                   struct strlist *errors, char **cause)
{
	const char *rejects = opts ? opts->rejects : NULL;
	size_t *bad_rows = NULL, nbad = 0;
	char **bad_why = NULL;
	const struct kind *k = find_kind(kind);
	struct csv csv;
	int col[MAX_COLS];
	int64_t before, after;
	struct import_report r = {0, 0, 0};
	size_t nerrors = errors->n;

	if (k == NULL) {
		set_cause(cause, _("unknown kind of record '%s'"), kind);
		return -1;
	}
	if (csv_read_file(path, &csv, cause) != 0) {
		/* A file that is not CSV is bad input like a bad row: it goes with the rows. */
		if (cause != NULL && *cause != NULL) {
			strlist_add(errors, *cause);
			*cause = NULL;
		}
		return -1;
	}
	if (map_header(k, &csv, path, col, errors) != 0) {
		csv_free(&csv);
		return -1;
	}
	if (db_begin(db, cause) != 0) {
		csv_free(&csv);
		return -1;
	}
	check_duplicate_codes(k, &csv, col, path, errors);
	before = db_count(db, k->count_sql, cause);
	for (size_t i = 1; i < csv.nrows; i++) {
		struct strlist mine = {0};
		struct row_ctx c = {db,     path,   actor, &csv.rows[i], col, k->cols,
		                    rejects ? &mine : errors, 0, 0, opts};
		size_t nf = csv.rows[i].nfields;

		if (nf == 0)
			continue; /* blank line */
		r.rows++;
		/* With --good-rows each row is a savepoint of its own. */
		if (rejects != NULL && db_begin(db, cause) != 0)
			break;
		if (nf != csv.rows[0].nfields)
			row_error(&c, -1, _("has %zu fields, the header has %zu"), nf,
			          csv.rows[0].nfields);
		else
			k->row(&c);
		if (rejects == NULL)
			continue;
		if (c.bad == 0 && mine.n == 0) {
			if (db_commit(db, cause) != 0) {
				db_rollback(db);
				break;
			}
			continue;
		}
		db_rollback(db);
		bad_rows = xrealloc(bad_rows, (nbad + 1) * sizeof *bad_rows);
		bad_why = xrealloc(bad_why, (nbad + 1) * sizeof *bad_why);
		bad_rows[nbad] = i;
		bad_why[nbad] = xstrdup("");
		for (size_t m = 0; m < mine.n; m++) {
			char *w = xasprintf("%s%s%s", bad_why[nbad], m ? "; " : "", mine.v[m]);

			free(bad_why[nbad]);
			bad_why[nbad] = w;
		}
		nbad++;
		strlist_clear(&mine);
	}
	r.rejected = (long)nbad;
	if (nbad > 0 && errors->n == nerrors &&
	    write_rejects(rejects, &csv, bad_rows, bad_why, nbad, cause) != 0) {
		strlist_add(errors, *cause);
		*cause = NULL;
	}
	for (size_t m = 0; m < nbad; m++)
		free(bad_why[m]);
	free(bad_why);
	free(bad_rows);
	after = db_count(db, k->count_sql, cause);
	if (errors->n > nerrors || before < 0 || after < 0) {
		db_rollback(db);
		csv_free(&csv);
		return -1;
	}
	char *detail = xasprintf("%s: %ld rows", path, r.rows);
	int rc = db_audit(db, actor, "import", kind, 0, detail, cause);

	free(detail);
	if (rc != 0 || db_commit(db, cause) != 0) {
		db_rollback(db);
		csv_free(&csv);
		return -1;
	}
	r.added = (long)(after - before);
	if (rep != NULL)
		*rep = r;
	csv_free(&csv);
	return 0;
}

/* The weeks ahead of a demo: eight weeks of slots from the venues' templates, starting today
 * or after the demo's own last slot, and about a third of the first two weeks booked by demo
 * people, through slots_book so that every rule holds. Fixed choices: the same day gives the
 * same bookings. */
static int
demo_future(struct db *db, const struct date *today, const char *actor, char **cause)
{
	static const char *const topics[] = {"line", "photos", "settings", "online", "scam", "other"};
	struct strlist tl = {0};
	struct date from = *today, last, to;
	struct slot_gen_result r;
	sqlite3_stmt *st;
	uint32_t seed = 20220802;
	int64_t people = db_count(db, "SELECT count(*) FROM people", cause);
	int rc = -1;

	if (people <= 0)
		return people < 0 ? -1 : 0;
	st = db_prepare(db, "SELECT max(date) FROM consultation_slots", cause);
	if (st == NULL)
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW && date_parse(db_column_text(st, 0), &last) == 0 &&
	    date_cmp(&last, &from) >= 0)
		from = date_add_days(&last, 1);
	sqlite3_finalize(st);
	to = date_add_days(&from, 55);
	if (slots_generate(db, NULL, &from, &to, NULL, &from, actor, &r, cause) != 0)
		return -1;
	for (size_t i = 0; i < sizeof topics / sizeof topics[0]; i++)
		strlist_add(&tl, xstrdup(topics[i]));
	char *a = date_iso(&from), *b;
	struct date two = date_add_days(&from, 13);

	b = date_iso(&two);
	st = db_prepare(db,
	                "SELECT id FROM consultation_slots WHERE date BETWEEN ? AND ? ORDER BY date, "
	                "venue_id, start",
	                cause);
	if (st == NULL)
		goto out;
	db_bind_text(st, 1, a);
	db_bind_text(st, 2, b);
	struct booking_rules rules = {SETTINGS_DEFAULT_MONTHLY_LIMIT, &tl, &from, actor};

	while (sqlite3_step(st) == SQLITE_ROW) {
		int64_t slot = sqlite3_column_int64(st, 0);
		char *why = NULL;

		seed = seed * 1103515245u + 12345u;
		if ((seed >> 16) % 3 != 0)
			continue;
		seed = seed * 1103515245u + 12345u;
		int64_t person = (int64_t)((seed >> 8) % (uint32_t)people) + 1;
		const char *topic = topics[(seed >> 4) % 6];

		/* A rule may say no (the same person twice a day): that slot stays free. */
		if (slots_book(db, slot, person, topic, 0, &rules, &why) == BOOK_ERROR) {
			set_cause(cause, "%s", why);
			free(why);
			goto out;
		}
		free(why);
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	free(a);
	free(b);
	strlist_clear(&tl);
	return rc;
}

/* Classes after the demo's own half year, from today on, when today is past the last of them:
 * one of each kind a resident meets at the kiosk (seats left, few left, full, applications
 * closed, not open yet), with applications from the demo's people to count. */
static int
demo_upcoming(struct db *db, const struct date *today, char **cause)
{
	static const struct {
		const char *course, *venue;
		int from, to, capacity, applicants; /* the window in days from today */
		int first, sessions, step;          /* sessions: the first in days, how many, apart */
		const char *start;
		int minutes, seats;
	} up[] = {
	    {"intro-iphone", "shinagawa1", -5, 9, 20, 6, 20, 3, 7, "10:00", 120, 10},
	    {"onepoint-android", "osaki1", -10, 4, 10, 9, 14, 1, 0, "13:30", 90, 10},
	    {"trial", "ebara1", -3, 11, 8, 11, 24, 1, 0, "10:00", 60, 8},
	    {"onepoint-iphone", "sekigahara", -30, -2, 10, 14, 6, 1, 0, "14:00", 90, 10},
	    {"intro-android", "hiratsukabashi", 7, 21, 20, 0, 40, 3, 7, "10:00", 120, 10},
	};
	sqlite3_stmt *off = NULL, *ses = NULL, *app = NULL;
	int64_t people = db_count(db, "SELECT count(*) FROM people", cause), next = 0;
	char *ym = xasprintf("%04d%02d", today->year, today->month);
	int rc = -1;

	if (people < 0)
		goto out;
	char *iso = date_iso(today);
	int64_t later = db_count_text(db, "SELECT count(*) FROM sessions WHERE date >= ?", iso,
	                              cause);

	free(iso);
	if (later != 0) {
		rc = later < 0 ? -1 : 0;
		goto out;
	}
	off = db_prepare(db,
	                 "INSERT INTO offerings (code, course_id, venue_id, apply_from, apply_to,"
	                 " capacity) SELECT ?1, c.id, v.id, ?2, ?3, ?4 FROM courses c, venues v"
	                 " WHERE c.code = ?5 AND v.code = ?6",
	                 cause);
	ses = db_prepare(db,
	                 "INSERT INTO sessions (code, offering_id, date, start, duration_min, seats)"
	                 " VALUES (?1 || '-' || ?2, (SELECT id FROM offerings WHERE code = ?1), ?3,"
	                 " ?4, ?5, ?6)",
	                 cause);
	app = db_prepare(db,
	                 "INSERT INTO applications (offering_id, person_id, channel, applied_at)"
	                 " VALUES ((SELECT id FROM offerings WHERE code = ?1), ?2, 'counter', ?3)",
	                 cause);
	if (off == NULL || ses == NULL || app == NULL)
		goto out;
	for (size_t i = 0; i < sizeof up / sizeof up[0]; i++) {
		char *code = xasprintf("%s-%s", up[i].course, ym);
		struct date from = date_add_days(today, up[i].from), to = date_add_days(today, up[i].to);
		char *a = date_iso(&from), *b = date_iso(&to);
		int ok;

		sqlite3_reset(off);
		db_bind_text(off, 1, code);
		db_bind_text(off, 2, a);
		db_bind_text(off, 3, b);
		sqlite3_bind_int(off, 4, up[i].capacity);
		db_bind_text(off, 5, up[i].course);
		db_bind_text(off, 6, up[i].venue);
		ok = sqlite3_step(off) == SQLITE_DONE && sqlite3_changes(db->h) == 1;
		for (int k = 0; ok && k < up[i].sessions; k++) {
			struct date d = date_add_days(today, up[i].first + k * up[i].step);
			char *ds = date_iso(&d);

			sqlite3_reset(ses);
			db_bind_text(ses, 1, code);
			sqlite3_bind_int(ses, 2, k + 1);
			db_bind_text(ses, 3, ds);
			db_bind_text(ses, 4, up[i].start);
			sqlite3_bind_int(ses, 5, up[i].minutes);
			sqlite3_bind_int(ses, 6, up[i].seats);
			ok = sqlite3_step(ses) == SQLITE_DONE;
			free(ds);
		}
		/* Applications on the window's first day, or yesterday when it is still open. */
		for (int k = 0; ok && people > 0 && k < up[i].applicants; k++) {
			sqlite3_reset(app);
			db_bind_text(app, 1, code);
			sqlite3_bind_int64(app, 2, next++ % people + 1);
			db_bind_text(app, 3, a);
			ok = sqlite3_step(app) == SQLITE_DONE;
		}
		free(code);
		free(a);
		free(b);
		if (!ok) {
			db_cause(db, cause, _("cannot add the demo's classes"));
			goto out;
		}
	}
	rc = 0;
out:
	sqlite3_finalize(off);
	sqlite3_finalize(ses);
	sqlite3_finalize(app);
	free(ym);
	return rc;
}

int
import_demo(struct db *db, const char *dir, const struct date *today, const char *actor,
            struct strlist *errors, char **cause)
{
	if (db_begin(db, cause) != 0)
		return -1;
	for (int i = 0; import_kinds[i] != NULL; i++) {
		char *path = xasprintf("%s/%s.csv", dir, import_kinds[i]);
		int rc = import_csv_file(db, import_kinds[i], path, actor, NULL, errors, cause);

		free(path);
		if (rc != 0) {
			db_rollback(db);
			return -1;
		}
	}
	if (demo_future(db, today, actor, cause) != 0 || demo_upcoming(db, today, cause) != 0 ||
	    db_commit(db, cause) != 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}
