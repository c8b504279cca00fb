/* models/kiosk/kiosk.c: the lobby kiosk's view of the database: classes and free consultation
 * times, counted without reading anyone's record. */
#include "config.h"
#include "models/kiosk/kiosk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/core/schema.h"

/* Columns the kiosk must never read: residents' records and whatever ties a row to one. */
static const struct db_column personal[] = {
    {"people", NULL},
    {"audit_log", NULL},
    {"applications", "person_id"},
    {"applications", "ref"},
    {"applications", "reason"},
    {"applications", "entered_by"},
    {"bookings", "person_id"},
    {"bookings", "topic"},
    {"bookings", "booked_by"},
    {"attendance", "person_id"},
    {"lottery_entries", "person_code"},
    {"staff", NULL},
    {"staff_venues", NULL},
};

void
kiosk_guard(struct db *db, int on)
{
	db_deny_reads(db, on ? personal : NULL, on ? sizeof personal / sizeof personal[0] : 0);
}

const char *
kiosk_seats_label(enum kiosk_seats s)
{
	switch (s) {
	case KIOSK_NOT_YET: return _("Opens soon");
	case KIOSK_OPEN: return _("Seats available");
	case KIOSK_FEW: return _("Few seats left");
	case KIOSK_FULL: return _("Full");
	case KIOSK_LOTTERY: return _("Many applicants: lottery");
	case KIOSK_CLOSED: return _("Applications closed");
	case KIOSK_DRAWN: return _("Lottery drawn");
	case KIOSK_CANCELLED: return _("Cancelled");
	}
	return "";
}

static enum kiosk_seats
seats_state(const struct kiosk_class *c, const struct date *today, const char *status, int drawn)
{
	if (strcmp(status, "cancelled") == 0)
		return KIOSK_CANCELLED;
	if (drawn)
		return KIOSK_DRAWN;
	if (date_cmp(today, &c->apply_from) < 0)
		return KIOSK_NOT_YET;
	if (date_cmp(today, &c->apply_to) > 0 || strcmp(status, "closed") == 0)
		return KIOSK_CLOSED;
	int left = c->capacity - c->applicants;

	/* More applicants than seats while the window is open: not full, a lottery will
	 * decide, and whoever still applies takes part in it. */
	if (left < 0)
		return KIOSK_LOTTERY;
	if (left == 0)
		return KIOSK_FULL;
	/* 残りわずか: a fifth of the seats or fewer (at least one seat for small classes). */
	if (left * 5 <= c->capacity || left == 1)
		return KIOSK_FEW;
	return KIOSK_OPEN;
}

static void
class_free(struct kiosk_class *c)
{
	free(c->offering);
	free(c->first_session);
	free(c->title);
	free(c->level);
	free(c->venue);
	free(c->address);
	free(c->description);
	free(c->bring);
	free(c->sessions);
}

static int
load_classes(struct db *db, const struct date *today, int class_days, struct kiosk_view *v,
             char **cause)
{
	/* Offerings with a session in the window; the applicants (applied, won, waiting or lost)
	 * are the offering's counter, kept by triggers (migration 18). Drawn: a round that is not
	 * superseded holds it, or results were imported with the applications. */
	db_stmt *st = db_prepare(
	    db,
	    "SELECT o.id, o.code, " SQL_CLASS_TITLE ", c.level, v.name, v.address, c.description,"
	    " c.bring, o.apply_from, o.apply_to, o.capacity, o.status,"
	    " coalesce((SELECT n FROM counters k WHERE k.name = 'applicants'"
	    "   AND k.id = o.id), 0),"
	    " EXISTS (SELECT 1 FROM lottery_round_offerings ro JOIN lottery_rounds r"
	    "   ON r.id = ro.round_id WHERE ro.offering_id = o.id AND r.superseded_at IS NULL)"
	    " OR EXISTS (SELECT 1 FROM applications a WHERE a.offering_id = o.id"
	    "   AND a.status IN ('won','waiting','lost')),"
	    " min(s.date || ' ' || s.start)"
	    " FROM sessions s JOIN offerings o ON o.id = s.offering_id"
	    " JOIN courses c ON c.id = o.course_id JOIN venues v ON v.id = o.venue_id"
	    " WHERE s.date BETWEEN ?1 AND date(?1, '+' || ?2 || ' days')"
	    " GROUP BY o.id, c.id, v.id ORDER BY min(s.date || ' ' || s.start), o.code",
	    cause);
	db_stmt *ss = NULL;
	char *from = date_iso(today);
	int rc = -1, step;

	if (st == NULL)
		goto out;
	ss = db_prepare(db,
	                "SELECT code, date, start, strftime('%H:%M', start, '+' || duration_min ||"
	                " ' minutes'), status = 'cancelled' FROM sessions"
	                " WHERE offering_id = ? AND date >= ? ORDER BY date, start",
	                cause);
	if (ss == NULL)
		goto out;
	db_bind_text(st, 1, from);
	db_bind_int(st, 2, class_days);
	while ((step = db_step(st)) == DB_ROW) {
		struct kiosk_class c;

		memset(&c, 0, sizeof c);
		c.offering = db_column_dup(st, 1);
		c.title = db_column_dup(st, 2);
		c.level = db_column_dup(st, 3);
		c.venue = db_column_dup(st, 4);
		c.address = db_column_dup(st, 5);
		c.description = db_column_dup(st, 6);
		c.bring = db_column_dup(st, 7);
		date_parse(db_column_text(st, 8), &c.apply_from);
		date_parse(db_column_text(st, 9), &c.apply_to);
		c.capacity = db_column_int(st, 10);
		c.applicants = db_column_int(st, 12);
		c.seats = seats_state(&c, today, db_column_text(st, 11), db_column_int(st, 13));

		db_reset(ss);
		db_bind_int64(ss, 1, db_column_int64(st, 0));
		db_bind_text(ss, 2, from);
		while ((step = db_step(ss)) == DB_ROW) {
			struct kiosk_session *s;

			c.sessions = xrealloc(c.sessions, (c.nsessions + 1) * sizeof *c.sessions);
			s = &c.sessions[c.nsessions++];
			memset(s, 0, sizeof *s);
			date_parse(db_column_text(ss, 1), &s->date);
			snprintf(s->start, sizeof s->start, "%s", db_column_text(ss, 2));
			snprintf(s->end, sizeof s->end, "%s", db_column_text(ss, 3));
			s->cancelled = db_column_int(ss, 4);
			if (c.first_session == NULL && !s->cancelled)
				c.first_session = db_column_dup(ss, 0);
		}
		if (step != DB_DONE) {
			db_cause(db, cause, _("database error"));
			class_free(&c);
			goto out;
		}
		/* Every session of the offering cancelled: the class is off. */
		if (c.first_session == NULL)
			c.seats = KIOSK_CANCELLED;
		v->classes = xrealloc(v->classes, (v->nclasses + 1) * sizeof *v->classes);
		v->classes[v->nclasses++] = c;
	}
	rc = db_finish(db, st, step, cause);
	st = NULL;
out:
	db_finalize(st);
	db_finalize(ss);
	free(from);
	return rc;
}

