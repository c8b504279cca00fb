/* models/classes/setup.c: one table of fields a kind; SQL is built from those constant names only,
 * and every value is bound. */
#include "config.h"
#include "models/classes/classes.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/clock.h"
#include "models/core/date.h"
#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/periods/periods.h"

static const struct field_spec venue_fields[] = {
    {"name", N_("Venue name"), "name", F_TEXT, 1, 1, 100, NULL, NULL, 0, NULL, 0},
    {"address", N_("Address"), "address", F_TEXT, 0, 0, 200, NULL, NULL, 0, NULL, 0},
};
static const struct field_spec course_fields[] = {
    {"title", N_("Course title"), "title", F_TEXT, 1, 1, 100, NULL, NULL, 0, NULL, 0},
    {"device", N_("Device"), "device", F_CHOICE, 1, 0, 0, "iphone,android,any", NULL, 0, NULL, 0},
    {"level", N_("Level"), "level", F_CHOICE, 1, 0, 0, "trial,intro,one-point,advanced", NULL, 0,
     NULL, 0},
    {"description", N_("Description"), "description", F_TEXT, 0, 0, 1000, NULL, NULL, 1, NULL, 1},
    {"bring", N_("What to bring"), "bring", F_TEXT, 0, 0, 200, NULL, NULL, 1, NULL, 0},
};
static const struct field_spec offering_fields[] = {
    {"course", N_("Course"), "course_id", F_REF, 1, 0, 0, NULL, "courses", 0, N_("course"), 0},
    {"venue", N_("Venue"), "venue_id", F_REF, 1, 0, 0, NULL, "venues", 0, N_("venue"), 0},
    {"from", N_("Applications from"), "apply_from", F_DATE, 1, 0, 0, NULL, NULL, 0, NULL, 0},
    {"to", N_("Applications until"), "apply_to", F_DATE, 1, 0, 0, NULL, NULL, 0, NULL, 0},
    {"capacity", N_("Capacity"), "capacity", F_INT, 1, 1, 500, NULL, NULL, 0, NULL, 0},
    {"priority", N_("Priority rule"), "priority", F_CHOICE, 0, 0, 0,
     ",lost-before,first-time,lost-before+first-time,first-time+lost-before", NULL, 1, NULL, 0},
    {"report-group", N_("Report group"), "report_group", F_TEXT, 0, 0, 100, NULL, NULL, 1, NULL, 0},
};
static const struct field_spec session_fields[] = {
    {"offering", N_("Offering"), "offering_id", F_REF, 1, 0, 0, NULL, "offerings", 0,
     N_("offering"), 0},
    {"date", N_("Date"), "date", F_DATE, 1, 0, 0, NULL, NULL, 0, NULL, 0},
    {"start", N_("Start"), "start", F_TIME, 1, 0, 0, NULL, NULL, 0, NULL, 0},
    {"duration", N_("Minutes"), "duration_min", F_INT, 1, 60, 120, NULL, NULL, 0, NULL, 0},
    {"seats", N_("Seats"), "seats", F_INT, 1, 6, 10, NULL, NULL, 0, NULL, 0},
};

static const struct kind {
	const char *name, *noun, *table;
	const struct field_spec *fields;
	size_t n;
	const char *statuses; /* "a,b": what record_set_status takes; NULL: none */
} kinds[] = {
    {"venue", N_("venue"), "venues", venue_fields, sizeof venue_fields / sizeof venue_fields[0],
     NULL},
    {"course", N_("course"), "courses", course_fields,
     sizeof course_fields / sizeof course_fields[0], NULL},
    {"offering", N_("offering"), "offerings", offering_fields,
     sizeof offering_fields / sizeof offering_fields[0], "open,closed,cancelled"},
    {"session", N_("session"), "sessions", session_fields,
     sizeof session_fields / sizeof session_fields[0], "scheduled,cancelled"},
};

const char *const record_kinds[] = {"venue", "course", "offering", "session", NULL};

const char *
record_noun(const char *kind)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].name, kind) == 0)
			return _(kinds[i].noun);
	return kind;
}

static const struct kind *
find_kind(const char *name, char **cause)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	set_cause(cause, _("unknown kind of record '%s'"), name);
	return NULL;
}

const struct field_spec *
record_fields(const char *kind, size_t *n)
{
	const struct kind *k = find_kind(kind, NULL);

	if (k == NULL)
		return NULL;
	*n = k->n;
	return k->fields;
}

/* The expression that shows a field as text: a reference as the code it points to. */
static char *
field_expr(const struct field_spec *f)
{
	if (f->type == F_REF)
		return xasprintf("(SELECT code FROM %s WHERE id = t.%s)", f->ref, f->column);
	return xasprintf("t.%s", f->column);
}

int
record_get(struct db *db, const char *kind, const char *code, struct strlist *values, char **cause)
{
	const struct kind *k = find_kind(kind, cause);
	char *cols = xstrdup(""), *sql;
	db_stmt *st;
	int rc;

	if (k == NULL)
		return -1;
	for (size_t i = 0; i < k->n; i++) {
		char *e = field_expr(&k->fields[i]),
		     *c = xasprintf("%s%s%s", cols, i ? ", " : "", e);

		free(cols);
		free(e);
		cols = c;
	}
	sql = xasprintf("SELECT %s FROM %s t WHERE t.code = ?", cols, k->table);
	free(cols);
	st = db_prepare(db, sql, cause);
	free(sql);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, code);
	rc = db_step(st);
	if (rc == DB_ROW)
		for (size_t i = 0; i < k->n; i++)
			strlist_add(values, xstrdup(db_column_text(st, (int)i)));
	if (rc != DB_ROW && rc != DB_DONE)
		db_cause(db, cause, _("database error"));
	db_finalize(st);
	return rc == DB_ROW ? 0 : rc == DB_DONE ? 1 : -1;
}

