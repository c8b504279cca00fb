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
	for (size_t i = 0; i < n; i++) {
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
		return 0;
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
		struct doff *o = draw_add_off(d);

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
	size_t n;
};

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Rows of (person, course, flag) into two sets: flag 0 into no, 1 into yes. */
static int
load_pairs(struct db *db, const char *sql, struct pairs *no, struct pairs *yes, char **cause)
{
	db_stmt *st = db_prepare(db, sql, cause);
	size_t cap[2] = {0, 0};
	struct pairs *to[2] = {no, yes};
	int rc;

	memset(no, 0, sizeof *no);
	memset(yes, 0, sizeof *yes);
	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		struct pairs *p = to[db_column_int(st, 2) != 0];
		size_t *c = &cap[p == yes];

		if (p->n == *c) {
			*c = *c ? *c * 2 : 256;
			p->v = xrealloc(p->v, *c * sizeof *p->v);
		}
		p->v[p->n++] = ((uint64_t)db_column_int64(st, 0) << 24) |
		               (uint64_t)(db_column_int64(st, 1) & 0xFFFFFF);
	}
	db_finalize(st);
	if (rc != DB_DONE) {
		db_cause(db, cause, _("database error"));
		free(no->v);
		free(yes->v);
		return -1;
	}
	if (no->n > 1)
		qsort(no->v, no->n, sizeof *no->v, cmp_u64);
	if (yes->n > 1)
		qsort(yes->v, yes->n, sizeof *yes->v, cmp_u64);
	return 0;
}

static int
has_pair(const struct pairs *s, int64_t person, int64_t course)
{
	uint64_t k = ((uint64_t)person << 24) | (uint64_t)(course & 0xFFFFFF);

	return s->n && bsearch(&k, s->v, s->n, sizeof k, cmp_u64) != NULL;
}

/* One application as read, before the people are known. */
struct raw {
	int64_t id, person;
	int off, choice;
	char status; /* 'a' applied or a result, 'i' ineligible, 'd' duplicate */
	char applied[11];
	char *reason;
};

