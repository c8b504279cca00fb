/* models/transfer/rows.c: one table of kinds; each row's fields are parsed from the CSV's text
 * (numbers, yes/no, codes of other records) and handed to the feature that owns the record,
 * which checks them and writes. A refusal names the feature's field, shown as the column. */
#include "config.h"
#include "models/transfer/transfer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/classes/classes.h"
#include "models/consult/consult.h"
#include "models/core/clock.h"
#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/lottery/lottery.h"
#include "models/people/people.h"

/* The raw value of declared column i ("" when the column is absent or the row is short). */
static const char *
field(struct import_row *c, int i)
{
	int j = c->col[i];

	if (j < 0 || (size_t)j >= c->row->nfields)
		return "";
	return c->row->fields[j];
}

/* The declared column that shows the feature's field (-1: none, the row as a whole). */
static int
column_of(const struct import_row *c, const char *name)
{
	const struct import_kind *k = c->kind;

	if (name == NULL)
		return -1;
	for (int a = 0; k->aliases != NULL && k->aliases[a] != NULL; a += 2)
		if (strcmp(k->aliases[a], name) == 0) {
			name = k->aliases[a + 1];
			break;
		}
	for (int i = 0; i < IMPORT_MAX_COLS && k->cols[i] != NULL; i++)
		if (strcmp(k->cols[i] + (k->cols[i][0] == '*'), name) == 0)
			return i;
	return -1;
}

/* Who imports and why, for a closed month (models/periods/). */
#define ROW_ROLE(c)   ((c)->opts != NULL ? (c)->opts->role : 0)
#define ROW_REASON(c) ((c)->opts != NULL ? (c)->opts->reason : NULL)

/* A feature refused the row: name the column of its field; why is freed. */
static int
refused(struct import_row *c, const char *field_name, char *why)
{
	import_row_error(c, column_of(c, field_name), "%s", why ? why : _("database error"));
	free(why);
	return -1;
}

/* person_check's report, as a row error. */
static void
refuse_person_field(void *ctx, const char *field_name, const char *why)
{
	struct import_row *c = ctx;

	import_row_error(c, column_of(c, field_name), "%s", why);
}

/* A whole number, or dflt when the field is empty; the range is the feature's to check. */
static int
want_int(struct import_row *c, int i, int dflt)
{
	const char *v = field(c, i);
	char *end;
	long n;

	if (*v == '\0')
		return dflt;
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || *end != '\0' || n < -99999 || n > 99999) {
		import_row_error(c, i, _("'%s' is not a whole number"), v);
		return dflt;
	}
	return (int)n;
}

/* yes or no as files write them: yes/no, はい/いいえ, ○/×, in either case and width, spaces
 * around ignored (an empty field: dflt). */
static int
want_yes_no(struct import_row *c, int i, int dflt)
{
	static const char *const yes[] = {"yes", "y", "はい", "○", "〇", "◯", "true", NULL};
	static const char *const no[] = {"no", "n", "いいえ", "×", "✕", "false", NULL};
	const char *v = field(c, i);
	char *key;
	int r = -1;

	if (*v == '\0')
		return dflt;
	key = text_search_key(v);
	for (int k = 0; r < 0 && yes[k] != NULL; k++)
		if (strcmp(key, yes[k]) == 0)
			r = 1;
	for (int k = 0; r < 0 && no[k] != NULL; k++)
		if (strcmp(key, no[k]) == 0)
			r = 0;
	free(key);
	if (r >= 0)
		return r;
	import_row_error(c, i, _("'%s' is not one of: %s"), v, "yes, no, はい, いいえ, ○, ×");
	return dflt;
}

/* A birth year from a year or a date of birth, Western or Japanese era (0: empty); a whole
 * number out of range is the feature's to refuse. */
static int
want_birth_year(struct import_row *c, int i)
{
	const char *v = field(c, i);
	char *note = NULL;
	int year;

	if (*v == '\0')
		return 0;
	if (date_parse_birth_year(v, &year, &note) == 0) {
		if (note != NULL)
			import_row_warning(c, i, "%s", note);
		free(note);
		return year;
	}
	if (note != NULL) { /* another era's day: the note names it */
		import_row_error(c, i, "%s", note);
		free(note);
		return 0;
	}
	if (strspn(v + (*v == '-'), "0123456789") == strlen(v + (*v == '-')) && strlen(v) <= 6 &&
	    v[*v == '-'] != '\0')
		return atoi(v); /* a whole number: person_check says what range */
	import_row_error(c, i,
	                 _("'%s' is not a birth year or date of birth (such as 1950, 1950-03-01, "
	                   "昭和25, 昭和25年3月1日 or S25.3.1)"),
	                 v);
	return 0;
}

