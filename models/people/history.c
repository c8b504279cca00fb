/* models/people/history.c: a resident's record: details and history, read from the tables of
 * the features that keep it (lottery: applications; consult: bookings; classes: the roll
 * call). Reading only: each of those tables has its own writer. */
#include "config.h"
#include "models/people/people.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/classes/classes.h"
#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "models/formats/table.h"
#include "models/lottery/lottery.h"
#include "models/reports/reports.h"

/* Every event of person ?1, newest first: an application on the day it was made (before that
 * day's bookings and sessions, which have a time), a booking by its slot, a roll-call mark by
 * its session. */
static const char history_sql[] =
    "SELECT 0, a.applied_at AS d, '' AS t, o.code, c.title, v.name, a.status, a.reason,"
    "  coalesce(a.waiting_position, 0), 0, a.id"
    " FROM applications a JOIN offerings o ON o.id = a.offering_id"
    " JOIN courses c ON c.id = o.course_id JOIN venues v ON v.id = o.venue_id"
    " WHERE a.person_id = ?1"
    " UNION ALL SELECT 1, s.date, s.start, v.code, b.topic, v.name, b.status, '', 0,"
    "  b.walk_in, b.id"
    " FROM bookings b JOIN consultation_slots s ON s.id = b.slot_id"
    " JOIN venues v ON v.id = s.venue_id WHERE b.person_id = ?1"
    " UNION ALL SELECT 2, se.date, se.start, se.code, c.title, v.name, t.status, '', 0,"
    "  t.substitute, se.id"
    " FROM attendance t JOIN sessions se ON se.id = t.session_id"
    " JOIN offerings o ON o.id = se.offering_id JOIN courses c ON c.id = o.course_id"
    " JOIN venues v ON v.id = o.venue_id WHERE t.person_id = ?1"
    " ORDER BY 2 DESC NULLS LAST, 3 DESC NULLS LAST, 1 DESC NULLS LAST, 11 DESC NULLS LAST";

int
person_record_load(struct db *db, const char *code, struct person_record *out, char **cause)
{
	db_stmt *st;
	size_t cap = 0;
	int rc = person_find(db, code, &out->p, cause);

	out->resident = 0;
	out->language = "ja";
	out->registered_at = NULL;
	out->merged_into = NULL;
	out->erased_at = NULL;
	out->v = NULL;
	out->n = 0;
	if (rc != 0)
		return rc;
	st = db_query_int(db,
	                  "SELECT resident, created_at, (SELECT code FROM people k WHERE k.id ="
	                  " p.merged_into), erased_at, language FROM people p WHERE id = ?1",
	                  out->p.id, cause);
	if (st == NULL)
		goto fail;
	rc = db_step(st);
	if (rc == DB_ROW) {
		out->resident = db_column_int(st, 0);
		out->registered_at = db_column_dup(st, 1);
		if (!db_column_null(st, 2))
			out->merged_into = db_column_dup(st, 2);
		if (!db_column_null(st, 3))
			out->erased_at = db_column_dup(st, 3);
		out->language = strcmp(db_column_text(st, 4), "en") == 0 ? "en" : "ja";
		rc = DB_DONE;
	}
	if (db_finish(db, st, rc, cause) != 0)
		goto fail;
	st = db_query_int(db, history_sql, out->p.id, cause);
	while (st != NULL && (rc = db_step(st)) == DB_ROW) {
		out->v = xgrow(out->v, out->n, &cap, 16, sizeof *out->v);
		struct person_event *e = &out->v[out->n++];

		e->kind = (enum person_event_kind)db_column_int(st, 0);
		e->date = db_column_dup(st, 1);
		e->time = db_column_dup(st, 2);
		e->code = db_column_dup(st, 3);
		e->title = db_column_dup(st, 4);
		e->venue = db_column_dup(st, 5);
		e->status = db_column_dup(st, 6);
		e->reason = db_column_dup(st, 7);
		e->position = db_column_int(st, 8);
		e->flag = db_column_int(st, 9);
	}
	if (st == NULL || db_finish(db, st, rc, cause) != 0)
		goto fail;
	return 0;
fail:
	person_record_free(out);
	return -1;
}

