/* models/lottery/lottery.c: the draw of lottery.h, in memory over arrays so that a million
 * applications take seconds; the database holds its inputs and results. */
#include "config.h"
#include "models/lottery/lottery.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/classes/sessions.h"
#include "models/core/schema.h"
#include "models/core/text.h"

/* ---- rules ---- */

static const char *const rule_names[] = {"lost-before", "first-time"};
#define NRULES 2

/* The rules of priority as indexes into rule_names; the count, or -1 with *cause. */
static int
parse_priority(const char *priority, int *rules, char **cause)
{
	int n = 0;
	const char *p = priority;

	while (*p) {
		size_t len = strcspn(p, ",+");
		const char *w = p;

		while (len > 0 && *w == ' ') {
			w++;
			len--;
		}
		while (len > 0 && w[len - 1] == ' ')
			len--;
		if (len > 0) {
			int r;

			for (r = 0; r < NRULES; r++)
				if (strlen(rule_names[r]) == len && strncmp(rule_names[r], w, len) == 0)
					break;
			if (r == NRULES) {
				set_cause(cause,
				          _("'%.*s' is not a priority rule (lost-before, first-time)"),
				          (int)len, w);
				return -1;
			}
			for (int k = 0; k < n; k++)
				if (rules[k] == r) {
					set_cause(cause, _("priority rule '%s' is given twice"),
					          rule_names[r]);
					return -1;
				}
			rules[n++] = r;
		}
		p += strcspn(p, ",+");
		if (*p == ',' || *p == '+')
			p++;
	}
	return n;
}

int
lottery_priority_valid(const char *priority, char **cause)
{
	int rules[NRULES * 4];

	return parse_priority(priority, rules, cause) >= 0;
}

char *
lottery_ineligible(const struct lottery_config *cfg, int birth_year, int resident, int year)
{
	if (cfg->residents_only && !resident)
		return xstrdup(_("not a resident of the city"));
	if (cfg->min_age > 0 && birth_year > 0 && year - birth_year < cfg->min_age)
		return xasprintf(_("under %d in %d (born %d)"), cfg->min_age, year, birth_year);
	return NULL;
}

/* ---- the draw itself, shared by run and verify ---- */

enum { R_NONE, R_WON, R_WAITING, R_LOST, R_INELIGIBLE, R_DUPLICATE };
static const char *const result_names[] = {"", "won", "waiting", "lost", "ineligible",
                                           "duplicate"};

struct dapp {
	int64_t id;       /* application */
	int off;          /* index into the offerings */
	int person;       /* index into the people */
	int choice;
	int result;       /* R_* */
	int position;     /* on the waiting list */
	int64_t session;  /* a winner's session, 0 when none */
	char *reason;     /* why ineligible or duplicate */
	int old_status;   /* for the caller */
};

struct dperson {
	char code[40];
	unsigned char hash[crypto_hash_sha256_BYTES];
	int tier;
	int first, count; /* the person's valid applications: apps[first .. first + count) */
	int placed;
};

struct doff {
	int64_t id, course;
	int capacity, left, waiting;
	int year; /* the year the application window closes, for the minimum age */
	char from[11], to[11]; /* the application window */
	char code[40];
	int in_round;
};

struct offkey {
	int64_t id;
	int idx;
};

struct draw {
	struct offkey *keys; /* the offerings by id, for off_index */
	struct dapp *apps;
	size_t napps, capapps;
	struct dperson *people;
	size_t npeople, cappeople;
	struct doff *offs;
	size_t noffs;
	int waiting_max;
};

static void
draw_free(struct draw *d)
{
	for (size_t i = 0; i < d->napps; i++)
		free(d->apps[i].reason);
	free(d->apps);
	free(d->people);
	free(d->offs);
	free(d->keys);
	memset(d, 0, sizeof *d);
}

static struct dapp *
add_app(struct draw *d)
{
	if (d->napps == d->capapps) {
		d->capapps = d->capapps ? d->capapps * 2 : 1024;
		d->apps = xrealloc(d->apps, d->capapps * sizeof *d->apps);
	}
	memset(&d->apps[d->napps], 0, sizeof *d->apps);
	return &d->apps[d->napps++];
}

static struct dperson *
add_person(struct draw *d, const char *code)
{
	if (d->npeople == d->cappeople) {
		d->cappeople = d->cappeople ? d->cappeople * 2 : 1024;
		d->people = xrealloc(d->people, d->cappeople * sizeof *d->people);
	}
	struct dperson *p = &d->people[d->npeople++];

	memset(p, 0, sizeof *p);
	snprintf(p->code, sizeof p->code, "%s", code);
	return p;
}

/* rank = SHA-256("SEED:CODE") */
static void
rank_of(const char *seed, const char *code, unsigned char *out)
{
	crypto_hash_sha256_state st;

	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)seed, strlen(seed));
	crypto_hash_sha256_update(&st, (const unsigned char *)":", 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)code, strlen(code));
	crypto_hash_sha256_final(&st, out);
}

static const struct draw *sort_draw; /* qsort has no context argument */

static int
by_tier_rank(const void *a, const void *b)
{
	const struct dperson *p = &sort_draw->people[*(const int *)a];
	const struct dperson *q = &sort_draw->people[*(const int *)b];
	int c;

	if (p->tier != q->tier)
		return p->tier < q->tier ? -1 : 1;
	if ((c = memcmp(p->hash, q->hash, sizeof p->hash)) != 0)
		return c;
	return strcmp(p->code, q->code);
}

/* Steps 3 and 4: results and waiting positions of the valid applications (result R_NONE on
 * entry); returns the people in draw order (the caller frees it). */
static int *
allocate(struct draw *d)
{
	int *order = xmalloc((d->npeople ? d->npeople : 1) * sizeof *order);

	for (size_t i = 0; i < d->npeople; i++)
		order[i] = (int)i;
	sort_draw = d;
	if (d->npeople > 1)
		qsort(order, d->npeople, sizeof *order, by_tier_rank);
	for (size_t i = 0; i < d->noffs; i++) {
		d->offs[i].left = d->offs[i].capacity;
		d->offs[i].waiting = 0;
	}
	for (size_t i = 0; i < d->npeople; i++) {
		struct dperson *p = &d->people[order[i]];

		p->placed = 0;
		for (int k = 0; k < p->count; k++) {
			struct dapp *a = &d->apps[p->first + k];

			if (!p->placed && d->offs[a->off].left > 0) {
				d->offs[a->off].left--;
				a->result = R_WON;
				p->placed = 1;
			}
		}
		for (int k = 0; k < p->count; k++) {
			struct dapp *a = &d->apps[p->first + k];

			if (a->result == R_WON)
				continue;
			if (p->placed)
				a->result = R_LOST;
			else if (d->offs[a->off].waiting < d->waiting_max) {
				a->result = R_WAITING;
				a->position = ++d->offs[a->off].waiting;
			} else
				a->result = R_LOST;
		}
	}
	return order;
}

/* ---- reading ---- */

