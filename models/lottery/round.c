/* models/lottery/round.c: running a round: the offerings it draws (superseding the live rounds
 * that hold any of them on a redraw), its applications and people read into a draw (draw.c),
 * the winners seated in sessions and the results written; and a round read back. */
#include "config.h"
#include "models/lottery/lottery.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/classes/classes.h"
#include "models/core/clock.h"
#include "models/core/i18n.h"
#include "models/core/schema.h"
#include "models/lottery/internal.h"

/* ---- the offerings ---- */

/* Add the offerings of codes[0 .. n) that are not cancelled to round_set, CODES_A_STEP to a
 * statement: 1 when each code named one (as many rows as distinct codes), 0 when not, -1 with
 * *cause. */
#define CODES_A_STEP 256

static int
cmp_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
add_offerings(struct db *db, char *const *codes, size_t n, char **cause)
{
	db_stmt *st = NULL;
	size_t rows = 0, distinct = 0;

	for (size_t i = 0; i < n; i += CODES_A_STEP) {
		size_t k = n - i < CODES_A_STEP ? n - i : CODES_A_STEP;

		if (k != rows) {
			char *list = xmalloc(3 * k), *sql;

			for (size_t j = 0; j < k; j++)
				memcpy(list + 3 * j, j + 1 < k ? "?, " : "?", j + 1 < k ? 3 : 2);
			sql = xasprintf(
			    "INSERT INTO round_set (id) SELECT id FROM offerings WHERE"
			    " status <> 'cancelled' AND code IN (%s) ON CONFLICT DO NOTHING",
			    list);
			free(list);
			db_finalize(st);
			st = db_prepare(db, sql, cause);
			free(sql);
			if (st == NULL)
				return -1;
			rows = k;
		}
		db_reset(st);
		for (size_t j = 0; j < k; j++)
			db_bind_static(st, (int)j + 1, codes[i + j]);
		if (db_step(st) != DB_DONE) {
			db_cause(db, cause, _("database error"));
			db_finalize(st);
			return -1;
		}
	}
	db_finalize(st);
	char **sorted = xmalloc((n ? n : 1) * sizeof *sorted);

	memcpy(sorted, codes, n * sizeof *sorted);
	qsort(sorted, n, sizeof *sorted, cmp_text);
	for (size_t i = 0; i < n; i++)
		distinct += i == 0 || strcmp(sorted[i - 1], sorted[i]) != 0;
	free(sorted);
	int64_t in = db_count(db, "SELECT count(*) FROM round_set", cause);

	return in < 0 ? -1 : (size_t)in == distinct;
}

char *
lottery_recorded_refusal(const char *code)
{
	return xasprintf(_("%s holds results recorded without a draw (imported with its "
	                   "applications): they are its record, so it cannot be drawn"),
	                 code);
}

char *
lottery_undrawn(struct db *db, const char *offering)
{
	return lottery_results_recorded(db, offering, NULL) == 1
	           ? xasprintf(_("%s has not been drawn: its results were recorded without a "
	                         "draw (imported with its applications)"),
	                       offering)
	           : xasprintf(_("%s has not been drawn"), offering);
}

/* The refusal of an offering that holds results recorded without a draw, into *cause. */
static void
refuse_recorded(char **cause, const char *code)
{
	if (cause != NULL) {
		free(*cause);
		*cause = lottery_recorded_refusal(code);
	}
}

int
lottery_results_recorded(struct db *db, const char *offering, char **cause)
{
	int64_t v;

	return db_value(
	           db,
	           "SELECT CASE WHEN " SQL_RECORDED_RESULTS("o.id") " THEN 1 ELSE 0 END FROM"
	                                                            " offerings o WHERE o.code = ?",
	           &v, cause, DB_ARGS(DB_TEXT(offering))) < 0
	           ? -1
	           : v != 0;
}

/* Fill the temporary table round_set with the offerings of the round (and, with redraw, those
 * of the live rounds holding them, which are superseded). */
static int
collect_offerings(struct db *db, char *const *codes, size_t n, int redraw, const char *actor,
                  char **cause)
{
	db_stmt *st;

	if (db_exec(db,
	            "CREATE TEMP TABLE IF NOT EXISTS round_set (id INTEGER PRIMARY KEY);"
	            "DELETE FROM round_set;",
	            cause) != 0)
		return -1;
	/* The codes a few hundred to a statement (on PostgreSQL three round trips a code took
	 * 0.3 s for a round of a thousand); one by one below, for the message, only when one of
	 * them is not there or cancelled. */
	int found = add_offerings(db, codes, n, cause);

	if (found < 0)
		return -1;
	for (size_t i = 0; i < n && !found; i++) {
		int64_t id = db_count_text(
		    db, "SELECT coalesce((SELECT id FROM offerings WHERE code = ?), 0)", codes[i],
		    cause);

		if (id < 0)
			return -1;
		if (id == 0) {
			set_cause(cause, _("no offering with code '%s'"), codes[i]);
			return -1;
		}
		if (db_count_text(db, "SELECT status = 'cancelled' FROM offerings WHERE code = ?",
		                  codes[i], cause) == 1) {
			set_cause(cause, _("offering %s is cancelled"), codes[i]);
			return -1;
		}
		if (db_run(db, "INSERT INTO round_set (id) VALUES (?) ON CONFLICT DO NOTHING",
		           _("database error"), cause, DB_ARGS(DB_INT(id))) != 0)
			return -1;
	}
	/* Drawn already? */
	st = db_prepare(
	    db,
	    "SELECT o.code, r.id FROM lottery_round_offerings ro JOIN lottery_rounds r ON"
	    " r.id = ro.round_id AND r.superseded_at IS NULL JOIN offerings o ON o.id ="
	    " ro.offering_id WHERE ro.offering_id IN (SELECT id FROM round_set) LIMIT 1",
	    cause);
	if (st == NULL)
		return -1;
	int drawn = db_step(st) == DB_ROW;
	char *which = drawn ? db_column_dup(st, 0) : NULL;

	db_finalize(st);
	if (drawn && !redraw) {
		set_cause(
		    cause,
		    _("%s has been drawn already; draw it again only on purpose (--redraw, or R "
		      "on the screen): the earlier draw is kept in the history"),
		    which);
		free(which);
		return -1;
	}
	free(which);
	if (!drawn)
		return 0; /* results recorded without a draw are found as the draw reads them */
	/* A redraw starts its offerings' applications again from "applied": one of them that
	 * was never drawn but holds results recorded is refused before. */
	st = db_prepare(db,
	                "SELECT o.code FROM offerings o WHERE o.id IN (SELECT id FROM round_set)"
	                " AND " SQL_RECORDED_RESULTS("o.id") " ORDER BY o.code LIMIT 1",
	                cause);
	if (st == NULL)
		return -1;
	if (db_step(st) == DB_ROW) {
		refuse_recorded(cause, db_column_text(st, 0));
		db_finalize(st);
		return -1;
	}
	db_finalize(st);
	/* A re-draw: the earlier rounds' offerings come along, and those rounds are superseded. */
	for (int pass = 0; pass < 8; pass++)
		if (db_exec(db,
		            "INSERT INTO round_set (id) SELECT ro2.offering_id FROM"
		            " lottery_round_offerings ro JOIN lottery_rounds r ON r.id = "
		            "ro.round_id AND"
		            " r.superseded_at IS NULL JOIN lottery_round_offerings ro2 ON "
		            "ro2.round_id ="
		            " r.id WHERE ro.offering_id IN (SELECT id FROM round_set)"
		            " ON CONFLICT DO NOTHING",
		            cause) != 0)
			return -1;
	int rc =
	    db_run(db,
	           "UPDATE lottery_rounds SET superseded_at = strftime('%Y-%m-%dT%H:%M:%SZ',"
	           "'now'), superseded_by = ? WHERE superseded_at IS NULL AND id IN (SELECT"
	           " round_id FROM lottery_round_offerings WHERE offering_id IN (SELECT id FROM"
	           " round_set))",
	           _("database error"), cause, DB_ARGS(DB_TEXT(actor)));
	/* The applications start again from "applied", but cancelled ones stay cancelled; the
	 * seats offered from the old waiting lists and the confirmations go with the old draw.
	 * What a cancellation changed belongs to the draw superseded: a cancelled application is
	 * reinstated as one not drawn (lottery_reinstate: last on the waiting list), and nobody's
	 * seat of the new draw is taken back as if they had been moved up into it. */
	if (rc == 0 &&
	    db_exec(
	        db,
	        "UPDATE lottery_offers SET state = 'withdrawn', closed_at ="
	        " strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE state = 'open' AND application_id"
	        " IN (SELECT id FROM applications WHERE offering_id IN (SELECT id FROM"
	        " round_set));"
	        "UPDATE applications SET status = 'applied', waiting_position = NULL, session_id"
	        " = NULL, reason = '', confirmed_at = NULL, confirmed_by = NULL WHERE offering_id"
	        " IN (SELECT id FROM round_set) AND status IN ('won', 'waiting', 'lost');"
	        "DELETE FROM application_undo WHERE what <> 'cancelled' AND cancel_id IN (SELECT"
	        " id FROM applications WHERE offering_id IN (SELECT id FROM round_set));"
	        "UPDATE application_undo SET status = 'applied', session_id = NULL,"
	        " waiting_position = NULL WHERE cancel_id IN (SELECT id FROM applications WHERE"
	        " offering_id IN (SELECT id FROM round_set))",
	        cause) != 0)
		rc = -1;
	return rc;
}

