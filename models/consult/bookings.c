/* models/consult/bookings.c: booking, cancelling, moving and marking a consultation. Every
 * operation is one BEGIN IMMEDIATE transaction that reads the slot again under the write lock;
 * the partial unique index bookings_one_per_slot is the last word when two terminals race. */
#include "config.h"
#include "models/consult/consult.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "models/core/clock.h"
#include "models/core/i18n.h"
#include "models/consult/internal.h"
#include "models/periods/periods.h"
#include "models/staff/staff.h"

/* A slot and its live booking, read inside the transaction. */
struct slot_info {
	int64_t id, venue_id;
	char venue_code[33], venue[256], date[11], start[6];
	int open;
	char *closure; /* NULL: no closure covers it */
	int64_t booking_id, person_id;
	char status[16], topic[64], person[64];
	char changed[24]; /* when its booking was made or last changed (UTC, ISO 8601) */
	int walk_in;
};

static int
load_slot(struct db *db, int64_t slot_id, struct slot_info *si, char **cause)
{
	db_stmt *st;
	int found;

	memset(si, 0, sizeof *si);
	found = db_first(db, &st,
	                 "SELECT s.id, s.venue_id, v.code, v.name, s.date, s.start, s.status = "
	                 "'open', " SQL_SLOT_CLOSURE_REASON ","
	                 " coalesce(b.id, 0), coalesce(b.person_id, 0), coalesce(b.status, ''), "
	                 "coalesce(b.topic, ''),"
	                 " coalesce(b.walk_in, 0), coalesce(p.code, ''), coalesce(b.updated_at, '')"
	                 " FROM consultation_slots s JOIN venues v ON v.id = s.venue_id"
	                 " LEFT JOIN bookings b ON b.slot_id = s.id AND b.status <> 'cancelled'"
	                 " LEFT JOIN people p ON p.id = b.person_id WHERE s.id = ?",
	                 cause, DB_ARGS(DB_INT(slot_id)));
	if (found == 0)
		set_cause(cause, "%s", _("no such consultation slot"));
	if (found != 1)
		return -1;
	si->id = db_column_int64(st, 0);
	si->venue_id = db_column_int64(st, 1);
	snprintf(si->venue_code, sizeof si->venue_code, "%s", db_column_text(st, 2));
	snprintf(si->venue, sizeof si->venue, "%s", db_column_text(st, 3));
	snprintf(si->date, sizeof si->date, "%s", db_column_text(st, 4));
	snprintf(si->start, sizeof si->start, "%s", db_column_text(st, 5));
	si->open = db_column_int(st, 6);
	if (!db_column_null(st, 7))
		si->closure =
		    xstrdup(strcmp(db_column_text(st, 7), "-") == 0 ? "" : db_column_text(st, 7));
	si->booking_id = db_column_int64(st, 8);
	si->person_id = db_column_int64(st, 9);
	snprintf(si->status, sizeof si->status, "%s", db_column_text(st, 10));
	snprintf(si->topic, sizeof si->topic, "%s", db_column_text(st, 11));
	si->walk_in = db_column_int(st, 12);
	snprintf(si->person, sizeof si->person, "%s", db_column_text(st, 13));
	snprintf(si->changed, sizeof si->changed, "%s", db_column_text(st, 14));
	db_finalize(st);
	return 0;
}

/* Why a booked slot cannot be booked, for *cause: taken a moment ago (within the last minute
 * by the clock: another terminal was first), or booked since before (a slot named on the
 * command line that was never free). */