/* Sort a person's valid applications by choice, then application id. */
static int
by_person_choice(const void *a, const void *b)
{
	const struct dapp *x = a, *y = b;

	if (x->person != y->person)
		return x->person < y->person ? -1 : 1;
	if (x->choice != y->choice)
		return x->choice < y->choice ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* Group the valid applications (result R_NONE) at the front by person, setting first/count. */
static size_t
group_valid(struct draw *d)
{
	size_t nvalid = 0;

	/* Valid ones first, keeping the others after them. */
	for (size_t i = 0; i < d->napps; i++)
		if (d->apps[i].result == R_NONE) {
			struct dapp t = d->apps[nvalid];

			d->apps[nvalid++] = d->apps[i];
			d->apps[i] = t;
		}
	if (nvalid > 1)
		qsort(d->apps, nvalid, sizeof *d->apps, by_person_choice);
	for (size_t i = 0; i < d->npeople; i++)
		d->people[i].count = 0;
	for (size_t i = 0; i < nvalid; i++) {
		struct dperson *p = &d->people[d->apps[i].person];

		if (p->count++ == 0)
			p->first = (int)i;
	}
	return nvalid;
}

static int
cmp_offkey(const void *a, const void *b)
{
	int64_t x = ((const struct offkey *)a)->id, y = ((const struct offkey *)b)->id;

	return x < y ? -1 : x > y;
}

/* Index the offerings by id once they are all read. */
static void
index_offerings(struct draw *d)
{
	d->keys = xrealloc(d->keys, (d->noffs ? d->noffs : 1) * sizeof *d->keys);
	for (size_t i = 0; i < d->noffs; i++) {
		d->keys[i].id = d->offs[i].id;
		d->keys[i].idx = (int)i;
	}
	if (d->noffs > 1)
		qsort(d->keys, d->noffs, sizeof *d->keys, cmp_offkey);
}

static int
off_index(const struct draw *d, int64_t id)
{
	struct offkey k = {id, 0}, *f;

	if (d->noffs == 0)
		return -1;
	f = bsearch(&k, d->keys, d->noffs, sizeof k, cmp_offkey);
	return f ? f->idx : -1;
}

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
	sqlite3_stmt *st = db_prepare(db, sql, cause);
	size_t cap[2] = {0, 0};
	struct pairs *to[2] = {no, yes};
	int rc;

	memset(no, 0, sizeof *no);
	memset(yes, 0, sizeof *yes);
	if (st == NULL)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct pairs *p = to[sqlite3_column_int(st, 2) != 0];
		size_t *c = &cap[p == yes];

		if (p->n == *c) {
			*c = *c ? *c * 2 : 256;
			p->v = xrealloc(p->v, *c * sizeof *p->v);
		}
		p->v[p->n++] = ((uint64_t)sqlite3_column_int64(st, 0) << 24) |
		               (uint64_t)(sqlite3_column_int64(st, 1) & 0xFFFFFF);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
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

/* ---- running a round ---- */

static void
hex(const unsigned char *b, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";

	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[b[i] >> 4];
		out[2 * i + 1] = digits[b[i] & 15];
	}
	out[2 * n] = '\0';
}

/* Fill the temporary table round_set with the offerings of the round (and, with redraw, those
 * of the live rounds holding them, which are superseded). */
static int
collect_offerings(struct db *db, char *const *codes, size_t n, int redraw, const char *actor,
                  char **cause)
{
	sqlite3_stmt *st;

	if (db_exec(db,
	            "CREATE TEMP TABLE IF NOT EXISTS round_set (id INTEGER PRIMARY KEY);"
	            "DELETE FROM round_set;",
	            cause) != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int64_t id = db_count_text(
		    db, "SELECT ifnull((SELECT id FROM offerings WHERE code = ?), 0)", codes[i], cause);

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
		st = db_prepare(db, "INSERT OR IGNORE INTO round_set (id) VALUES (?)", cause);
		if (st == NULL)
			return -1;
		sqlite3_bind_int64(st, 1, id);
		sqlite3_step(st);
		sqlite3_finalize(st);
	}
	/* Drawn already? */
	st = db_prepare(db,
	                "SELECT o.code, r.id FROM lottery_round_offerings ro JOIN lottery_rounds r ON"
	                " r.id = ro.round_id AND r.superseded_at IS NULL JOIN offerings o ON o.id ="
	                " ro.offering_id WHERE ro.offering_id IN (SELECT id FROM round_set) LIMIT 1",
	                cause);
	if (st == NULL)
		return -1;
	int drawn = sqlite3_step(st) == SQLITE_ROW;
	char *which = drawn ? xstrdup(db_column_text(st, 0)) : NULL;

	sqlite3_finalize(st);
	if (drawn && !redraw) {
		set_cause(cause,
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
		            "INSERT OR IGNORE INTO round_set (id) SELECT ro2.offering_id FROM"
		            " lottery_round_offerings ro JOIN lottery_rounds r ON r.id = ro.round_id AND"
		            " r.superseded_at IS NULL JOIN lottery_round_offerings ro2 ON ro2.round_id ="
		            " r.id WHERE ro.offering_id IN (SELECT id FROM round_set)",
		            cause) != 0)
			return -1;
	st = db_prepare(db,
	                "UPDATE lottery_rounds SET superseded_at = strftime('%Y-%m-%dT%H:%M:%SZ',"
	                "'now'), superseded_by = ? WHERE superseded_at IS NULL AND id IN (SELECT"
	                " round_id FROM lottery_round_offerings WHERE offering_id IN (SELECT id FROM"
	                " round_set))",
	                cause);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, actor);
	int rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;

	sqlite3_finalize(st);
	if (rc != 0)
		db_cause(db, cause, _("database error"));
	/* The applications start again from "applied", but cancelled ones stay cancelled. */
	if (rc == 0 &&
	    db_exec(db,
	            "UPDATE applications SET status = 'applied', waiting_position = NULL, session_id"
	            " = NULL, reason = '' WHERE offering_id IN (SELECT id FROM round_set) AND status"
	            " IN ('won', 'waiting', 'lost')",
	            cause) != 0)
		rc = -1;
	return rc;
}

