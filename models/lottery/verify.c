/* models/lottery/verify.c: a recorded round recomputed from its seed and recorded inputs with
 * the same draw (draw.c) that made it, and compared with what was recorded; and its offerings
 * and sessions as they are now compared with what the round was drawn for. */
#include "config.h"
#include "models/lottery/lottery.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "models/core/i18n.h"
#include "models/lottery/internal.h"

/* The winners a session holds now. */
struct seated {
	int64_t session;
	long n;
};

static int
by_session(const void *a, const void *b)
{
	return draw_cmp(((const struct seated *)a)->session, ((const struct seated *)b)->session);
}

/* A UTC time as the audit log stores it ("YYYY-MM-DDTHH:MM:SS...Z") as local "YYYY-MM-DD HH:MM"
 * into out; the text as it is when it is not such a time. */
static void
local_minute(const char *utc, char out[32])
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof tm);
	if (strptime(utc, "%Y-%m-%dT%H:%M:%S", &tm) == NULL || (t = timegm(&tm)) == (time_t)-1 ||
	    localtime_r(&t, &tm) == NULL || strftime(out, 32, "%Y-%m-%d %H:%M", &tm) == 0)
		snprintf(out, 32, "%s", utc);
}

void
lottery_over_free(struct lottery_over *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].offering);
		free(v[i].person);
		free(v[i].by);
	}
	free(v);
}

long
lottery_over_capacity(struct db *db, int64_t round_id, struct lottery_over **out, char **cause)
{
	/* The winners whose last change of status was lottery_reinstate's seat over the capacity
	 * (its audit entry says so: the seat itself is an application won like any other). */
	db_stmt *st = db_query_int(
	    db,
	    "SELECT a.offering_id, coalesce(a.session_id, 0), o.code, p.code, l.actor, l.at FROM"
	    " audit_log l JOIN applications a ON a.id = l.entity_id JOIN offerings o ON o.id ="
	    " a.offering_id JOIN people p ON p.id = a.person_id WHERE " OVER_CAPACITY_ENTRY
	    " AND a.status = 'won' AND a.offering_id IN (SELECT offering_id FROM"
	    " lottery_round_offerings WHERE round_id = ?1) ORDER BY o.code, l.id",
	    round_id, cause);
	size_t n = 0, cap = 0;
	int rc;

	*out = NULL;
	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		struct lottery_over *v;

		*out = xgrow(*out, n, &cap, 4, sizeof **out);
		v = &(*out)[n++];
		v->offering_id = db_column_int64(st, 0);
		v->session_id = db_column_int64(st, 1);
		v->offering = db_column_dup(st, 2);
		v->person = db_column_dup(st, 3);
		v->by = db_column_dup(st, 4);
		local_minute(db_column_text(st, 5), v->at);
	}
	if (db_finish(db, st, rc, cause) != 0) {
		lottery_over_free(*out, n);
		*out = NULL;
		return -1;
	}
	return (long)n;
}

/* How many of the n seats over the capacity in v are of offering off (session 0) or of session
 * session. */
static long
over_in(const struct lottery_over *v, size_t n, int64_t off, int64_t session)
{
	long k = 0;

	for (size_t i = 0; i < n; i++)
		if (session != 0 ? v[i].session_id == session : v[i].offering_id == off)
			k++;
	return k;
}

/* What checking a live round's offerings now holds. */
struct checking {
	const struct draw *d; /* the round's offerings, indexed */
	struct lottery_over *over;
	size_t nover;
	long *won, *offered; /* by offering (d's indexes) */
	long *tally;         /* which of the two tally_row adds up */
	struct seated *seated;
	size_t nseated, capseated;
	struct strlist *problems, *notes;
};

/* Each row of sql, for round round_id, through row: 0, or -1 with *cause. */
static int
each_row(struct db *db, const char *sql, int64_t round_id, void (*row)(void *, db_stmt *),
         struct checking *c, char **cause)
{
	return lottery_rows(db, db_query_int(db, sql, round_id, cause), row, c, cause);
}

/* A row (offering id, session id, a number): added up by offering into c->tally, and the
 * winners listed by session. */