static int
load_round_offerings(struct db *db, struct draw *d, char **cause)
{
	db_stmt *st = db_prepare(db,
	                         "SELECT id, course_id, capacity, code, CAST(substr(apply_to, 1,"
	                         " 4) AS INTEGER), apply_from, apply_to FROM offerings WHERE id"
	                         " IN (SELECT id FROM round_set) ORDER BY code",
	                         cause);

	if (st == NULL)
		return -1;
	while (db_step(st) == DB_ROW) {
		struct doff *o = draw_add(d, DRAW_OFF);

		o->id = db_column_int64(st, 0);
		o->course = db_column_int64(st, 1);
		o->capacity = db_column_int(st, 2);
		snprintf(o->code, sizeof o->code, "%s", db_column_text(st, 3));
		o->year = db_column_int(st, 4);
		snprintf(o->from, sizeof o->from, "%s", db_column_text(st, 5));
		snprintf(o->to, sizeof o->to, "%s", db_column_text(st, 6));
	}
	db_finalize(st);
	draw_index_offerings(d);
	return 0;
}

/* ---- reading the applications ---- */

/* A set of (person, course) pairs, sorted for bsearch. */
struct pairs {
	uint64_t *v;
	size_t n, cap;
};

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t
pair_key(int64_t person, int64_t course)
{
	return ((uint64_t)person << 24) | (uint64_t)(course & 0xFFFFFF);
}

static void
pair_add(struct pairs *s, int64_t person, int64_t course)
{
	s->v = xgrow(s->v, s->n, &s->cap, 256, sizeof *s->v);
	s->v[s->n++] = pair_key(person, course);
}

static int
has_pair(const struct pairs *s, int64_t person, int64_t course)
{
	uint64_t k = pair_key(person, course);

	return s->n && bsearch(&k, s->v, s->n, sizeof k, cmp_u64) != NULL;
}

/* The tier of a person from the rules and the courses they apply to in the round. */
static int
tier_of(const int *rules, int nrules, const struct pairs *lost, const struct pairs *won,
        int64_t person, const int64_t *courses, size_t ncourses)
{
	int tier = 0;

	for (int r = 0; r < nrules; r++) {
		int holds = 0;

		for (size_t k = 0; k < ncourses && !holds; k++)
			holds = rules[r] == 0 ? has_pair(lost, person, courses[k])
			                      : !has_pair(won, person, courses[k]);
		if (!holds)
			tier |= 1 << (nrules - 1 - r);
	}
	return tier;
}

/* The offerings outside the round by id, with their course: for the earlier results read in
 * the same scan as the round's applications. */
struct courses {
	struct {
		int64_t id, course;
	} * v;
	size_t n;
};