/* A date as spreadsheets and the online service write it, as YYYY-MM-DD in buf (the field as
 * it is when empty: the feature says it is required). */
static const char *
want_date(struct import_row *c, int i, char buf[11])
{
	const char *v = field(c, i);
	char *note = NULL;
	struct date d;

	if (*v == '\0')
		return v;
	if (date_parse_loose(v, &d, NULL, &note) != 0) {
		if (note != NULL) /* another era's day: the note names it */
			import_row_error(c, i, "%s", note);
		else
			import_row_error(c, i,
			                 _("'%s' is not a date that exists (such as 2026-12-02, "
			                   "2026/12/2 10:15, 令和8年12月2日 or R8.12.2)"),
			                 v);
		free(note);
		return v;
	}
	if (note != NULL)
		import_row_warning(c, i, "%s", note);
	free(note);
	snprintf(buf, 11, "%04d-%02d-%02d", d.year, d.month, d.day);
	return buf;
}

/* The id of the person whose code the field holds, or 0 after a row error (0 in the check). */
static int64_t
want_person(struct import_row *c, int i)
{
	struct person p;
	char *why = NULL;
	int64_t id = 0;
	int rc;

	if (c->check_only)
		return 0;
	rc = person_find(c->db, field(c, i), &p, &why);
	if (rc == 0)
		id = p.id;
	else if (rc > 0)
		import_row_error(c, i, _("no %s with code '%s'"), _("person"), field(c, i));
	else
		refused(c, NULL, why), why = NULL;
	person_free(&p);
	free(why);
	return id;
}

/* A record of classes/setup.c: the code in column 0, the other columns of the file (those
 * present) as the kind's fields, created or changed by record_put. */
static int
put_record(struct import_row *c, const char *kind, int ncols)
{
	const char *names[IMPORT_MAX_COLS], *values[IMPORT_MAX_COLS], *bad = NULL;
	const struct import_kind *k = c->kind;
	char *why = NULL;
	size_t n = 0;

	if (c->check_only) /* the feature checks its fields */
		return 0;
	for (int i = 1; i < ncols; i++) {
		const char *name = k->cols[i] + (k->cols[i][0] == '*');

		if (c->col[i] < 0)
			continue;
		for (int a = 0; k->aliases != NULL && k->aliases[a] != NULL; a += 2)
			if (strcmp(k->aliases[a + 1], name) == 0)
				name = k->aliases[a];
		names[n] = name;
		values[n++] = field(c, i);
	}
	struct date today = clock_today();

	if (record_put(c->db, kind, field(c, 0), names, values, n,
	               c->opts != NULL && c->opts->past_records ? NULL : &today, c->actor,
	               ROW_ROLE(c), ROW_REASON(c), &bad, &why) != 0)
		return refused(c, bad, why);
	return 0;
}

static int
row_venue(struct import_row *c)
{
	return put_record(c, "venue", 3);
}

static int
row_course(struct import_row *c)
{
	return put_record(c, "course", 6);
}

static int
row_offering(struct import_row *c)
{
	return put_record(c, "offering", 7);
}

/* A session's status is set apart: record_put's fields are what the forms edit. */
static int
row_session(struct import_row *c)
{
	const char *status = field(c, 6);
	char *why = NULL;

	if (c->check_only)
		return 0;
	if (put_record(c, "session", 6) != 0)
		return -1;
	if (*status != '\0' && record_set_status(c->db, "session", field(c, 0), status, c->actor,
	                                         ROW_ROLE(c), ROW_REASON(c), &why) != 0)
		return refused(c, "status", why);
	return 0;
}

/* A person of the city's register, with the register's code. A person registered already is
 * refused (people add refuses them too), unless the row is exactly their record (the same
 * file imported again) or, with --update, the row changes their record: every change is
 * reported and audited with the old and new values. */