static int
load_slots(struct db *db, const struct date *today, int now_min, int slot_days,
           struct kiosk_view *v, char **cause)
{
	/* Every open slot in the window, with whether it is free: a booking's existence is read
	 * from the index on its slot, never its person. */
	db_stmt *st = db_prepare(
	    db,
	    "SELECT v.id, v.name, v.address, s.date, s.start,"
	    " NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = s.id"
	    "   AND b.status <> 'cancelled')"
	    " FROM consultation_slots s JOIN venues v ON v.id = s.venue_id"
	    " WHERE s.date BETWEEN ?1 AND date(?1, '+' || ?2 || ' days') AND s.status = 'open'"
	    " ORDER BY v.id, s.date, s.start",
	    cause);
	char *from = date_iso(today);
	int64_t venue = -1;
	int rc = -1, step;

	if (st == NULL)
		goto out;
	db_bind_text(st, 1, from);
	db_bind_int(st, 2, slot_days);
	while ((step = db_step(st)) == DB_ROW) {
		struct kiosk_venue *kv;
		struct kiosk_day *day;
		struct date d;
		const char *start = db_column_text(st, 4);

		if (date_parse(db_column_text(st, 3), &d) != 0)
			continue;
		if (now_min >= 0 && date_cmp(&d, today) == 0 && time_parse(start) <= now_min)
			continue;
		if (db_column_int64(st, 0) != venue) {
			venue = db_column_int64(st, 0);
			v->venues = xrealloc(v->venues, (v->nvenues + 1) * sizeof *v->venues);
			kv = &v->venues[v->nvenues++];
			memset(kv, 0, sizeof *kv);
			kv->name = db_column_dup(st, 1);
			kv->address = db_column_dup(st, 2);
		}
		kv = &v->venues[v->nvenues - 1];
		if (kv->ndays == 0 || date_cmp(&kv->days[kv->ndays - 1].date, &d) != 0) {
			kv->days = xrealloc(kv->days, (kv->ndays + 1) * sizeof *kv->days);
			day = &kv->days[kv->ndays++];
			memset(day, 0, sizeof *day);
			day->date = d;
		}
		day = &kv->days[kv->ndays - 1];
		if (db_column_int(st, 5)) {
			strlist_add(&day->times, xstrdup(start));
			kv->free++;
		}
	}
	rc = db_finish(db, st, step, cause);
	st = NULL;
out:
	db_finalize(st);
	free(from);
	return rc;
}

int
kiosk_load(struct db *db, const struct date *today, int now_min, int class_days, int slot_days,
           struct kiosk_view *v, char **cause)
{
	int rc;

	memset(v, 0, sizeof *v);
	/* One read transaction: the classes and the slots are of the same moment. */
	if (db_exec(db, "BEGIN", cause) != 0)
		return -1;
	rc = load_classes(db, today, class_days, v, cause) == 0 &&
	             load_slots(db, today, now_min, slot_days, v, cause) == 0
	         ? 0
	         : -1;
	db_exec(db, "COMMIT", NULL);
	if (rc != 0)
		kiosk_view_free(v);
	return rc;
}

void
kiosk_view_free(struct kiosk_view *v)
{
	for (size_t i = 0; i < v->nclasses; i++)
		class_free(&v->classes[i]);
	free(v->classes);
	for (size_t i = 0; i < v->nvenues; i++) {
		free(v->venues[i].name);
		free(v->venues[i].address);
		for (size_t j = 0; j < v->venues[i].ndays; j++)
			strlist_clear(&v->venues[i].days[j].times);
		free(v->venues[i].days);
	}
	free(v->venues);
	memset(v, 0, sizeof *v);
}