static int64_t
course_of(const struct courses *c, int64_t id)
{
	size_t lo = 0, hi = c->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (c->v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->n && c->v[lo].id == id ? c->v[lo].course : -1;
}

/* What the reading of an application keeps until its person is known. */
struct pending {
	int64_t person;
	char *outside; /* why it was outside its application window, or NULL */
};

/* The state of reading: the draw being filled, the rows pending, the earlier results. */
struct reading {
	struct draw *d;
	struct pending *rows;
	size_t caprows;
	struct pairs lost, won;
	struct courses other;
};

/* One row of the scan (id, offering_id, person_id, choice, status, reason, applied_at): an
 * application of the round into the draw, or (other offerings, with the rules) an earlier
 * result. */
static void
read_row(void *reading, db_stmt *st)
{
	struct reading *r = reading;
	struct draw *d = r->d;
	int o = draw_off_index(d, db_column_int64(st, 1));
	const char *status = db_column_text(st, 4);

	if (o < 0) {
		int64_t course = course_of(&r->other, db_column_int64(st, 1));

		if (course < 0)
			return;
		if (strcmp(status, "won") == 0)
			pair_add(&r->won, db_column_int64(st, 2), course);
		else if (strcmp(status, "lost") == 0 || strcmp(status, "waiting") == 0)
			pair_add(&r->lost, db_column_int64(st, 2), course);
		return;
	}
	r->rows = xgrow(r->rows, d->napps, &r->caprows, 1024, sizeof *r->rows);
	struct pending *p = &r->rows[d->napps];
	struct dapp *a = draw_add(d, DRAW_APP);
	const char *applied = db_column_text(st, 6);

	a->id = db_column_int64(st, 0);
	a->off = o;
	a->choice = (short)db_column_int(st, 3);
	p->person = db_column_int64(st, 2);
	/* A duplicate stays one, with its reason; an ineligible one's reason is kept in case it
	 * turns out a duplicate (its reason then stays too). */
	if (strcmp(status, "duplicate") == 0)
		a->result = R_DUPLICATE;
	a->applied = strcmp(status, "applied") == 0;
	a->counted = a->applied || strcmp(status, "won") == 0 || strcmp(status, "waiting") == 0 ||
	             strcmp(status, "lost") == 0;
	/* The round's offerings were not drawn (a drawn one is refused, a redrawn one's results
	 * were undone): a result is one recorded without a draw. */
	if (a->counted && !a->applied)
		d->offs[o].recorded = 1;
	if (!db_column_null(st, 5) && *db_column_text(st, 5) != '\0')
		a->reason = db_column_dup(st, 5);
	p->outside = strcmp(applied, d->offs[o].from) < 0 || strcmp(applied, d->offs[o].to) > 0
	                 ? lottery_reason(REASON_OUTSIDE, applied, NULL, NULL)
	                 : NULL;
}

/* Whether a round of noffs offerings holds many of them, more than a fifth: its applications are
 * then read straight through the table ("+offering_id" keeps SQLite from the index on the
 * offering, which would visit a million rows in random order), a small round's through the
 * index. 1, 0, or -1 with *cause. */
static int
round_is_large(struct db *db, size_t noffs, char **cause)
{
	int64_t all = db_count(db, "SELECT count(*) FROM offerings", cause);

	return all < 0 ? -1 : noffs * 5 > (size_t)all;
}

/* What read_row reads of an application. */
#define APPLICATION_COLUMNS                                                                        \
	"SELECT a.id, a.offering_id, a.person_id, a.choice, a.status, CASE WHEN a.status IN"       \
	" ('ineligible', 'duplicate') THEN a.reason END, a.applied_at FROM applications a"

int
lottery_rows(struct db *db, db_stmt *st, void (*row)(void *, db_stmt *), void *ctx, char **cause)
{
	int step;

	if (st == NULL)
		return -1;
	while ((step = db_step(st)) == DB_ROW)
		row(ctx, st);
	return db_finish(db, st, step, cause);
}

/* Every row of sql through read_row: 0, or -1 with *cause. */
static int
read_all(struct db *db, struct reading *r, const char *sql, char **cause)
{
	return lottery_rows(db, db_prepare(db, sql, cause), read_row, r, cause);
}

/* Read the round's applications in one scan in id order (with the rules and a round of many
 * offerings, the same scan gives everyone's earlier results), then their people, mark
 * duplicates and the ineligible, rank and tier the people. The applications stay in id order;
 * only their indexes are sorted by person. */
static int
load_applications(struct db *db, struct draw *d, const int *rules, int nrules,
                  const struct lottery_config *cfg, char **cause)
{
	struct reading r;
	db_stmt *st = NULL;
	int rc = -1, step;
	int64_t *courses = NULL;
	size_t capcourses = 0;
	uint32_t *idx = NULL;

	memset(&r, 0, sizeof r);
	r.d = d;
	int large = round_is_large(db, d->noffs, cause);
	/* About this many applications, from the counts kept of each offering's applicants
	 * (migration 18): the arrays are made once, and grow only for the ineligible and the
	 * duplicates, which those counts leave out. Counting the rows themselves read every
	 * application of the round once more (0.04 s for a million on SQLite, a scan of the
	 * table on PostgreSQL). */
	int64_t most = db_count(db,
	                        "SELECT coalesce(sum(CASE WHEN n > 0 THEN n ELSE 0 END), 0) FROM"
	                        " counters WHERE name = 'applicants' AND id IN (SELECT id FROM"
	                        " round_set)",
	                        cause);
	int64_t people = db_count(db,
	                          "SELECT coalesce((SELECT n FROM counters WHERE name = 'people'"
	                          " AND id = 0 AND n > 0), 0)",
	                          cause);

	d->large = large > 0;
	if (large < 0 || most < 0 || people < 0)
		return -1;
	draw_reserve(d, (size_t)most, (size_t)(people < most ? people : most));
	r.rows = xmalloc((most ? (size_t)most : 1) * sizeof *r.rows);
	r.caprows = most ? (size_t)most : 1;
	/* A large round reads the table straight through in id order, and with the rules takes
	 * everyone's earlier results in other offerings from the same pass; a small round uses
	 * the index, and reads the earlier results apart. */

	if (nrules > 0) {
		size_t cap = 0;

		st =
		    db_prepare(db,
		               "SELECT id, course_id FROM offerings WHERE id NOT IN (SELECT id FROM"
		               " round_set) ORDER BY id",
		               cause);
		if (st == NULL)
			goto out;
		while ((step = db_step(st)) == DB_ROW) {
			r.other.v = xgrow(r.other.v, r.other.n, &cap, 64, sizeof *r.other.v);
			r.other.v[r.other.n].id = db_column_int64(st, 0);
			r.other.v[r.other.n++].course = db_column_int64(st, 1);
		}
		if (db_finish(db, st, step, cause) != 0) {
			st = NULL;
			goto out;
		}
		st = NULL;
	}
	if ((nrules > 0 && !large &&
	     read_all(db, &r,
	              "SELECT 0, offering_id, person_id, 0, status, NULL, '' FROM applications"
	              " WHERE status IN ('lost', 'waiting', 'won') AND offering_id NOT IN (SELECT"
	              " id FROM round_set)",
	              cause) != 0) ||
	    read_all(db, &r,
	             large && nrules > 0 ? APPLICATION_COLUMNS " WHERE a.status <> 'cancelled'"
	                                                       " ORDER BY a.id"
	             : large ? APPLICATION_COLUMNS " WHERE +a.offering_id IN (SELECT id FROM"
	                                           " round_set) AND a.status <> 'cancelled'"
	                                           " ORDER BY a.id"
	                     : APPLICATION_COLUMNS " WHERE a.offering_id IN (SELECT id FROM"
	                                           " round_set) AND a.status <> 'cancelled'"
	                                           " ORDER BY a.id",
	             cause) != 0)
		goto out;
	if (r.lost.n > 1)
		qsort(r.lost.v, r.lost.n, sizeof *r.lost.v, cmp_u64);
	if (r.won.n > 1)
		qsort(r.won.v, r.won.n, sizeof *r.won.v, cmp_u64);
	idx = draw_radix_sort(draw_identity(d->napps), d->napps, &r.rows[0].person, sizeof *r.rows);
	/* The people, by id in the same order: looked up one by one for a small round, read in
	 * one pass for a large one. */
	int scan = d->napps > 20000;

	st = db_prepare(db,
	                scan ? "SELECT id, code, coalesce(birth_year, 0), resident, CASE WHEN"
	                       " erased_at IS NULL THEN 0 ELSE 1 END FROM people ORDER BY id"
	                     : "SELECT id, code, coalesce(birth_year, 0), resident, CASE WHEN"
	                       " erased_at IS NULL THEN 0 ELSE 1 END FROM people WHERE id = ?",
	                cause);
	if (st == NULL)
		goto out;
	int have = 0; /* with scan: the statement is on a row */

	for (size_t i = 0; i < d->napps;) {
		int64_t person = r.rows[idx[i]].person;
		size_t j = i;
		int birth = 0, resident = 1, found = 0, erased;

		while (j < d->napps && r.rows[idx[j]].person == person)
			j++;
		if (scan) {
			/* Step the scan to the first id not below this person's. */
			for (;;) {
				if (!have && db_step(st) != DB_ROW)
					break;
				have = 1;
				if (db_column_int64(st, 0) >= person)
					break;
				have = 0;
			}
			found = have && db_column_int64(st, 0) == person;
		} else {
			db_reset(st);
			db_bind_int64(st, 1, person);
			found = db_step(st) == DB_ROW;
		}
		if (!found) {
			set_cause(cause, "%s",
			          _("an application names a person who does not exist"));
			goto out;
		}
		struct dperson *p = draw_add_person(d, db_column_text(st, 1));

		birth = db_column_int(st, 2);
		resident = db_column_int(st, 3);
		erased = db_column_int(st, 4);
		draw_rank(d, p);
		if (j - i > capcourses) {
			capcourses = j - i;
			courses = xrealloc(courses, capcourses * sizeof *courses);
		}
		for (size_t k = i; k < j; k++) {
			struct dapp *a = &d->apps[idx[k]];
			char *outside = r.rows[idx[k]].outside;
			int again = 0; /* applied to this offering before (a lower id) */

			r.rows[idx[k]].outside = NULL;
			for (size_t e = i; e < k && !again; e++)
				again = d->apps[idx[e]].off == a->off;
			courses[k - i] = d->offs[a->off].course;
			a->person = (int)(d->npeople - 1);
			if (a->result == R_DUPLICATE || again) {
				a->result = R_DUPLICATE;
				if (a->reason == NULL)
					a->reason =
					    lottery_reason(REASON_APPLIED_BEFORE, NULL, NULL, NULL);
			} else {
				free(a->reason);
				a->reason = NULL;
				if (erased) {
					/* Erased, the record has no birth year to check: it is
					 * given no seat in a new draw (the applicant still counts).
					 */
					a->result = R_INELIGIBLE;
					a->reason = xstrdup(_("erased with the personal data"));
				} else if ((a->reason = lottery_ineligible(cfg, birth, resident,
				                                           d->offs[a->off].year)) !=
				           NULL)
					a->result =
					    R_INELIGIBLE; /* as the person's record says now */
				else if (outside != NULL) {
					a->result = R_INELIGIBLE;
					a->reason = outside;
					outside = NULL;
				}
			}
			free(outside);
		}
		p->tier = tier_of(rules, nrules, &r.lost, &r.won, person, courses, j - i);
		i = j;
	}
	rc = 0;
out:
	db_finalize(st);
	for (size_t i = 0; i < d->napps; i++)
		free(r.rows[i].outside);
	free(r.rows);
	free(idx);
	free(r.lost.v);
	free(r.won.v);
	free(r.other.v);
	free(courses);
	return rc;
}

/* Step 5: winners into the sessions of their offering, in date order, in the order they won:
 * the sessions of the round read once, then one pass over the people in draw order. */
static int
assign_sessions(struct db *db, struct draw *d, const int *order, char **cause)
{
	db_stmt *st = db_prepare(db,
	                         "SELECT offering_id, id, seats FROM sessions WHERE offering_id"
	                         " IN (SELECT id FROM round_set) AND status = 'scheduled' ORDER"
	                         " BY offering_id, date, start, id",
	                         cause);
	struct {
		int64_t id;
		int seats;
	} *ses = NULL;
	size_t nses = 0, capses = 0;
	int *first = xcalloc(d->noffs + 1, sizeof *first),
	    *end = xcalloc(d->noffs + 1, sizeof *end);

	if (st == NULL) {
		free(first);
		free(end);
		return -1;
	}
	for (size_t o = 0; o < d->noffs; o++)
		first[o] = end[o] = -1;
	while (db_step(st) == DB_ROW) {
		int o = draw_off_index(d, db_column_int64(st, 0));

		if (o < 0)
			continue;
		if (nses == capses) {
			capses = capses ? capses * 2 : 64;
			ses = xrealloc(ses, capses * sizeof *ses);
		}
		ses[nses].id = db_column_int64(st, 1);
		ses[nses].seats = db_column_int(st, 2);
		if (first[o] < 0)
			first[o] = (int)nses;
		end[o] = (int)nses + 1;
		nses++;
	}
	db_finalize(st);
	for (size_t i = 0; i < d->npeople; i++) {
		struct dperson *p = &d->people[order[i]];

		for (int k = 0; k < p->count; k++) {
			struct dapp *a = &d->apps[d->members[p->first + k]];
			int o = a->off;

			if (a->result != R_WON || first[o] < 0)
				continue;
			while (first[o] < end[o] && ses[first[o]].seats == 0)
				first[o]++;
			if (first[o] < end[o]) {
				a->session = ses[first[o]].id;
				ses[first[o]].seats--;
			}
		}
	}
	free(ses);
	free(first);
	free(end);
	return 0;
}

/* How many results one statement writes: each statement is prepared once (and once more for
 * the last rows), and one step writes them all. One row a step paid the statement's own cost
 * a million times: measured by tests/bench/lottery.sh, 2.4 s of CPU for each table, against
 * 0.9 s (entries) and 1.3 s (applications) at 128 rows a step. */
#define RESULTS_A_STEP 128

/* The two writes of the results: a row of the round's entries, and the columns of the
 * application that a draw sets (the FROM list of VALUES is read as written, each row finding
 * its application by id). */
static const struct {
	const char *head, *row, *tail;
	int columns;
} result_writes[] = {
    {"INSERT INTO lottery_entries (round_id, application_id, offering_id, person_code, choice,"
     " tier, result, position) VALUES ",
     "(?, ?, ?, ?, ?, ?, ?, ?)", "", 8},
    {"UPDATE applications SET status = 'lost', waiting_position = NULL, session_id = NULL,"
     " reason = '' WHERE id IN (",
     "?", ")", 1},
    {"UPDATE applications SET status = v.column2, waiting_position = v.column3, session_id ="
     " v.column4, reason = v.column5 FROM (VALUES ",
     "(CAST(? AS BIGINT), ?, CAST(? AS BIGINT), CAST(? AS BIGINT), ?)",
     ") v WHERE applications.id = v.column1", 5},
};

/* Whether result_writes[w] writes application a: the entries all, the applications that lost
 * (most of them) by id alone, the others with their values. With sets (write_losers), the
 * losers that were "applied" are left to one statement over the round. */
static int
writes(int w, const struct dapp *a, int sets)
{
	return w == 0 ||
	       (w == 1 ? a->result == R_LOST && !(sets && a->applied) : a->result != R_LOST);
}

/* The statement of result_writes[w] for n rows (a new string). */
static char *
rows_sql(int w, size_t n)
{
	size_t head = strlen(result_writes[w].head), row = strlen(result_writes[w].row);
	char *sql = xmalloc(head + n * (row + 2) + strlen(result_writes[w].tail) + 1), *o = sql;

	memcpy(o, result_writes[w].head, head);
	o += head;
	for (size_t k = 0; k < n; k++) {
		if (k > 0) {
			memcpy(o, ", ", 2);
			o += 2;
		}
		memcpy(o, result_writes[w].row, row);
		o += row;
	}
	strcpy(o, result_writes[w].tail);
	return sql;
}

/* Write application a's result as row k of statement st of result_writes[w]. */
static void
bind_result(db_stmt *st, int w, int k, const struct draw *d, int64_t round_id, const struct dapp *a)
{
	const struct dperson *p = &d->people[a->person];
	int i = k * result_writes[w].columns;

	if (w == 1) {
		db_bind_int64(st, i + 1, a->id);
		return;
	}
	if (w == 0) {
		db_bind_int64(st, i + 1, round_id);
		db_bind_int64(st, i + 2, a->id);
		db_bind_int64(st, i + 3, d->offs[a->off].id);
		db_bind_static(st, i + 4, draw_code(d, p));
		db_bind_int(st, i + 5, a->choice);
		db_bind_int(st, i + 6, p->tier);
		db_bind_static(st, i + 7, draw_result_names[(int)a->result]);
		i += 7;
	} else {
		db_bind_int64(st, i + 1, a->id);
		db_bind_static(st, i + 2, draw_result_names[(int)a->result]);
		if (a->session)
			db_bind_int64(st, i + 4, a->session);
		else
			db_bind_null(st, i + 4);
		db_bind_static(st, i + 5, a->reason ? a->reason : "");
		i += 2;
	}
	/* The place on the waiting list. */
	if (a->result == R_WAITING)
		db_bind_int(st, i + 1, a->position);
	else
		db_bind_null(st, i + 1);
}

/* The rows of result_writes[w] for the whole draw, a few to a step (on PostgreSQL the steps go
 * out in a pipeline: db_bulk). 0, or -1 with *cause. */
static int
write_rows(struct db *db, const struct draw *d, int64_t round_id, int w, int sets, char **cause)
{
	db_stmt *st = NULL;
	size_t rows = 0, i = 0;

	for (;;) {
		const struct dapp *batch[RESULTS_A_STEP];
		size_t n = 0;

		for (; i < d->napps && n < RESULTS_A_STEP; i++)
			if (writes(w, &d->apps[i], sets))
				batch[n++] = &d->apps[i];
		if (n == 0)
			break;
		if (n != rows) {
			char *sql = rows_sql(w, n);

			db_finalize(st);
			st = db_prepare(db, sql, cause);
			free(sql);
			if (st == NULL)
				return -1;
			db_bulk(st);
			rows = n;
		}
		for (size_t k = 0; k < n; k++)
			bind_result(st, w, (int)k, d, round_id, batch[k]);
		if (db_step(st) != DB_DONE) {
			db_cause(db, cause, _("cannot record the draw"));
			db_finalize(st);
			return -1;
		}
		db_reset(st);
	}
	db_finalize(st);
	return 0;
}

/* The losers of a large round whose status was "applied", where the engine prefers sets
 * (db_prefers_sets): after every other result is written, what is still "applied" in the
 * round's offerings is theirs, changed by one statement that finds them itself (on PostgreSQL
 * 0.35-0.97 s less for a million than sending their ids, NEWS). Every writer takes its turn
 * (db_begin), so nobody else's application is among them; if the count differs from the draw's
 * nonetheless, nothing is recorded. 0, or -1 with *cause. */
static int
write_losers(struct db *db, const struct draw *d, char **cause)
{
	db_stmt *st = db_prepare(db,
	                         "UPDATE applications SET status = 'lost', waiting_position = NULL,"
	                         " session_id = NULL, reason = '' WHERE offering_id IN (SELECT id"
	                         " FROM round_set) AND status = 'applied'",
	                         cause);
	long want = 0;

	if (st == NULL)
		return -1;
	for (size_t i = 0; i < d->napps; i++)
		want += d->apps[i].result == R_LOST && d->apps[i].applied;
	int rc = db_step(st) == DB_DONE ? 0 : -1;

	if (rc != 0)
		db_cause(db, cause, _("cannot record the draw"));
	else if (db_changes(db) != want) {
		/* TRANSLATORS: the draw's own check of its writes failed; nothing is recorded. */
		set_cause(cause, _("cannot record the draw: %ld applications lost, but %d changed"),
		          want, db_changes(db));
		rc = -1;
	}
	db_finalize(st);
	return rc;
}

/* Move each offering's count of applicants (the counters of migration 18) by what the draw
 * changed: an application counts while it is applied, won, waiting or lost, not once it is
 * found ineligible or a duplicate. 0, or -1 with *cause. */
static int
recount_applicants(struct db *db, const struct draw *d, char **cause)
{
	int *delta = xcalloc(d->noffs + 1, sizeof *delta), rc = 0;
	db_stmt *st = NULL;

	for (size_t i = 0; i < d->napps; i++) {
		const struct dapp *a = &d->apps[i];

		delta[a->off] +=
		    (a->result == R_WON || a->result == R_WAITING || a->result == R_LOST) -
		    a->counted;
	}
	for (size_t o = 0; o < d->noffs && rc == 0; o++) {
		if (delta[o] == 0)
			continue;
		if (st == NULL)
			st = db_prepare(db,
			                "UPDATE counters SET n = n + ? WHERE name = 'applicants'"
			                " AND id = ?",
			                cause);
		if (st == NULL) {
			rc = -1;
			break;
		}
		db_reset(st);
		db_bind_int(st, 1, delta[o]);
		db_bind_int64(st, 2, d->offs[o].id);
		if (db_step(st) != DB_DONE) {
			db_cause(db, cause, _("cannot record the draw"));
			rc = -1;
		}
	}
	db_finalize(st);
	free(delta);
	return rc;
}

/* The results of the draw, in application id order as the draw holds them: the entries, then
 * the applications. 0, or -1 with *cause. */
static int
write_results(struct db *db, const struct draw *d, int64_t round_id, char **cause)
{
	int rc = 0;

	/* Every value written is the draw's own: a result of draw_result_names (never none, as
	 * checked here), a place from 1. The tables' CHECK constraints on
	 * them cost SQLite more than the rows themselves (a list of five or seven words compared
	 * for each of two million rows: 0.5 s of CPU for the entries and as much for the
	 * applications, measured by tests/bench/lottery.sh), so SQLite skips them for these
	 * statements only; the setting is the connection's and goes back at once. */
	for (size_t i = 0; i < d->napps; i++)
		if (d->apps[i].result == R_NONE) {
			set_cause(cause, "%s", _("cannot record the draw"));
			return -1;
		}
	if (db_exec(db, "PRAGMA ignore_check_constraints = ON", cause) != 0)
		return -1;
	int sets = d->large && db_prefers_sets(db);

	rc = write_rows(db, d, round_id, 0, sets, cause);
	/* The applications' statuses. The trigger that keeps each offering's count of applicants
	 * (migration 18) cost SQLite as much again as the updates themselves (it is looked at for
	 * every row, and the update can no longer be done in one pass): the draw keeps that count
	 * itself here, in the same transaction, from the statuses it read and the results it
	 * writes (tests/cli/counters.sh compares it with a real count after draws and redraws). */
	int own = rc == 0 && db_triggers(db, 0);

	for (int w = 1; w < 3 && rc == 0; w++)
		rc = write_rows(db, d, round_id, w, sets, cause);
	if (sets && rc == 0)
		rc = write_losers(db, d, cause);
	if (own && db_triggers(db, 1) != 0 && rc == 0) {
		set_cause(cause, "%s", _("cannot record the draw"));
		rc = -1;
	}
	if (own && rc == 0)
		rc = recount_applicants(db, d, cause);
	if (db_exec(db, "PRAGMA ignore_check_constraints = OFF", rc == 0 ? cause : NULL) != 0)
		rc = -1;
	return rc == 0 ? db_flush(db, cause) : -1;
}

static int
write_round(struct db *db, struct draw *d, const char *seed, const char *priority, int early,
            const struct lottery_config *cfg, int64_t *round_id, char **cause)
{
	db_stmt *st = db_prepare(db,
	                         "INSERT INTO lottery_rounds (seed, algorithm, priority, "
	                         "waiting_max, run_by, early) VALUES (?,?,?,?,?,?)",
	                         cause);
	int rc = -1;

	if (st == NULL)
		return -1;
	db_bind_text(st, 1, seed);
	db_bind_text(st, 2, LOTTERY_ALGORITHM);
	db_bind_text(st, 3, priority);
	db_bind_int(st, 4, d->waiting_max);
	db_bind_text(st, 5, cfg->actor);
	db_bind_int(st, 6, early != 0);
	if (db_step(st) != DB_DONE) {
		db_cause(db, cause, _("cannot record the draw"));
		db_finalize(st);
		return -1;
	}
	db_finalize(st);
	*round_id = db_last_id(db);
	/* What each offering is drawn with, read in this transaction as the draw read it: its
	 * capacity, window and own rule, and its scheduled sessions' seats (step 5). */
	st = NULL;
	if (db_run(db,
	           "INSERT INTO lottery_round_offerings (round_id, offering_id, capacity,"
	           " apply_from, apply_to, priority) SELECT ?, id, capacity, apply_from, apply_to,"
	           " priority FROM offerings WHERE id IN (SELECT id FROM round_set)",
	           _("cannot record the draw"), cause, DB_ARGS(DB_INT(*round_id))) != 0 ||
	    db_run(db,
	           "INSERT INTO lottery_round_sessions (round_id, session_id, seats) SELECT ?, id,"
	           " seats FROM sessions WHERE offering_id IN (SELECT id FROM round_set) AND"
	           " status = 'scheduled'",
	           _("cannot record the draw"), cause, DB_ARGS(DB_INT(*round_id))) != 0)
		goto out;
	rc = write_results(db, d, *round_id, cause);
out:
	db_finalize(st);
	return rc;
}

/* The offering st (code, last day of its window) finds, if any, into *code and *closes (new
 * strings): 1, 0 when none, -1 with *cause (st NULL: its cause is set). Finalizes st. */
static int
first_open(struct db *db, db_stmt *st, char **code, char **closes, char **cause)
{
	int rc;

	if (st == NULL)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW) {
		*code = db_column_dup(st, 0);
		*closes = db_column_dup(st, 1);
	} else if (rc != DB_DONE)
		db_cause(db, cause, _("database error"));
	db_finalize(st);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* The first offering of round_set (by code) whose application window is still open today:
 * 1 with its code and last day in *code and *closes (new strings), 0 when none is, -1. */
static int
round_set_open(struct db *db, char **code, char **closes, char **cause)
{
	struct date today = clock_today();
	char *iso = date_iso(&today);
	db_stmt *st = db_query(db,
	                       "SELECT code, apply_to FROM offerings WHERE id IN (SELECT id"
	                       " FROM round_set) AND apply_to >= ? ORDER BY code LIMIT 1",
	                       cause, DB_ARGS(DB_TEXT(iso)));

	free(iso);
	return first_open(db, st, code, closes, cause);
}

int
lottery_window_open(struct db *db, char *const *codes, size_t n, char **offering, char **closes,
                    char **cause)
{
	struct date today = clock_today();
	char *iso = date_iso(&today);
	int found = 0;

	*offering = *closes = NULL;
	for (size_t i = 0; i < n && found == 0; i++) {
		/* The offering and those drawn with it: a redraw draws them again together. */
		db_stmt *st = db_query(
		    db,
		    "SELECT o.code, o.apply_to FROM offerings o WHERE o.apply_to >= ?1 AND"
		    " (o.code = ?2 OR o.id IN (SELECT ro2.offering_id FROM offerings o1 JOIN"
		    " lottery_round_offerings ro ON ro.offering_id = o1.id JOIN lottery_rounds r"
		    " ON r.id = ro.round_id AND r.superseded_at IS NULL JOIN"
		    " lottery_round_offerings ro2 ON ro2.round_id = r.id WHERE o1.code = ?2))"
		    " ORDER BY o.code LIMIT 1",
		    cause, DB_ARGS(DB_TEXT(iso), DB_TEXT(codes[i])));

		found = first_open(db, st, offering, closes, cause);
	}
	free(iso);
	return found;
}

static int round_read(struct db *db, const char *offering, const struct draw *d,
                      struct lottery_round *out, char **cause);

int
lottery_run(struct db *db, char *const *codes, size_t n, const char *seed_in, int flags,
            const struct lottery_config *cfg, struct lottery_round *out, char **cause)
{
	struct draw d;
	char seed[65];
	int rules[NRULES * 4], nrules, redraw = (flags & LOTTERY_REDRAW) != 0, early;
	char *open_code = NULL, *open_to = NULL;
	int64_t round_id = 0;
	int *order = NULL, drawn = 0;

	memset(&d, 0, sizeof d);
	memset(out, 0, sizeof *out);
	if (n == 0) {
		set_cause(cause, "%s", _("name the offerings to draw"));
		return -1;
	}
	if (sodium_init() < 0) {
		set_cause(cause, "%s", _("cannot start libsodium"));
		return -1;
	}
	if (seed_in != NULL) {
		size_t len = strlen(seed_in);

		if (len != 64 || strspn(seed_in, "0123456789abcdefABCDEF") != len) {
			set_cause(cause, _("the seed must be 64 hexadecimal digits, not '%s'"),
			          seed_in);
			return -1;
		}
		for (size_t i = 0; i <= len; i++)
			seed[i] = (char)(seed_in[i] >= 'A' && seed_in[i] <= 'F' ? seed_in[i] + 32
			                                                        : seed_in[i]);
	} else {
		unsigned char raw[32];

		randombytes_buf(raw, sizeof raw);
		draw_hex(raw, sizeof raw, seed);
	}
	/* A round writes every application of its offerings, in id order as it reads them: the
	 * pages are visited once each, and a larger cache only held them longer (measured by
	 * tests/bench/lottery.sh: the same CPU time with 2 MB as with 256 MB of page cache, and
	 * 291 MB peak RSS against 119 MB with 16 MB). The cache grows only as pages are used. */
	if (db_exec(db, "PRAGMA cache_size = -16384", cause) != 0)
		return -1;
	/* Every id the draw writes was read in its own transaction, so the foreign keys hold by
	 * construction; checking three of them for each of a million entries doubled the time of
	 * a large round. Each statement of the draw's writes keeps the pages it changes in a
	 * statement journal, a temporary file unless temporary storage is in memory (0.1 s of
	 * system time less for a million applications; one statement's journal is a few pages).
	 * SQLite takes these settings only outside a transaction (the second drops the
	 * temporary tables: round_set is made again below). */
	int settings =
	    db->depth == 0 &&
	    db_exec(db, "PRAGMA foreign_keys = OFF; PRAGMA temp_store = MEMORY", NULL) == 0;

	if (db_begin(db, cause) != 0) {
		if (settings)
			db_exec(db, "PRAGMA foreign_keys = ON; PRAGMA temp_store = DEFAULT", NULL);
		return -1;
	}
	d.waiting_max = cfg->waiting_max;
	draw_seed(&d, seed);
	if (collect_offerings(db, codes, n, redraw, cfg->actor, cause) != 0)
		goto fail;
	/* Before an application window closes, only on purpose: it is recorded as early. */
	early = round_set_open(db, &open_code, &open_to, cause);
	if (early < 0)
		goto fail;
	if (early && !(flags & LOTTERY_EARLY)) {
		set_cause(cause,
		          _("%s takes applications until %s: draw it before then only on purpose "
		            "(--early, or confirm the early draw on the screen); the draw is then "
		            "recorded as early"),
		          open_code, open_to);
		goto fail;
	}
	/* The offerings' own rule when they have one (all the same), else the configuration's. */
	db_stmt *pr = db_prepare(db,
	                         "SELECT DISTINCT priority FROM offerings WHERE id IN (SELECT id"
	                         " FROM round_set) AND priority <> ''",
	                         cause);
	char *own = NULL;
	int kinds = 0;

	if (pr == NULL)
		goto fail;
	while (db_step(pr) == DB_ROW) {
		kinds++;
		free(own);
		own = db_column_dup(pr, 0);
	}
	db_finalize(pr);
	if (kinds > 1) {
		set_cause(cause, "%s",
		          _("the offerings of one round have different priority rules; draw them "
		            "apart or give them the same rule"));
		free(own);
		goto fail;
	}
	nrules = draw_parse_priority(own ? own : cfg->priority, rules, cause);
	free(own);
	if (nrules < 0)
		goto fail;
	if (load_round_offerings(db, &d, cause) != 0 ||
	    load_applications(db, &d, rules, nrules, cfg, cause) != 0)
		goto fail;
	for (size_t i = 0; i < d.noffs; i++)
		if (d.offs[i].recorded) {
			refuse_recorded(cause, d.offs[i].code);
			goto fail;
		}
	draw_group_valid(&d);
	order = draw_allocate(&d);
	char canon[64];

	draw_rules_format(rules, nrules, canon, sizeof canon);
	if (assign_sessions(db, &d, order, cause) != 0)
		goto fail;
	if (write_round(db, &d, seed, canon, early, cfg, &round_id, cause) != 0)
		goto fail;
	char *detail = xasprintf("seed=%s %zu offerings %zu applications%s", seed, d.noffs, d.napps,
	                         early ? " early" : "");
	int rc = db_audit(db, cfg->actor, redraw ? "redraw" : "draw", "lottery_round", round_id,
	                  detail, cause);

	free(detail);
	/* The summary, read in the draw's own transaction: as any later reader sees it. */
	if (rc == 0) {
		char *code = NULL;
		db_stmt *st = db_query_int(db,
		                           "SELECT o.code FROM lottery_round_offerings ro JOIN"
		                           " offerings o ON o.id = ro.offering_id WHERE"
		                           " ro.round_id = ? LIMIT 1",
		                           round_id, cause);

		if (st != NULL && db_step(st) == DB_ROW)
			code = db_column_dup(st, 0);
		else if (st != NULL)
			db_cause(db, cause, _("database error"));
		db_finalize(st);
		rc = code ? round_read(db, code, &d, out, cause) : -1;
		if (rc > 0)
			set_cause(cause, "%s", _("cannot record the draw"));
		free(code);
	}
	/* db_end rolls back what it cannot commit. */
	drawn = db_end(db, rc, cause) == 0;
	goto done;
fail:
	db_rollback(db);
done:
	if (settings)
		db_exec(db, "PRAGMA foreign_keys = ON; PRAGMA temp_store = DEFAULT", NULL);
	db_exec(db, "PRAGMA cache_size = -2000", NULL);
	free(order);
	free(open_code);
	free(open_to);
	draw_free(&d);
	if (!drawn) {
		lottery_round_free(out);
		return -1;
	}
	return 0;
}

/* The code of the offering a session belongs to (a new string), or NULL. */
static char *
offering_of_session(struct db *db, const char *session, char **cause)
{
	db_stmt *st = db_query(db,
	                       "SELECT o.code FROM sessions s JOIN offerings o ON o.id ="
	                       " s.offering_id WHERE s.code = ?",
	                       cause, DB_ARGS(DB_TEXT(session)));
	char *code = NULL;

	if (st != NULL && db_step(st) == DB_ROW)
		code = db_column_dup(st, 0);
	db_finalize(st);
	return code;
}

int
lottery_edit_redraw(struct db *db, const char *kind, const char *code, int create,
                    const char *const *names, const char *const *values, size_t n, int flags,
                    const struct lottery_config *cfg, struct lottery_round *out, char **cause)
{
	struct strlist offs = {0}, all = {0};
	int session = strcmp(kind, "session") == 0, drawn = 0;
	db_stmt *st;

	memset(out, 0, sizeof *out);
	if (!session && strcmp(kind, "offering") != 0) {
		set_cause(cause, _("a %s is not drawn: change it without --redraw"), kind);
		return -1;
	}
	if (db_begin(db, cause) != 0)
		return -1;
	/* The offerings the change concerns: the offering, or the session's before and after. */
	if (!session && !create)
		strlist_add(&offs, xstrdup(code));
	if (session && !create) {
		char *of = offering_of_session(db, code, NULL);

		if (of != NULL)
			strlist_add(&offs, of);
	}
	for (size_t i = 0; session && i < n; i++)
		if (strcmp(names[i], "offering") == 0)
			strlist_add(&offs, xstrdup(values[i]));
	for (size_t i = 0; i < offs.n && !drawn; i++) {
		struct lottery_round r;
		int rc = lottery_round_of(db, offs.v[i], &r, cause);

		if (rc < 0)
			goto fail;
		drawn = rc == 0;
		lottery_round_free(&r);
	}
	if (!drawn) {
		set_cause(cause, _("%s has not been drawn: change it without --redraw"),
		          offs.n ? offs.v[0] : code);
		goto fail;
	}
	/* Their live rounds are superseded first, so that the change is one to offerings that are
	 * not drawn; then everything those rounds held is drawn again together. */
	if (collect_offerings(db, offs.v, offs.n, 1, cfg->actor, cause) != 0)
		goto fail;
	st = db_prepare(db,
	                "SELECT code FROM offerings WHERE id IN (SELECT id FROM round_set) ORDER"
	                " BY code",
	                cause);
	if (st == NULL)
		goto fail;
	while (db_step(st) == DB_ROW)
		strlist_add(&all, db_column_dup(st, 0));
	db_finalize(st);
	if (record_save(db, kind, code, create, names, values, n, cfg->actor, cfg->role,
	                cfg->reason, cause) != 0 ||
	    lottery_run(db, all.v, all.n, NULL, LOTTERY_REDRAW | (flags & LOTTERY_EARLY), cfg, out,
	                cause) != 0 ||
	    db_commit(db, cause) != 0)
		goto fail;
	strlist_clear(&offs);
	strlist_clear(&all);
	return 0;
fail:
	db_rollback(db);
	lottery_round_free(out);
	strlist_clear(&offs);
	strlist_clear(&all);
	return -1;
}

/* ---- reading rounds ---- */

void
lottery_round_free(struct lottery_round *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].code);
		free(r->v[i].title);
		free(r->v[i].venue);
	}
	free(r->v);
	free(r->algorithm);
	free(r->priority);
	free(r->run_at);
	free(r->run_by);
	memset(r, 0, sizeof *r);
}