static void
say_booked(const struct slot_info *si, char **cause)
{
	char since[24];
	time_t t = clock_now() - 60;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(since, sizeof since, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (strcmp(si->changed, since) >= 0)
		set_cause(cause, _("the slot at %s was just taken by another booking"), si->start);
	else
		set_cause(cause, _("the slot at %s is booked already"), si->start);
}

/* Why a slot cannot take a new booking (closed, past, or for a walk-in not today); NULL when
 * it can. A new string. An advance booking of today's slot is refused once the slot has begun
 * by the clock (clock_minutes): 13:00 cannot be booked at 14:25. A walk-in is not: it records
 * the person at the desk now, in today's slot they take, which may have begun a few minutes
 * before or be entered after the consultation. */
static char *
slot_unbookable(const struct slot_info *si, int walk_in, const struct date *today)
{
	struct date d;

	if (!si->open)
		return xstrdup(_("this slot is closed"));
	if (si->closure != NULL)
		return *si->closure ? xasprintf(_("this slot is closed: %s"), si->closure)
		                    : xstrdup(_("this slot is closed (a closure or holiday)"));
	if (date_parse(si->date, &d) != 0)
		return xstrdup(_("the slot's date is not valid"));
	if (walk_in && date_cmp(&d, today) != 0)
		return xstrdup(_("a walk-in is booked on the day itself only"));
	if (date_cmp(&d, today) < 0)
		return xstrdup(_("this slot is in the past"));
	struct date now = clock_today();
	int minutes = clock_minutes(), start = time_parse(si->start);

	if (!walk_in && date_cmp(&d, &now) == 0 && start >= 0 && start < minutes)
		return xasprintf(
		    _("this slot began at %s and it is %02d:%02d now: it is in the past"),
		    si->start, minutes / 60, minutes % 60);
	return NULL;
}

/* slot_unbookable as a result: BOOK_OK, or BOOK_REFUSED with *cause saying why. */
static enum book_result
bookable(const struct slot_info *si, int walk_in, const struct date *today, char **cause)
{
	char *why = slot_unbookable(si, walk_in, today);

	if (why == NULL)
		return BOOK_OK;
	set_cause(cause, "%s", why);
	free(why);
	return BOOK_REFUSED;
}

/* Refuse a second consultation on the same day for the person (one slot each, as the city's
 * rule 「1コマ1名まで30分」 says), and more advance bookings a month than the limit. Both
 * ignore the booking `except` (the one being moved). 0: allowed; 1 with *cause; -1. */
static int
person_rules(struct db *db, int64_t person, const struct slot_info *to, int walk_in, int64_t except,
             const struct booking_rules *rules, char **cause)
{
	db_stmt *st;
	int rc;

	st = db_query(db,
	              "SELECT s.start, v.name FROM bookings b JOIN consultation_slots s ON s.id = "
	              "b.slot_id JOIN venues v ON v.id = s.venue_id WHERE b.person_id = ? AND "
	              "b.status <> 'cancelled' AND s.date = ? AND b.id <> ? LIMIT 1",
	              cause, DB_ARGS(DB_INT(person), DB_TEXT(to->date), DB_INT(except)));
	if (st == NULL)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW) {
		set_cause(cause, _("this person already has a consultation that day, at %s (%s)"),
		          db_column_text(st, 0), db_column_text(st, 1));
		db_finalize(st);
		return 1;
	}
	db_finalize(st);
	if (rc != DB_DONE) {
		db_cause(db, cause, _("database error"));
		return -1;
	}
	if (walk_in || rules->monthly_limit <= 0)
		return 0;
	char first[11], last[11];

	snprintf(first, sizeof first, "%.7s-01", to->date);
	snprintf(last, sizeof last, "%.7s-31", to->date);
	st =
	    db_query(db,
	             "SELECT s.date, s.start, v.name FROM bookings b JOIN consultation_slots s ON "
	             "s.id = b.slot_id JOIN venues v ON v.id = s.venue_id WHERE b.person_id = ? "
	             "AND b.status <> 'cancelled' AND b.walk_in = 0 AND b.id <> ? AND s.date "
	             "BETWEEN ? AND ? ORDER BY s.date, s.start",
	             cause, DB_ARGS(DB_INT(person), DB_INT(except), DB_TEXT(first), DB_TEXT(last)));
	if (st == NULL)
		return -1;
	char *list = xstrdup("");
	int n = 0;

	while ((rc = db_step(st)) == DB_ROW) {
		char *l = xasprintf("%s%s%s %s %s", list, n ? ", " : "", db_column_text(st, 0) + 5,
		                    db_column_text(st, 1), db_column_text(st, 2));

		free(list);
		list = l;
		n++;
	}
	db_finalize(st);
	if (rc != DB_DONE) {
		free(list);
		db_cause(db, cause, _("database error"));
		return -1;
	}
	if (n >= rules->monthly_limit) {
		set_cause(
		    cause,
		    P_("the monthly limit is %d booking a person, and this person already has "
		       "%d in %.7s: %s",
		       "the monthly limit is %d bookings a person, and this person already has "
		       "%d in %.7s: %s",
		       rules->monthly_limit),
		    rules->monthly_limit, n, to->date, list);
		free(list);
		return 1;
	}
	free(list);
	return 0;
}

