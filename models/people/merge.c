/* models/people/merge.c: two records of one person merged into one, a resident's personal data
 * erased on request, and the bookings still to come that the People screen offers to cancel or
 * move. The rows of the other features move through their own functions. */
#include "config.h"
#include "models/people/people.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/classes/classes.h"
#include "models/consult/consult.h"
#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "models/lottery/lottery.h"
#include "models/reports/reports.h"

/* What a record is beside its details: its id, whom it was merged into and when it was erased
 * (new strings or NULL). 0, 1 when there is no such person (with *cause), -1. */
static int
record_state(struct db *db, const char *code, struct person *p, char **merged, char **erased,
             char **cause)
{
	int rc = person_find(db, code, p, cause);
	db_stmt *st;

	*merged = *erased = NULL;
	if (rc > 0)
		set_cause(cause, _("no person with code '%s'"), code);
	if (rc != 0)
		return rc;
	rc = db_first(db, &st,
	              "SELECT (SELECT code FROM people k WHERE k.id = p.merged_into), erased_at"
	              " FROM people p WHERE id = ?1",
	              cause, DB_ARGS(DB_INT(p->id)));
	if (rc != 1)
		return rc;
	if (!db_column_null(st, 0))
		*merged = db_column_dup(st, 0);
	if (!db_column_null(st, 1))
		*erased = db_column_dup(st, 1);
	db_finalize(st);
	return 0;
}

/* The two have the same name, or both a kana and the same kana, as search keys. */
static int
same_name(const struct person *a, const struct person *b)
{
	char *x = text_search_key(a->name), *y = text_search_key(b->name);
	int same = strcmp(x, y) == 0;

	free(x);
	free(y);
	if (!same && *a->kana != '\0' && *b->kana != '\0') {
		x = text_search_key(a->kana);
		y = text_search_key(b->kana);
		same = strcmp(x, y) == 0;
		free(x);
		free(y);
	}
	return same;
}

int
person_merge(struct db *db, const char *keep, const char *other, int different,
             const struct lottery_config *cfg, struct person_merge_result *out,
             struct strlist *notes, char **cause)
{
	struct person p[2];
	char *merged[2] = {NULL, NULL}, *erased[2] = {NULL, NULL}, *what = NULL;
	const char *code[2] = {keep, other};
	struct person_merge_result r = {0, 0, 0};
	size_t first_note = notes->n;
	int rc = -1;

	memset(p, 0, sizeof p);
	if (out != NULL)
		*out = r;
	if (strcmp(keep, other) == 0) {
		set_cause(cause, _("%s is the same record twice; name two records of one person"),
		          keep);
		return -1;
	}
	if (db_begin(db, cause) != 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		if (record_state(db, code[i], &p[i], &merged[i], &erased[i], cause) != 0)
			goto fail;
		if (merged[i] != NULL) {
			set_cause(cause, _("%s was merged into %s already"), code[i], merged[i]);
			goto fail;
		}
		if (erased[i] != NULL) {
			set_cause(cause,
			          _("the personal data of %s was erased; it cannot be merged"),
			          code[i]);
			goto fail;
		}
	}
	/* Two records of one person: the same name or kana (as search keys: kana forms, spaces and
	 * variant kanji do not matter) and no two birth years. Two people who differ there are
	 * refused unless the caller says they are one all the same (different), so that a merge
	 * cannot join strangers by a slip. */
	if (!different && !same_name(&p[0], &p[1])) {
		set_cause(
		    cause,
		    _("%s (%s) and %s (%s) differ in name and kana: a merge is for two records "
		      "of one person; if they are one, a coordinator merges them with "
		      "--different"),
		    code[0], p[0].name, code[1], p[1].name);
		goto fail;
	}
	if (!different && p[0].birth_year != 0 && p[1].birth_year != 0 &&
	    p[0].birth_year != p[1].birth_year) {
		set_cause(cause,
		          _("%s was born in %d and %s in %d: a merge is for two records of one "
		            "person; if they are one, a coordinator merges them with --different"),
		          code[0], p[0].birth_year, code[1], p[1].birth_year);
		goto fail;
	}
	if ((r.applications = lottery_merge_person(db, p[0].id, p[1].id, cfg, notes, cause)) < 0 ||
	    (r.bookings = slots_merge_person(db, p[0].id, p[1].id, notes, cause)) < 0 ||
	    (r.marks = attendance_merge_person(db, p[0].id, p[1].id, cfg->actor, cfg->role,
	                                       cfg->reason, notes, cause)) < 0)
		goto fail;
	/* The other record is found no more (its keys go), and those merged into it lead to the
	 * one kept; then the one kept may take its details without being "the same person". */
	if (db_run(
	        db,
	        "UPDATE people SET merged_into = ?1, name_key = '', kana_key = '', given_key = '',"
	        " kana_given_key = '', phone_digits = '' WHERE id = ?2 OR merged_into = ?2",
	        _("cannot change the person"), cause,
	        DB_ARGS(DB_INT(p[0].id), DB_INT(p[1].id))) != 0)
		goto fail;
	struct person_change ch = {NULL, NULL, NULL, 0, NULL};