static int
load_round_offerings(struct db *db, struct draw *d, char **cause)
{
	sqlite3_stmt *st = db_prepare(db,
	                              "SELECT id, course_id, capacity, code, CAST(substr(apply_to, 1,"
	                              " 4) AS INTEGER), apply_from, apply_to FROM offerings WHERE id"
	                              " IN (SELECT id FROM round_set) ORDER BY code",
	                              cause);
	size_t cap = 0;

	if (st == NULL)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		if (d->noffs == cap) {
			cap = cap ? cap * 2 : 8;
			d->offs = xrealloc(d->offs, cap * sizeof *d->offs);
		}
		struct doff *o = &d->offs[d->noffs++];

		memset(o, 0, sizeof *o);
		o->id = sqlite3_column_int64(st, 0);
		o->course = sqlite3_column_int64(st, 1);
		o->capacity = sqlite3_column_int(st, 2);
		snprintf(o->code, sizeof o->code, "%s", db_column_text(st, 3));
		o->year = sqlite3_column_int(st, 4);
		snprintf(o->from, sizeof o->from, "%s", db_column_text(st, 5));
		snprintf(o->to, sizeof o->to, "%s", db_column_text(st, 6));
	}
	sqlite3_finalize(st);
	index_offerings(d);
	return 0;
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

	if (x->person != y->person)
		return x->person < y->person ? -1 : 1;
	if (x->off != y->off)
		return x->off < y->off ? -1 : 1;
	/* The first application to an offering counts; a later one is the duplicate. */
	return x->id < y->id ? -1 : x->id > y->id;
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
	sqlite3_stmt *st = NULL;
	int rc = -1, step;
	int64_t *courses = NULL;
	size_t capcourses = 0;

	/* Everyone's earlier results in other offerings, one pass: lost or waiting, and won. */
	if (nrules > 0 &&
	    load_pairs(db,
	               "SELECT DISTINCT a.person_id, o.course_id, a.status = 'won' FROM applications a"
	               " JOIN offerings o ON o.id = a.offering_id WHERE a.status IN ('lost',"
	               " 'waiting', 'won') AND a.offering_id NOT IN (SELECT id FROM round_set)",
	               &lost, &won, cause) != 0)
		goto out;
	/* A round of many offerings reads the table straight through ("+" keeps SQLite from the
	 * index, which would visit a million rows in random order); a small one uses the index. */
	int64_t all = db_count(db, "SELECT count(*) FROM offerings", cause);

	st = db_prepare(db,
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
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (nraw == capraw) {
			capraw = capraw ? capraw * 2 : 1024;
			raw = xrealloc(raw, capraw * sizeof *raw);
		}
		struct raw *r = &raw[nraw++];
		const char *status = db_column_text(st, 4);

		r->id = sqlite3_column_int64(st, 0);
		r->off = off_index(d, sqlite3_column_int64(st, 1));
		r->person = sqlite3_column_int64(st, 2);
		r->choice = sqlite3_column_int(st, 3);
		snprintf(r->applied, sizeof r->applied, "%s", db_column_text(st, 6));
		r->status = strcmp(status, "ineligible") == 0  ? 'i'
		            : strcmp(status, "duplicate") == 0 ? 'd'
		                                               : 'a';
		r->reason = sqlite3_column_type(st, 5) == SQLITE_NULL ||
		                    *db_column_text(st, 5) == '\0'
		                ? NULL
		                : xstrdup(db_column_text(st, 5));
	}
	sqlite3_finalize(st);
	st = NULL;
	if (step != SQLITE_DONE) {
		db_cause(db, cause, _("database error"));
		goto out;
	}
	if (nraw > 1)
		qsort(raw, nraw, sizeof *raw, by_raw_person);
	/* The people, by id in the same order: looked up one by one for a small round, read in
	 * one pass for a large one. */
	int scan = nraw > 20000;

	st = db_prepare(db,
	                scan ? "SELECT id, code, ifnull(birth_year, 0), resident FROM people ORDER"
	                       " BY id"
	                     : "SELECT id, code, ifnull(birth_year, 0), resident FROM people WHERE"
	                       " id = ?",
	                cause);
	if (st == NULL)
		goto out;
	int have = 0; /* with scan: the statement is on a row */

	for (size_t i = 0; i < nraw;) {
		int64_t person = raw[i].person;
		size_t j = i;
		int birth = 0, resident = 1, found = 0;

		while (j < nraw && raw[j].person == person)
			j++;
		if (scan) {
			/* Step the scan to the first id not below this person's. */
			for (;;) {
				if (!have && sqlite3_step(st) != SQLITE_ROW)
					break;
				have = 1;
				if (sqlite3_column_int64(st, 0) >= person)
					break;
				have = 0;
			}
			found = have && sqlite3_column_int64(st, 0) == person;
		} else {
			sqlite3_reset(st);
			sqlite3_bind_int64(st, 1, person);
			found = sqlite3_step(st) == SQLITE_ROW;
		}
		if (!found) {
			set_cause(cause, "%s", _("an application names a person who does not exist"));
			goto out;
		}
		struct dperson *p = add_person(d, db_column_text(st, 1));

		birth = sqlite3_column_int(st, 2);
		resident = sqlite3_column_int(st, 3);
		rank_of(seed, p->code, p->hash);
		if (j - i > capcourses) {
			capcourses = j - i;
			courses = xrealloc(courses, capcourses * sizeof *courses);
		}
		for (size_t k = i; k < j; k++) {
			struct raw *r = &raw[k];
			struct dapp *a = add_app(d);

			courses[k - i] = d->offs[r->off].course;
			a->id = r->id;
			a->off = r->off;
			a->choice = r->choice;
			a->person = (int)(d->npeople - 1);
			if (r->status == 'd' || (k > i && raw[k - 1].off == r->off)) {
				a->result = R_DUPLICATE;
				a->reason = r->reason ? r->reason
				                      : xstrdup(_("the same person applied to this class "
				                                  "before"));
				r->reason = NULL;
			} else if ((a->reason = lottery_ineligible(cfg, birth, resident,
			                                           d->offs[r->off].year)) != NULL)
				a->result = R_INELIGIBLE; /* as the person's record says now */
			else if (strcmp(r->applied, d->offs[r->off].from) < 0 ||
			         strcmp(r->applied, d->offs[r->off].to) > 0) {
				a->result = R_INELIGIBLE;
				a->reason = xasprintf(_("applied on %s, outside the application window"),
				                      r->applied);
			}
		}
		p->tier = tier_of(rules, nrules, &lost, &won, person, courses, j - i);
		i = j;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
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
	sqlite3_stmt *st = db_prepare(db,
	                              "SELECT offering_id, id, seats FROM sessions WHERE offering_id"
	                              " IN (SELECT id FROM round_set) AND status = 'scheduled' ORDER"
	                              " BY offering_id, date, start, id",
	                              cause);
	struct {
		int64_t id;
		int seats;
	} *ses = NULL;
	size_t nses = 0, capses = 0;
	int *first = xcalloc(d->noffs + 1, sizeof *first), *end = xcalloc(d->noffs + 1, sizeof *end);

	if (st == NULL) {
		free(first);
		free(end);
		return -1;
	}
	for (size_t o = 0; o < d->noffs; o++)
		first[o] = end[o] = -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		int o = off_index(d, sqlite3_column_int64(st, 0));

		if (o < 0)
			continue;
		if (nses == capses) {
			capses = capses ? capses * 2 : 64;
			ses = xrealloc(ses, capses * sizeof *ses);
		}
		ses[nses].id = sqlite3_column_int64(st, 1);
		ses[nses].seats = sqlite3_column_int(st, 2);
		if (first[o] < 0)
			first[o] = (int)nses;
		end[o] = (int)nses + 1;
		nses++;
	}
	sqlite3_finalize(st);
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
	int64_t x = ((const struct dapp *)a)->id, y = ((const struct dapp *)b)->id;

	return x < y ? -1 : x > y;
}

static int
write_round(struct db *db, struct draw *d, const char *seed, const char *priority,
            const struct lottery_config *cfg, int64_t *round_id, char **cause)
{
	sqlite3_stmt *st = db_prepare(db,
	                              "INSERT INTO lottery_rounds (seed, algorithm, priority, "
	                              "waiting_max, run_by) VALUES (?,?,?,?,?)",
	                              cause);
	sqlite3_stmt *ins = NULL;
	int rc = -1;

	if (st == NULL)
		return -1;
	db_bind_text(st, 1, seed);
	db_bind_text(st, 2, LOTTERY_ALGORITHM);
	db_bind_text(st, 3, priority);
	sqlite3_bind_int(st, 4, d->waiting_max);
	db_bind_text(st, 5, cfg->actor);
	if (sqlite3_step(st) != SQLITE_DONE) {
		db_cause(db, cause, _("cannot record the draw"));
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	*round_id = sqlite3_last_insert_rowid(db->h);
	st = db_prepare(db,
	                "INSERT INTO lottery_round_offerings (round_id, offering_id, capacity) VALUES"
	                " (?,?,?)",
	                cause);
	if (st == NULL)
		goto out;
	for (size_t o = 0; o < d->noffs; o++) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, *round_id);
		sqlite3_bind_int64(st, 2, d->offs[o].id);
		sqlite3_bind_int(st, 3, d->offs[o].capacity);
		if (sqlite3_step(st) != SQLITE_DONE)
			goto dberr;
	}
	/* The results go into a temporary table in application order, then into the entries and
	 * the applications with one statement each: a million single-row statements took twice
	 * as long (measured by tests/bench/lottery.sh). */
	if (db_exec(db,
	            "CREATE TEMP TABLE IF NOT EXISTS draw_out (application_id INTEGER PRIMARY KEY,"
	            " offering_id, person_code, choice, tier, rank_key, result, position,"
	            " session_id, reason);"
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

		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 1, a->id);
		sqlite3_bind_int64(ins, 2, d->offs[a->off].id);
		sqlite3_bind_text(ins, 3, p->code, -1, SQLITE_STATIC);
		sqlite3_bind_int(ins, 4, a->choice);
		sqlite3_bind_int(ins, 5, p->tier);
		sqlite3_bind_blob(ins, 6, p->hash, sizeof p->hash, SQLITE_STATIC);
		sqlite3_bind_text(ins, 7, result_names[a->result], -1, SQLITE_STATIC);
		if (a->result == R_WAITING)
			sqlite3_bind_int(ins, 8, a->position);
		else
			sqlite3_bind_null(ins, 8);
		if (a->session)
			sqlite3_bind_int64(ins, 9, a->session);
		else
			sqlite3_bind_null(ins, 9);
		sqlite3_bind_text(ins, 10, a->reason ? a->reason : "", -1, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE)
			goto dberr;
	}
	sqlite3_finalize(st);
	st = db_prepare(db,
	                "INSERT INTO lottery_entries (round_id, application_id, offering_id,"
	                " person_code, choice, tier, rank_key, result, position) SELECT ?,"
	                " application_id, offering_id, person_code, choice, tier, rank_key, result,"
	                " position FROM draw_out ORDER BY application_id",
	                cause);
	if (st == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, *round_id);
	if (sqlite3_step(st) != SQLITE_DONE)
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
	sqlite3_finalize(st);
	sqlite3_finalize(ins);
	return rc;
}