static int
topic_allowed(const struct booking_rules *rules, const char *topic, char **cause)
{
	char *list = xstrdup("");

	for (size_t i = 0; i < rules->topics->n; i++) {
		if (strcmp(rules->topics->v[i], topic) == 0) {
			free(list);
			return 1;
		}
		char *l = xasprintf("%s%s%s", list, i ? ", " : "", rules->topics->v[i]);

		free(list);
		list = l;
	}
	set_cause(cause, _("'%s' is not a topic; the topics are: %s"), topic, list);
	free(list);
	return 0;
}

/* Finish a booking operation: commit, or roll back and return what went wrong. */
static enum book_result
finish(struct db *db, enum book_result r, char **cause)
{
	if (r == BOOK_OK && db_commit(db, cause) == 0)
		return BOOK_OK;
	db_rollback(db);
	return r == BOOK_OK ? BOOK_ERROR : r;
}

/* A change to a booking of slot si, described by what (with old and new values): BOOK_OK in an
 * open month or as an admin's amendment of a closed one, else BOOK_REFUSED (or BOOK_ERROR)
 * with *cause. */
static enum book_result
period_allows(struct db *db, const struct slot_info *si, const struct booking_rules *rules,
              const char *what, char **cause)
{
	int rc = period_check_change(db, si->date, rules->actor, rules->role, rules->reason, what,
	                             cause);

	return rc == 0 ? BOOK_OK : rc > 0 ? BOOK_REFUSED : BOOK_ERROR;
}

/* Whether the actor may change bookings at si's venue (a reception account limited to other
 * venues may not: staff_may_write_venue): BOOK_OK, or BOOK_REFUSED (or BOOK_ERROR) with
 * *cause. */
static enum book_result
venue_allows(struct db *db, const struct slot_info *si, const struct booking_rules *rules,
             char **cause)
{
	int rc = staff_may_write_venue(db, rules->actor, si->venue_id, cause);

	return rc == 0 ? BOOK_OK : rc > 0 ? BOOK_REFUSED : BOOK_ERROR;
}

/* Load slot slot_id into *si for a change at its venue (si->closure is the caller's to free):
 * BOOK_OK, or why not with *cause. */
static enum book_result
slot_at_venue(struct db *db, int64_t slot_id, struct slot_info *si,
              const struct booking_rules *rules, char **cause)
{
	if (load_slot(db, slot_id, si, cause) != 0)
		return BOOK_ERROR;
	return venue_allows(db, si, rules, cause);
}

/* Map a failed step: the unique index means the slot was taken in between. */
static enum book_result
step_failed(struct db *db, const struct slot_info *si, char **cause)
{
	if (db_error_taken(db)) {
		set_cause(cause, _("the slot at %s was just taken by another booking"), si->start);
		return BOOK_TAKEN;
	}
	db_cause(db, cause, _("database error"));
	return BOOK_ERROR;
}

int
slots_walk_in_check(struct db *db, int64_t slot_id, const struct date *today, char **cause)
{
	struct slot_info si;
	char *why;

	if (load_slot(db, slot_id, &si, cause) != 0)
		return -1;
	why = slot_unbookable(&si, 1, today);
	if (why == NULL && si.booking_id != 0)
		why = xasprintf(_("the slot at %s is booked already"), si.start);
	free(si.closure);
	if (why == NULL)
		return 0;
	set_cause(cause, "%s", why);
	free(why);
	return 1;
}