static int
by_raw_person(const void *a, const void *b)
{
	const struct raw *x = a, *y = b;
	int c = draw_cmp(x->person, y->person);

	if (c == 0)
		c = draw_cmp(x->off, y->off);
	/* The first application to an offering counts; a later one is the duplicate. */
	return c != 0 ? c : draw_cmp(x->id, y->id);
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

/* Read the round's applications, then their people, mark duplicates and the ineligible, rank
 * and tier the people. The applications are read without a join or a sort (one pass over an
 * index) and sorted here: a million take about a second. */
static int
load_applications(struct db *db, struct draw *d, const char *seed, const int *rules, int nrules,
                  const struct lottery_config *cfg, char **cause)
{
	struct pairs lost = {0}, won = {0};
	struct raw *raw = NULL;
	size_t nraw = 0, capraw = 0;
	db_stmt *st = NULL;
	int rc = -1, step;
	int64_t *courses = NULL;
	size_t capcourses = 0;

	/* Everyone's earlier results in other offerings, one pass: lost or waiting, and won. */
	if (nrules > 0 &&
	    load_pairs(
	        db,
	        "SELECT DISTINCT a.person_id, o.course_id, a.status = 'won' FROM applications a"
	        " JOIN offerings o ON o.id = a.offering_id WHERE a.status IN ('lost',"
	        " 'waiting', 'won') AND a.offering_id NOT IN (SELECT id FROM round_set)",
	        &lost, &won, cause) != 0)
		goto out;
	/* A round of many offerings reads the table straight through ("+" keeps SQLite from the
	 * index, which would visit a million rows in random order); a small one uses the index. */
	int64_t all = db_count(db, "SELECT count(*) FROM offerings", cause);

	st = db_prepare(
	    db,
	    d->noffs * 5 > (size_t)all
	        ? "SELECT a.id, a.offering_id, a.person_id, a.choice, a.status, CASE WHEN"
	          " a.status IN ('ineligible', 'duplicate') THEN a.reason END, a.applied_at"
	          " FROM applications a WHERE +a.offering_id IN (SELECT id FROM round_set)"
	          " AND a.status <> 'cancelled'"
	        : "SELECT a.id, a.offering_id, a.person_id, a.choice, a.status, CASE WHEN"
	          " a.status IN ('ineligible', 'duplicate') THEN a.reason END, a.applied_at"
	          " FROM applications a WHERE a.offering_id IN (SELECT id FROM round_set)"
	          " AND a.status <> 'cancelled'",
	    cause);
	if (st == NULL)
		goto out;
	while ((step = db_step(st)) == DB_ROW) {
		if (nraw == capraw) {
			capraw = capraw ? capraw * 2 : 1024;
			raw = xrealloc(raw, capraw * sizeof *raw);
		}
		struct raw *r = &raw[nraw++];
		const char *status = db_column_text(st, 4);

		r->id = db_column_int64(st, 0);
		r->off = draw_off_index(d, db_column_int64(st, 1));
		r->person = db_column_int64(st, 2);
		r->choice = db_column_int(st, 3);
		snprintf(r->applied, sizeof r->applied, "%s", db_column_text(st, 6));
		r->status = strcmp(status, "ineligible") == 0  ? 'i'
		            : strcmp(status, "duplicate") == 0 ? 'd'
		                                               : 'a';
		r->reason = db_column_null(st, 5) || *db_column_text(st, 5) == '\0'
		                ? NULL
		                : db_column_dup(st, 5);
	}
	db_finalize(st);
	st = NULL;
	if (step != DB_DONE) {
		db_cause(db, cause, _("database error"));
		goto out;
	}
	if (nraw > 1)
		qsort(raw, nraw, sizeof *raw, by_raw_person);
	/* The people, by id in the same order: looked up one by one for a small round, read in
	 * one pass for a large one. */
	int scan = nraw > 20000;

	st = db_prepare(db,
	                scan ? "SELECT id, code, coalesce(birth_year, 0), resident, CASE WHEN"
	                       " erased_at IS NULL THEN 0 ELSE 1 END FROM people ORDER BY id"
	                     : "SELECT id, code, coalesce(birth_year, 0), resident, CASE WHEN"
	                       " erased_at IS NULL THEN 0 ELSE 1 END FROM people WHERE id = ?",
	                cause);
	if (st == NULL)
		goto out;
	int have = 0; /* with scan: the statement is on a row */

	for (size_t i = 0; i < nraw;) {
		int64_t person = raw[i].person;
		size_t j = i;
		int birth = 0, resident = 1, found = 0, erased;

		while (j < nraw && raw[j].person == person)
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
		draw_rank(seed, p->code, p->hash);
		if (j - i > capcourses) {
			capcourses = j - i;
			courses = xrealloc(courses, capcourses * sizeof *courses);
		}
		for (size_t k = i; k < j; k++) {
			struct raw *r = &raw[k];
			struct dapp *a = draw_add_app(d);

			courses[k - i] = d->offs[r->off].course;
			a->id = r->id;
			a->off = r->off;
			a->choice = r->choice;
			a->person = (int)(d->npeople - 1);
			if (r->status == 'd' || (k > i && raw[k - 1].off == r->off)) {
				a->result = R_DUPLICATE;
				a->reason = r->reason ? r->reason
				                      : lottery_reason(REASON_APPLIED_BEFORE, NULL,
				                                       NULL, NULL);
				r->reason = NULL;
			} else if (erased) {
				/* Erased, the record has no birth year to check: it is given no
				 * seat in a new draw (the applicant still counts). */
				a->result = R_INELIGIBLE;
				a->reason = xstrdup(_("erased with the personal data"));
			} else if ((a->reason = lottery_ineligible(cfg, birth, resident,
			                                           d->offs[r->off].year)) != NULL)
				a->result = R_INELIGIBLE; /* as the person's record says now */
			else if (strcmp(r->applied, d->offs[r->off].from) < 0 ||
			         strcmp(r->applied, d->offs[r->off].to) > 0) {
				a->result = R_INELIGIBLE;
				a->reason = lottery_reason(REASON_OUTSIDE, r->applied, NULL, NULL);
			}
		}
		p->tier = tier_of(rules, nrules, &lost, &won, person, courses, j - i);
		i = j;
	}
	rc = 0;
out:
	db_finalize(st);
	for (size_t i = 0; i < nraw; i++)
		free(raw[i].reason);
	free(raw);
	free(lost.v);
	free(won.v);
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
			struct dapp *a = &d->apps[p->first + k];
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

static int
by_app_id(const void *a, const void *b)
{
	return draw_cmp(((const struct dapp *)a)->id, ((const struct dapp *)b)->id);
}

static int
write_round(struct db *db, struct draw *d, const char *seed, const char *priority, int early,
            const struct lottery_config *cfg, int64_t *round_id, char **cause)
{
	db_stmt *st = db_prepare(db,
	                         "INSERT INTO lottery_rounds (seed, algorithm, priority, "
	                         "waiting_max, run_by, early) VALUES (?,?,?,?,?,?)",
	                         cause);
	db_stmt *ins = NULL;
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
	/* The results go into a temporary table in application order, then into the entries and
	 * the applications with one statement each: a million single-row statements took twice
	 * as long (measured by tests/bench/lottery.sh). */
	if (db_exec(db,
	            "CREATE TEMP TABLE IF NOT EXISTS draw_out (application_id INTEGER PRIMARY KEY,"
	            " offering_id INTEGER, person_code TEXT, choice INTEGER, tier INTEGER,"
	            " rank_key BLOB, result TEXT, position INTEGER, session_id INTEGER,"
	            " reason TEXT);"
	            "DELETE FROM draw_out;",
	            cause) != 0)
		goto out;
	ins = db_prepare(db, "INSERT INTO draw_out VALUES (?,?,?,?,?,?,?,?,?,?)", cause);
	if (ins == NULL)
		goto out;
	if (d->napps > 1)
		qsort(d->apps, d->napps, sizeof *d->apps, by_app_id);
	for (size_t i = 0; i < d->napps; i++) {
		const struct dapp *a = &d->apps[i];
		const struct dperson *p = &d->people[a->person];

		db_reset(ins);
		db_bind_int64(ins, 1, a->id);
		db_bind_int64(ins, 2, d->offs[a->off].id);
		db_bind_static(ins, 3, p->code);
		db_bind_int(ins, 4, a->choice);
		db_bind_int(ins, 5, p->tier);
		db_bind_blob(ins, 6, p->hash, sizeof p->hash);
		db_bind_static(ins, 7, draw_result_names[a->result]);
		if (a->result == R_WAITING)
			db_bind_int(ins, 8, a->position);
		else
			db_bind_null(ins, 8);
		if (a->session)
			db_bind_int64(ins, 9, a->session);
		else
			db_bind_null(ins, 9);
		db_bind_static(ins, 10, a->reason ? a->reason : "");
		if (db_step(ins) != DB_DONE)
			goto dberr;
	}
	db_finalize(st);
	st = db_query_int(
	    db,
	    "INSERT INTO lottery_entries (round_id, application_id, offering_id,"
	    " person_code, choice, tier, rank_key, result, position) SELECT ?,"
	    " application_id, offering_id, person_code, choice, tier, rank_key, result,"
	    " position FROM draw_out ORDER BY application_id",
	    *round_id, cause);
	if (st == NULL)
		goto out;
	if (db_step(st) != DB_DONE)
		goto dberr;
	if (db_exec(db,
	            "UPDATE applications SET status = o.result, waiting_position = o.position,"
	            " session_id = o.session_id, reason = o.reason FROM draw_out o WHERE"
	            " o.application_id = applications.id;"
	            "DELETE FROM draw_out;",
	            cause) != 0)
		goto out;
	rc = 0;
	goto out;
dberr:
	db_cause(db, cause, _("cannot record the draw"));
out:
	db_finalize(st);
	db_finalize(ins);
	return rc;
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
	int rc;

	free(iso);
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
		int rc;

		if (st == NULL) {
			found = -1;
			break;
		}
		rc = db_step(st);
		if (rc == DB_ROW) {
			*offering = db_column_dup(st, 0);
			*closes = db_column_dup(st, 1);
			found = 1;
		} else if (rc != DB_DONE) {
			db_cause(db, cause, _("database error"));
			found = -1;
		}
		db_finalize(st);
	}
	free(iso);
	return found;
}

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
	/* A round writes every application of its offerings: with SQLite's default 2 MB of page
	 * cache the write transaction spills and reads pages back (measured: I/O bound at 100,000
	 * applications). The cache grows only as pages are used. */
	if (db_exec(db, "PRAGMA cache_size = -262144", cause) != 0)
		return -1;
	/* Every id the draw writes was read in its own transaction, so the foreign keys hold by
	 * construction; checking three of them for each of a million entries doubled the time of
	 * a large round. SQLite takes this setting only outside a transaction. */
	int fk_off = db->depth == 0 && db_exec(db, "PRAGMA foreign_keys = OFF", NULL) == 0;

	if (db_begin(db, cause) != 0) {
		if (fk_off)
			db_exec(db, "PRAGMA foreign_keys = ON", NULL);
		return -1;
	}
	d.waiting_max = cfg->waiting_max;
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
	    load_applications(db, &d, seed, rules, nrules, cfg, cause) != 0)
		goto fail;
	draw_group_valid(&d);
	order = draw_allocate(&d);
	char canon[64];

	draw_rules_format(rules, nrules, canon, sizeof canon);
	if (assign_sessions(db, &d, order, cause) != 0 ||
	    write_round(db, &d, seed, canon, early, cfg, &round_id, cause) != 0)
		goto fail;
	char *detail = xasprintf("seed=%s %zu offerings %zu applications%s", seed, d.noffs, d.napps,
	                         early ? " early" : "");
	int rc = db_audit(db, cfg->actor, redraw ? "redraw" : "draw", "lottery_round", round_id,
	                  detail, cause);

	free(detail);
	/* db_end rolls back what it cannot commit. */
	drawn = db_end(db, rc, cause) == 0;
	goto done;