int
lottery_run(struct db *db, char *const *codes, size_t n, const char *seed_in, int redraw,
            const struct lottery_config *cfg, struct lottery_round *out, char **cause)
{
	struct draw d;
	char seed[65];
	int rules[NRULES * 4], nrules;
	int64_t round_id = 0;
	int *order = NULL;

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
			set_cause(cause, _("the seed must be 64 hexadecimal digits, not '%s'"), seed_in);
			return -1;
		}
		for (size_t i = 0; i <= len; i++)
			seed[i] = (char)(seed_in[i] >= 'A' && seed_in[i] <= 'F' ? seed_in[i] + 32
			                                                          : seed_in[i]);
	} else {
		unsigned char raw[32];

		randombytes_buf(raw, sizeof raw);
		hex(raw, sizeof raw, seed);
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
	/* The offerings' own rule when they have one (all the same), else the configuration's. */
	sqlite3_stmt *pr = db_prepare(db,
	                              "SELECT DISTINCT priority FROM offerings WHERE id IN (SELECT id"
	                              " FROM round_set) AND priority <> ''",
	                              cause);
	char *own = NULL;
	int kinds = 0;

	if (pr == NULL)
		goto fail;
	while (sqlite3_step(pr) == SQLITE_ROW) {
		kinds++;
		free(own);
		own = xstrdup(db_column_text(pr, 0));
	}
	sqlite3_finalize(pr);
	if (kinds > 1) {
		set_cause(cause, "%s",
		          _("the offerings of one round have different priority rules; draw them "
		            "apart or give them the same rule"));
		free(own);
		goto fail;
	}
	nrules = parse_priority(own ? own : cfg->priority, rules, cause);
	free(own);
	if (nrules < 0)
		goto fail;
	if (load_round_offerings(db, &d, cause) != 0 ||
	    load_applications(db, &d, seed, rules, nrules, cfg, cause) != 0)
		goto fail;
	group_valid(&d);
	order = allocate(&d);
	char canon[64] = "";

	for (int r = 0; r < nrules; r++) {
		strncat(canon, r ? "," : "", sizeof canon - strlen(canon) - 1);
		strncat(canon, rule_names[rules[r]], sizeof canon - strlen(canon) - 1);
	}
	if (assign_sessions(db, &d, order, cause) != 0 ||
	    write_round(db, &d, seed, canon, cfg, &round_id, cause) != 0)
		goto fail;
	char *detail = xasprintf("seed=%s %zu offerings %zu applications", seed, d.noffs, d.napps);
	int rc = db_audit(db, cfg->actor, redraw ? "redraw" : "draw", "lottery_round", round_id,
	                  detail, cause);

	free(detail);
	if (rc != 0 || db_commit(db, cause) != 0)
		goto fail;
	if (fk_off)
		db_exec(db, "PRAGMA foreign_keys = ON", NULL);
	db_exec(db, "PRAGMA cache_size = -2000", NULL);
	free(order);
	draw_free(&d);
	/* The summary as any later reader sees it. */
	char *code = NULL;
	sqlite3_stmt *st = db_prepare(db,
	                              "SELECT o.code FROM lottery_round_offerings ro JOIN offerings o"
	                              " ON o.id = ro.offering_id WHERE ro.round_id = ? LIMIT 1",
	                              cause);

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, round_id);
	if (sqlite3_step(st) == SQLITE_ROW)
		code = xstrdup(db_column_text(st, 0));
	sqlite3_finalize(st);
	rc = code ? lottery_round_of(db, code, out, cause) : -1;
	free(code);
	return rc == 0 ? 0 : -1;
fail:
	db_rollback(db);
	if (fk_off)
		db_exec(db, "PRAGMA foreign_keys = ON", NULL);
	db_exec(db, "PRAGMA cache_size = -2000", NULL);
	free(order);
	draw_free(&d);
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
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT r.id, r.seed, r.algorithm, r.priority, strftime('%Y-%m-%d %H:%M', r.run_at,"
	    " 'localtime'), r.run_by, r.waiting_max FROM"
	    " lottery_rounds r JOIN lottery_round_offerings ro ON ro.round_id = r.id JOIN offerings o"
	    " ON o.id = ro.offering_id WHERE o.code = ? AND r.superseded_at IS NULL",
	    cause);
	int rc;

	memset(out, 0, sizeof *out);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, offering);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		snprintf(out->seed, sizeof out->seed, "%s", db_column_text(st, 1));
		out->algorithm = xstrdup(db_column_text(st, 2));
		out->priority = xstrdup(db_column_text(st, 3));
		out->run_at = xstrdup(db_column_text(st, 4));
		out->run_by = xstrdup(db_column_text(st, 5));
		out->waiting_max = sqlite3_column_int(st, 6);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return 1;
	if (rc != SQLITE_ROW) {
		db_cause(db, cause, _("database error"));
		return -1;
	}
	/* The entries are counted in one pass over the round, then joined to its offerings. */
	st = db_prepare(db,
	                "SELECT o.code, " SQL_CLASS_TITLE ", v.name, ro.capacity, ifnull(x.valid, 0),"
	                " ifnull(x.won, 0), ifnull(x.waiting, 0), ifnull(x.lost, 0),"
	                " ifnull(x.excluded, 0) FROM lottery_round_offerings ro JOIN offerings o ON"
	                " o.id = ro.offering_id JOIN courses c ON c.id = o.course_id JOIN venues v ON"
	                " v.id = o.venue_id LEFT JOIN (SELECT offering_id,"
	                " count(CASE WHEN result IN ('won','waiting','lost') THEN 1 END) valid,"
	                " count(CASE result WHEN 'won' THEN 1 END) won,"
	                " count(CASE result WHEN 'waiting' THEN 1 END) waiting,"
	                " count(CASE result WHEN 'lost' THEN 1 END) lost,"
	                " count(CASE WHEN result IN ('ineligible','duplicate') THEN 1 END) excluded"
	                " FROM lottery_entries WHERE round_id = ?1 GROUP BY offering_id) x ON"
	                " x.offering_id = ro.offering_id WHERE ro.round_id = ?1 ORDER BY o.code",
	                cause);
	if (st == NULL) {
		lottery_round_free(out);
		return -1;
	}
	sqlite3_bind_int64(st, 1, out->id);
	size_t cap = 0;

	while (sqlite3_step(st) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? cap * 2 : 4;
			out->v = xrealloc(out->v, cap * sizeof *out->v);
		}
		struct lottery_offering *o = &out->v[out->n++];

		o->code = xstrdup(db_column_text(st, 0));
		o->title = xstrdup(db_column_text(st, 1));
		o->venue = xstrdup(db_column_text(st, 2));
		o->capacity = sqlite3_column_int(st, 3);
		o->applicants = sqlite3_column_int(st, 4);
		o->won = sqlite3_column_int(st, 5);
		o->waiting = sqlite3_column_int(st, 6);
		o->lost = sqlite3_column_int(st, 7);
		o->excluded = sqlite3_column_int(st, 8);
	}
	sqlite3_finalize(st);
	return 0;
}

/* ---- verification ---- */