/* One more of offering o: an entry with result res, or ("now") a winner now. */
static void
count_result(struct lottery_offering *o, const char *res)
{
	if (strcmp(res, "won") == 0)
		o->won++;
	else if (strcmp(res, "waiting") == 0)
		o->waiting++;
	else if (strcmp(res, "lost") == 0)
		o->lost++;
	else if (strcmp(res, "now") == 0)
		o->won_now++;
	else
		o->excluded++; /* ineligible, duplicate */
}

/* A round's summary as it is read: the round, its offerings by id. */
struct summary {
	struct lottery_round *out;
	struct offindex keys;
	size_t cap;
};

/* A row (code, title, venue, capacity, id): one more offering of the round. */
static void
summary_offering(void *summary, db_stmt *st)
{
	struct summary *s = summary;
	struct lottery_round *out = s->out;

	out->v = xgrow(out->v, out->n, &s->cap, 4, sizeof *out->v);
	struct lottery_offering *o = &out->v[out->n];

	memset(o, 0, sizeof *o);
	o->code = db_column_dup(st, 0);
	o->title = db_column_dup(st, 1);
	o->venue = db_column_dup(st, 2);
	o->capacity = db_column_int(st, 3);
	offindex_add(&s->keys, db_column_int64(st, 4), (int)out->n);
	out->n++;
}