enum book_result
slots_book(struct db *db, int64_t slot_id, int64_t person_id, const char *topic, int walk_in,
           const struct booking_rules *rules, char **cause)
{
	struct slot_info si;
	enum book_result r = BOOK_ERROR;
	db_stmt *st = NULL;

	if (!topic_allowed(rules, topic, cause))
		return BOOK_REFUSED;
	if (db_begin(db, cause) != 0)
		return BOOK_ERROR;
	if ((r = slot_at_venue(db, slot_id, &si, rules, cause)) != BOOK_OK)
		goto out;
	r = BOOK_ERROR;
	if (si.booking_id != 0) {
		say_booked(&si, cause);
		r = BOOK_TAKEN;
		goto out;
	}
	if ((r = bookable(&si, walk_in, rules->today, cause)) != BOOK_OK)
		goto out;
	int pr = person_rules(db, person_id, &si, walk_in, 0, rules, cause);

	if (pr != 0) {
		r = pr > 0 ? BOOK_REFUSED : BOOK_ERROR;
		goto out;
	}
	char *what = xasprintf("booking %s %s %s: none -> %s", si.venue_code, si.date, si.start,
	                       walk_in ? "attended" : "booked");

	r = period_allows(db, &si, rules, what, cause);
	free(what);
	if (r != BOOK_OK)
		goto out;
	r = BOOK_ERROR;
	st = db_query(db,
	              "INSERT INTO bookings (slot_id, person_id, topic, status, walk_in, "
	              "booked_by) VALUES (?,?,?,?,?,?)",
	              cause,
	              DB_ARGS(DB_INT(slot_id), DB_INT(person_id), DB_TEXT(topic),
	                      DB_TEXT(walk_in ? "attended" : "booked"), DB_INT(walk_in != 0),
	                      DB_TEXT(rules->actor)));
	if (st == NULL)
		goto out;
	if (db_step(st) != DB_DONE) {
		r = step_failed(db, &si, cause);
		goto out;
	}
	int64_t id = db_last_id(db);
	db_finalize(st);
	st = db_query_int(db, "SELECT code FROM people WHERE id = ?", person_id, cause);
	if (st == NULL)
		goto out;
	char *detail = xasprintf("%s %s %s person=%s topic=%s%s", si.venue_code, si.date, si.start,
	                         db_step(st) == DB_ROW ? db_column_text(st, 0) : "?", topic,
	                         walk_in ? " walk-in" : "");

	r = db_audit(db, rules->actor, walk_in ? "walk-in" : "book", "booking", id, detail,
	             cause) == 0
	        ? BOOK_OK
	        : BOOK_ERROR;
	free(detail);
out:
	db_finalize(st);
	free(si.closure);
	return finish(db, r, cause);
}

/* Load the slot's live booking for a change at its venue; BOOK_OK, or why not. */
static enum book_result
live_booking(struct db *db, int64_t slot_id, struct slot_info *si,
             const struct booking_rules *rules, char **cause)
{
	enum book_result r;

	if ((r = slot_at_venue(db, slot_id, si, rules, cause)) != BOOK_OK)
		return r;
	if (si->booking_id == 0) {
		set_cause(cause, _("no booking at %s %s"), si->date, si->start);
		return BOOK_REFUSED;
	}
	return BOOK_OK;
}

/* Run sql on booking `booking` with ?1 text and ?2 num; a unique-index failure names si's
 * slot as taken. */
static enum book_result
update_booking(struct db *db, int64_t booking, const struct slot_info *si, const char *sql,
               const char *text, int64_t num, const char *action, const char *detail,
               const struct booking_rules *rules, char **cause)
{
	db_stmt *st =
	    db_query(db, sql, cause, DB_ARGS(DB_TEXT(text), DB_INT(num), DB_INT(booking)));
	enum book_result r;

	if (st == NULL)
		return BOOK_ERROR;
	if (db_step(st) != DB_DONE)
		r = step_failed(db, si, cause);
	else if (db_changes(db) != 1) {
		set_cause(cause, "%s", _("the booking changed meanwhile; look again"));
		r = BOOK_ERROR;
	} else
		r = db_audit(db, rules->actor, action, "booking", booking, detail, cause) == 0
		        ? BOOK_OK
		        : BOOK_ERROR;
	db_finalize(st);
	return r;
}