int
lottery_verify(struct db *db, int64_t round_id, struct strlist *problems, char **cause)
{
	struct draw d;
	sqlite3_stmt *st;
	char seed[65] = "";
	int *order = NULL, rc = -1;
	int64_t last_person = -1;
	char last_code[40] = "";

	memset(&d, 0, sizeof d);
	if (sodium_init() < 0) {
		set_cause(cause, "%s", _("cannot start libsodium"));
		return -1;
	}
	st = db_prepare(db, "SELECT seed, waiting_max, algorithm FROM lottery_rounds WHERE id = ?",
	                cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, round_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		set_cause(cause, "%s", _("no such draw"));
		return -1;
	}
	snprintf(seed, sizeof seed, "%s", db_column_text(st, 0));
	d.waiting_max = sqlite3_column_int(st, 1);
	if (strcmp(db_column_text(st, 2), LOTTERY_ALGORITHM) != 0) {
		strlist_addf(problems, _("the draw used %s, which this sumaho does not know"),
		             db_column_text(st, 2));
		sqlite3_finalize(st);
		return 1;
	}
	sqlite3_finalize(st);
	st = db_prepare(db,
	                "SELECT ro.offering_id, ro.capacity, o.code FROM lottery_round_offerings ro"
	                " JOIN offerings o ON o.id = ro.offering_id WHERE ro.round_id = ? ORDER BY"
	                " o.code",
	                cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, round_id);
	size_t cap = 0;

	while (sqlite3_step(st) == SQLITE_ROW) {
		if (d.noffs == cap) {
			cap = cap ? cap * 2 : 8;
			d.offs = xrealloc(d.offs, cap * sizeof *d.offs);
		}
		struct doff *o = &d.offs[d.noffs++];

		memset(o, 0, sizeof *o);
		o->id = sqlite3_column_int64(st, 0);
		o->capacity = sqlite3_column_int(st, 1);
		snprintf(o->code, sizeof o->code, "%s", db_column_text(st, 2));
	}
	sqlite3_finalize(st);
	index_offerings(&d);
	/* The recorded inputs, by person; results kept aside to compare. */
	st = db_prepare(db,
	                "SELECT application_id, offering_id, person_code, choice, tier,"
	                " lower(hex(rank_key)), result, ifnull(position, 0) FROM lottery_entries"
	                " WHERE round_id = ?"
	                " ORDER BY person_code, choice, application_id",
	                cause);
	if (st == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, round_id);
	struct want {
		int result, position;
	} *want = NULL;
	size_t capwant = 0;
	struct dperson *p = NULL;

	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *code = db_column_text(st, 2), *res = db_column_text(st, 6);
		struct dapp *a = add_app(&d);
		int r;

		if (d.napps > capwant) {
			capwant = d.capapps;
			want = xrealloc(want, capwant * sizeof *want);
		}
		for (r = 1; r <= R_DUPLICATE; r++)
			if (strcmp(res, result_names[r]) == 0)
				break;
		a->id = sqlite3_column_int64(st, 0);
		a->off = off_index(&d, sqlite3_column_int64(st, 1));
		a->choice = sqlite3_column_int(st, 3);
		a->result = r >= R_INELIGIBLE ? r : R_NONE;
		want[d.napps - 1].result = r;
		want[d.napps - 1].position = sqlite3_column_int(st, 7);
		a->old_status = (int)(d.napps - 1); /* where its wanted result is */
		if (last_person < 0 || strcmp(code, last_code) != 0) {
			p = add_person(&d, code);
			p->tier = sqlite3_column_int(st, 4);
			rank_of(seed, code, p->hash);
			char rank[2 * crypto_hash_sha256_BYTES + 1];

			hex(p->hash, sizeof p->hash, rank);
			if (strcmp(rank, db_column_text(st, 5)) != 0)
				strlist_addf(problems, _("%s: recorded rank %s, computed %s"), code,
				             db_column_text(st, 5), rank);
			snprintf(last_code, sizeof last_code, "%s", code);
			last_person = 1;
		}
		a->person = (int)(p - d.people);
	}
	sqlite3_finalize(st);
	group_valid(&d);
	order = allocate(&d);
	for (size_t i = 0; i < d.napps; i++) {
		const struct dapp *a = &d.apps[i];
		const struct want *w = &want[a->old_status];

		if (a->result != w->result || (a->result == R_WAITING && a->position != w->position))
			strlist_addf(problems, _("%s, %s: recorded %s %d, recomputed %s %d"),
			             d.people[a->person].code, d.offs[a->off].code,
			             result_names[w->result], w->position, result_names[a->result],
			             a->position);
	}
	free(want);
	rc = problems->n > 0 ? 1 : 0;
out:
	free(order);
	draw_free(&d);
	return rc;
}

/* ---- export and lists ---- */

struct table *
lottery_export(struct db *db, int64_t round_id, char **cause)
{
	static const char *const cols[] = {
	    "round",    "seed",   "algorithm", "priority", "waiting_max", "offering",
	    "capacity", "application", "ref", "person", "name", "kana",  "phone",
	    "choice",   "tier",   "rank",      "drawn",    "position",    "status",
	    "waiting",  "session", "date",     "start",    "class",       "venue"};
	struct table *t = table_new(sizeof cols / sizeof cols[0], cols);
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT r.id, r.seed, r.algorithm, r.priority, r.waiting_max, o.code, ro.capacity,"
	    " a.id, ifnull(a.ref, ''), e.person_code, p.name, p.kana, p.phone, e.choice, e.tier,"
	    " lower(hex(e.rank_key)), e.result, ifnull(e.position, ''), a.status,"
	    " ifnull(a.waiting_position, ''), ifnull(s.code, ''), ifnull(s.date, ''),"
	    " ifnull(s.start, ''), " SQL_CLASS_TITLE ", v.name"
	    " FROM lottery_entries e JOIN lottery_rounds r ON r.id = e.round_id"
	    " JOIN lottery_round_offerings ro ON ro.round_id = e.round_id AND ro.offering_id ="
	    " e.offering_id JOIN offerings o ON o.id = e.offering_id JOIN courses c ON c.id ="
	    " o.course_id JOIN venues v ON v.id = o.venue_id JOIN applications a ON a.id ="
	    " e.application_id JOIN people p ON p.id = a.person_id LEFT JOIN sessions s ON s.id ="
	    " a.session_id WHERE e.round_id = ? ORDER BY o.code, CASE e.result WHEN 'won' THEN 0"
	    " WHEN 'waiting' THEN 1 WHEN 'lost' THEN 2 ELSE 3 END, e.position, e.tier,"
	    " e.rank_key, e.choice",
	    cause);

	if (st == NULL) {
		table_free(t);
		return NULL;
	}
	sqlite3_bind_int64(st, 1, round_id);
	return overview_fill(db, st, t, -1, DATE_WESTERN, cause);
}

int
lottery_session_lists(struct db *db, const char *offering, enum date_style style, int width,
                      struct strlist *lines, char **cause)
{
	static const char *const hdr[] = {N_("No."), N_("Code"), N_("Name"), N_("Kana"),
	                                  N_("Phone")};
	sqlite3_stmt *ss = db_prepare(db,
	                              "SELECT s.id, s.code, s.date, s.start, s.seats, s.status FROM"
	                              " sessions s JOIN offerings o ON o.id = s.offering_id WHERE"
	                              " o.code = ? ORDER BY s.date, s.start",
	                              cause);
	sqlite3_stmt *ps = db_prepare(db,
	                              "SELECT p.code, p.name, p.kana, p.phone FROM applications a"
	                              " JOIN people p ON p.id = a.person_id WHERE a.session_id = ?"
	                              " AND a.status = 'won' ORDER BY p.kana, p.code",
	                              cause);
	sqlite3_stmt *ws = db_prepare(db,
	                              "SELECT a.waiting_position, p.code, p.name, p.kana, p.phone FROM"
	                              " applications a JOIN people p ON p.id = a.person_id JOIN"
	                              " offerings o ON o.id = a.offering_id WHERE o.code = ? AND"
	                              " a.status = 'waiting' ORDER BY a.waiting_position",
	                              cause);
	int rc = -1;

	if (ss == NULL || ps == NULL || ws == NULL)
		goto out;
	db_bind_text(ss, 1, offering);
	while (sqlite3_step(ss) == SQLITE_ROW) {
		struct date d;
		char *day = date_parse(db_column_text(ss, 2), &d) == 0 ? date_format(&d, style)
		                                                       : xstrdup(db_column_text(ss, 2));
		struct table *t = table_new_i18n(5, hdr, "rllll");
		int k = 0;

		strlist_addf(lines, _("%s  %s %s  (%d seats)%s"), db_column_text(ss, 1), day,
		             db_column_text(ss, 3), sqlite3_column_int(ss, 4),
		             strcmp(db_column_text(ss, 5), "cancelled") == 0 ? _("  cancelled") : "");
		free(day);
		sqlite3_reset(ps);
		sqlite3_bind_int64(ps, 1, sqlite3_column_int64(ss, 0));
		while (sqlite3_step(ps) == SQLITE_ROW) {
			char no[16];

			snprintf(no, sizeof no, "%d", ++k);
			table_add_row(t, (const char *const[]){no, db_column_text(ps, 0),
			                                       db_column_text(ps, 1), db_column_text(ps, 2),
			                                       db_column_text(ps, 3)});
		}
		if (k == 0)
			strlist_add(lines, xstrdup(_("  (nobody)")));
		else
			table_format(t, width, lines);
		table_free(t);
		strlist_add(lines, xstrdup(""));
	}
	strlist_add(lines, xstrdup(_("Waiting list (補欠), in order")));
	struct table *t = table_new_i18n(5, hdr, "rllll");

	db_bind_text(ws, 1, offering);
	while (sqlite3_step(ws) == SQLITE_ROW)
		table_add_row(t, (const char *const[]){db_column_text(ws, 0), db_column_text(ws, 1),
		                                       db_column_text(ws, 2), db_column_text(ws, 3),
		                                       db_column_text(ws, 4)});
	if (t->nrows == 0)
		strlist_add(lines, xstrdup(_("  (nobody)")));
	else
		table_format(t, width, lines);
	table_free(t);
	rc = 0;
out:
	sqlite3_finalize(ss);
	sqlite3_finalize(ps);
	sqlite3_finalize(ws);
	return rc;
}