/* Nonzero if v is one of the comma-separated words in list. */
static int
one_of(const char *v, const char *list)
{
	size_t len = strlen(v);

	for (const char *p = list;; p += strcspn(p, ",") + 1) {
		size_t l = strcspn(p, ",");

		if (l == len && strncmp(p, v, len) == 0)
			return 1;
		if (p[l] == '\0')
			return 0;
	}
}

/* Check one value: 0 with what is stored in *num (F_INT: the number, F_REF: the record's id),
 * or -1 with *cause saying why (the caller names the field). */
static int
check_value(struct db *db, const struct field_spec *f, const char *v, int64_t *num, char **cause)
{
	struct date d;
	char *end;
	long n;

	*num = 0;
	if (f->required && *v == '\0' && f->type != F_TEXT) {
		set_cause(cause, "%s", _("must not be empty"));
		return -1;
	}
	switch (f->type) {
	case F_TEXT:
		return text_check_value(v, f->lo > 0, (size_t)f->hi, f->multiline ? "\n" : NULL,
		                        cause) != 0
		           ? -1
		           : 0;
	case F_CHOICE:
		if (one_of(v, f->choices))
			return 0;
		set_cause(cause, _("'%s' is not one of: %s"), v,
		          f->choices[0] == ',' ? f->choices + 1 : f->choices);
		return -1;
	case F_DATE:
		if (date_parse(v, &d) != 0) {
			set_cause(cause, _("'%s' is not a date of the form YYYY-MM-DD that exists"),
			          v);
			return -1;
		}
		return 0;
	case F_TIME:
		if (time_parse(v) < 0) {
			set_cause(cause, _("'%s' is not a time of the form HH:MM"), v);
			return -1;
		}
		return 0;
	case F_INT:
		errno = 0;
		n = strtol(v, &end, 10);
		if (errno != 0 || end == v || *end != '\0' || n < f->lo || n > f->hi) {
			set_cause(cause, _("must be a whole number from %ld to %ld, not '%s'"),
			          f->lo, f->hi, v);
			return -1;
		}
		*num = n;
		return 0;
	case F_REF: {
		char *sql =
		    xasprintf("SELECT coalesce((SELECT id FROM %s WHERE code = ?), 0)", f->ref);
		int64_t id = db_count_text(db, sql, v, cause);

		free(sql);
		if (id < 0)
			return -1;
		if (id == 0) {
			set_cause(cause, _("no %s with code '%s'"), _(f->noun), v);
			return -1;
		}
		*num = id;
		return 0;
	}
	}
	return -1;
}

/* Check one value and bind it at i; 0, or -1 with *cause saying why (the caller names the
 * field). */
static int
check_bind(struct db *db, const struct field_spec *f, const char *v, db_stmt *st, int i,
           char **cause)
{
	int64_t num;

	if (check_value(db, f, v, &num, cause) != 0)
		return -1;
	if (f->type == F_INT || f->type == F_REF)
		return db_bind_int64(st, i, num) == DB_OK ? 0 : -1;
	return db_bind_text(st, i, v) == DB_OK ? 0 : -1;
}

/* The value given for the field named name, or NULL. */
static const char *
given(const char *const *names, const char *const *values, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], name) == 0)
			return values[i];
	return NULL;
}

/* What the values say together: an offering's window does not end before it starts. */
static const char *
check_together(const struct kind *k, const char *const *names, const char *const *values, size_t n,
               char **cause)
{
	const char *from = given(names, values, n, "from"), *to = given(names, values, n, "to");

	if (strcmp(k->name, "offering") == 0 && from != NULL && to != NULL &&
	    strcmp(to, from) < 0) {
		set_cause(cause, _("the application window ends (%s) before it starts (%s)"), to,
		          from);
		return "to";
	}
	return NULL;
}

/* A class comes after its offering's application window (people apply, the draw is made, then
 * the class is held) and not in the past: a new session, one given another date or moved to
 * another offering, is refused when its date is on or before the window's last day, or (today
 * not NULL, for a new or changed date) before today. 0; 1 with *cause naming the dates (the
 * caller names the date field); -1 with *cause on a database error. */