static int
row_person(struct import_row *c)
{
	struct person_fields in = {field(c, 0), field(c, 1),           field(c, 2),
	                           field(c, 3), want_birth_year(c, 4), want_yes_no(c, 5, 1),
	                           field(c, 6)};
	const char *bad = NULL;
	char *why = NULL;
	struct strlist changed = {0};
	int rc;

	if (person_check(&in, refuse_person_field, c) != 0 || c->bad || c->check_only)
		return -1;
	rc = person_add(c->db, &in, c->actor, NULL, &bad, &why);
	if (rc >= 0)
		return 0;
	if (bad == NULL || strcmp(bad, "code") != 0)
		return refused(c, bad, why);
	if (c->opts == NULL || !c->opts->update) {
		struct person cur;

		if (person_find(c->db, in.code, &cur, NULL) == 0)
			import_row_error(c, 0,
			                 _("%s is already registered, as %s, with other details; "
			                   "import with --update to change them"),
			                 in.code, cur.name);
		else
			import_row_error(c, 0, "%s", why);
		person_free(&cur);
		free(why);
		return -1;
	}
	free(why);
	why = NULL;
	rc = person_update(c->db, &in, c->actor, &changed, &bad, &why);
	if (rc < 0 || rc == 2) {
		strlist_clear(&changed);
		return refused(c, bad, why);
	}
	if (rc == 0 && changed.n > 0 && c->opts->updates != NULL) {
		/* "P0002: 氏名 'A' -> 'B', 生年 '1950' -> '1951'", by the file's headings. */
		char *line = xasprintf("%s:", in.code);

		for (size_t i = 0; i + 2 < changed.n; i += 3) {
			int col = column_of(c, changed.v[i]);
			char *more = xasprintf("%s%s %s '%s' -> '%s'", line, i ? "," : "",
			                       col >= 0 ? import_row_heading(c, col) : changed.v[i],
			                       changed.v[i + 1], changed.v[i + 2]);

			free(line);
			line = more;
		}
		strlist_addf(c->opts->updates, _("%s: row %ld: %s"), c->file, c->row->rowno, line);
		free(line);
	}
	strlist_clear(&changed);
	free(why);
	return 0;
}

/* An application with its result, from the city's records. */
static int
row_application(struct import_row *c)
{
	char day[11];
	struct lottery_entry e = {field(c, 0), field(c, 1),       want_person(c, 2),
	                          field(c, 3), want_int(c, 4, 1), want_date(c, 5, day),
	                          field(c, 6), field(c, 7)};
	const char *bad = NULL;
	char *why = NULL;

	if (c->bad || c->check_only)
		return -1;
	if (lottery_record(c->db, &e, c->actor, ROW_ROLE(c), ROW_REASON(c), &bad, &why) != 0)
		return refused(c, bad, why);
	return 0;
}

/* One application of an online row to the offering the text names (a code, or a class's
 * title when that is unambiguous); col the column that names it. */
static int
receive_online(struct import_row *c, struct lottery_entry *e, const char *text, int col)
{
	const char *bad = NULL;
	char *why = NULL, *code = NULL, *ineligible = NULL;
	int rc = lottery_offering_named(c->db, text, e->applied_on, &code, &why);

	if (rc < 0) {
		import_row_error(c, col, "%s", why ? why : _("database error"));
		free(why);
		return -1;
	}
	e->offering = rc == 0 ? code : text; /* none: the feature names it unknown */
	rc = lottery_receive(c->db, e, 1, c->opts ? c->opts->lottery : NULL, c->actor, &ineligible,
	                     &bad, &why);
	free(code);
	c->ineligible += rc == 0 && ineligible != NULL;
	c->duplicates += rc == 2;
	free(ineligible);
	if (rc < 0) {
		if (bad != NULL && strcmp(bad, "offering") == 0)
			import_row_error(c, col, "%s", why ? why : _("database error"));
		else
			refused(c, bad, why), why = NULL;
		free(why);
		return -1;
	}
	return 0;
}

/* An application from the city's online service: the person by name or kana and phone or
 * birth year (registered when new), then received as a batch, so that a duplicate is kept and
 * counted once and the same row twice is added once. A second choice (第2希望) is a second
 * application, choice 2, its reference the first's with "-2". */
static int
row_online(struct import_row *c)
{
	char day[11];
	struct person_fields p = {NULL,        field(c, 2),           field(c, 3),
	                          field(c, 4), want_birth_year(c, 5), want_yes_no(c, 6, 1),
	                          NULL};
	struct lottery_entry e = {
	    field(c, 0),       field(c, 1),          0,    *field(c, 9) ? field(c, 9) : "online",
	    want_int(c, 7, 1), want_date(c, 8, day), NULL, NULL};
	const char *bad = NULL, *second = field(c, 10);
	char *why = NULL;

	if (person_check(&p, refuse_person_field, c) != 0 || c->bad || c->check_only)
		return -1;
	e.person_id = person_match(c->db, p.name, p.kana, p.phone, p.birth_year, &why);
	if (e.person_id == 0) {
		struct person added;

		if (person_add(c->db, &p, c->actor, &added, &bad, &why) != 0)
			return refused(c, bad, why);
		e.person_id = added.id;
		person_free(&added);
	} else if (e.person_id < 0 ||
	           person_learn_birth_year(c->db, e.person_id, p.birth_year, &why) != 0)
		return refused(c, NULL, why);
	if (receive_online(c, &e, field(c, 1), 1) != 0)
		return -1;
	if (*second != '\0') {
		char *ref = *e.ref ? xasprintf("%s-2", e.ref) : xstrdup("");
		int rc;

		e.ref = ref;
		e.choice = 2;
		rc = receive_online(c, &e, second, 10);
		free(ref);
		return rc;
	}
	return 0;
}