/* ---- applications at the counter, cancellations ---- */

static const char *const channels[] = {"counter", "phone", "postcard", "online", NULL};
static const char *const statuses[] = {"applied",   "won",        "waiting",   "lost",
                                       "cancelled", "ineligible", "duplicate", NULL};

/* Nonzero if v is one of words; else *cause lists them. */
static int
is_one_of(const char *v, const char *const *words, char **cause)
{
	char list[128] = "";

	for (int k = 0; words[k] != NULL; k++)
		if (strcmp(v, words[k]) == 0)
			return 1;
	for (int k = 0; words[k] != NULL; k++)
		snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", k ? ", " : "",
		         words[k]);
	set_cause(cause, _("'%s' is not one of: %s"), v, list);
	return 0;
}

/* The values of an entry on their own: channel, choice, day. */
static int
check_entry(const struct lottery_entry *e, const char **field, char **cause)
{
	struct date d;

	*field = "channel";
	if (!is_one_of(e->channel, channels, cause))
		return -1;
	*field = "choice";
	if (e->choice < 1 || e->choice > 9) {
		char given[16];

		snprintf(given, sizeof given, "%d", e->choice);
		set_cause(cause, _("must be a whole number from %ld to %ld, not '%s'"), 1L, 9L,
		          given);
		return -1;
	}
	*field = "applied_at";
	if (date_parse(e->applied_on, &d) != 0) {
		set_cause(cause, _("'%s' is not a date of the form YYYY-MM-DD that exists"),
		          e->applied_on);
		return -1;
	}
	*field = NULL;
	return 0;
}

/* An offering as an application sees it. */
struct apply_offering {
	int64_t id;
	int year, drawn, cancelled;
	char from[11], to[11];
};

/* Load the offering named by code; 0, or -1 with *cause (an unknown one too). */
static int
load_apply_offering(struct db *db, const char *code, struct apply_offering *o, char **cause)
{
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT id, status = 'cancelled', apply_from, apply_to, CAST(substr(apply_to, 1, 4) AS"
	    " INTEGER), EXISTS (SELECT 1 FROM lottery_round_offerings ro JOIN lottery_rounds r ON"
	    " r.id = ro.round_id AND r.superseded_at IS NULL WHERE ro.offering_id = offerings.id)"
	    " FROM offerings WHERE code = ?",
	    cause);

	memset(o, 0, sizeof *o);
	if (st == NULL)
		return -1;
	db_bind_text(st, 1, code);
	if (sqlite3_step(st) == SQLITE_ROW) {
		o->id = sqlite3_column_int64(st, 0);
		o->cancelled = sqlite3_column_int(st, 1);
		snprintf(o->from, sizeof o->from, "%s", db_column_text(st, 2));
		snprintf(o->to, sizeof o->to, "%s", db_column_text(st, 3));
		o->year = sqlite3_column_int(st, 4);
		o->drawn = sqlite3_column_int(st, 5);
	}
	sqlite3_finalize(st);
	if (o->id == 0) {
		set_cause(cause, _("no %s with code '%s'"), _("offering"), code);
		return -1;
	}
	return 0;
}

/* Whether this entry was received before: 1 (the same application), 0, or -1 with *cause (a
 * reference that is someone else's application). */
static int
received_before(struct db *db, const struct lottery_entry *e, int64_t offering, char **cause)
{
	int has_ref = e->ref != NULL && *e->ref != '\0';
	sqlite3_stmt *st = db_prepare(
	    db,
	    has_ref ? "SELECT offering_id = ?2 AND person_id = ?3 FROM applications WHERE ref = ?1"
	            : "SELECT 1 FROM applications WHERE offering_id = ?2 AND person_id = ?3 AND"
	              " applied_at = ?4 AND channel = ?5 AND ref IS NULL LIMIT 1",
	    cause);
	int same = 0;

	if (st == NULL)
		return -1;
	if (has_ref)
		db_bind_text(st, 1, e->ref);
	sqlite3_bind_int64(st, 2, offering);
	sqlite3_bind_int64(st, 3, e->person_id);
	if (!has_ref) {
		db_bind_text(st, 4, e->applied_on);
		db_bind_text(st, 5, e->channel);
	}
	if (sqlite3_step(st) == SQLITE_ROW)
		same = sqlite3_column_int(st, 0) ? 1 : -1;
	sqlite3_finalize(st);
	if (same < 0)
		set_cause(cause,
		          _("reference '%s' is already another application (another person or "
		            "class)"),
		          e->ref);
	return same;
}

int
lottery_receive(struct db *db, const struct lottery_entry *e, int batch,
                const struct lottery_config *cfg, const char *actor, char **ineligible,
                const char **field, char **cause)
{
	struct apply_offering o;
	sqlite3_stmt *st;
	const char *dummy;
	char *reason = NULL;
	int64_t first = 0;
	int rc = -1;

	if (field == NULL)
		field = &dummy;
	if (ineligible != NULL)
		*ineligible = NULL;
	if (check_entry(e, field, cause) != 0)
		return -1;
	if (db_begin(db, cause) != 0)
		return -1;
	*field = "offering";
	if (load_apply_offering(db, e->offering, &o, cause) != 0)
		goto fail;
	if (o.cancelled) {
		set_cause(cause, _("offering %s is cancelled"), e->offering);
		goto fail;
	}
	int outside = strcmp(e->applied_on, o.from) < 0 || strcmp(e->applied_on, o.to) > 0;

	if (outside && !batch) {
		set_cause(cause, _("%s takes applications from %s to %s"), e->offering, o.from,
		          o.to);
		goto fail;
	}
	if (batch) {
		*field = "ref";
		int seen = received_before(db, e, o.id, cause);

		if (seen != 0) {
			db_rollback(db);
			return seen > 0 ? 1 : -1;
		}
	}
	*field = "offering";
	if (o.drawn) {
		set_cause(cause, _("%s has been drawn already; no more applications"), e->offering);
		goto fail;
	}
	*field = NULL;
	/* A second application by the same person to the same class counts once. */
	st = db_prepare(db,
	                "SELECT id, ifnull(ref, '#' || id), applied_at FROM applications WHERE"
	                " offering_id = ? AND person_id = ? AND status NOT IN ('cancelled',"
	                " 'duplicate') ORDER BY id LIMIT 1",
	                cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, o.id);
	sqlite3_bind_int64(st, 2, e->person_id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		first = sqlite3_column_int64(st, 0);
		if (batch)
			reason = xasprintf(_("the same person as application %s"),
			                   db_column_text(st, 1));
		else
			set_cause(cause, _("this person applied to %s already, on %s"), e->offering,
			          db_column_text(st, 2));
	}
	sqlite3_finalize(st);
	if (first != 0 && !batch)
		goto fail;
	/* Eligibility is the person's record's: residence is the city's record, not a form's. */
	st = db_prepare(db, "SELECT ifnull(birth_year, 0), resident FROM people WHERE id = ?",
	                cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, e->person_id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		set_cause(cause, "%s", _("no such person"));
		goto fail;
	}
	if (first == 0 && cfg != NULL)
		reason = lottery_ineligible(cfg, sqlite3_column_int(st, 0),
		                            sqlite3_column_int(st, 1), o.year);
	sqlite3_finalize(st);
	if (first == 0 && reason == NULL && outside)
		reason =
		    xasprintf(_("applied on %s, outside the application window"), e->applied_on);
	st = db_prepare(db,
	                "INSERT INTO applications (ref, offering_id, person_id, channel, choice,"
	                " applied_at, status, reason, duplicate_of, entered_by) VALUES"
	                " (?,?,?,?,?,?,?,?,?,?)",
	                cause);
	if (st == NULL)
		goto fail;
	db_bind_text(st, 1, e->ref != NULL && *e->ref ? e->ref : NULL);
	sqlite3_bind_int64(st, 2, o.id);
	sqlite3_bind_int64(st, 3, e->person_id);
	db_bind_text(st, 4, e->channel);
	sqlite3_bind_int(st, 5, e->choice);
	db_bind_text(st, 6, e->applied_on);
	db_bind_text(st, 7, first ? "duplicate" : reason ? "ineligible" : "applied");
	db_bind_text(st, 8, reason ? reason : "");
	if (first)
		sqlite3_bind_int64(st, 9, first);
	db_bind_text(st, 10, actor);
	if (sqlite3_step(st) != SQLITE_DONE) {
		db_cause(db, cause, _("cannot record the application"));
		sqlite3_finalize(st);
		goto fail;
	}
	sqlite3_finalize(st);
	int64_t id = sqlite3_last_insert_rowid(db->h);

	if ((!batch && db_audit(db, actor, "apply", "application", id, e->offering, cause) != 0) ||
	    db_commit(db, cause) != 0)
		goto fail;
	if (ineligible != NULL && first == 0)
		*ineligible = reason;
	else
		free(reason);
	return 0;
fail:
	db_rollback(db);
	free(reason);
	return rc;
}