	if (*p[0].kana == '\0' && *p[1].kana != '\0')
		ch.kana = p[1].kana;
	if (*p[0].phone == '\0' && *p[1].phone != '\0')
		ch.phone = p[1].phone;
	if (p[0].birth_year == 0)
		ch.birth_year = p[1].birth_year;
	/* What the two records say differently stays as the one kept says it: for the counter to
	 * check with the resident. */
	char *d0 = text_digits(p[0].phone), *d1 = text_digits(p[1].phone);

	if (*d0 != '\0' && *d1 != '\0' && strcmp(d0, d1) != 0)
		strlist_addf(notes, _("%1$s's phone %2$s is not kept: %3$s keeps %4$s"), other,
		             p[1].phone, keep, p[0].phone);
	free(d0);
	free(d1);
	if (p[0].birth_year != 0 && p[1].birth_year != 0 && p[0].birth_year != p[1].birth_year)
		strlist_addf(notes, _("%1$s's birth year %2$d is not kept: %3$s keeps %4$d"), other,
		             p[1].birth_year, keep, p[0].birth_year);
	if ((ch.kana != NULL || ch.phone != NULL || ch.birth_year != 0) &&
	    person_edit(db, keep, &ch, cfg->actor, NULL, cause) < 0)
		goto fail;
	/* "person P0031 merged into P0001: applications 2, bookings 1, roll-call marks 0; ..." */
	what = xasprintf("person %s merged into %s: applications %ld, bookings %ld, roll-call"
	                 " marks %ld",
	                 other, keep, r.applications, r.bookings, r.marks);
	for (size_t i = first_note; i < notes->n; i++) {
		char *more = xasprintf("%s; %s", what, notes->v[i]);

		free(what);
		what = more;
	}
	if (db_audit_end(db, cfg->actor, "merge", "person", p[0].id, what, cause) != 0)
		goto out;
	if (out != NULL)
		*out = r;
	rc = 0;
	goto out;
fail:
	db_rollback(db);
out:
	for (int i = 0; i < 2; i++) {
		person_free(&p[i]);
		free(merged[i]);
		free(erased[i]);
	}
	free(what);
	return rc;
}

/* What is still to come for person id from today: bookings, and live applications for a class
 * with a session from today on; a line each into pending. The number, or -1. */
static long
still_to_come(struct db *db, int64_t id, const char *today, struct strlist *pending, char **cause)
{
	db_stmt *st;
	long n = 0;
	int rc;

	st =
	    db_query(db,
	             "SELECT 0, s.date || ' ' || s.start, v.name FROM bookings b JOIN"
	             " consultation_slots s ON s.id = b.slot_id JOIN venues v ON v.id ="
	             " s.venue_id WHERE b.person_id = ?1 AND b.status = 'booked' AND s.date >= ?2"
	             " UNION ALL SELECT 1, o.code, a.status FROM applications a JOIN offerings o"
	             " ON o.id = a.offering_id WHERE a.person_id = ?1 AND a.status IN ('applied',"
	             " 'won', 'waiting') AND EXISTS (SELECT 1 FROM sessions s WHERE s.offering_id ="
	             " o.id AND s.date >= ?2 AND s.status = 'scheduled') ORDER BY 1, 2",
	             cause, DB_ARGS(DB_INT(id), DB_TEXT(today)));
	while (st != NULL && (rc = db_step(st)) == DB_ROW) {
		n++;
		if (db_column_int(st, 0) == 0)
			strlist_addf(pending, _("a consultation booked for %s (%s)"),
			             db_column_text(st, 1), db_column_text(st, 2));
		else {
			char *status = lottery_result_label(db_column_text(st, 2), 0, "");

			strlist_addf(pending, _("an application to %s (%s)"), db_column_text(st, 1),
			             status);
			free(status);
		}
	}
	if (st == NULL || db_finish(db, st, rc, cause) != 0)
		return -1;
	return n;
}