/* A booking whose day has passed is marked, not cancelled or moved: BOOK_OK, or BOOK_REFUSED
 * with *cause. */
static enum book_result
day_not_passed(const struct slot_info *si, const struct booking_rules *rules, char **cause)
{
	struct date d;

	if (date_parse(si->date, &d) == 0 && date_cmp(&d, rules->today) < 0) {
		set_cause(
		    cause, "%s",
		    _("the day has passed: mark the consultation attended or no-show instead"));
		return BOOK_REFUSED;
	}
	return BOOK_OK;
}

/* Give the booking of si a new status, once a closed month allows it (what describes the
 * change for an amendment), audited as action with detail; frees detail and what. */
static enum book_result
set_status(struct db *db, const struct slot_info *si, const char *status, const char *action,
           char *detail, char *what, const struct booking_rules *rules, char **cause)
{
	enum book_result r = period_allows(db, si, rules, what, cause);

	if (r == BOOK_OK)
		r = update_booking(db, si->booking_id, si,
		                   "UPDATE bookings SET status = ?1 WHERE ?2 = ?2 AND id = ?3",
		                   status, 0, action, detail, rules, cause);
	free(what);
	free(detail);
	return r;
}

enum book_result
slots_cancel(struct db *db, int64_t slot_id, const struct booking_rules *rules, char **cause)
{
	struct slot_info si;
	enum book_result r;

	if (db_begin(db, cause) != 0)
		return BOOK_ERROR;
	if ((r = live_booking(db, slot_id, &si, rules, cause)) != BOOK_OK)
		goto out;
	if (strcmp(si.status, "booked") != 0) {
		set_cause(
		    cause,
		    _("this consultation is already marked %s; mark it booked again to cancel it"),
		    strcmp(si.status, "attended") == 0 ? _("attended") : _("no-show"));
		r = BOOK_REFUSED;
		goto out;
	}
	if ((r = day_not_passed(&si, rules, cause)) != BOOK_OK)
		goto out;
	char *detail = xasprintf("%s %s %s person=%s", si.venue_code, si.date, si.start, si.person);
	char *what = xasprintf("booking %s: booked -> cancelled", detail);

	r = set_status(db, &si, "cancelled", "cancel", detail, what, rules, cause);
out:
	free(si.closure);
	return finish(db, r, cause);
}