static void
tally_row(void *checking, db_stmt *st)
{
	struct checking *c = checking;
	int o = draw_off_index(c->d, db_column_int64(st, 0));

	if (o >= 0)
		c->tally[o] += db_column_int(st, 2);
	if (c->tally != c->won)
		return;
	c->seated = xgrow(c->seated, c->nseated, &c->capseated, 64, sizeof *c->seated);
	c->seated[c->nseated].session = db_column_int64(st, 1);
	c->seated[c->nseated++].n = db_column_int(st, 2);
}

/* An offering now against what it was drawn for: its capacity, its winners and seats offered
 * against its seats, its window and priority rule. */
static void
offering_row(void *checking, db_stmt *st)
{
	struct checking *c = checking;
	const char *code = db_column_text(st, 0);
	int drawn_for = db_column_int(st, 1), now = db_column_int(st, 2);
	int o = draw_off_index(c->d, db_column_int64(st, 10));
	long extra = over_in(c->over, c->nover, db_column_int64(st, 10), 0);
	long winners = (o >= 0 ? c->won[o] : 0) - extra;

	if (now != drawn_for)
		strlist_addf(c->problems,
		             _("%s: capacity is %d now, the draw was made for %d: %ld winners "
		               "hold %d seats"),
		             code, now, drawn_for, winners, now);
	else if (winners > now)
		strlist_addf(c->problems, _("%s: %ld winners hold %d seats"), code, winners + extra,
		             now);
	else if (o >= 0 && winners + c->offered[o] > now)
		strlist_addf(c->problems,
		             _("%s: %ld winners and %ld seats offered from the waiting list "
		               "hold %d seats"),
		             code, winners + extra, c->offered[o], now);
	else if (extra > 0 && c->notes != NULL)
		strlist_addf(c->notes,
		             _("%s: %ld winners now for %d seats, %ld of them over the "
		               "capacity"),
		             code, winners + extra, now, extra);
	if (db_column_int(st, 3)) {
		if (c->notes != NULL)
			strlist_addf(c->notes,
			             _("%s was drawn before sumaho recorded the application "
			               "window, priority rule and seats with a draw: of these, "
			               "only its capacity is checked"),
			             code);
		return;
	}
	if (strcmp(db_column_text(st, 4), db_column_text(st, 6)) != 0 ||
	    strcmp(db_column_text(st, 5), db_column_text(st, 7)) != 0)
		strlist_addf(c->problems,
		             _("%s: the application window is %s to %s now, the draw was made "
		               "for %s to %s"),
		             code, db_column_text(st, 6), db_column_text(st, 7),
		             db_column_text(st, 4), db_column_text(st, 5));
	if (strcmp(db_column_text(st, 8), db_column_text(st, 9)) != 0)
		strlist_addf(c->problems,
		             _("%s: the priority rule is '%s' now, the draw was made with '%s'"),
		             code, db_column_text(st, 9), db_column_text(st, 8));
}

/* A session now against the seats the draw seated its winners in (c->seated ordered). */
static void
session_row(void *checking, db_stmt *st)
{
	struct checking *c = checking;
	const char *code = db_column_text(st, 0), *session = db_column_text(st, 1);
	int seats = db_column_int(st, 4);
	struct seated key = {db_column_int64(st, 6), 0},
	              *found = c->nseated
	                           ? bsearch(&key, c->seated, c->nseated, sizeof key, by_session)
	                           : NULL;
	long extra = over_in(c->over, c->nover, 0, key.session);
	long winners = (found ? found->n : 0) - extra;

	if (db_column_int(st, 2))
		strlist_addf(c->problems,
		             _("%s: session %s was not one of the sessions the draw seated "
		               "its winners in"),
		             code, session);
	else if (db_column_int(st, 3) != seats)
		strlist_addf(c->problems,
		             _("%s: session %s has %d seats now, the draw was made for %d"), code,
		             session, seats, db_column_int(st, 3));
	if (winners > seats && strcmp(db_column_text(st, 5), "cancelled") != 0)
		strlist_addf(c->problems, _("%s: session %s: %ld winners hold %d seats"), code,
		             session, winners + extra, seats);
}

/* A live round's offerings now (d's, indexed): capacity, window and priority rule as drawn,
 * and no more winners than seats, for each offering (with the seats offered from the waiting
 * list) and each session. */
