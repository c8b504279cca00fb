/* models/classes/overview.c: read-only lists for the section screens (overview_*) and the date
 * of the last class session. */
#include "config.h"
#include "models/classes/classes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/core/schema.h"
#include "models/core/util.h"

struct table *
overview_fill(struct db *db, db_stmt *st, struct table *t, int date_col, enum date_style style,
              char **cause)
{
	int rc;
	char **cells = xcalloc(t->ncols, sizeof *cells);

	while ((rc = db_step(st)) == DB_ROW) {
		for (size_t i = 0; i < t->ncols; i++) {
			const char *v = db_column_text(st, (int)i);
			struct date d;

			if ((int)i == date_col && date_parse(v, &d) == 0)
				cells[i] = date_format(&d, style);
			else
				cells[i] = xstrdup(v);
		}
		/* A column past the table's is the record's code. */
		table_add_keyed_row(
		    t, (const char *const *)cells,
		    db_column_count(st) > (int)t->ncols ? db_column_text(st, (int)t->ncols) : NULL);
		for (size_t i = 0; i < t->ncols; i++)
			free(cells[i]);
	}
	free(cells);
	if (db_finish(db, st, rc, cause) == 0)
		return t;
	table_free(t);
	return NULL;
}

struct pages *
overview_sessions(struct db *db, enum date_style style)
{
	/* The device in a column of its own: cut to fit 80 columns, "スマホ入門 (Android)" and
	 * "スマホ入門 (iPhone)" would look the same. */
	static const char *const titles[] = {N_("Date"),  N_("Time"),  N_("Class"),   N_("Device"),
	                                     N_("Venue"), N_("Seats"), N_("Attended")};
	struct pages *p =
	    pages_new(db, 7, titles, "kklklrr",
	              "s.date, s.start, c.title, CASE c.device WHEN 'iphone' THEN 'iPhone'"
	              " WHEN 'android' THEN 'Android' ELSE '' END, v.name, s.seats,"
	              " CASE s.status WHEN 'cancelled' THEN CAST(?1 AS TEXT) ELSE"
	              "  CAST((SELECT count(*) FROM attendance a WHERE a.session_id = s.id"
	              "  AND a.status IN ('present','late')) AS TEXT) END, s.code",
	              "sessions s JOIN offerings o ON o.id = s.offering_id"
	              " JOIN courses c ON c.id = o.course_id JOIN venues v ON v.id = o.venue_id",
	              "sessions");

	/* By date and time: the index sessions_date (with the row id in SQLite), sessions_list
	 * in PostgreSQL. */
	pages_key(p, "s.date", 0);
	pages_key(p, "s.start", 0);
	pages_key(p, "s.id", 1);
	pages_param(p, _("cancelled"));
	/* What a search looks at: the text of a row as shown (the attendance aside). */
	pages_base(p, "sessions s");
	pages_find(p, "s.code", PAGES_CODE_CHARS);
	pages_find(p, "s.date", PAGES_DATE_CHARS);
	pages_find(p, "s.start", PAGES_TIME_CHARS);
	pages_find_date(p, "s.date");
	pages_find_in(p, "o.course_id",
	              "SELECT id, title, CASE device WHEN 'iphone' THEN 'iPhone' WHEN 'android'"
	              " THEN 'Android' ELSE '' END FROM courses");
	pages_find_in(p, "o.venue_id", "SELECT id, name FROM venues");
	p->date_col = 0;
	p->style = style;
	return p;
}

int
overview_totals(struct db *db, struct overview_totals *t, char **cause)
{
	/* Kept by the counters' triggers (migration 18): no table is read through. */
	db_stmt *st = db_prepare(db, "SELECT name, n FROM counters WHERE id = 0", cause);
	static const char *const names[] = {"venues",       "offerings", "sessions", "people",
	                                    "applications", "slots",     "bookings"};
	long *counts[] = {&t->venues,       &t->offerings, &t->sessions, &t->people,
	                  &t->applications, &t->slots,     &t->bookings};
	int rc;

	if (st == NULL)
		return -1;
	memset(t, 0, sizeof *t);
	while ((rc = db_step(st)) == DB_ROW)
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
			if (strcmp(db_column_text(st, 0), names[i]) == 0)
				*counts[i] = db_column_int64(st, 1);
	return db_finish(db, st, rc, cause);
}

int
overview_session(struct db *db, const char *code, enum date_style style, const struct date *today,
                 struct strlist *out, char **cause)
{
	db_stmt *st = db_prepare(
	    db,
	    "SELECT " SQL_CLASS_TITLE ", s.date, s.start || '-' ||"
	    " strftime('%H:%M', s.start, '+' || s.duration_min || ' minutes'), v.name, v.address,"
	    " s.seats, (SELECT count(DISTINCT a.person_id) FROM applications a WHERE"
	    "  a.offering_id = o.id AND a.status <> 'duplicate'), o.capacity, s.status,"
	    " c.description"
	    " FROM sessions s JOIN offerings o ON o.id = s.offering_id"
	    " JOIN courses c ON c.id = o.course_id JOIN venues v ON v.id = o.venue_id"
	    " WHERE s.code = ?",
	    cause);
	struct date d;
	int rc;

	if (st == NULL)
		return -1;
	db_bind_text(st, 1, code);
	rc = db_step(st);
	if (rc != DB_ROW) {
		if (rc == DB_DONE)
			set_cause(cause, _("no %s with code '%s'"), _("session"), code);
		else
			db_cause(db, cause, _("database error"));
		db_finalize(st);
		return -1;
	}
	strlist_addf(out, _("Class: %s"), db_column_text(st, 0));
	if (date_parse(db_column_text(st, 1), &d) == 0) {
		char *ds = date_format(&d, style);

		strlist_addf(out, _("Date: %s"), ds);
		free(ds);
	}
	strlist_addf(out, _("Time: %s"), db_column_text(st, 2));
	strlist_addf(out, _("Venue: %s"), db_column_text(st, 3));
	if (*db_column_text(st, 4))
		strlist_addf(out, "  %s", db_column_text(st, 4));
	strlist_addf(out, _("Seats in this session: %d"), db_column_int(st, 5));
	strlist_addf(out, _("Applicants: %d for the class's %d seats over all its sessions"),
	             db_column_int(st, 6), db_column_int(st, 7));
	/* Held or to come, as of the day the screens take as today. */
	char *iso = today ? date_iso(today) : NULL;
	int past = iso != NULL && strcmp(db_column_text(st, 1), iso) < 0;

	free(iso);
	strlist_addf(out, _("Status: %s"),
	             strcmp(db_column_text(st, 8), "cancelled") == 0 ? _("cancelled")
	             : past                                          ? _("held")
	                                                             : _("scheduled"));
	if (*db_column_text(st, 9)) {
		strlist_add(out, xstrdup(""));
		strlist_add(out, db_column_dup(st, 9));
	}
	db_finalize(st);
	return 0;
}

int
sessions_last_date(struct db *db, struct date *d)
{
	db_stmt *st = db_prepare(db, "SELECT max(date) FROM sessions", NULL);
	int rc = -1;

	if (st != NULL && db_step(st) == DB_ROW && date_parse(db_column_text(st, 0), d) == 0)
		rc = 0;
	db_finalize(st);
	return rc;
}
