/* models/consult/day.c: a venue's day of slots as the screens and the kiosk show it, the next
 * free slots after one, the days before and after, and a slot's state in words. */
#include "config.h"
#include "models/consult/consult.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/consult/internal.h"

static enum slot_state
state_of(const char *booking_status, int open, int closure)
{
	if (*booking_status == '\0')
		return open && !closure ? SLOT_FREE : SLOT_CLOSED;
	if (strcmp(booking_status, "attended") == 0)
		return SLOT_ATTENDED;
	if (strcmp(booking_status, "no_show") == 0)
		return SLOT_NO_SHOW;
	return SLOT_BOOKED;
}

/* The day view's query: the staff's form adds the people's columns and join. */
#define DAY_COLUMNS                                                                                \
	"SELECT s.id, s.date, s.start, s.status = 'open', coalesce(b.id, 0), coalesce(b.status, ''),"  \
	" coalesce(b.walk_in, 0), coalesce(b.topic, ''), " SQL_SLOT_CLOSURE_REASON
#define DAY_FROM                                                                                   \
	" FROM consultation_slots s LEFT JOIN bookings b ON b.slot_id = s.id AND b.status <>"      \
	" 'cancelled'"
#define DAY_WHERE " WHERE s.venue_id = ?1 AND s.date = ?2 ORDER BY s.start"

int
slots_day(struct db *db, int64_t venue_id, const char *date, int personal, struct slot_day *out,
          char **cause)
{
	/* The kiosk's form never names the people table. */
	static const char sql_public[] = DAY_COLUMNS DAY_FROM DAY_WHERE;
	static const char sql_staff[] = DAY_COLUMNS
	    ", coalesce(p.code, ''), coalesce(p.name, ''), coalesce(p.kana, ''),"
	    " coalesce(p.phone, '')" DAY_FROM " LEFT JOIN people p ON p.id = b.person_id" DAY_WHERE;
	db_stmt *st = db_query(db, personal ? sql_staff : sql_public, cause,
	                            DB_ARGS(DB_INT(venue_id), DB_TEXT(date)));
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		out->v = xgrow(out->v, out->n, &cap, 16, sizeof *out->v);
		struct slot_view *v = &out->v[out->n++];
		int closure = !db_column_null(st, 8);

		memset(v, 0, sizeof *v);
		v->slot_id = db_column_int64(st, 0);
		snprintf(v->date, sizeof v->date, "%s", db_column_text(st, 1));
		snprintf(v->start, sizeof v->start, "%s", db_column_text(st, 2));
		v->booking_id = db_column_int64(st, 4);
		v->state = state_of(db_column_text(st, 5), db_column_int(st, 3), closure);
		v->walk_in = db_column_int(st, 6);
		v->topic = db_column_dup(st, 7);
		v->reason = xstrdup(closure && strcmp(db_column_text(st, 8), "-") != 0
		                        ? db_column_text(st, 8)
		                        : "");
		if (personal) {
			v->person_code = db_column_dup(st, 9);
			v->name = db_column_dup(st, 10);
			v->kana = db_column_dup(st, 11);
			v->phone = db_column_dup(st, 12);
		}
	}
	if (db_finish(db, st, rc, cause) == 0)
		return 0;
	slot_day_free(out);
	return -1;
}

void
slot_day_free(struct slot_day *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].topic);
		free(d->v[i].person_code);
		free(d->v[i].name);
		free(d->v[i].kana);
		free(d->v[i].phone);
		free(d->v[i].reason);
	}
	free(d->v);
	d->v = NULL;
	d->n = 0;
}

int
slots_next_free(struct db *db, int64_t slot_id, const struct date *today, size_t n,
                struct strlist *when, int64_t *ids, char **cause)
{
	char *t = date_iso(today);
	db_stmt *st = db_query(
	    db,
	    "SELECT s.id, s.date, s.start FROM consultation_slots s, consultation_slots o"
	    " WHERE o.id = ?1 AND s.venue_id = o.venue_id AND (s.date, s.start) > (o.date, o.start)"
	    " AND s.date >= ?2 AND s.status = 'open'"
	    " AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = s.id AND b.status <>"
	    " 'cancelled') AND NOT EXISTS (SELECT 1 FROM closures c WHERE " SQL_CLOSURE_COVERS(
	        "s.date", "s.venue_id", "s.start") ") ORDER BY s.date, s.start LIMIT ?3",
	    cause, DB_ARGS(DB_INT(slot_id), DB_TEXT(t), DB_INT(n)));
	size_t k = 0;
	int rc;

	free(t);
	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW && k < n) {
		strlist_addf(when, "%s %s", db_column_text(st, 1), db_column_text(st, 2));
		if (ids != NULL)
			ids[k] = db_column_int64(st, 0);
		k++;
	}
	db_finalize(st);
	if (rc != DB_DONE && rc != DB_ROW) {
		db_cause(db, cause, _("database error"));
		return -1;
	}
	return 0;
}

int
slots_adjacent_day(struct db *db, int64_t venue_id, const char *date, int forward, char out[11],
                   char **cause)
{
	db_stmt *st = db_query(
	    db,
	    forward ? "SELECT min(date) FROM consultation_slots WHERE venue_id = ? AND date > ?"
	            : "SELECT max(date) FROM consultation_slots WHERE venue_id = ? AND date < ?",
	    cause, DB_ARGS(DB_INT(venue_id), DB_TEXT(date)));
	int found = 0;

	if (st == NULL)
		return -1;
	if (db_step(st) == DB_ROW && !db_column_null(st, 0)) {
		snprintf(out, 11, "%s", db_column_text(st, 0));
		found = 1;
	}
	db_finalize(st);
	return found;
}

int64_t
slots_data_version(struct db *db)
{
	return db_data_version(db);
}

const char *
slot_state_label(enum slot_state s)
{
	switch (s) {
	case SLOT_FREE: return _("free");
	case SLOT_BOOKED: return _("booked");
	case SLOT_ATTENDED: return _("attended");
	case SLOT_NO_SHOW: return _("no-show");
	case SLOT_CLOSED: break;
	}
	return _("closed");
}