enum book_result
slots_restore(struct db *db, int64_t slot_id, int64_t booking_id, int64_t person_id,
              const struct booking_rules *rules, char **who, char **cause)
{
	struct slot_info si;
	enum book_result r = BOOK_ERROR;
	db_stmt *st;
	int64_t id = 0, person = 0;
	char code[64] = "", *name = NULL;
	int walk_in = 0, erased = 0, found;

	if (who != NULL)
		*who = NULL;
	if (db_begin(db, cause) != 0)
		return BOOK_ERROR;
	if ((r = slot_at_venue(db, slot_id, &si, rules, cause)) != BOOK_OK)
		goto out;
	r = BOOK_ERROR;
	found = db_first(db, &st,
	                 "SELECT b.id, b.person_id, p.code, p.name, b.walk_in, CASE WHEN"
	                 " p.erased_at IS NULL THEN 0 ELSE 1 END FROM bookings b JOIN people p ON"
	                 " p.id = b.person_id WHERE b.slot_id = ?1 AND b.status = 'cancelled' AND"
	                 " (?2 = 0 OR b.id = ?2) AND (?3 = 0 OR b.person_id = ?3) ORDER BY b.id"
	                 " DESC LIMIT 1",
	                 cause, DB_ARGS(DB_INT(slot_id), DB_INT(booking_id), DB_INT(person_id)));
	if (found < 0)
		goto out;
	if (found == 1) {
		id = db_column_int64(st, 0);
		person = db_column_int64(st, 1);
		snprintf(code, sizeof code, "%s", db_column_text(st, 2));
		name = db_column_dup(st, 3);
		walk_in = db_column_int(st, 4);
		erased = db_column_int(st, 5);
		db_finalize(st);
	}
	if (id == 0) {
		set_cause(cause, _("no cancelled booking at %s %s to restore"), si.date, si.start);
		r = BOOK_REFUSED;
		goto out;
	}
	/* An erased person is given nothing back: nobody could tell them, and the record is only
	 * there for the counts. */
	if (erased) {
		set_cause(cause,
		          _("the personal data of %s was erased: their booking at %s %s is not "
		            "restored"),
		          code, si.date, si.start);
		r = BOOK_REFUSED;
		goto out;
	}
	if (who != NULL)
		*who = xasprintf("%s (%s)", name, code);
	if (si.booking_id != 0) {
		set_cause(
		    cause,
		    _("the slot at %s %s has been booked since by %s: the booking of %s cannot "
		      "be restored there"),
		    si.date, si.start, si.person, name);
		r = BOOK_TAKEN;
		goto out;
	}
	if ((r = bookable(&si, 0, rules->today, cause)) != BOOK_OK)
		goto out;
	int pr = person_rules(db, person, &si, walk_in, id, rules, cause);

	if (pr != 0) {
		r = pr > 0 ? BOOK_REFUSED : BOOK_ERROR;
		goto out;
	}
	char *detail = xasprintf("%s %s %s person=%s: cancelled -> booked", si.venue_code, si.date,
	                         si.start, code);
	char *what = xasprintf("booking %s", detail);

	si.booking_id = id;
	r = set_status(db, &si, "booked", "restore", detail, what, rules, cause);
out:
	free(name);
	free(si.closure);
	return finish(db, r, cause);
}

enum book_result
slots_rebook(struct db *db, int64_t slot_id, int64_t to_slot, const struct booking_rules *rules,
             char **cause)
{
	struct slot_info si, to;
	enum book_result r;

	memset(&to, 0, sizeof to);
	if (db_begin(db, cause) != 0)
		return BOOK_ERROR;
	if ((r = live_booking(db, slot_id, &si, rules, cause)) != BOOK_OK)
		goto out;
	if (strcmp(si.status, "booked") != 0) {
		set_cause(cause, "%s", _("only a booking not yet attended can be moved"));
		r = BOOK_REFUSED;
		goto out;
	}
	if ((r = slot_at_venue(db, to_slot, &to, rules, cause)) != BOOK_OK)
		goto out;
	if (to.booking_id == si.booking_id) {
		set_cause(cause, "%s", _("the booking is at that slot already"));
		r = BOOK_REFUSED;
		goto out;
	}
	if (to.booking_id != 0) {
		say_booked(&to, cause);
		r = BOOK_TAKEN;
		goto out;
	}
	if ((r = day_not_passed(&si, rules, cause)) != BOOK_OK)
		goto out;
	if ((r = bookable(&to, 0, rules->today, cause)) != BOOK_OK)
		goto out;
	/* A moved booking is an advance booking, a walk-in's too: the monthly limit applies. */
	int pr = person_rules(db, si.person_id, &to, 0, si.booking_id, rules, cause);

	if (pr != 0) {
		r = pr > 0 ? BOOK_REFUSED : BOOK_ERROR;
		goto out;
	}
	char *detail = xasprintf("%s %s %s -> %s %s %s person=%s", si.venue_code, si.date, si.start,
	                         to.venue_code, to.date, to.start, si.person);
	char *what = xasprintf("booking moved: %s", detail);

	/* Both months change: the one it leaves and the one it comes to. */
	r = period_allows(db, &si, rules, what, cause);
	if (r == BOOK_OK)
		r = period_allows(db, &to, rules, what, cause);
	free(what);
	if (r != BOOK_OK) {
		free(detail);
		goto out;
	}

	/* The moved booking keeps its id, so the calendar event keeps its UID and gains a
	 * SEQUENCE; the unique index reports a slot taken in between. */
	r = update_booking(db, si.booking_id, &to,
	                   "UPDATE bookings SET slot_id = ?2, walk_in = 0 WHERE CAST(?1 AS TEXT) "
	                   "IS NULL AND id = ?3",
	                   NULL, to_slot, "rebook", detail, rules, cause);
	free(detail);
out:
	free(si.closure);
	free(to.closure);
	return finish(db, r, cause);
}