static int
check_session_date(struct db *db, const char *code, int create, const char *const *names,
                   const char *const *values, size_t n, const struct date *today, char **cause)
{
	const char *date = given(names, values, n, "date"),
	           *offering = given(names, values, n, "offering");
	char was_date[16] = "", was_offering[64] = "", from[16] = "", to[16] = "";
	struct date d, last;
	db_stmt *st;
	int rc;

	if (date == NULL && offering == NULL)
		return 0;
	if (!create) {
		rc = db_first(db, &st,
		              "SELECT s.date, o.code FROM sessions s JOIN offerings o ON o.id ="
		              " s.offering_id WHERE s.code = ?",
		              cause, DB_ARGS(DB_TEXT(code)));
		if (rc < 0)
			return -1;
		if (rc == 1) {
			snprintf(was_date, sizeof was_date, "%s", db_column_text(st, 0));
			snprintf(was_offering, sizeof was_offering, "%s", db_column_text(st, 1));
			db_finalize(st);
		}
	}
	int new_date = date != NULL && strcmp(date, was_date) != 0;
	int moved = offering != NULL && strcmp(offering, was_offering) != 0;

	if (!new_date && !moved)
		return 0;
	if (date == NULL)
		date = was_date;
	if (offering == NULL)
		offering = was_offering;
	if (date_parse(date, &d) != 0)
		return 0; /* the date's own check says what is wrong with it */
	if (new_date && today != NULL && date_cmp(&d, today) < 0) {
		char *t = date_iso(today);

		set_cause(cause, _("%s is in the past (today is %s)"), date, t);
		free(t);
		return 1;
	}
	rc = db_first(db, &st, "SELECT apply_from, apply_to FROM offerings WHERE code = ?", cause,
	              DB_ARGS(DB_TEXT(offering)));
	if (rc != 1)
		return rc; /* 0: no such offering, its own check names it */
	snprintf(from, sizeof from, "%s", db_column_text(st, 0));
	snprintf(to, sizeof to, "%s", db_column_text(st, 1));
	db_finalize(st);
	if (date_parse(to, &last) != 0 || date_cmp(&d, &last) > 0)
		return 0;
	struct date first = date_add_days(&last, 1);
	char *after = date_iso(&first);

	set_cause(cause,
	          _("%s is not after the application window of %s (%s to %s): a class is held "
	            "after its applications close, on %s or later"),
	          date, offering, from, to, after);
	free(after);
	return 1;
}

/* The same rule seen from the offering: a window's last day moved on to or past the date of one
 * of its sessions (not cancelled) is refused. 0; 1 with *cause naming the session and its date
 * (the caller names the field); -1 on a database error. */
static int
check_window_end(struct db *db, const char *code, int create, const char *const *names,
                 const char *const *values, size_t n, char **cause)
{
	const char *to = given(names, values, n, "to");
	struct date d;
	char *before = NULL;
	db_stmt *st;
	int found;

	if (create || to == NULL)
		return 0;
	found = db_first(db, &st,
	                 "SELECT s.code, s.date FROM sessions s JOIN offerings o ON o.id ="
	                 " s.offering_id WHERE o.code = ?1 AND o.apply_to <> ?2 AND s.status <>"
	                 " 'cancelled' AND s.date <= ?2 ORDER BY s.date, s.code",
	                 cause, DB_ARGS(DB_TEXT(code), DB_TEXT(to)));
	if (found != 1)
		return found;
	if (date_parse(db_column_text(st, 1), &d) == 0) {
		d = date_add_days(&d, -1);
		before = date_iso(&d);
	}
	set_cause(cause,
	          _("%s is not before session %s of %s (%s): applications close before the class, "
	            "on %s at the latest"),
	          to, db_column_text(st, 0), code, db_column_text(st, 1), before ? before : "?");
	free(before);
	db_finalize(st);
	return 1;
}

/* A session's changes (and an offering's, which its classes' figures show) change what the
 * months it is in count: each such month that is closed takes them only as an admin's
 * amendment (models/periods/), described with the fields' old and new values. Inside the
 * caller's transaction, once the values are checked; 0, or -1 with *cause. */
static int
period_allows(struct db *db, const struct kind *k, const char *code, int create,
              const struct field_spec *const *use, const char *const *values, size_t n,
              const char *actor, int role, const char *reason, char **cause)
{
	int session = strcmp(k->name, "session") == 0;
	struct strlist old = {0};
	const char *was_date = NULL, *new_date = NULL;
	char *what;
	int changed = 0, rc = 0;

	if (!session && (create || strcmp(k->name, "offering") != 0))
		return 0;
	if (!create && record_get(db, k->name, code, &old, cause) != 0) {
		strlist_clear(&old);
		return -1;
	}
	what = xasprintf("%s %s%s", k->name, code, create ? " added:" : ":");
	for (size_t i = 0; i < n; i++) {
		size_t j = (size_t)(use[i] - k->fields);
		const char *was = j < old.n ? old.v[j] : NULL;
		char *more;

		if (strcmp(use[i]->name, "date") == 0)
			new_date = values[i];
		if (was != NULL && strcmp(was, values[i]) == 0)
			continue;
		more = was != NULL ? xasprintf("%s %s %s -> %s", what, use[i]->name, was, values[i])
		                   : xasprintf("%s %s=%s", what, use[i]->name, values[i]);
		free(what);
		what = more;
		changed = 1;
	}
	for (size_t j = 0; j < k->n && j < old.n; j++)
		if (strcmp(k->fields[j].name, "date") == 0)
			was_date = old.v[j];
	if (changed && session) {
		if (was_date != NULL)
			rc = period_check_change(db, was_date, actor, role, reason, what, cause);
		if (rc == 0 && new_date != NULL &&
		    (was_date == NULL || strncmp(was_date, new_date, 7) != 0))
			rc = period_check_change(db, new_date, actor, role, reason, what, cause);
	} else if (changed) {
		int64_t id = db_count_text(
		    db, "SELECT coalesce(max(id), 0) FROM offerings WHERE code = ?", code, cause);

		rc = id < 0 ? -1 : period_check_offering(db, id, actor, role, reason, what, cause);
	}
	free(what);
	strlist_clear(&old);
	return rc == 0 ? 0 : -1;
}