int
person_erase(struct db *db, const char *code, const struct date *today, const char *actor,
             struct strlist *pending, char **cause)
{
	struct person p;
	char *merged = NULL, *erased = NULL, *day = date_iso(today), *what = NULL;
	int rc = -1, found;

	if (db_begin(db, cause) != 0) {
		free(day);
		return -1;
	}
	found = record_state(db, code, &p, &merged, &erased, cause);
	if (found != 0) {
		rc = found > 0 ? 2 : -1;
		goto fail;
	}
	if (merged != NULL) {
		set_cause(cause, _("%s was merged into %s: erase %s, and this record goes with it"),
		          code, merged, merged);
		goto fail;
	}
	if (erased != NULL) {
		set_cause(cause, _("the personal data of %s was erased already, on %.10s"), code,
		          erased);
		rc = 1;
		goto fail;
	}
	long n = still_to_come(db, p.id, day, pending, cause);

	if (n != 0) {
		if (n > 0)
			set_cause(cause,
			          _("%s still has bookings or applications to come; cancel them "
			            "first"),
			          code);
		goto fail;
	}
	if (db_run(
	        db,
	        "UPDATE people SET name = coalesce(code, '-'), kana = '', phone = '', birth_year ="
	        " NULL, name_key = '', kana_key = '', given_key = '', kana_given_key = '',"
	        " phone_digits = '', erased_at = strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE"
	        " id = ?1 OR merged_into = ?1",
	        _("cannot change the person"), cause, DB_ARGS(DB_INT(p.id))) != 0)
		goto fail;
	/* The values erased are never written again, not even into the audit log. */
	long long records = db_changes(db);
	/* Nor the texts that would tell them: the reasons kept with the applications (a birth
	 * year, a reference); the applications stay, for the counts. */
	long reasons = lottery_erase_person(db, p.id, cause);

	if (reasons < 0)
		goto fail;
	what = records > 1 ? xasprintf("person %s: name, kana, phone and birth year erased, and"
	                               " of %lld records merged into it",
	                               code, records - 1)
	                   : xasprintf("person %s: name, kana, phone and birth year erased", code);
	if (reasons > 0) {
		char *more = xasprintf("%s; the reasons kept with %ld application%s erased", what,
		                       reasons, reasons == 1 ? "" : "s");

		free(what);
		what = more;
	}
	rc = db_audit_end(db, actor, "erase", "person", p.id, what, cause);
	goto out;
fail:
	db_rollback(db);
out:
	person_free(&p);
	free(merged);
	free(erased);
	free(day);
	free(what);
	return rc;
}

long
person_upcoming_bookings(struct db *db, const char *code, const struct date *today,
                         struct strlist *when, struct person_booking **out, char **cause)
{
	char *day = date_iso(today);
	db_stmt *st;
	size_t cap = 0;
	long n = 0;
	int rc;

	*out = NULL;
	st = db_query(db,
	              "SELECT s.id, b.id, s.date || ' ' || s.start || '  ' || v.name, b.topic"
	              " FROM people p JOIN bookings b ON b.person_id = p.id JOIN consultation_slots"
	              " s ON s.id = b.slot_id JOIN venues v ON v.id = s.venue_id WHERE p.code = ?1"
	              " AND b.status = 'booked' AND s.date >= ?2 ORDER BY s.date, s.start",
	              cause, DB_ARGS(DB_TEXT(code), DB_TEXT(day)));
	free(day);
	while (st != NULL && (rc = db_step(st)) == DB_ROW) {
		*out = xgrow(*out, (size_t)n, &cap, 4, sizeof **out);
		(*out)[n].slot = db_column_int64(st, 0);
		(*out)[n++].booking = db_column_int64(st, 1);
		/* The topic by its name, as the Consultations screen shows it (LINE, not line). */
		strlist_addf(when, "%s  %s", db_column_text(st, 2),
		             report_topic_name(db_column_text(st, 3)));
	}
	if (st == NULL || db_finish(db, st, rc, cause) != 0) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return n;
}