/* A row (offering id, result or "now"): counted for its offering. */
static void
summary_count(void *summary, db_stmt *st)
{
	struct summary *s = summary;
	int i = offindex_find(&s->keys, db_column_int64(st, 0));

	if (i >= 0)
		count_result(&s->out->v[i], db_column_text(st, 1));
}

/* The results of draw d counted for the offerings of its summary; with now, its winners as
 * the winners now. */
static void
count_drawn(const struct draw *d, struct summary *s, int now)
{
	int *at = xmalloc((d->noffs ? d->noffs : 1) * sizeof *at);

	for (size_t o = 0; o < d->noffs; o++)
		at[o] = offindex_find(&s->keys, d->offs[o].id);
	for (size_t i = 0; i < d->napps; i++)
		if (at[d->apps[i].off] >= 0 && (!now || d->apps[i].result == R_WON))
			count_result(&s->out->v[at[d->apps[i].off]],
			             now ? "now" : draw_result_names[(int)d->apps[i].result]);
	free(at);
}

/* The live round holding offering into *out (lottery_round_of). d is NULL, or the draw just
 * written in the transaction still open: its results as drawn and its winners are then
 * counted from d (the same as the tables hold, without reading a million entries back or,
 * on PostgreSQL, every application of the round for its winners). */