/* The live draw holding an offering, as SQL: the rows of lottery_round_offerings ro and
 * lottery_rounds r for offerings o. (Read here, written by models/lottery/.) */
#define SQL_DRAWN                                                                                  \
	" JOIN lottery_round_offerings ro ON ro.offering_id = o.id JOIN lottery_rounds r ON"       \
	" r.id = ro.round_id AND r.superseded_at IS NULL"

/* A drawn offering's capacity, window and priority rule, and the seats and offering of its
 * sessions, change only with a new draw (lottery_edit_redraw, which supersedes the draw
 * first): a value that differs from what the draw was made with is refused, *bad naming its
 * field. A session is not added to a drawn offering either. 0, or -1 with *cause. */
static int
check_drawn(struct db *db, const struct kind *k, const char *code, int create,
            const struct field_spec *const *use, const char *const *values, size_t n,
            const struct field_spec **bad, char **cause)
{
	int offering = strcmp(k->name, "offering") == 0, rc = 0;
	const char *fields[4] = {"capacity", "from", "to", "priority"};
	db_stmt *st;

	if (!offering && strcmp(k->name, "session") != 0)
		return 0;
	/* What the draw was made with: as recorded, or as it is for a draw recorded before the
	 * window and the seats were. */
	if (offering)
		st =
		    db_query(db,
		             "SELECT o.code, ro.capacity, coalesce(ro.apply_from, o.apply_from),"
		             " coalesce(ro.apply_to, o.apply_to), coalesce(ro.priority, o.priority)"
		             " FROM offerings o" SQL_DRAWN " WHERE o.code = ?",
		             cause, DB_ARGS(DB_TEXT(create ? "" : code)));
	else
		st = db_query(
		    db,
		    "SELECT o.code, coalesce((SELECT seats FROM lottery_round_sessions rs WHERE"
		    " rs.round_id = r.id AND rs.session_id = s.id), s.seats) FROM sessions s"
		    " JOIN offerings o ON o.id = s.offering_id" SQL_DRAWN " WHERE s.code = ?",
		    cause, DB_ARGS(DB_TEXT(create ? "" : code)));
	if (st == NULL)
		return -1;
	if (db_step(st) == DB_ROW)
		for (size_t i = 0; i < n && rc == 0; i++) {
			const char *was = NULL, *now = values[i];

			if (offering)
				for (int f = 0; f < 4; f++)
					if (strcmp(use[i]->name, fields[f]) == 0)
						was = db_column_text(st, f + 1);
			if (!offering && strcmp(use[i]->name, "seats") == 0)
				was = db_column_text(st, 1);
			if (!offering && strcmp(use[i]->name, "offering") == 0)
				was = db_column_text(st, 0);
			/* Numbers compare as numbers ("08" is 8). */
			if (was == NULL || strcmp(was, now) == 0 ||
			    (use[i]->type == F_INT &&
			     strtol(was, NULL, 10) == strtol(now, NULL, 10)))
				continue;
			char *with = !offering && strcmp(use[i]->name, "seats") == 0
			                 ? xasprintf(_("%s seats in session %s"), was, code)
			             : *was == '\0' ? xstrdup(_("no rule of its own"))
			                            : xstrdup(was);

			set_cause(cause,
			          _("%s has been drawn with %s; it changes only with a new draw: "
			            "sumaho %s edit %s --%s '%s' --redraw (the draw is kept in the "
			            "history)"),
			          db_column_text(st, 0), with, k->name, code, use[i]->name, now);
			free(with);
			*bad = use[i];
			rc = -1;
		}
	db_finalize(st);
	/* A session moved into, or added to, a drawn offering would hold seats nobody drew. */
	for (size_t i = 0; !offering && rc == 0 && i < n; i++) {
		if (strcmp(use[i]->name, "offering") != 0)
			continue;
		st = db_query(db,
		              "SELECT count(*) FROM offerings o" SQL_DRAWN
		              " WHERE o.code = ?1 AND NOT"
		              " EXISTS (SELECT 1 FROM sessions s WHERE s.code = ?2 AND"
		              " s.offering_id = o.id)",
		              cause, DB_ARGS(DB_TEXT(values[i]), DB_TEXT(code)));
		if (st == NULL)
			return -1;
		int drawn = db_step(st) == DB_ROW && db_column_int(st, 0) > 0;

		db_finalize(st);
		if (drawn) {
			set_cause(
			    cause,
			    _("%s has been drawn; its sessions change only with a new draw: "
			      "sumaho session %s %s --offering %s ... --redraw (the draw is kept "
			      "in the history)"),
			    values[i], create ? "add" : "edit", code, values[i]);
			*bad = use[i];
			rc = -1;
		}
	}
	return rc;
}

/* record_save and record_put: create is 1, 0, or -1 for either; audit says whether the change
 * is audited here (else by the caller, once for a batch). A refused value's field in *bad
 * (NULL: the code or the record as a whole) and *bad_code set for the code. */