enum book_result
slots_mark(struct db *db, int64_t slot_id, const char *status, const struct booking_rules *rules,
           char **cause)
{
	struct slot_info si;
	enum book_result r;
	struct date d;

	if (strcmp(status, "attended") != 0 && strcmp(status, "no_show") != 0 &&
	    strcmp(status, "booked") != 0) {
		set_cause(cause, _("'%s' is not one of: attended, no_show, booked"), status);
		return BOOK_REFUSED;
	}
	if (db_begin(db, cause) != 0)
		return BOOK_ERROR;
	if ((r = live_booking(db, slot_id, &si, rules, cause)) != BOOK_OK)
		goto out;
	if (strcmp(status, "booked") != 0 && date_parse(si.date, &d) == 0 &&
	    date_cmp(&d, rules->today) > 0) {
		set_cause(cause, "%s", _("this consultation has not happened yet"));
		r = BOOK_REFUSED;
		goto out;
	}
	/* Not come: known once the consultation's time has come, not before (by the clock). */
	struct date now = clock_today();
	int minutes = clock_minutes(), start = time_parse(si.start);

	if (strcmp(status, "no_show") == 0 && date_parse(si.date, &d) == 0 &&
	    date_cmp(&d, &now) == 0 && start > minutes) {
		set_cause(
		    cause,
		    _("the consultation at %s has not begun yet (it is %02d:%02d now): whether "
		      "the person came is known once it has"),
		    si.start, minutes / 60, minutes % 60);
		r = BOOK_REFUSED;
		goto out;
	}
	if (strcmp(si.status, status) == 0)
		goto out; /* already so: nothing to record */
	char *detail =
	    xasprintf("%s %s %s person=%s %s", si.venue_code, si.date, si.start, si.person, status);
	char *what = xasprintf("booking %s %s %s person=%s: %s -> %s", si.venue_code, si.date,
	                       si.start, si.person, si.status, status);

	r = set_status(db, &si, status, "mark", detail, what, rules, cause);
out:
	free(si.closure);
	return finish(db, r, cause);
}

long
slots_merge_person(struct db *db, int64_t keep, int64_t other, struct strlist *notes, char **cause)
{
	db_stmt *st;
	int64_t moved;
	int rc;

	if (db_begin(db, cause) != 0)
		return -1;
	if (db_value(db, "SELECT count(*) FROM bookings WHERE person_id = ?1", &moved, cause,
	             DB_ARGS(DB_INT(other))) != 0)
		goto fail;
	if (db_run(db, "UPDATE bookings SET person_id = ?1 WHERE person_id = ?2",
	           _("cannot move the bookings"), cause, DB_ARGS(DB_INT(keep), DB_INT(other))) != 0)
		goto fail;
	/* The days that now hold two live bookings of one person. */
	st = db_query(db,
	              "SELECT s.date, group_concat(s.start || ' ' || v.name, ', ') FROM"
	              " (SELECT s.date, s.start, s.venue_id FROM bookings b JOIN"
	              " consultation_slots s ON s.id = b.slot_id WHERE b.person_id = ?1 AND"
	              " b.status <> 'cancelled' ORDER BY s.date, s.start) s JOIN venues v ON"
	              " v.id = s.venue_id GROUP BY s.date HAVING count(*) > 1 ORDER BY s.date",
	              cause, DB_ARGS(DB_INT(keep)));
	while (st != NULL && (rc = db_step(st)) == DB_ROW)
		strlist_addf(notes,
		             _("%s: two consultations on one day (%s); cancel one if need be"),
		             db_column_text(st, 0), db_column_text(st, 1));
	if (st == NULL || db_finish(db, st, rc, cause) != 0 || db_commit(db, cause) != 0)
		goto fail;
	return (long)moved;
fail:
	db_rollback(db);
	return -1;
}