fail:
	db_rollback(db);
done:
	if (fk_off)
		db_exec(db, "PRAGMA foreign_keys = ON", NULL);
	db_exec(db, "PRAGMA cache_size = -2000", NULL);
	free(order);
	free(open_code);
	free(open_to);
	draw_free(&d);
	if (!drawn)
		return -1;
	/* The summary as any later reader sees it. */
	char *code = NULL;
	db_stmt *st = db_query_int(db,
	                           "SELECT o.code FROM lottery_round_offerings ro JOIN offerings o"
	                           " ON o.id = ro.offering_id WHERE ro.round_id = ? LIMIT 1",
	                           round_id, cause);

	if (st == NULL)
		return -1;
	if (db_step(st) == DB_ROW)
		code = db_column_dup(st, 0);
	db_finalize(st);
	rc = code ? lottery_round_of(db, code, out, cause) : -1;
	free(code);
	return rc == 0 ? 0 : -1;
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

int
lottery_round_of(struct db *db, const char *offering, struct lottery_round *out, char **cause)
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
	/* The entries are counted in one pass over the round, then joined to its offerings. */
	st = db_query_int(
	    db,
	    "SELECT o.code, " SQL_CLASS_TITLE ", v.name, ro.capacity, coalesce(x.valid, 0),"
	    " coalesce(x.won, 0), coalesce(x.waiting, 0), coalesce(x.lost, 0),"
	    " coalesce(x.excluded, 0) FROM lottery_round_offerings ro JOIN offerings o ON"
	    " o.id = ro.offering_id JOIN courses c ON c.id = o.course_id JOIN venues v ON"
	    " v.id = o.venue_id LEFT JOIN (SELECT offering_id,"
	    " count(CASE WHEN result IN ('won','waiting','lost') THEN 1 END) valid,"
	    " count(CASE result WHEN 'won' THEN 1 END) won,"
	    " count(CASE result WHEN 'waiting' THEN 1 END) waiting,"
	    " count(CASE result WHEN 'lost' THEN 1 END) lost,"
	    " count(CASE WHEN result IN ('ineligible','duplicate') THEN 1 END) excluded"
	    " FROM lottery_entries WHERE round_id = ?1 GROUP BY offering_id) x ON"
	    " x.offering_id = ro.offering_id WHERE ro.round_id = ?1 ORDER BY o.code",
	    out->id, cause);
	if (st == NULL) {
		lottery_round_free(out);
		return -1;
	}
	size_t cap = 0;

	while ((rc = db_step(st)) == DB_ROW) {
		out->v = xgrow(out->v, out->n, &cap, 4, sizeof *out->v);
		struct lottery_offering *o = &out->v[out->n++];

		o->code = db_column_dup(st, 0);
		o->title = db_column_dup(st, 1);
		o->venue = db_column_dup(st, 2);
		o->capacity = db_column_int(st, 3);
		o->applicants = db_column_int(st, 4);
		o->won = db_column_int(st, 5);
		o->waiting = db_column_int(st, 6);
		o->lost = db_column_int(st, 7);
		o->excluded = db_column_int(st, 8);
	}
	/* A step that failed (a role that may not read the entries) is said, not shown as a
	 * round of no offerings. */
	if (db_finish(db, st, rc, cause) != 0) {
		lottery_round_free(out);
		return -1;
	}
	/* The seats as they are now: winners since the draw (cancelled, moved up, reinstated,
	 * some over the capacity). */
	st = db_query_int(db,
	                  "SELECT o.code, count(*) FROM applications a JOIN offerings o ON o.id ="
	                  " a.offering_id WHERE a.offering_id IN (SELECT offering_id FROM"
	                  " lottery_round_offerings WHERE round_id = ?) AND a.status = 'won'"
	                  " GROUP BY o.code",
	                  out->id, cause);
	if (st == NULL) {
		lottery_round_free(out);
		return -1;
	}
	while ((rc = db_step(st)) == DB_ROW)
		for (size_t i = 0; i < out->n; i++)
			if (strcmp(out->v[i].code, db_column_text(st, 0)) == 0) {
				struct lottery_offering *o = &out->v[i];

				o->won_now = db_column_int(st, 1);
				o->over = o->won_now > o->capacity ? o->won_now - o->capacity : 0;
			}
	if (db_finish(db, st, rc, cause) != 0) {
		lottery_round_free(out);
		return -1;
	}
	return 0;
}
