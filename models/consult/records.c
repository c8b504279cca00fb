/* models/consult/records.c: slots and bookings named by venue, date and start, as the command
 * line and imports name them: a slot found or added, a booking recorded as it was decided
 * elsewhere (the city's earlier records). */
#include "config.h"
#include "models/consult/consult.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/periods/periods.h"
#include "models/staff/staff.h"

int64_t
slot_find(struct db *db, const char *venue_code, const char *date, const char *start, char **cause)
{
	int64_t venue = slot_venue_id(db, venue_code, cause);
	db_stmt *st;
	int64_t id = 0;
	int rc;

	if (venue <= 0)
		return venue;
	st = db_query(db,
	              "SELECT id FROM consultation_slots WHERE venue_id = ? AND date = ? AND "
	              "start = ?",
	              cause, DB_ARGS(DB_INT(venue), DB_TEXT(date), DB_TEXT(start)));
	if (st == NULL)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW)
		id = db_column_int64(st, 0);
	db_finalize(st);
	if (rc != DB_ROW && rc != DB_DONE) {
		db_cause(db, cause, _("database error"));
		return -1;
	}
	if (id == 0)
		set_cause(cause, _("no consultation slot at %s %s %s"), venue_code, date, start);
	return id;
}

/* A slot's date and start as written; 0, or -1 with *field and *cause. */
static int
check_when(const char *date, const char *start, const char **field, char **cause)
{
	struct date d;

	*field = "date";
	if (date_parse(date, &d) != 0) {
		set_cause(cause, _("'%s' is not a date of the form YYYY-MM-DD that exists"), date);
		return -1;
	}
	*field = "start";
	if (time_parse(start) < 0) {
		set_cause(cause, _("'%s' is not a time of the form HH:MM"), start);
		return -1;
	}
	*field = NULL;
	return 0;
}

int
slot_add(struct db *db, const char *venue_code, const char *date, const char *start,
         const char **field, char **cause)
{
	const char *dummy;
	int64_t venue;

	if (field == NULL)
		field = &dummy;
	if (check_when(date, start, field, cause) != 0)
		return -1;
	*field = "venue";
	if ((venue = slot_venue_id(db, venue_code, cause)) <= 0)
		return -1;
	*field = NULL;
	return db_run(db,
	              "INSERT INTO consultation_slots (venue_id, date, start) VALUES (?,?,?)"
	              " ON CONFLICT DO NOTHING",
	              _("cannot add the slot"), cause,
	              DB_ARGS(DB_INT(venue), DB_TEXT(date), DB_TEXT(start)));
}

/* Run sql with ?1 slot, ?2 person, ?3 topic, ?4 status, ?5 walk-in, ?6 actor. */
static int
record_step(struct db *db, const char *sql, int64_t slot, const struct booking_record *b,
            const char *status, const char *actor, char **cause)
{
	db_stmt *st = db_query(db, sql, cause,
	                       DB_ARGS(DB_INT(slot), DB_INT(b->person_id), DB_TEXT(b->topic),
	                               DB_TEXT(status), DB_INT(b->walk_in != 0), DB_TEXT(actor)));
	int rc;

	if (st == NULL)
		return -1;
	rc = db_step(st);
	db_finalize(st);
	if (rc != DB_DONE && rc != DB_ROW) {
		db_cause(db, cause, _("cannot record the booking"));
		return -1;
	}
	return rc == DB_ROW ? 1 : 0;
}

int
slots_record(struct db *db, const struct booking_record *b, const char *actor, int role,
             const char *reason, const char **field, char **cause)
{
	static const char *const statuses[] = {"booked", "attended", "no_show", "cancelled"};
	const char *status = b->status != NULL && *b->status ? b->status : "booked", *dummy;
	int64_t slot, venue, holder = 0;
	char was[16] = "none";
	int same = 0;
	size_t k;

	if (field == NULL)
		field = &dummy;
	if (check_when(b->date, b->start, field, cause) != 0)
		return -1;
	*field = "topic";
	if (text_check_value(b->topic, 1, 40, NULL, cause) != 0)
		return -1;
	*field = "status";
	for (k = 0; k < 4 && strcmp(status, statuses[k]) != 0; k++)
		;
	if (k == 4) {
		set_cause(cause, _("'%s' is not one of: %s"), status,
		          "booked, attended, no_show, cancelled");
		return -1;
	}
	*field = "venue";
	if ((venue = slot_venue_id(db, b->venue, cause)) <= 0)
		return -1;
	*field = "start";
	if ((slot = slot_find(db, b->venue, b->date, b->start, cause)) <= 0)
		return -1;
	*field = NULL;
	if (db_begin(db, cause) != 0)
		return -1;
	*field = "venue";
	if (staff_may_write_venue(db, actor, venue, cause) != 0)
		goto fail;
	*field = NULL;
	db_stmt *st =
	    db_query(db,
	             "SELECT person_id, status, topic = ?2 AND walk_in = ?3 FROM bookings WHERE"
	             " slot_id = ?1 AND status <> 'cancelled'",
	             cause, DB_ARGS(DB_INT(slot), DB_TEXT(b->topic), DB_INT(b->walk_in != 0)));

	if (st == NULL)
		goto fail;
	if (db_step(st) == DB_ROW) {
		holder = db_column_int64(st, 0);
		if (holder == b->person_id) {
			snprintf(was, sizeof was, "%s", db_column_text(st, 1));
			same = strcmp(was, status) == 0 && db_column_int(st, 2);
		}
	}
	db_finalize(st);
	int cancelling = strcmp(status, "cancelled") == 0, rc = 0;
	const char *sql;

	if (cancelling && holder == b->person_id)
		sql =
		    "UPDATE bookings SET status = ?4 WHERE slot_id = ?1 AND status <> 'cancelled'";
	else if (cancelling &&
	         (rc = record_step(db,
	                           "SELECT 1 FROM bookings WHERE slot_id = ?1 AND person_id = ?2"
	                           " AND status = 'cancelled'",
	                           slot, b, status, actor, cause)) != 0)
		sql = NULL; /* on record already, or an error */
	else if (holder != 0 && !cancelling && holder != b->person_id) {
		*field = "start";
		set_cause(cause, _("the slot at %s %s %s is already booked by someone else"),
		          b->venue, b->date, b->start);
		goto fail;
	} else if (holder != 0 && !cancelling)
		sql = "UPDATE bookings SET topic = ?3, status = ?4, walk_in = ?5 WHERE"
		      " slot_id = ?1 AND status <> 'cancelled'";
	else
		sql = "INSERT INTO bookings (slot_id, person_id, topic, status, walk_in,"
		      " booked_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
	if (sql != NULL && !same) {
		char *what = xasprintf("booking %s %s %s person=%lld: %s -> %s", b->venue, b->date,
		                       b->start, (long long)b->person_id, was, status);

		rc = period_check_change(db, b->date, actor, role, reason, what, cause);
		free(what);
		if (rc != 0)
			goto fail;
	}
	if (sql != NULL)
		rc = record_step(db, sql, slot, b, status, actor, cause);
	if (rc < 0 || db_commit(db, cause) != 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}