static int
check_offerings(struct db *db, const struct draw *d, int64_t round_id, struct strlist *problems,
                struct strlist *notes, char **cause)
{
	struct checking c = {.d = d, .problems = problems, .notes = notes};
	long nover = lottery_over_capacity(db, round_id, &c.over, cause);
	int rc;

	if (nover < 0)
		return -1;
	c.nover = (size_t)nover;
	c.won = xcalloc(d->noffs + 1, sizeof *c.won);
	c.offered = xcalloc(d->noffs + 1, sizeof *c.offered);
	/* The seats given over the capacity since the draw are changes made after it, by a
	 * coordinator: told, not counted against the draw. */
	for (size_t i = 0; notes != NULL && i < c.nover; i++)
		strlist_addf(
		    notes,
		    _("%s: %s was reinstated with a seat over the capacity by %s at %s, after "
		      "the draw"),
		    c.over[i].offering, c.over[i].person, c.over[i].by, c.over[i].at);
	/* The winners, counted through the index of the winners (applications_won); the seats
	 * offered from the waiting list, held until they are taken or given up. Then the
	 * offerings, and the sessions the winners were seated in (step 5) and any scheduled
	 * since. */
	c.tally = c.won;
	rc = each_row(db,
	              "SELECT offering_id, coalesce(session_id, 0), count(*) FROM"
	              " applications WHERE offering_id IN (SELECT offering_id FROM"
	              " lottery_round_offerings WHERE round_id = ?) AND status = 'won'"
	              " GROUP BY offering_id, session_id",
	              round_id, tally_row, &c, cause);
	c.tally = c.offered;
	if (rc == 0)
		rc = each_row(db,
		              "SELECT a.offering_id, 0, count(*) FROM lottery_offers f JOIN"
		              " applications a ON a.id = f.application_id WHERE f.round_id = ? AND"
		              " f.state = 'open' GROUP BY a.offering_id",
		              round_id, tally_row, &c, cause);
	if (c.nseated > 1)
		qsort(c.seated, c.nseated, sizeof *c.seated, by_session);
	if (rc == 0)
		rc = each_row(
		    db,
		    "SELECT o.code, ro.capacity, o.capacity, ro.apply_from IS NULL, ro.apply_from,"
		    " ro.apply_to, o.apply_from, o.apply_to, ro.priority, o.priority, o.id FROM"
		    " lottery_round_offerings ro JOIN offerings o ON o.id = ro.offering_id WHERE"
		    " ro.round_id = ? ORDER BY o.code",
		    round_id, offering_row, &c, cause);
	if (rc == 0)
		rc = each_row(
		    db,
		    "SELECT o.code, s.code, rs.seats IS NULL, rs.seats, s.seats, s.status, s.id"
		    " FROM sessions s JOIN offerings o ON o.id = s.offering_id LEFT JOIN"
		    " lottery_round_sessions rs ON rs.round_id = ?1 AND rs.session_id = s.id"
		    " WHERE s.offering_id IN (SELECT offering_id FROM lottery_round_offerings"
		    " WHERE round_id = ?1 AND apply_from IS NOT NULL) AND (rs.session_id IS NOT"
		    " NULL OR s.status = 'scheduled') ORDER BY o.code, s.date, s.start, s.code",
		    round_id, session_row, &c, cause);
	lottery_over_free(c.over, c.nover);
	free(c.won);
	free(c.offered);
	free(c.seated);
	return rc;
}

/* ---- the round recomputed ---- */

/* What verifying keeps of a person: their first entry by (choice, application), whose tier
 * is theirs. */
struct vperson {
	int lead;
};

/* The recorded result of an entry. */
struct want {
	int result, position;
};

struct verifying {
	struct vperson *v; /* by person, as d's people */
	size_t capv;
	uint32_t *slots;     /* the people by code: an open-addressed table of index + 1 */
	size_t nslots;       /* a power of two, at least twice the people */
	struct want *want;   /* by application, as d's applications */
	size_t capwant, bad; /* the differences found */
};

static void
verifying_free(struct verifying *v)
{
	free(v->v);
	free(v->slots);
	free(v->want);
}