void
person_record_free(struct person_record *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n; i++) {
		struct person_event *e = &r->v[i];

		free(e->date);
		free(e->time);
		free(e->code);
		free(e->title);
		free(e->venue);
		free(e->status);
		free(e->reason);
	}
	free(r->v);
	free(r->registered_at);
	free(r->merged_into);
	free(r->erased_at);
	person_free(&r->p);
	memset(r, 0, sizeof *r);
}

/* A booking's status in words. */
static char *
booking_label(const char *status, int walk_in)
{
	const char *s = strcmp(status, "attended") == 0  ? _("attended")
	                : strcmp(status, "no_show") == 0 ? _("no-show")
	                : strcmp(status, "cancelled") == 0
	                    /* TRANSLATORS: a consultation booking that was cancelled. */
	                    ? _("cancelled (booking)")
	                    : _("booked");

	return walk_in ? xasprintf(_("%s (walk-in)"), s) : xstrdup(s);
}

struct table *
person_history_table(const struct person_record *r)
{
	static const char *const hdr[] = {N_("Date"),           N_("Time"),  N_("Kind"),
	                                  N_("Class or topic"), N_("Venue"), N_("Status")};
	struct table *t = table_new_i18n(6, hdr, "kkllll");

	for (size_t i = 0; i < r->n; i++) {
		const struct person_event *e = &r->v[i];
		const char *kind, *title = e->title;
		char *status;

		switch (e->kind) {
		case PERSON_EVENT_APPLICATION:
			/* TRANSLATORS: a kind of event in a person's history. */
			kind = _("application");
			status = lottery_result_label(e->status, e->position, e->reason);
			break;
		case PERSON_EVENT_BOOKING:
			/* TRANSLATORS: a kind of event in a person's history. */
			kind = _("consultation");
			/* The topic as the Consultations screen names it ("line" -> "LINE"). */
			title = report_topic_name(e->title);
			status = booking_label(e->status, e->flag);
			break;
		default:
			/* TRANSLATORS: a kind of event in a person's history: a class attended. */
			kind = _("class");
			status = attendance_label(e->status, e->flag);
			break;
		}
		table_add_keyed_row(
		    t, (const char *const[]){e->date, e->time, kind, title, e->venue, status},
		    e->code);
		free(status);
	}
	return t;
}

void
person_record_details(const struct person_record *r, struct strlist *lines)
{
	char born[16] = "", registered[11];
	const char *label[] = {_("Code"), _("Name"), _("Kana"), _("Phone"), _("Born"),
	                       _("Resident of the city"),
	                       /* TRANSLATORS: the language a resident reads (their notices). */
	                       _("Language"), _("Registered")};
	const char *value[] = {r->p.code,
	                       r->p.name,
	                       r->p.kana,
	                       r->p.phone,
	                       born,
	                       r->resident ? _("yes") : _("no"),
	                       person_language_name(r->language),
	                       registered};
	int width = 0;

	if (r->p.birth_year)
		snprintf(born, sizeof born, "%d", r->p.birth_year);
	/* The day alone: "2022-10-01T08:21:43Z". */
	snprintf(registered, sizeof registered, "%s", r->registered_at ? r->registered_at : "");
	for (size_t i = 0; i < sizeof label / sizeof *label; i++)
		if (text_width(label[i]) > width)
			width = text_width(label[i]);
	for (size_t i = 0; i < sizeof label / sizeof *label; i++) {
		/* Text from the database is drawn as text (text_fit makes controls harmless). */
		char *l = text_fit(label[i], width, 1), *v = text_fit(value[i], 200, 0);

		strlist_addf(lines, "%s  %s", l, v);
		free(l);
		free(v);
	}
	if (r->merged_into != NULL)
		strlist_addf(lines, _("Merged into %s: its history is there."), r->merged_into);
	if (r->erased_at != NULL)
		strlist_addf(lines, _("Personal data erased on %.10s at the resident's request."),
		             r->erased_at);
}