int
lottery_apply(struct db *db, const char *offering, int64_t person_id, int choice,
              const char *channel, const struct date *today, const struct lottery_config *cfg,
              char **ineligible, char **cause)
{
	char *day = date_iso(today);
	struct lottery_entry e = {NULL, offering, person_id, channel, choice, day, NULL, NULL};
	const char *field = NULL;
	int rc = lottery_receive(db, &e, 0, cfg, cfg->actor, ineligible, &field, cause);

	free(day);
	/* What names no field of its own is prefixed with the field's name. */
	if (rc != 0 && field != NULL &&
	    (strcmp(field, "choice") == 0 || strcmp(field, "channel") == 0) && cause != NULL &&
	    *cause != NULL) {
		char *why = *cause;

		*cause = xasprintf(_("%s: %s"),
		                   strcmp(field, "choice") == 0 ? _("choice") : _("channel"), why);
		free(why);
	}
	return rc == 0 ? 0 : -1;
}

/* The id of the session whose code is code, if it is one of offering's; 0 with *cause. */
static int64_t
session_of(struct db *db, const char *code, int64_t offering, const char *offering_code,
           char **cause)
{
	sqlite3_stmt *st =
	    db_prepare(db, "SELECT id, offering_id FROM sessions WHERE code = ?", cause);
	int64_t id = 0, of = 0;

	if (st == NULL)
		return -1;
	db_bind_text(st, 1, code);
	if (sqlite3_step(st) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		of = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (id == 0)
		set_cause(cause, _("no %s with code '%s'"), _("session"), code);
	else if (of != offering) {
		set_cause(cause, _("session '%s' is not a session of '%s'"), code, offering_code);
		id = 0;
	}
	return id;
}

int
lottery_record(struct db *db, const struct lottery_entry *e, const char *actor, const char **field,
               char **cause)
{
	const char *status = e->status != NULL && *e->status ? e->status : "applied";
	int has_ref = e->ref != NULL && *e->ref != '\0';
	struct apply_offering o;
	int64_t session = 0, existing = 0;
	const char *dummy;
	sqlite3_stmt *st;

	if (field == NULL)
		field = &dummy;
	if (check_entry(e, field, cause) != 0)
		return -1;
	*field = "status";
	if (!is_one_of(status, statuses, cause))
		return -1;
	if (db_begin(db, cause) != 0)
		return -1;
	*field = "offering";
	if (load_apply_offering(db, e->offering, &o, cause) != 0)
		goto fail;
	if (e->session != NULL && *e->session != '\0') {
		*field = "session";
		if ((session = session_of(db, e->session, o.id, e->offering, cause)) <= 0)
			goto fail;
		if (strcmp(status, "won") != 0) {
			set_cause(cause, "%s", _("only a won application has a session"));
			goto fail;
		}
	}
	/* The application this is: by reference, or else by person and offering. */
	*field = "ref";
	st = db_prepare(db,
	                has_ref ? "SELECT id, person_id = ?2 AND offering_id = ?3 FROM applications"
	                          " WHERE ref = ?1"
	                        : "SELECT id, 1 FROM applications WHERE person_id = ?2 AND"
	                          " offering_id = ?3 AND ref IS NULL",
	                cause);
	if (st == NULL)
		goto fail;
	if (has_ref)
		db_bind_text(st, 1, e->ref);
	sqlite3_bind_int64(st, 2, e->person_id);
	sqlite3_bind_int64(st, 3, o.id);
	if (sqlite3_step(st) == SQLITE_ROW) {
		existing = sqlite3_column_int64(st, 0);
		if (!sqlite3_column_int(st, 1))
			existing = -1;
	}
	sqlite3_finalize(st);
	if (existing < 0) {
		set_cause(cause,
		          _("reference '%s' is already another application (another person or "
		            "class)"),
		          e->ref);
		goto fail;
	}
	*field = NULL;
	st = db_prepare(db,
	                existing > 0
	                    ? "UPDATE applications SET status = ?7, session_id = ?8 WHERE id = ?9"
	                    : "INSERT INTO applications (ref, offering_id, person_id, channel,"
	                      " choice, applied_at, status, session_id, entered_by) VALUES"
	                      " (?1,?2,?3,?4,?5,?6,?7,?8,?10)",
	                cause);
	if (st == NULL)
		goto fail;
	db_bind_text(st, 1, has_ref ? e->ref : NULL);
	sqlite3_bind_int64(st, 2, o.id);
	sqlite3_bind_int64(st, 3, e->person_id);
	db_bind_text(st, 4, e->channel);
	sqlite3_bind_int(st, 5, e->choice);
	db_bind_text(st, 6, e->applied_on);
	db_bind_text(st, 7, status);
	if (session > 0)
		sqlite3_bind_int64(st, 8, session);
	if (existing > 0)
		sqlite3_bind_int64(st, 9, existing);
	else
		db_bind_text(st, 10, actor);
	int rc = sqlite3_step(st);

	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_cause(db, cause, _("cannot record the application"));
		goto fail;
	}
	if (db_commit(db, cause) != 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

/* The offerings of the live round that holds a.offering_id (a SQL subquery). */
#define ROUND_OFFERINGS                                                                            \
	"SELECT ro2.offering_id FROM lottery_round_offerings ro1 JOIN lottery_rounds r ON r.id ="  \
	" ro1.round_id AND r.superseded_at IS NULL JOIN lottery_round_offerings ro2 ON"            \
	" ro2.round_id = ro1.round_id WHERE ro1.offering_id = ?9"

int
lottery_cancel(struct db *db, const char *offering, const char *person,
               const struct lottery_config *cfg, char **promoted, char **cause)
{
	sqlite3_stmt *st;
	int64_t app = 0, off = 0, session = 0;
	int position = 0;
	char status[16] = "";

	*promoted = NULL;
	if (db_begin(db, cause) != 0)
		return -1;
	st = db_prepare(db,
	                "SELECT a.id, a.offering_id, a.status, ifnull(a.session_id, 0),"
	                " ifnull(a.waiting_position, 0) FROM applications a JOIN offerings o ON o.id ="
	                " a.offering_id JOIN people p ON p.id = a.person_id WHERE o.code = ? AND"
	                " p.code = ? AND a.status NOT IN ('cancelled', 'duplicate') ORDER BY a.id"
	                " LIMIT 1",
	                cause);
	if (st == NULL)
		goto fail;
	db_bind_text(st, 1, offering);
	db_bind_text(st, 2, person);
	if (sqlite3_step(st) == SQLITE_ROW) {
		app = sqlite3_column_int64(st, 0);
		off = sqlite3_column_int64(st, 1);
		snprintf(status, sizeof status, "%s", db_column_text(st, 2));
		session = sqlite3_column_int64(st, 3);
		position = sqlite3_column_int(st, 4);
	}
	sqlite3_finalize(st);
	if (app == 0) {
		set_cause(cause, _("%s has no application to %s"), person, offering);
		goto fail;
	}
	st = db_prepare(db,
	                "UPDATE applications SET status = 'cancelled', waiting_position = NULL,"
	                " session_id = NULL WHERE id = ?",
	                cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, app);
	sqlite3_step(st);
	sqlite3_finalize(st);
	char *detail = xasprintf("%s %s was %s", offering, person, status);
	int rc = db_audit(db, cfg->actor, "cancel", "application", app, detail, cause);

	free(detail);
	if (rc != 0)
		goto fail;
	if (strcmp(status, "won") == 0) {
		/* 繰り上げ当選: the first waiting takes the seat, in the same session. */
		int64_t next = 0;

		/* Someone who holds a seat elsewhere is never moved up a second time. */
		st = db_prepare(db,
		                "SELECT a.id, p.code, a.waiting_position, a.person_id FROM applications a"
		                " JOIN people p ON p.id = a.person_id WHERE a.offering_id = ? AND"
		                " a.status = 'waiting' AND NOT EXISTS (SELECT 1 FROM applications w"
		                " WHERE w.person_id = a.person_id AND w.status = 'won' AND"
		                " w.offering_id IN (" ROUND_OFFERINGS ")) ORDER BY"
		                " a.waiting_position LIMIT 1",
		                cause);
		if (st == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, off);
		sqlite3_bind_int64(st, 9, off);
		int64_t next_person = 0;

		if (sqlite3_step(st) == SQLITE_ROW) {
			next = sqlite3_column_int64(st, 0);
			*promoted = xstrdup(db_column_text(st, 1));
			position = sqlite3_column_int(st, 2);
			next_person = sqlite3_column_int64(st, 3);
		}
		sqlite3_finalize(st);
		if (next != 0) {
			st = db_prepare(db,
			                "UPDATE applications SET status = 'won', waiting_position = NULL,"
			                " session_id = nullif(?, 0) WHERE id = ?",
			                cause);
			if (st == NULL)
				goto fail;
			sqlite3_bind_int64(st, 1, session);
			sqlite3_bind_int64(st, 2, next);
			sqlite3_step(st);
			sqlite3_finalize(st);
			detail = xasprintf("%s %s promoted from waiting %d in place of %s", offering,
			                   *promoted, position, person);
			rc = db_audit(db, cfg->actor, "promote", "application", next, detail, cause);
			free(detail);
			if (rc != 0)
				goto fail;
			/* One seat a person: their places on other waiting lists go, and those lists
			 * close up behind them. */
			sqlite3_stmt *other = db_prepare(db,
			                                 "SELECT a.id, a.offering_id, a.waiting_position"
			                                 " FROM applications a WHERE a.person_id = ? AND"
			                                 " a.status = 'waiting' AND a.offering_id IN ("
			                                 ROUND_OFFERINGS ")",
			                                 cause);
			sqlite3_stmt *lose = db_prepare(db,
			                                "UPDATE applications SET status = 'lost',"
			                                " waiting_position = NULL WHERE id = ?",
			                                cause);
			sqlite3_stmt *close_up = db_prepare(db,
			                                    "UPDATE applications SET waiting_position ="
			                                    " waiting_position - 1 WHERE offering_id = ?"
			                                    " AND status = 'waiting' AND"
			                                    " waiting_position > ?",
			                                    cause);
			int bad = other == NULL || lose == NULL || close_up == NULL;

			sqlite3_bind_int64(other, 1, next_person);
			sqlite3_bind_int64(other, 9, off);
			while (!bad && sqlite3_step(other) == SQLITE_ROW) {
				sqlite3_reset(lose);
				sqlite3_bind_int64(lose, 1, sqlite3_column_int64(other, 0));
				sqlite3_reset(close_up);
				sqlite3_bind_int64(close_up, 1, sqlite3_column_int64(other, 1));
				sqlite3_bind_int(close_up, 2, sqlite3_column_int(other, 2));
				bad = sqlite3_step(lose) != SQLITE_DONE ||
				      sqlite3_step(close_up) != SQLITE_DONE;
			}
			sqlite3_finalize(other);
			sqlite3_finalize(lose);
			sqlite3_finalize(close_up);
			if (bad) {
				db_cause(db, cause, _("database error"));
				goto fail;
			}
		}
	}
	if (position > 0) {
		/* The waiting list closes up behind the one who left it. */
		st = db_prepare(db,
		                "UPDATE applications SET waiting_position = waiting_position - 1 WHERE"
		                " offering_id = ? AND status = 'waiting' AND waiting_position > ?",
		                cause);
		if (st == NULL)
			goto fail;
		sqlite3_bind_int64(st, 1, off);
		sqlite3_bind_int(st, 2, position);
		sqlite3_step(st);
		sqlite3_finalize(st);
	}
	if (db_commit(db, cause) != 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	free(*promoted);
	*promoted = NULL;
	return -1;
}

/* ---- lists for the screens ---- */

struct table *
lottery_offerings(struct db *db, const struct date *today, char **cause)
{
	static const char *const titles[] = {N_("Class"),   N_("Venue"),      N_("Applications"),
	                                     N_("Seats"),   N_("Applicants"), N_("State")};
	struct table *t = table_new_i18n(6, titles, "llkrrl");
	char *iso = date_iso(today);
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT o.code, " SQL_CLASS_TITLE ", v.name, o.apply_from || '..' || substr(o.apply_to, 6),"
	    " o.capacity, (SELECT count(*) FROM applications a WHERE a.offering_id = o.id AND"
	    " a.status NOT IN ('cancelled', 'duplicate', 'ineligible')), o.status,"
	    " EXISTS (SELECT 1 FROM lottery_round_offerings ro JOIN lottery_rounds r ON r.id ="
	    " ro.round_id AND r.superseded_at IS NULL WHERE ro.offering_id = o.id),"
	    " ?1 BETWEEN o.apply_from AND o.apply_to, ?1 < o.apply_from"
	    " FROM offerings o JOIN courses c ON c.id ="
	    " o.course_id JOIN venues v ON v.id = o.venue_id ORDER BY o.apply_to DESC, o.code",
	    cause);

	if (st == NULL) {
		free(iso);
		table_free(t);
		return NULL;
	}
	db_bind_text(st, 1, iso);
	free(iso);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *state = strcmp(db_column_text(st, 6), "cancelled") == 0 ? _("cancelled")
		                    : sqlite3_column_int(st, 7)                     ? _("drawn")
		                    : sqlite3_column_int(st, 8)                     ? _("open")
		                    : sqlite3_column_int(st, 9) ? _("not open yet")
		                                                : _("applications closed");

		table_add_keyed_row(t,
		                    (const char *const[]){db_column_text(st, 1), db_column_text(st, 2),
		                                          db_column_text(st, 3), db_column_text(st, 4),
		                                          db_column_text(st, 5), state},
		                    db_column_text(st, 0));
	}
	sqlite3_finalize(st);
	return t;
}

struct table *
lottery_applications(struct db *db, const char *offering, char **cause)
{
	static const char *const titles[] = {N_("Code"), N_("Name"),   N_("Kana"),
	                                     N_("Choice"), N_("Result"), N_("Session")};
	struct table *t = table_new_i18n(6, titles, "lllrll");
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT p.code, p.name, p.kana, a.choice, a.status, ifnull(a.waiting_position, 0),"
	    " a.reason, ifnull(s.date || ' ' || s.start, '') FROM applications a JOIN people p ON"
	    " p.id = a.person_id JOIN offerings o ON o.id = a.offering_id LEFT JOIN sessions s ON"
	    " s.id = a.session_id WHERE o.code = ? ORDER BY CASE a.status WHEN 'won' THEN 0 WHEN"
	    " 'waiting' THEN 1 WHEN 'applied' THEN 2 WHEN 'lost' THEN 3 ELSE 4 END,"
	    " a.waiting_position, p.kana, p.code",
	    cause);

	if (st == NULL) {
		table_free(t);
		return NULL;
	}
	db_bind_text(st, 1, offering);
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *status = db_column_text(st, 4);
		char *result = lottery_result_label(status, sqlite3_column_int(st, 5),
		                                    db_column_text(st, 6));

		table_add_keyed_row(t,
		                    (const char *const[]){db_column_text(st, 0), db_column_text(st, 1),
		                                          db_column_text(st, 2), db_column_text(st, 3),
		                                          result, db_column_text(st, 7)},
		                    db_column_text(st, 0));
		free(result);
	}
	sqlite3_finalize(st);
	return t;
}

char *
lottery_result_label(const char *status, int position, const char *reason)
{
	if (strcmp(status, "won") == 0)
		return xstrdup(_("won (当選)"));
	if (strcmp(status, "waiting") == 0)
		return xasprintf(_("waiting %d (補欠)"), position);
	if (strcmp(status, "lost") == 0)
		return xstrdup(_("lost (落選)"));
	if (strcmp(status, "applied") == 0)
		return xstrdup(_("applied"));
	if (strcmp(status, "cancelled") == 0)
		/* TRANSLATORS: an application the person withdrew. */
		return xstrdup(_("withdrawn"));
	if (strcmp(status, "duplicate") == 0)
		return xasprintf(_("duplicate: %s"), reason);
	return xasprintf(_("ineligible: %s"), reason);
}