static int
row_attendance(struct import_row *c)
{
	const char *bad = NULL;
	char *why = NULL;
	int substitute = want_yes_no(c, 3, 0);

	if (c->bad || c->check_only)
		return -1;
	if (attendance_record(c->db, field(c, 0), field(c, 1), field(c, 2), substitute, NULL,
	                      c->actor, ROW_ROLE(c), ROW_REASON(c), &bad, &why) != 0)
		return refused(c, bad, why);
	return 0;
}

static int
row_template(struct import_row *c)
{
	char *why = NULL;
	int64_t venue;

	if (c->check_only)
		return 0;
	venue = slot_venue_id(c->db, field(c, 0), &why);
	if (venue <= 0)
		return refused(c, "venue", why);
	if (slot_template_save(c->db, field(c, 0), field(c, 1), c->actor, &why) != 0)
		return refused(c, "hours", why);
	return 0;
}

static int
row_slot(struct import_row *c)
{
	const char *bad = NULL;
	char *why = NULL;

	if (c->check_only)
		return 0;
	if (slot_add(c->db, field(c, 0), field(c, 1), field(c, 2), &bad, &why) != 0)
		return refused(c, bad, why);
	return 0;
}

static int
row_booking(struct import_row *c)
{
	struct booking_record b = {field(c, 0), field(c, 1), field(c, 2),         want_person(c, 3),
	                           field(c, 4), field(c, 5), want_yes_no(c, 6, 0)};
	const char *bad = NULL;
	char *why = NULL;

	if (c->bad || c->check_only)
		return -1;
	if (slots_record(c->db, &b, c->actor, ROW_ROLE(c), ROW_REASON(c), &bad, &why) != 0)
		return refused(c, bad, why);
	return 0;
}

static const char *const offering_aliases[] = {"from",         "apply_from",   "to", "apply_to",
                                               "report-group", "report_group", NULL};

static const struct import_kind kinds[] = {
    {"venues", {"*code", "*name", "address"}, NULL, "SELECT count(*) FROM venues", row_venue},
    {"courses",
     {"*code", "*title", "*device", "*level", "description", "bring"},
     NULL,
     "SELECT count(*) FROM courses",
     row_course},
    {"offerings",
     {"*code", "*course", "*venue", "*apply_from", "*apply_to", "*capacity", "report_group"},
     offering_aliases,
     "SELECT count(*) FROM offerings",
     row_offering},
    {"sessions",
     {"*code", "*offering", "*date", "*start", "*duration", "*seats", "status"},
     NULL,
     "SELECT count(*) FROM sessions",
     row_session},
    {"people",
     {"*code", "*name", "kana", "phone", "birth_year", "resident", "language"},
     NULL,
     "SELECT count(*) FROM people",
     row_person},
    {"applications",
     {"ref", "*offering", "*person", "*channel", "choice", "*applied_at", "status", "session"},
     NULL,
     "SELECT count(*) FROM applications",
     row_application},
    {"attendance",
     {"*session", "*person", "*status", "substitute"},
     NULL,
     "SELECT count(*) FROM attendance",
     row_attendance},
    {"templates", {"*venue", "*hours"}, NULL, "SELECT count(*) FROM slot_templates", row_template},
    {"online",
     {"ref", "*offering", "*name", "kana", "phone", "birth_year", "resident", "choice",
      "*applied_at", "channel", "second_choice"},
     NULL,
     "SELECT count(*) FROM applications",
     row_online},
    {"slots",
     {"*venue", "*date", "*start"},
     NULL,
     "SELECT count(*) FROM consultation_slots",
     row_slot},
    {"bookings",
     {"*venue", "*date", "*start", "*person", "*topic", "status", "walk_in"},
     NULL,
     "SELECT count(*) FROM bookings",
     row_booking},
};

const char *const import_kinds[] = {"venues", "courses",      "offerings",  "sessions",
                                    "people", "applications", "attendance", "templates",
                                    "slots",  "bookings",     NULL};

const struct import_kind *
import_kind_find(const char *name)
{
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].name, name) == 0)
			return &kinds[i];
	return NULL;
}

int
import_kind_known(const char *kind)
{
	return import_kind_find(kind) != NULL;
}

char *
import_kind_columns(const char *kind)
{
	const struct import_kind *k = import_kind_find(kind);
	struct strlist cols = {0};
	char *line;

	if (k == NULL)
		return NULL;
	for (int i = 0; i < IMPORT_MAX_COLS && k->cols[i] != NULL; i++)
		strlist_add(&cols, xstrdup(k->cols[i] + (k->cols[i][0] == '*')));
	line = strlist_join(&cols, ",");
	strlist_clear(&cols);
	return line;
}