static size_t
code_hash(const char *code)
{
	size_t h = 14695981039346656037u;

	for (; *code; code++)
		h = (h ^ (unsigned char)*code) * 1099511628211u;
	return h;
}

/* The index of the person with code in d, added when new (*fresh set). */
static size_t
people_find(struct verifying *v, struct draw *d, const char *code, int *fresh)
{
	if (2 * (d->npeople + 1) > v->nslots) {
		size_t n = v->nslots ? 2 * v->nslots : 4096;

		free(v->slots);
		v->slots = xcalloc(n, sizeof *v->slots);
		v->nslots = n;
		for (size_t i = 0; i < d->npeople; i++) {
			size_t h = code_hash(draw_code(d, &d->people[i])) & (n - 1);

			while (v->slots[h] != 0)
				h = (h + 1) & (n - 1);
			v->slots[h] = (uint32_t)i + 1;
		}
	}
	size_t h = code_hash(code) & (v->nslots - 1);

	for (; v->slots[h] != 0; h = (h + 1) & (v->nslots - 1))
		if (strcmp(draw_code(d, &d->people[v->slots[h] - 1]), code) == 0)
			return v->slots[h] - 1;
	draw_add_person(d, code);
	v->slots[h] = (uint32_t)d->npeople;
	v->v = xgrow(v->v, d->npeople - 1, &v->capv, 1024, sizeof *v->v);
	memset(&v->v[d->npeople - 1], 0, sizeof *v->v);
	*fresh = 1;
	return d->npeople - 1;
}

/* The R_* of a recorded result, by its name (R_DUPLICATE + 1 when it is none of them): the
 * first letters tell them apart but for "won" and "waiting". */
static int
result_of(const char *name)
{
	int r;

	switch (name[0]) {
	case 'w': r = name[1] == 'o' ? R_WON : R_WAITING; break;
	case 'l': r = R_LOST; break;
	case 'i': r = R_INELIGIBLE; break;
	case 'd': r = R_DUPLICATE; break;
	default: return R_DUPLICATE + 1;
	}
	return strcmp(name, draw_result_names[r]) == 0 ? r : R_DUPLICATE + 1;
}

static const struct draw *by_code_draw; /* qsort has no context argument */

static int
by_code(const void *a, const void *b)
{
	const struct draw *d = by_code_draw;

	return strcmp(draw_code(d, &d->people[*(const int *)a]),
	              draw_code(d, &d->people[*(const int *)b]));
}

/* The differences into problems, in order of person code: the results of each person's
 * applications in (choice, application) order. */
static void
tell_differences(const struct draw *d, const struct verifying *v, struct strlist *problems)
{
	int *by = xmalloc((d->npeople ? d->npeople : 1) * sizeof *by);

	for (size_t i = 0; i < d->npeople; i++)
		by[i] = (int)i;
	by_code_draw = d;
	if (d->npeople > 1)
		qsort(by, d->npeople, sizeof *by, by_code);
	for (size_t i = 0; i < d->npeople; i++) {
		const struct dperson *p = &d->people[by[i]];

		for (int k = 0; k < p->count; k++) {
			const struct dapp *a = &d->apps[d->members[p->first + k]];
			const struct want *w = &v->want[d->members[p->first + k]];

			if (a->result != w->result ||
			    (a->result == R_WAITING && a->position != w->position))
				strlist_addf(problems,
				             _("%s, %s: recorded %s %d, recomputed %s %d"),
				             draw_code(d, p), d->offs[a->off].code,
				             draw_result_names[w->result], w->position,
				             draw_result_names[(int)a->result], a->position);
		}
	}
	free(by);
}