static int
save(struct db *db, const struct kind *k, const char *code, int create, const char *const *names,
     const char *const *values, size_t n, const struct date *today, const char *actor, int role,
     const char *reason, int audit, const struct field_spec **bad, int *bad_code, char **cause)
{
	const struct field_spec *use[16];
	char *sql = NULL;
	db_stmt *st = NULL;
	int64_t exists;

	*bad = NULL;
	*bad_code = 0;
	if (text_check_code(code, cause) != 0) {
		*bad_code = 1;
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		use[i] = NULL;
		for (size_t j = 0; j < k->n; j++)
			if (strcmp(k->fields[j].name, names[i]) == 0)
				use[i] = &k->fields[j];
		if (use[i] == NULL || n > 16) {
			set_cause(cause, _("a %s has no field '%s'"), _(k->noun), names[i]);
			return -1;
		}
		for (size_t j = 0; j < i; j++)
			if (use[j] == use[i]) {
				set_cause(cause, _("field '%s' is given twice"), names[i]);
				return -1;
			}
	}
	if (db_begin(db, cause) != 0)
		return -1;
	char *q = xasprintf("SELECT count(*) FROM %s WHERE code = ?", k->table);

	exists = db_count_text(db, q, code, cause);
	free(q);
	if (exists < 0)
		goto fail;
	if (create < 0)
		create = !exists;
	if (create && exists) {
		set_cause(cause, _("there is a %s '%s' already"), _(k->noun), code);
		*bad_code = 1;
		goto fail;
	}
	if (!create && !exists) {
		set_cause(cause, _("there is no %s '%s'"), _(k->noun), code);
		*bad_code = 1;
		goto fail;
	}
	if (!create && n == 0) {
		set_cause(cause, "%s", _("nothing to change"));
		goto fail;
	}
	if (create)
		for (size_t j = 0; j < k->n; j++) {
			size_t i;

			for (i = 0; i < n && use[i] != &k->fields[j]; i++)
				;
			if (k->fields[j].required && i == n) {
				set_cause(cause, _("required for a new %s"), _(k->noun));
				*bad = &k->fields[j];
				goto fail;
			}
		}
	/* The statement, from the constant column names. */
	char *cols = xstrdup(""), *marks = xstrdup("");

	for (size_t i = 0; i < n; i++) {
		char *c =
		    create ? xasprintf("%s, %s", cols, use[i]->column)
		           : xasprintf("%s%s%s = ?%zu", cols, i ? ", " : "", use[i]->column, i + 2);
		char *m = xasprintf("%s, ?%zu", marks, i + 2);

		free(cols);
		free(marks);
		cols = c;
		marks = m;
	}
	sql = create ? xasprintf("INSERT INTO %s (code%s) VALUES (?1%s)", k->table, cols, marks)
	             : xasprintf("UPDATE %s SET %s WHERE code = ?1", k->table, cols);
	free(cols);
	free(marks);
	st = db_prepare(db, sql, cause);
	if (st == NULL)
		goto fail;
	db_bind_text(st, 1, code);
	for (size_t i = 0; i < n; i++)
		if (check_bind(db, use[i], values[i], st, (int)i + 2, cause) != 0) {
			*bad = use[i];
			goto fail;
		}
	const char *together = check_together(k, names, values, n, cause);

	if (together != NULL) {
		for (size_t j = 0; j < k->n; j++)
			if (strcmp(k->fields[j].name, together) == 0)
				*bad = &k->fields[j];
		goto fail;
	}
	if (strcmp(k->name, "session") == 0 || strcmp(k->name, "offering") == 0) {
		int session = strcmp(k->name, "session") == 0;
		int late =
		    session ? check_session_date(db, code, create, names, values, n, today, cause)
		            : check_window_end(db, code, create, names, values, n, cause);

		if (late > 0)
			for (size_t j = 0; j < k->n; j++)
				if (strcmp(k->fields[j].name, session ? "date" : "to") == 0)
					*bad = &k->fields[j];
		if (late != 0)
			goto fail;
	}
	if (check_drawn(db, k, code, create, use, values, n, bad, cause) != 0 ||
	    period_allows(db, k, code, create, use, values, n, actor, role, reason, cause) != 0)
		goto fail;
	if (db_step(st) != DB_DONE) {
		/* What only the schema checks: dates in order, a field the table limits. */
		set_cause(cause, _("the %s was not saved: the values do not fit together (%s)"),
		          k->name, db_errmsg(db));
		goto fail;
	}
	db_finalize(st);
	st = NULL;
	int rc = 0;

	if (audit) {
		char *detail = xstrdup(code);

		for (size_t i = 0; i < n; i++) {
			char *d = xasprintf("%s %s=%s", detail, names[i], values[i]);

			free(detail);
			detail = d;
		}
		rc = db_audit(db, actor, create ? "create" : "edit", k->table, 0, detail, cause);
		free(detail);
	}
	if (rc != 0 || db_commit(db, cause) != 0)
		goto fail;
	free(sql);
	return 0;
fail:
	db_finalize(st);
	db_rollback(db);
	free(sql);
	return -1;
}

/* The values as typed, with those of numbers, dates, times, choices and codes narrowed
 * (text_narrow: "２０" is 20): a new array of new strings, n of them, freed by free_values. Text
 * fields (names, addresses) keep what was typed. */