static int
round_read(struct db *db, const char *offering, const struct draw *d, struct lottery_round *out,
           char **cause)
{
	db_stmt *st = db_query(
	    db,
	    "SELECT r.id, r.seed, r.algorithm, r.priority, strftime('%Y-%m-%d %H:%M', r.run_at,"
	    " 'localtime'), r.run_by, r.waiting_max, r.early FROM"
	    " lottery_rounds r JOIN lottery_round_offerings ro ON ro.round_id = r.id JOIN "
	    "offerings o"
	    " ON o.id = ro.offering_id WHERE o.code = ? AND r.superseded_at IS NULL",
	    cause, DB_ARGS(DB_TEXT(offering)));
	int rc;

	memset(out, 0, sizeof *out);
	if (st == NULL)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW) {
		out->id = db_column_int64(st, 0);
		snprintf(out->seed, sizeof out->seed, "%s", db_column_text(st, 1));
		out->algorithm = db_column_dup(st, 2);
		out->priority = db_column_dup(st, 3);
		out->run_at = db_column_dup(st, 4);
		out->run_by = db_column_dup(st, 5);
		out->waiting_max = db_column_int(st, 6);
		out->early = db_column_int(st, 7);
	}
	db_finalize(st);
	if (rc == DB_DONE)
		return 1;
	if (rc != DB_ROW) {
		db_cause(db, cause, _("database error"));
		return -1;
	}
	/* The offerings; the results as drawn: from d, or the entries counted in one pass over
	 * the round in the table's order (a GROUP BY sorted a million of them first); the seats
	 * as they are now: winners since the draw (cancelled, moved up, reinstated, some over the
	 * capacity), through the index of the winners. */
	static const struct {
		const char *sql;
		void (*row)(void *, db_stmt *);
	} reads[] = {
	    {"SELECT o.code, " SQL_CLASS_TITLE ", v.name, ro.capacity, o.id FROM"
	     " lottery_round_offerings ro JOIN offerings o ON o.id = ro.offering_id JOIN courses c"
	     " ON c.id = o.course_id JOIN venues v ON v.id = o.venue_id WHERE ro.round_id = ?"
	     " ORDER BY o.code",
	     summary_offering},
	    {"SELECT offering_id, result FROM lottery_entries WHERE round_id = ?", summary_count},
	    {"SELECT offering_id, 'now' FROM applications WHERE offering_id IN (SELECT offering_id"
	     " FROM lottery_round_offerings WHERE round_id = ?) AND status = 'won'",
	     summary_count},
	};
	struct summary sum = {.out = out};

	for (size_t k = 0; k < sizeof reads / sizeof reads[0]; k++) {
		if (k > 0 && d != NULL) {
			count_drawn(d, &sum, k == 2);
			continue;
		}
		if (lottery_rows(db, db_query_int(db, reads[k].sql, out->id, cause), reads[k].row,
		                 &sum, cause) != 0)
			goto fail;
		if (k == 0)
			offindex_ready(&sum.keys);
	}
	offindex_free(&sum.keys);
	for (size_t i = 0; i < out->n; i++) {
		struct lottery_offering *o = &out->v[i];

		o->applicants = o->won + o->waiting + o->lost;
		o->over = o->won_now > o->capacity ? o->won_now - o->capacity : 0;
	}
	return 0;
fail:
	offindex_free(&sum.keys);
	lottery_round_free(out);
	return -1;
}

int
lottery_round_of(struct db *db, const char *offering, struct lottery_round *out, char **cause)
{
	return round_read(db, offering, NULL, out, cause);
}