int
lottery_verify(struct db *db, int64_t round_id, struct strlist *problems, struct strlist *notes,
               char **cause)
{
	struct draw d;
	db_stmt *st;
	char seed[65] = "";
	int *order = NULL, rc = -1, step;
	struct verifying v;

	memset(&d, 0, sizeof d);
	memset(&v, 0, sizeof v);
	if (sodium_init() < 0) {
		set_cause(cause, "%s", _("cannot start libsodium"));
		return -1;
	}
	st = db_query_int(db,
	                  "SELECT seed, waiting_max, algorithm, superseded_at IS NOT NULL FROM"
	                  " lottery_rounds WHERE id = ?",
	                  round_id, cause);
	if (st == NULL)
		return -1;
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		set_cause(cause, "%s", _("no such draw"));
		return -1;
	}
	snprintf(seed, sizeof seed, "%s", db_column_text(st, 0));
	draw_seed(&d, seed);
	d.waiting_max = db_column_int(st, 1);
	if (strcmp(db_column_text(st, 2), LOTTERY_ALGORITHM) != 0) {
		strlist_addf(problems, _("the draw used %s, which this sumaho does not know"),
		             db_column_text(st, 2));
		db_finalize(st);
		return 1;
	}
	int superseded = db_column_int(st, 3);

	db_finalize(st);
	st = db_query_int(
	    db,
	    "SELECT ro.offering_id, ro.capacity, o.code FROM lottery_round_offerings ro"
	    " JOIN offerings o ON o.id = ro.offering_id WHERE ro.round_id = ? ORDER BY"
	    " o.code",
	    round_id, cause);
	if (st == NULL)
		return -1;
	while (db_step(st) == DB_ROW) {
		struct doff *o = draw_add(&d, DRAW_OFF);

		o->id = db_column_int64(st, 0);
		o->capacity = db_column_int(st, 1);
		snprintf(o->code, sizeof o->code, "%s", db_column_text(st, 2));
	}
	db_finalize(st);
	draw_index_offerings(&d);
	/* The recorded inputs in the order the table holds them; results kept aside to
	 * compare. */
	st = db_query_int(db,
	                  "SELECT application_id, offering_id, person_code, choice, tier,"
	                  " result, coalesce(position, 0) FROM"
	                  " lottery_entries WHERE round_id = ?"
	                  " ORDER BY application_id",
	                  round_id, cause);
	if (st == NULL)
		goto out;
	while ((step = db_step(st)) == DB_ROW) {
		const char *code = db_column_text(st, 2), *res = db_column_text(st, 5);
		struct dapp *a = draw_add(&d, DRAW_APP);
		int r, fresh = 0;
		size_t pi = people_find(&v, &d, code, &fresh);
		struct vperson *vp = &v.v[pi];

		v.want = xgrow(v.want, d.napps - 1, &v.capwant, 1024, sizeof *v.want);
		r = result_of(res);
		a->id = db_column_int64(st, 0);
		a->off = draw_off_index(&d, db_column_int64(st, 1));
		a->choice = (short)db_column_int(st, 3);
		a->result = (char)(r >= R_INELIGIBLE ? r : R_NONE);
		a->person = (int)pi;
		v.want[d.napps - 1].result = r;
		v.want[d.napps - 1].position = db_column_int(st, 6);
		if (fresh)
			draw_rank(&d, &d.people[pi]);
		/* A person's tier is that of their first entry by (choice, application); their
		 * rank is computed from the seed and their code. */
		if (fresh || a->choice < d.apps[vp->lead].choice ||
		    (a->choice == d.apps[vp->lead].choice && a->id < d.apps[vp->lead].id)) {
			vp->lead = (int)(d.napps - 1);
			d.people[pi].tier = db_column_int(st, 4);
		}
	}
	if ((rc = db_finish(db, st, step, cause)) != 0)
		goto out;
	rc = -1;
	draw_group_valid(&d);
	order = draw_allocate(&d);
	for (size_t i = 0; i < d.napps; i++) {
		const struct dapp *a = &d.apps[i];
		const struct want *w = &v.want[i];

		if (a->result != w->result ||
		    (a->result == R_WAITING && a->position != w->position))
			v.bad++;
	}
	if (v.bad > 0)
		tell_differences(&d, &v, problems);
	/* What the offerings are now matters to the live draw only: a superseded one is history. */
	if (superseded) {
		if (notes != NULL)
			strlist_add(notes, xstrdup(_("this draw was superseded by a new draw: the "
			                             "offerings as they are now are not checked "
			                             "against it")));
	} else if (check_offerings(db, &d, round_id, problems, notes, cause) != 0)
		goto out;
	rc = problems->n > 0 ? 1 : 0;
out:
	free(order);
	verifying_free(&v);
	draw_free(&d);
	return rc;
}