static char **
narrow_values(const struct kind *k, const char *const *names, const char *const *values, size_t n)
{
	char **v = xcalloc(n ? n : 1, sizeof *v);

	for (size_t i = 0; i < n; i++) {
		int text = 0;

		for (size_t j = 0; j < k->n; j++)
			if (strcmp(k->fields[j].name, names[i]) == 0)
				text = k->fields[j].type == F_TEXT;
		v[i] = text ? xstrdup(values[i]) : text_narrow(values[i]);
	}
	return v;
}

static void
free_values(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

int
record_save(struct db *db, const char *kind, const char *code, int create, const char *const *names,
            const char *const *values, size_t n, const char *actor, int role, const char *reason,
            char **cause)
{
	return record_save_field(db, kind, code, create, names, values, n, actor, role, reason,
	                         NULL, cause);
}

int
record_save_field(struct db *db, const char *kind, const char *code, int create,
                  const char *const *names, const char *const *values, size_t n, const char *actor,
                  int role, const char *reason, const char **field, char **cause)
{
	const struct kind *k = find_kind(kind, cause);
	const struct field_spec *bad = NULL;
	int bad_code = 0;

	if (field != NULL)
		*field = NULL;
	if (k == NULL)
		return -1;
	struct date today = clock_today();
	char **v = narrow_values(k, names, values, n), *c = text_narrow(code);
	int rc = save(db, k, c, create != 0, names, (const char *const *)v, n, &today, actor, role,
	              reason, 1, &bad, &bad_code, cause);

	free_values(v, n);
	free(c);
	if (rc == 0)
		return 0;
	if (field != NULL)
		*field = bad != NULL ? bad->name : bad_code ? "code" : NULL;
	if (bad != NULL && cause != NULL && *cause != NULL) {
		char *why = *cause;

		*cause = xasprintf(_("%s: %s"), _(bad->label), why);
		free(why);
	}
	return -1;
}

int
record_put(struct db *db, const char *kind, const char *code, const char *const *names,
           const char *const *values, size_t n, const struct date *today, const char *actor,
           int role, const char *reason, const char **field, char **cause)
{
	const struct kind *k = find_kind(kind, cause);
	const struct field_spec *bad = NULL;
	int bad_code = 0, rc = -1;

	if (k != NULL) {
		char **v = narrow_values(k, names, values, n), *c = text_narrow(code);

		rc = save(db, k, c, -1, names, (const char *const *)v, n, today, actor, role,
		          reason, 0, &bad, &bad_code, cause);
		free_values(v, n);
		free(c);
	}
	if (field != NULL)
		*field = bad != NULL ? bad->name : bad_code ? "code" : NULL;
	return rc;
}

static int check_field(struct db *db, const struct kind *k, const char *code, int create,
                       const char *const *names, const char *const *values, size_t n, size_t i,
                       char **cause);

int
record_check_field(struct db *db, const char *kind, const char *code, int create,
                   const char *const *names, const char *const *values, size_t n, size_t i,
                   char **cause)
{
	const struct kind *k = find_kind(kind, cause);

	if (k == NULL || i >= n)
		return -1;
	/* Checked as it will be saved (record_save_field). */
	char **v = narrow_values(k, names, values, n), *c = code ? text_narrow(code) : NULL;
	int rc = check_field(db, k, c, create, names, (const char *const *)v, n, i, cause);

	free_values(v, n);
	free(c);
	return rc;
}

static int
check_field(struct db *db, const struct kind *k, const char *code, int create,
            const char *const *names, const char *const *values, size_t n, size_t i, char **cause)
{
	const struct field_spec *f = NULL, *bad = NULL;
	int64_t num;

	if (strcmp(names[i], "code") == 0) {
		if (text_check_code(values[i], cause) != 0)
			return -1;
		if (!create)
			return 0;
		char *q = xasprintf("SELECT count(*) FROM %s WHERE code = ?", k->table);
		int64_t exists = db_count_text(db, q, values[i], cause);

		free(q);
		if (exists > 0)
			set_cause(cause, _("there is a %s '%s' already"), _(k->noun), values[i]);
		return exists == 0 ? 0 : -1;
	}
	for (size_t j = 0; j < k->n; j++)
		if (strcmp(k->fields[j].name, names[i]) == 0)
			f = &k->fields[j];
	if (f == NULL) {
		set_cause(cause, _("a %s has no field '%s'"), _(k->noun), names[i]);
		return -1;
	}
	if (check_value(db, f, values[i], &num, cause) != 0)
		return -1;
	/* The window is checked as either end is left, once both are dates. */
	const char *from = given(names, values, n, "from"), *to = given(names, values, n, "to");
	struct date d;

	if ((strcmp(f->name, "from") == 0 || strcmp(f->name, "to") == 0) && from != NULL &&
	    to != NULL && date_parse(from, &d) == 0 && date_parse(to, &d) == 0 &&
	    check_together(k, names, values, n, cause) != NULL)
		return -1;
	/* A session's date against today and its offering's window, as either is left. */
	if (strcmp(k->name, "session") == 0 &&
	    (strcmp(f->name, "date") == 0 || strcmp(f->name, "offering") == 0)) {
		struct date today = clock_today();

		if (check_session_date(db, code, create, names, values, n, &today, cause) != 0)
			return -1;
	}
	if (strcmp(k->name, "offering") == 0 && strcmp(f->name, "to") == 0 && code != NULL &&
	    check_window_end(db, code, create, names, values, n, cause) != 0)
		return -1;
	return check_drawn(db, k, code, create, &f, &values[i], 1, &bad, cause);
}

/* Set the status; with strict, a record that has it already is an error. */
static int
set_status(struct db *db, const char *kind, const char *code, const char *status, int strict,
           const char *actor, int role, const char *reason, char **cause)
{
	const struct kind *k = find_kind(kind, cause);
	char *sql;
	int rc;

	if (k == NULL)
		return -1;
	if (k->statuses == NULL) {
		set_cause(cause, _("a %s cannot be cancelled"), record_noun(kind));
		return -1;
	}
	if (!one_of(status, k->statuses)) {
		set_cause(cause, _("'%s' is not one of: %s"), status, k->statuses);
		return -1;
	}
	if (db_begin(db, cause) != 0)
		return -1;
	sql = xasprintf("UPDATE %s SET status = ?2 WHERE code = ?1 AND status <> ?2", k->table);
	rc = db_run(db, sql, _("database error"), cause, DB_ARGS(DB_TEXT(code), DB_TEXT(status)));
	free(sql);
	if (rc != 0)
		goto fail;
	if (db_changes(db) == 0) {
		char *q = xasprintf("SELECT count(*) FROM %s WHERE code = ?", k->table);
		int64_t exists = strict ? 1 : db_count_text(db, q, code, cause);

		free(q);
		if (strict)
			set_cause(cause, _("there is no %s '%s' that is not cancelled"),
			          record_noun(kind), code);
		else if (exists == 0)
			set_cause(cause, _("there is no %s '%s'"), record_noun(kind), code);
		if (strict || exists <= 0)
			goto fail;
		db_rollback(db); /* nothing to change */
		return 0;
	}
	if (strcmp(kind, "session") == 0) {
		/* A session cancelled or restored changes its month's sessions and participants. */
		db_stmt *st = db_query(db, "SELECT date FROM sessions WHERE code = ?", cause,
		                       DB_ARGS(DB_TEXT(code)));
		char *what = xasprintf("session %s: status -> %s", code, status);

		rc = st == NULL || db_step(st) != DB_ROW
		         ? -1
		         : period_check_change(db, db_column_text(st, 0), actor, role, reason, what,
		                               cause);
		db_finalize(st);
		free(what);
		if (rc != 0)
			goto fail;
	}
	return db_audit_end(db, actor, strcmp(status, "cancelled") == 0 ? "cancel" : status,
	                    k->table, 0, code, cause);
fail:
	db_rollback(db);
	return -1;
}

int
record_set_status(struct db *db, const char *kind, const char *code, const char *status,
                  const char *actor, int role, const char *reason, char **cause)
{
	return set_status(db, kind, code, status, 0, actor, role, reason, cause);
}

int
record_cancel(struct db *db, const char *kind, const char *code, const char *actor, int role,
              const char *reason, char **cause)
{
	return set_status(db, kind, code, "cancelled", 1, actor, role, reason, cause);
}

int
session_cancelled(struct db *db, const char *code, char **cause)
{
	/* -1 for no such session, told apart from a database error (no row at all). */
	int64_t n = db_count_text(db,
	                          "SELECT coalesce((SELECT CASE WHEN status = 'cancelled' THEN 1"
	                          " ELSE 0 END FROM sessions WHERE code = ?1), -1)",
	                          code, cause);

	if (n == -1 && cause != NULL && *cause == NULL)
		set_cause(cause, _("there is no %s '%s'"), record_noun("session"), code);
	return n < 0 ? -1 : (int)n;
}

int
session_restore(struct db *db, const char *code, const char *actor, int role, const char *reason,
                char **cause)
{
	db_stmt *st;
	char status[16] = "", date[11] = "", offering[40] = "";
	int offering_cancelled = 0, rc;

	if (db_begin(db, cause) != 0)
		return -1;
	rc = db_first(db, &st,
	              "SELECT s.status, s.date, o.code, o.status = 'cancelled' FROM sessions s JOIN"
	              " offerings o ON o.id = s.offering_id WHERE s.code = ?",
	              cause, DB_ARGS(DB_TEXT(code)));
	if (rc == 0)
		set_cause(cause, _("there is no %s '%s'"), "session", code);
	if (rc != 1)
		goto fail;
	snprintf(status, sizeof status, "%s", db_column_text(st, 0));
	snprintf(date, sizeof date, "%s", db_column_text(st, 1));
	snprintf(offering, sizeof offering, "%s", db_column_text(st, 2));
	offering_cancelled = db_column_int(st, 3);
	db_finalize(st);
	if (strcmp(status, "cancelled") != 0) {
		set_cause(cause, _("session %s is not cancelled"), code);
		goto fail;
	}
	if (offering_cancelled) {
		set_cause(cause,
		          _("the offering %s of session %s is cancelled: a session of a cancelled "
		            "offering stays cancelled"),
		          offering, code);
		goto fail;
	}
	char *what = xasprintf("session %s: cancelled -> scheduled", code);

	rc = period_check_change(db, date, actor, role, reason, what, cause);
	free(what);
	if (rc != 0 || db_run(db,
	                      "UPDATE sessions SET status = 'scheduled' WHERE code = ? AND status ="
	                      " 'cancelled'",
	                      _("database error"), cause, DB_ARGS(DB_TEXT(code))) != 0)
		goto fail;
	what = xasprintf("%s: cancelled -> scheduled", code);
	rc = db_audit_end(db, actor, "restore", "sessions", 0, what, cause);
	free(what);
	return rc;
fail:
	db_rollback(db);
	return -1;
}

/* The columns of a kind's list (its code, its listed fields, its status in words bound to
 * ?1-?7 as list_words binds them, then the code again, which keys each row) into *cols and
 * their titles into titles (ncols returned). */
static size_t
list_columns(const struct kind *k, const char **titles, char **cols)
{
	size_t ncols = 1;

	*cols = xstrdup("t.code");
	titles[0] = N_("Code");
	for (size_t i = 0; i < k->n; i++) {
		if (k->fields[i].unlisted)
			continue;
		char *e = field_expr(&k->fields[i]), *c = xasprintf("%s, %s", *cols, e);

		free(*cols);
		free(e);
		*cols = c;
		titles[ncols++] = k->fields[i].label;
	}
	if (k->statuses != NULL) {
		/* A status in words; an offering's as the Lotteries screen says it (its stored
		 * 'open' only means not cancelled): drawn, taking applications, not open yet or
		 * applications closed, by today. */
		int offering = strcmp(k->table, "offerings") == 0;
		char *c = xasprintf(
		    offering
		        ? "%s, CASE WHEN t.status = 'cancelled' THEN ?1 WHEN EXISTS (SELECT 1"
		          " FROM lottery_round_offerings ro JOIN lottery_rounds r ON r.id ="
		          " ro.round_id AND r.superseded_at IS NULL WHERE ro.offering_id = t.id)"
		          " THEN ?5 WHEN date('now', 'localtime') BETWEEN t.apply_from AND"
		          " t.apply_to THEN ?4 WHEN date('now', 'localtime') < t.apply_from THEN ?6"
		          " ELSE ?7 END"
		        : "%s, CASE t.status WHEN 'cancelled' THEN ?1 WHEN 'scheduled'"
		          " THEN ?2 WHEN 'closed' THEN ?3 ELSE ?4 END",
		    *cols);

		free(*cols);
		*cols = c;
		titles[ncols++] = N_("Status");
	}
	char *c = xasprintf("%s, t.code", *cols);

	free(*cols);
	*cols = c;
	return ncols;
}

/* The words of a status, ?1-?7 of list_columns. */
static const char *const list_words[] = {
    N_("cancelled"),    N_("scheduled"),          N_("closed"), N_("open"), N_("drawn"),
    N_("not open yet"), N_("applications closed")};
#define NWORDS (sizeof list_words / sizeof list_words[0])

struct table *
record_list(struct db *db, const char *kind, char **cause)
{
	const struct kind *k = find_kind(kind, cause);
	const char *titles[20];
	char *cols, *sql;
	db_stmt *st;
	size_t ncols;

	if (k == NULL)
		return NULL;
	ncols = list_columns(k, titles, &cols);
	sql = xasprintf("SELECT %s FROM %s t ORDER BY t.code", cols, k->table);
	free(cols);
	st = db_prepare(db, sql, cause);
	free(sql);
	if (st == NULL)
		return NULL;
	for (size_t i = 0; i < NWORDS; i++)
		db_bind_text(st, (int)i + 1, _(list_words[i]));
	return overview_fill(db, st, table_new_i18n(ncols, titles, "llllllllllllllllllll"), -1,
	                     DATE_WESTERN, cause);
}

struct pages *
record_pages(struct db *db, const char *kind, char **cause)
{
	const struct kind *k = find_kind(kind, cause);
	/* The titles stay with the list: kept for each kind. */
	static const char *titles[4][20];
	char *cols, *from;
	struct pages *p;
	size_t ncols, ik;

	if (k == NULL)
		return NULL;
	ik = (size_t)(k - kinds);
	ncols = list_columns(k, titles[ik], &cols);
	from = xasprintf("%s t", k->table);
	/* The kind's table is the name of its counter (migration 18). */
	p = pages_new(db, ncols, titles[ik], "llllllllllllllllllll", cols, from, k->table);
	free(cols);
	free(from);
	pages_key(p, "t.code", 0); /* the index of its unique code */
	for (size_t i = 0; i < NWORDS; i++)
		pages_param(p, _(list_words[i]));
	/* What a search looks at: the columns listed, codes as typed. A text (a venue's name, a
	 * course's title) is folded as people's names are, read from its table: venues and
	 * courses are few. */
	pages_find(p, "t.code", PAGES_CODE_CHARS);
	for (size_t i = 0; i < k->n; i++) {
		const struct field_spec *f = &k->fields[i];
		char *e = field_expr(f);

		if (f->unlisted) {
			free(e);
			continue;
		}
		if (f->type == F_TEXT) {
			char *sql = xasprintf("SELECT id, %s FROM %s", f->column, k->table);

			pages_find_in(p, "t.id", sql);
			free(sql);
		} else
			pages_find(p, e,
			           f->type == F_DATE   ? PAGES_DATE_CHARS
			           : f->type == F_TIME ? PAGES_TIME_CHARS
			           : f->type == F_INT  ? PAGES_NUMBER_CHARS
			           : f->type == F_REF  ? PAGES_CODE_CHARS
			                               : NULL);
		if (f->type == F_DATE)
			pages_find_date(p, e);
		free(e);
	}
	return p;
}
