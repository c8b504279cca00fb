/* models/consult/slots.c: templates, generation, the day view and bookings. Every booking operation is
 * one BEGIN IMMEDIATE transaction that reads the slot again under the write lock; the partial
 * unique index bookings_one_per_slot is the last word when two terminals race. */
#include "config.h"
#include "models/consult/slots.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/core/text.h"

/* ---- templates ---- */

static const char *const day_names[7] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
static const char *const day_names_long[7] = {"sunday",   "monday", "tuesday", "wednesday",
                                              "thursday", "friday", "saturday"};
/* 日 月 火 水 木 金 土 */
static const uint32_t day_kanji[7] = {0x65E5, 0x6708, 0x706B, 0x6C34, 0x6728, 0x91D1, 0x571F};

/* The spec with full-width forms folded to ASCII, '〜' and '~' as '-', '、' as ',', lower
 * case, and no spaces around '-' or ','; a new string. */
static char *
normalise_spec(const char *spec)
{
	size_t len = strlen(spec), i = 0, o = 0;
	char *out = xmalloc(len + 1);
	uint32_t cp;

	while (i < len) {
		int n = utf8_decode(spec + i, len - i, &cp);

		if (n < 0) {
			i++;
			continue;
		}
		i += (size_t)n;
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		if (cp == 0x301C || cp == '~')
			cp = '-';
		else if (cp == 0x3001)
			cp = ',';
		else if (cp == 0x3000 || cp == '\t')
			cp = ' ';
		else if (cp >= 'A' && cp <= 'Z')
			cp += 'a' - 'A';
		if ((cp == '-' || cp == ',') && o > 0 && out[o - 1] == ' ')
			o--;
		if (cp == ' ' && o > 0 && (out[o - 1] == '-' || out[o - 1] == ',' || out[o - 1] == ' '))
			continue;
		o += (size_t)utf8_encode(cp, out + o);
	}
	out[o] = '\0';
	return out;
}

/* The day of the week a word names (0 = Sunday), or -1. */
static int
parse_day(const char *w, size_t len)
{
	for (int d = 0; d < 7; d++) {
		if ((len == 3 && strncmp(w, day_names[d], 3) == 0) ||
		    (len == strlen(day_names_long[d]) && strncmp(w, day_names_long[d], len) == 0))
			return d;
	}
	uint32_t cp;
	int n = utf8_decode(w, len, &cp);

	if (n < 0)
		return -1;
	/* 月, 月曜 or 月曜日 */
	if ((size_t)n != len && !((size_t)n + 3 == len && strncmp(w + n, "曜", 3) == 0) &&
	    !((size_t)n + 6 == len && strncmp(w + n, "曜日", 6) == 0))
		return -1;
	for (int d = 0; d < 7; d++)
		if (day_kanji[d] == cp)
			return d;
	return -1;
}

/* Mark the days a word such as "mon-fri" or "tue,thu" names; 0, or -1 with *cause. */
static int
parse_days(const char *word, int *days, char **cause)
{
	const char *p = word;

	while (*p) {
		size_t len = strcspn(p, ",");
		const char *dash = memchr(p, '-', len);
		int a, b;

		if (dash != NULL) {
			a = parse_day(p, (size_t)(dash - p));
			b = parse_day(dash + 1, len - (size_t)(dash - p) - 1);
		} else
			a = b = parse_day(p, len);
		if (a < 0 || b < 0) {
			set_cause(cause, _("'%.*s' is not a day of the week (mon..sun or 月..日)"),
			          (int)len, p);
			return -1;
		}
		for (int d = a;; d = (d + 1) % 7) {
			days[d] = 1;
			if (d == b)
				break;
		}
		p += len;
		if (*p == ',')
			p++;
	}
	return 0;
}

/* "10:00-12:00" as minutes; 0, or -1 with *cause. */
static int
parse_period(const char *w, int *from, int *to, char **cause)
{
	const char *dash = strchr(w, '-');
	char a[8], b[8];

	if (dash == NULL || dash - w > 5 || strlen(dash + 1) > 5)
		goto bad;
	snprintf(a, sizeof a, "%.*s", (int)(dash - w), w);
	snprintf(b, sizeof b, "%s", dash + 1);
	/* H:MM as well as HH:MM */
	for (char *t = a; t; t = t == a ? b : NULL)
		if (strlen(t) == 4 && t[1] == ':') {
			memmove(t + 1, t, 5);
			t[0] = '0';
		}
	*from = time_parse(a);
	*to = time_parse(b);
	if (*from < 0 || *to < 0)
		goto bad;
	if (*to - *from < SLOT_MINUTES) {
		set_cause(cause, _("'%s': a period must last at least %d minutes"), w, SLOT_MINUTES);
		return -1;
	}
	return 0;
bad:
	set_cause(cause, _("'%s' is not a period of the form HH:MM-HH:MM"), w);
	return -1;
}

int
slot_template_parse(const char *spec, struct slot_template *t, char **cause)
{
	char *s = normalise_spec(spec), *save = NULL;
	int rc = -1, groups = 0;

	memset(t, 0, sizeof *t);
	if (text_invalid_at(spec, strlen(spec)) >= 0 || text_has_control(spec, NULL)) {
		set_cause(cause, "%s", _("the template holds a control character or invalid text"));
		goto out;
	}
	for (char *g = strtok_r(s, ";", &save); g != NULL; g = strtok_r(NULL, ";", &save)) {
		int days[7] = {0}, ndays = 0, nper = 0, from[SLOT_MAX_PERIODS], to[SLOT_MAX_PERIODS];
		char *wsave = NULL;

		for (char *w = strtok_r(g, " ", &wsave); w != NULL; w = strtok_r(NULL, " ", &wsave)) {
			if (*w >= '0' && *w <= '9') {
				if (ndays == 0) {
					set_cause(cause, _("'%s': name the days before the hours"), w);
					goto out;
				}
				if (nper == SLOT_MAX_PERIODS) {
					set_cause(cause, _("at most %d periods a day"), SLOT_MAX_PERIODS);
					goto out;
				}
				if (parse_period(w, &from[nper], &to[nper], cause) != 0)
					goto out;
				nper++;
			} else {
				if (nper > 0) {
					set_cause(cause,
					          _("'%s': separate groups of days with ';'"), w);
					goto out;
				}
				if (parse_days(w, days, cause) != 0)
					goto out;
				ndays++;
			}
		}
		if (ndays == 0 && nper == 0)
			continue; /* an empty group, as after a final ';' */
		if (nper == 0) {
			set_cause(cause, _("'%s': no hours given (for example 10:00-12:00)"), g);
			goto out;
		}
		groups++;
		for (int d = 0; d < 7; d++) {
			if (!days[d])
				continue;
			for (int k = 0; k < nper; k++) {
				/* Overlaps within a day would make the same slot twice. */
				for (int j = 0; j < t->n[d]; j++)
					if (from[k] < t->p[d][j].to && to[k] > t->p[d][j].from) {
						set_cause(cause, _("hours overlap on %s"), day_names[d]);
						goto out;
					}
				if (t->n[d] == SLOT_MAX_PERIODS) {
					set_cause(cause, _("at most %d periods a day"), SLOT_MAX_PERIODS);
					goto out;
				}
				/* Keep each day's periods in time order. */
				int j = t->n[d]++;

				while (j > 0 && t->p[d][j - 1].from > from[k]) {
					t->p[d][j] = t->p[d][j - 1];
					j--;
				}
				t->p[d][j].from = from[k];
				t->p[d][j].to = to[k];
			}
		}
	}
	if (groups == 0) {
		set_cause(cause, "%s", _("the template is empty (for example: mon-fri 10:00-12:00)"));
		goto out;
	}
	rc = 0;
out:
	free(s);
	return rc;
}

static int
same_hours(const struct slot_template *t, int a, int b)
{
	if (t->n[a] != t->n[b])
		return 0;
	for (int k = 0; k < t->n[a]; k++)
		if (t->p[a][k].from != t->p[b][k].from || t->p[a][k].to != t->p[b][k].to)
			return 0;
	return 1;
}

char *
slot_template_format(const struct slot_template *t)
{
	/* Monday first, as timetables are read. */
	static const int order[7] = {1, 2, 3, 4, 5, 6, 0};
	int done[7] = {0};
	char *out = xstrdup("");

	for (int i = 0; i < 7; i++) {
		int d = order[i];

		if (done[d] || t->n[d] == 0)
			continue;
		char *group = xstrdup("");

		/* The days with the same hours: runs of three or more as a range. */
		for (int j = i; j < 7; j++) {
			int e = order[j], run = j;

			if (done[e] || !same_hours(t, d, e))
				continue;
			while (run + 1 < 7 && !done[order[run + 1]] && same_hours(t, d, order[run + 1]))
				run++;
			char *g;

			if (run - j >= 2)
				g = xasprintf("%s%s%s-%s", group, *group ? "," : "", day_names[e],
				              day_names[order[run]]);
			else if (run - j == 1)
				g = xasprintf("%s%s%s,%s", group, *group ? "," : "", day_names[e],
				              day_names[order[run]]);
			else
				g = xasprintf("%s%s%s", group, *group ? "," : "", day_names[e]);
			free(group);
			group = g;
			for (int k = j; k <= run; k++)
				done[order[k]] = 1;
			j = run;
		}
		for (int k = 0; k < t->n[d]; k++) {
			char *g = xasprintf("%s %02d:%02d-%02d:%02d", group, t->p[d][k].from / 60,
			                    t->p[d][k].from % 60, t->p[d][k].to / 60, t->p[d][k].to % 60);

			free(group);
			group = g;
		}
		char *o = xasprintf("%s%s%s", out, *out ? "; " : "", group);

		free(out);
		free(group);
		out = o;
	}
	return out;
}

/* ---- venues ---- */

int
slot_venues(struct db *db, int all, struct slot_venue_list *out, char **cause)
{
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT v.id, v.code, v.name, t.spec FROM venues v LEFT JOIN slot_templates t ON "
	    "t.venue_id = v.id WHERE ?1 OR t.spec IS NOT NULL OR EXISTS (SELECT 1 FROM "
	    "consultation_slots s WHERE s.venue_id = v.id) ORDER BY v.id",
	    cause);
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if (st == NULL)
		return -1;
	sqlite3_bind_int(st, 1, all != 0);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? cap * 2 : 8;
			out->v = xrealloc(out->v, cap * sizeof *out->v);
		}
		struct slot_venue *v = &out->v[out->n++];

		v->id = sqlite3_column_int64(st, 0);
		v->code = xstrdup(db_column_text(st, 1));
		v->name = xstrdup(db_column_text(st, 2));
		v->spec = sqlite3_column_type(st, 3) == SQLITE_NULL ? NULL
		                                                     : xstrdup(db_column_text(st, 3));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_cause(db, cause, _("database error"));
		slot_venue_list_free(out);
		return -1;
	}
	return 0;
}

void
slot_venue_list_free(struct slot_venue_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->v[i].code);
		free(l->v[i].name);
		free(l->v[i].spec);
	}
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

int64_t
slot_venue_id(struct db *db, const char *code, char **cause)
{
	int64_t id = db_count_text(db, "SELECT ifnull((SELECT id FROM venues WHERE code = ?), 0)",
	                           code, cause);

	if (id == 0)
		set_cause(cause, _("no venue with code '%s'"), code);
	return id;
}

int
slot_template_save(struct db *db, const char *venue_code, const char *spec, const char *actor,
                   char **cause)
{
	struct slot_template t;
	int64_t venue = slot_venue_id(db, venue_code, cause);
	char *canon;
	sqlite3_stmt *st;

	if (venue <= 0)
		return -1;
	if (slot_template_parse(spec, &t, cause) != 0)
		return -1;
	canon = slot_template_format(&t);
	if (db_begin(db, cause) != 0) {
		free(canon);
		return -1;
	}
	st = db_prepare(db,
	                "INSERT INTO slot_templates (venue_id, spec, updated_by) VALUES (?,?,?) "
	                "ON CONFLICT (venue_id) DO UPDATE SET spec = excluded.spec, updated_by = "
	                "excluded.updated_by, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')",
	                cause);
	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, venue);
	db_bind_text(st, 2, canon);
	db_bind_text(st, 3, actor);
	if (sqlite3_step(st) != SQLITE_DONE) {
		db_cause(db, cause, _("cannot save the template"));
		goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;
	if (db_audit(db, actor, "template", "venue", venue, canon, cause) != 0 ||
	    db_commit(db, cause) != 0)
		goto fail;
	free(canon);
	return 0;
fail:
	sqlite3_finalize(st);
	db_rollback(db);
	free(canon);
	return -1;
}

/* ---- generation ---- */

/* A closure covers [start, start + 30 minutes) when it takes the whole day or overlaps. */
#define CLOSURE_MATCH                                                                              \
	"c.date = ?1 AND (c.venue_id IS NULL OR c.venue_id = ?2) AND (c.from_time IS NULL OR"      \
	" (c.from_time < strftime('%H:%M', ?3, '+30 minutes') AND ifnull(c.to_time, '24:00') > ?3))"

int
slots_generate(struct db *db, const char *venue_code, const struct date *from,
               const struct date *to, const char *spec, const struct date *today,
               const char *actor, struct slot_gen_result *r, char **cause)
{
	struct slot_venue_list venues = {0};
	sqlite3_stmt *closed = NULL, *ins = NULL;
	int rc = -1;

	memset(r, 0, sizeof *r);
	if (date_cmp(from, today) < 0) {
		char *d = date_iso(today);

		set_cause(cause, _("slots are generated from today (%s) on, not in the past"), d);
		free(d);
		return -1;
	}
	if (date_cmp(to, from) < 0) {
		set_cause(cause, "%s", _("the last day is before the first"));
		return -1;
	}
	struct date lim = date_add_days(from, SLOT_MAX_DAYS - 1);

	if (date_cmp(to, &lim) > 0) {
		set_cause(cause, _("at most %d days at a time"), SLOT_MAX_DAYS);
		return -1;
	}
	if (spec != NULL && venue_code == NULL) {
		set_cause(cause, "%s", _("a template given for one run needs the venue it is for"));
		return -1;
	}
	if (slot_venues(db, 1, &venues, cause) != 0)
		return -1;
	if (db_begin(db, cause) != 0)
		goto out;
	closed = db_prepare(db, "SELECT 1 FROM closures c WHERE " CLOSURE_MATCH " LIMIT 1", cause);
	ins = db_prepare(db,
	                 "INSERT INTO consultation_slots (date, venue_id, start) VALUES (?1,?2,?3) "
	                 "ON CONFLICT DO NOTHING",
	                 cause);
	if (closed == NULL || ins == NULL)
		goto fail;
	int found = venue_code == NULL;

	for (size_t i = 0; i < venues.n; i++) {
		struct slot_venue *v = &venues.v[i];
		struct slot_template t;
		const char *use = v->spec;

		if (venue_code != NULL) {
			if (strcmp(v->code, venue_code) != 0)
				continue;
			found = 1;
			if (spec != NULL)
				use = spec;
			if (use == NULL) {
				set_cause(cause,
				          _("venue %s has no slot template; set one first (for example "
				            "'sumaho slots template %s \"tue,thu 10:00-12:00 "
				            "13:00-16:00\"')"),
				          v->code, v->code);
				goto fail;
			}
		} else if (use == NULL)
			continue;
		if (slot_template_parse(use, &t, cause) != 0)
			goto fail;
		for (struct date d = *from; date_cmp(&d, to) <= 0; d = date_add_days(&d, 1)) {
			int wd = date_weekday(&d);
			char iso[11];

			if (t.n[wd] == 0)
				continue;
			r->days++;
			snprintf(iso, sizeof iso, "%04d-%02d-%02d", d.year, d.month, d.day);
			for (int k = 0; k < t.n[wd]; k++)
				for (int m = t.p[wd][k].from; m + SLOT_MINUTES <= t.p[wd][k].to;
				     m += SLOT_MINUTES) {
					char hm[16];

					snprintf(hm, sizeof hm, "%02d:%02d", m / 60, m % 60);
					sqlite3_reset(closed);
					db_bind_text(closed, 1, iso);
					sqlite3_bind_int64(closed, 2, v->id);
					db_bind_text(closed, 3, hm);
					int step = sqlite3_step(closed);

					if (step == SQLITE_ROW) {
						r->closed++;
						continue;
					}
					if (step != SQLITE_DONE) {
						db_cause(db, cause, _("database error"));
						goto fail;
					}
					sqlite3_reset(ins);
					db_bind_text(ins, 1, iso);
					sqlite3_bind_int64(ins, 2, v->id);
					db_bind_text(ins, 3, hm);
					if (sqlite3_step(ins) != SQLITE_DONE) {
						db_cause(db, cause, _("cannot create the slot"));
						goto fail;
					}
					if (sqlite3_changes(db->h) > 0)
						r->created++;
					else
						r->existing++;
				}
		}
	}
	if (!found) {
		set_cause(cause, _("no venue with code '%s'"), venue_code);
		goto fail;
	}
	char *a = date_iso(from), *b = date_iso(to);
	char *detail = xasprintf("%s..%s %s: %ld created, %ld existing, %ld closed", a, b,
	                         venue_code ? venue_code : "*", r->created, r->existing, r->closed);

	free(a);
	free(b);
	rc = db_audit(db, actor, "generate", "slots", 0, detail, cause);
	free(detail);
	if (rc != 0 || db_commit(db, cause) != 0) {
		rc = -1;
		goto fail;
	}
	rc = 0;
	goto out;
fail:
	db_rollback(db);
	memset(r, 0, sizeof *r);
out:
	sqlite3_finalize(closed);
	sqlite3_finalize(ins);
	slot_venue_list_free(&venues);
	return rc;
}

/* ---- the day ---- */

static enum slot_state
state_of(const char *booking_status, int open, int closure)
{
	if (*booking_status == '\0')
		return open && !closure ? SLOT_FREE : SLOT_CLOSED;
	if (strcmp(booking_status, "attended") == 0)
		return SLOT_ATTENDED;
	if (strcmp(booking_status, "no_show") == 0)
		return SLOT_NO_SHOW;
	return SLOT_BOOKED;
}

int
slots_day(struct db *db, int64_t venue_id, const char *date, int personal, struct slot_day *out,
          char **cause)
{
	/* The kiosk's form never names the people table. */
	static const char sql_public[] =
	    "SELECT s.id, s.date, s.start, s.status = 'open', ifnull(b.id, 0), ifnull(b.status, ''),"
	    " ifnull(b.walk_in, 0), ifnull(b.topic, ''), (SELECT ifnull(nullif(c.reason, ''), '-')"
	    " FROM closures c WHERE c.date = s.date AND (c.venue_id IS NULL OR c.venue_id ="
	    " s.venue_id) AND (c.from_time IS NULL OR (c.from_time < strftime('%H:%M', s.start,"
	    " '+30 minutes') AND ifnull(c.to_time, '24:00') > s.start)) LIMIT 1)"
	    " FROM consultation_slots s LEFT JOIN bookings b ON b.slot_id = s.id AND b.status <>"
	    " 'cancelled' WHERE s.venue_id = ?1 AND s.date = ?2 ORDER BY s.start";
	static const char sql_staff[] =
	    "SELECT s.id, s.date, s.start, s.status = 'open', ifnull(b.id, 0), ifnull(b.status, ''),"
	    " ifnull(b.walk_in, 0), ifnull(b.topic, ''), (SELECT ifnull(nullif(c.reason, ''), '-')"
	    " FROM closures c WHERE c.date = s.date AND (c.venue_id IS NULL OR c.venue_id ="
	    " s.venue_id) AND (c.from_time IS NULL OR (c.from_time < strftime('%H:%M', s.start,"
	    " '+30 minutes') AND ifnull(c.to_time, '24:00') > s.start)) LIMIT 1),"
	    " ifnull(p.code, ''), ifnull(p.name, ''), ifnull(p.kana, ''), ifnull(p.phone, '')"
	    " FROM consultation_slots s LEFT JOIN bookings b ON b.slot_id = s.id AND b.status <>"
	    " 'cancelled' LEFT JOIN people p ON p.id = b.person_id"
	    " WHERE s.venue_id = ?1 AND s.date = ?2 ORDER BY s.start";
	sqlite3_stmt *st = db_prepare(db, personal ? sql_staff : sql_public, cause);
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, venue_id);
	db_bind_text(st, 2, date);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->n == cap) {
			cap = cap ? cap * 2 : 16;
			out->v = xrealloc(out->v, cap * sizeof *out->v);
		}
		struct slot_view *v = &out->v[out->n++];
		int closure = sqlite3_column_type(st, 8) != SQLITE_NULL;

		memset(v, 0, sizeof *v);
		v->slot_id = sqlite3_column_int64(st, 0);
		snprintf(v->date, sizeof v->date, "%s", db_column_text(st, 1));
		snprintf(v->start, sizeof v->start, "%s", db_column_text(st, 2));
		v->booking_id = sqlite3_column_int64(st, 4);
		v->state = state_of(db_column_text(st, 5), sqlite3_column_int(st, 3), closure);
		v->walk_in = sqlite3_column_int(st, 6);
		v->topic = xstrdup(db_column_text(st, 7));
		v->reason = xstrdup(closure && strcmp(db_column_text(st, 8), "-") != 0
		                        ? db_column_text(st, 8)
		                        : "");
		if (personal) {
			v->person_code = xstrdup(db_column_text(st, 9));
			v->name = xstrdup(db_column_text(st, 10));
			v->kana = xstrdup(db_column_text(st, 11));
			v->phone = xstrdup(db_column_text(st, 12));
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_cause(db, cause, _("database error"));
		slot_day_free(out);
		return -1;
	}
	return 0;
}

void
slot_day_free(struct slot_day *d)
{
	for (size_t i = 0; i < d->n; i++) {
		free(d->v[i].topic);
		free(d->v[i].person_code);
		free(d->v[i].name);
		free(d->v[i].kana);
		free(d->v[i].phone);
		free(d->v[i].reason);
	}
	free(d->v);
	d->v = NULL;
	d->n = 0;
}

/* sql prepared with a slot's venue, date and start bound to its three parameters. */
static sqlite3_stmt *
slot_stmt(struct db *db, const char *sql, int64_t venue, const char *date, const char *start,
          char **cause)
{
	sqlite3_stmt *st = db_prepare(db, sql, cause);

	if (st != NULL) {
		sqlite3_bind_int64(st, 1, venue);
		db_bind_text(st, 2, date);
		db_bind_text(st, 3, start);
	}
	return st;
}

int64_t
slot_find(struct db *db, const char *venue_code, const char *date, const char *start,
          char **cause)
{
	int64_t venue = slot_venue_id(db, venue_code, cause);
	sqlite3_stmt *st;
	int64_t id = 0;
	int rc;

	if (venue <= 0)
		return venue;
	st = slot_stmt(db,
	               "SELECT id FROM consultation_slots WHERE venue_id = ? AND date = ? AND "
	               "start = ?",
	               venue, date, start, cause);
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		db_cause(db, cause, _("database error"));
		return -1;
	}
	if (id == 0)
		set_cause(cause, _("no consultation slot at %s %s %s"), venue_code, date, start);
	return id;
}

/* A slot's date and start as written; 0, or -1 with *field and *cause. */
static int
check_when(const char *date, const char *start, const char **field, char **cause)
{
	struct date d;

	*field = "date";
	if (date_parse(date, &d) != 0) {
		set_cause(cause, _("'%s' is not a date of the form YYYY-MM-DD that exists"), date);
		return -1;
	}
	*field = "start";
	if (time_parse(start) < 0) {
		set_cause(cause, _("'%s' is not a time of the form HH:MM"), start);
		return -1;
	}
	*field = NULL;
	return 0;
}

int
slot_add(struct db *db, const char *venue_code, const char *date, const char *start,
         const char **field, char **cause)
{
	const char *dummy;
	sqlite3_stmt *st;
	int64_t venue;
	int rc;

	if (field == NULL)
		field = &dummy;
	if (check_when(date, start, field, cause) != 0)
		return -1;
	*field = "venue";
	if ((venue = slot_venue_id(db, venue_code, cause)) <= 0)
		return -1;
	*field = NULL;
	st = slot_stmt(db,
	               "INSERT INTO consultation_slots (venue_id, date, start) VALUES (?,?,?)"
	               " ON CONFLICT DO NOTHING",
	               venue, date, start, cause);
	if (st == NULL)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_cause(db, cause, _("cannot add the slot"));
		return -1;
	}
	return 0;
}

/* Run sql with ?1 slot, ?2 person, ?3 topic, ?4 status, ?5 walk-in, ?6 actor. */
static int
record_step(struct db *db, const char *sql, int64_t slot, const struct booking_record *b,
            const char *status, const char *actor, char **cause)
{
	sqlite3_stmt *st = db_prepare(db, sql, cause);
	int rc;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, slot);
	sqlite3_bind_int64(st, 2, b->person_id);
	db_bind_text(st, 3, b->topic);
	db_bind_text(st, 4, status);
	sqlite3_bind_int(st, 5, b->walk_in != 0);
	db_bind_text(st, 6, actor);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		db_cause(db, cause, _("cannot record the booking"));
		return -1;
	}
	return rc == SQLITE_ROW ? 1 : 0;
}

int
slots_record(struct db *db, const struct booking_record *b, const char *actor, const char **field,
             char **cause)
{
	static const char *const statuses[] = {"booked", "attended", "no_show", "cancelled"};
	const char *status = b->status != NULL && *b->status ? b->status : "booked", *dummy;
	int64_t slot, holder = 0;
	size_t k;

	if (field == NULL)
		field = &dummy;
	if (check_when(b->date, b->start, field, cause) != 0)
		return -1;
	*field = "topic";
	if (text_check_value(b->topic, 1, 40, NULL, cause) != 0)
		return -1;
	*field = "status";
	for (k = 0; k < 4 && strcmp(status, statuses[k]) != 0; k++)
		;
	if (k == 4) {
		set_cause(cause, _("'%s' is not one of: %s"), status,
		          "booked, attended, no_show, cancelled");
		return -1;
	}
	*field = "venue";
	if (slot_venue_id(db, b->venue, cause) <= 0)
		return -1;
	*field = "start";
	if ((slot = slot_find(db, b->venue, b->date, b->start, cause)) <= 0)
		return -1;
	*field = NULL;
	if (db_begin(db, cause) != 0)
		return -1;
	sqlite3_stmt *st = db_prepare(
	    db, "SELECT person_id FROM bookings WHERE slot_id = ? AND status <> 'cancelled'",
	    cause);

	if (st == NULL)
		goto fail;
	sqlite3_bind_int64(st, 1, slot);
	if (sqlite3_step(st) == SQLITE_ROW)
		holder = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	int cancelling = strcmp(status, "cancelled") == 0, rc;

	if (cancelling && holder == b->person_id)
		rc = record_step(db,
		                 "UPDATE bookings SET status = ?4 WHERE slot_id = ?1 AND status <>"
		                 " 'cancelled'",
		                 slot, b, status, actor, cause);
	else if (cancelling &&
	         (rc = record_step(db,
	                           "SELECT 1 FROM bookings WHERE slot_id = ?1 AND person_id = ?2"
	                           " AND status = 'cancelled'",
	                           slot, b, status, actor, cause)) != 0)
		; /* on record already, or an error */
	else if (holder != 0 && !cancelling && holder != b->person_id) {
		*field = "start";
		set_cause(cause, _("the slot at %s %s %s is already booked by someone else"),
		          b->venue, b->date, b->start);
		goto fail;
	} else if (holder != 0 && !cancelling)
		rc = record_step(db,
		                 "UPDATE bookings SET topic = ?3, status = ?4, walk_in = ?5 WHERE"
		                 " slot_id = ?1 AND status <> 'cancelled'",
		                 slot, b, status, actor, cause);
	else
		rc = record_step(db,
		                 "INSERT INTO bookings (slot_id, person_id, topic, status, walk_in,"
		                 " booked_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
		                 slot, b, status, actor, cause);
	if (rc < 0 || db_commit(db, cause) != 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

int
slots_next_free(struct db *db, int64_t slot_id, const struct date *today, size_t n,
                struct strlist *when, int64_t *ids, char **cause)
{
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT s.id, s.date, s.start FROM consultation_slots s, consultation_slots o"
	    " WHERE o.id = ?1 AND s.venue_id = o.venue_id AND (s.date, s.start) > (o.date, o.start)"
	    " AND s.date >= ?2 AND s.status = 'open'"
	    " AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = s.id AND b.status <>"
	    " 'cancelled') AND NOT EXISTS (SELECT 1 FROM closures c WHERE c.date = s.date AND"
	    " (c.venue_id IS NULL OR c.venue_id = s.venue_id) AND (c.from_time IS NULL OR"
	    " (c.from_time < strftime('%H:%M', s.start, '+30 minutes') AND ifnull(c.to_time,"
	    " '24:00') > s.start))) ORDER BY s.date, s.start LIMIT ?3",
	    cause);
	char *t = date_iso(today);
	size_t k = 0;
	int rc;

	if (st == NULL) {
		free(t);
		return -1;
	}
	sqlite3_bind_int64(st, 1, slot_id);
	db_bind_text(st, 2, t);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)n);
	free(t);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && k < n) {
		strlist_addf(when, "%s %s", db_column_text(st, 1), db_column_text(st, 2));
		if (ids != NULL)
			ids[k] = sqlite3_column_int64(st, 0);
		k++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		db_cause(db, cause, _("database error"));
		return -1;
	}
	return 0;
}

/* ---- bookings ---- */

/* A slot and its live booking, read inside the transaction. */
struct slot_info {
	int64_t id, venue_id;
	char venue_code[33], venue[256], date[11], start[6];
	int open;
	char *closure; /* NULL: no closure covers it */
	int64_t booking_id, person_id;
	char status[16], topic[64], person[64];
	int walk_in;
};

static int
load_slot(struct db *db, int64_t slot_id, struct slot_info *si, char **cause)
{
	sqlite3_stmt *st = db_prepare(
	    db,
	    "SELECT s.id, s.venue_id, v.code, v.name, s.date, s.start, s.status = 'open',"
	    " (SELECT ifnull(nullif(c.reason, ''), '-') FROM closures c WHERE c.date = s.date AND"
	    " (c.venue_id IS NULL OR c.venue_id = s.venue_id) AND (c.from_time IS NULL OR"
	    " (c.from_time < strftime('%H:%M', s.start, '+30 minutes') AND ifnull(c.to_time,"
	    " '24:00') > s.start)) LIMIT 1),"
	    " ifnull(b.id, 0), ifnull(b.person_id, 0), ifnull(b.status, ''), ifnull(b.topic, ''),"
	    " ifnull(b.walk_in, 0), ifnull(p.code, '')"
	    " FROM consultation_slots s JOIN venues v ON v.id = s.venue_id"
	    " LEFT JOIN bookings b ON b.slot_id = s.id AND b.status <> 'cancelled'"
	    " LEFT JOIN people p ON p.id = b.person_id WHERE s.id = ?",
	    cause);
	int rc;

	memset(si, 0, sizeof *si);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, slot_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		si->id = sqlite3_column_int64(st, 0);
		si->venue_id = sqlite3_column_int64(st, 1);
		snprintf(si->venue_code, sizeof si->venue_code, "%s", db_column_text(st, 2));
		snprintf(si->venue, sizeof si->venue, "%s", db_column_text(st, 3));
		snprintf(si->date, sizeof si->date, "%s", db_column_text(st, 4));
		snprintf(si->start, sizeof si->start, "%s", db_column_text(st, 5));
		si->open = sqlite3_column_int(st, 6);
		if (sqlite3_column_type(st, 7) != SQLITE_NULL)
			si->closure = xstrdup(strcmp(db_column_text(st, 7), "-") == 0
			                          ? ""
			                          : db_column_text(st, 7));
		si->booking_id = sqlite3_column_int64(st, 8);
		si->person_id = sqlite3_column_int64(st, 9);
		snprintf(si->status, sizeof si->status, "%s", db_column_text(st, 10));
		snprintf(si->topic, sizeof si->topic, "%s", db_column_text(st, 11));
		si->walk_in = sqlite3_column_int(st, 12);
		snprintf(si->person, sizeof si->person, "%s", db_column_text(st, 13));
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE) {
		set_cause(cause, "%s", _("no such consultation slot"));
		return -1;
	}
	if (rc != SQLITE_ROW) {
		db_cause(db, cause, _("database error"));
		return -1;
	}
	return 0;
}

/* Why a slot cannot take a new booking (closed, past, or for a walk-in not today); NULL when
 * it can. A new string. */
static char *
slot_unbookable(const struct slot_info *si, int walk_in, const struct date *today)
{
	struct date d;

	if (!si->open)
		return xstrdup(_("this slot is closed"));
	if (si->closure != NULL)
		return *si->closure ? xasprintf(_("this slot is closed: %s"), si->closure)
		                    : xstrdup(_("this slot is closed (a closure or holiday)"));
	if (date_parse(si->date, &d) != 0)
		return xstrdup(_("the slot's date is not valid"));
	if (walk_in && date_cmp(&d, today) != 0)
		return xstrdup(_("a walk-in is booked on the day itself only"));
	if (date_cmp(&d, today) < 0)
		return xstrdup(_("this slot is in the past"));
	return NULL;
}

/* Refuse a second consultation on the same day for the person (one slot each, as the city's
 * rule 「1コマ1名まで30分」 says), and more advance bookings a month than the limit. Both
 * ignore the booking `except` (the one being moved). 0: allowed; 1 with *cause; -1. */
static int
person_rules(struct db *db, int64_t person, const struct slot_info *to, int walk_in,
             int64_t except, const struct booking_rules *rules, char **cause)
{
	sqlite3_stmt *st;
	int rc;

	st = db_prepare(db,
	                "SELECT s.start, v.name FROM bookings b JOIN consultation_slots s ON s.id = "
	                "b.slot_id JOIN venues v ON v.id = s.venue_id WHERE b.person_id = ? AND "
	                "b.status <> 'cancelled' AND s.date = ? AND b.id <> ? LIMIT 1",
	                cause);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, person);
	db_bind_text(st, 2, to->date);
	sqlite3_bind_int64(st, 3, except);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		set_cause(cause, _("this person already has a consultation that day, at %s (%s)"),
		          db_column_text(st, 0), db_column_text(st, 1));
		sqlite3_finalize(st);
		return 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		db_cause(db, cause, _("database error"));
		return -1;
	}
	if (walk_in || rules->monthly_limit <= 0)
		return 0;
	st = db_prepare(db,
	                "SELECT s.date, s.start, v.name FROM bookings b JOIN consultation_slots s ON "
	                "s.id = b.slot_id JOIN venues v ON v.id = s.venue_id WHERE b.person_id = ? "
	                "AND b.status <> 'cancelled' AND b.walk_in = 0 AND b.id <> ? AND s.date "
	                "BETWEEN ? AND ? ORDER BY s.date, s.start",
	                cause);
	if (st == NULL)
		return -1;
	char first[11], last[11];

	snprintf(first, sizeof first, "%.7s-01", to->date);
	snprintf(last, sizeof last, "%.7s-31", to->date);
	sqlite3_bind_int64(st, 1, person);
	sqlite3_bind_int64(st, 2, except);
	db_bind_text(st, 3, first);
	db_bind_text(st, 4, last);
	char *list = xstrdup("");
	int n = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char *l = xasprintf("%s%s%s %s %s", list, n ? ", " : "", db_column_text(st, 0) + 5,
		                    db_column_text(st, 1), db_column_text(st, 2));

		free(list);
		list = l;
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(list);
		db_cause(db, cause, _("database error"));
		return -1;
	}
	if (n >= rules->monthly_limit) {
		set_cause(cause,
		          P_("the monthly limit is %d booking a person, and this person already has "
		             "%d in %.7s: %s",
		             "the monthly limit is %d bookings a person, and this person already has "
		             "%d in %.7s: %s",
		             rules->monthly_limit),
		          rules->monthly_limit, n, to->date, list);
		free(list);
		return 1;
	}
	free(list);
	return 0;
}

static int
topic_allowed(const struct booking_rules *rules, const char *topic, char **cause)
{
	char *list = xstrdup("");

	for (size_t i = 0; i < rules->topics->n; i++) {
		if (strcmp(rules->topics->v[i], topic) == 0) {
			free(list);
			return 1;
		}
		char *l = xasprintf("%s%s%s", list, i ? ", " : "", rules->topics->v[i]);

		free(list);
		list = l;
	}
	set_cause(cause, _("'%s' is not a topic; the topics are: %s"), topic, list);
	free(list);
	return 0;
}

/* Finish a booking operation: commit, or roll back and return what went wrong. */
static enum book_result
finish(struct db *db, enum book_result r, char **cause)
{
	if (r == BOOK_OK && db_commit(db, cause) == 0)
		return BOOK_OK;
	db_rollback(db);
	return r == BOOK_OK ? BOOK_ERROR : r;
}

/* Map a failed step: the unique index means the slot was taken in between. */
static enum book_result
step_failed(struct db *db, const struct slot_info *si, char **cause)
{
	if (sqlite3_extended_errcode(db->h) == SQLITE_CONSTRAINT_UNIQUE) {
		set_cause(cause, _("the slot at %s was just taken by another booking"), si->start);
		return BOOK_TAKEN;
	}
	db_cause(db, cause, _("database error"));
	return BOOK_ERROR;
}

enum book_result
slots_book(struct db *db, int64_t slot_id, int64_t person_id, const char *topic, int walk_in,
           const struct booking_rules *rules, char **cause)
{
	struct slot_info si;
	enum book_result r = BOOK_ERROR;
	sqlite3_stmt *st = NULL;
	char *why;

	if (!topic_allowed(rules, topic, cause))
		return BOOK_REFUSED;
	if (db_begin(db, cause) != 0)
		return BOOK_ERROR;
	if (load_slot(db, slot_id, &si, cause) != 0)
		goto out;
	if (si.booking_id != 0) {
		set_cause(cause, _("the slot at %s was just taken by another booking"), si.start);
		r = BOOK_TAKEN;
		goto out;
	}
	if ((why = slot_unbookable(&si, walk_in, rules->today)) != NULL) {
		set_cause(cause, "%s", why);
		free(why);
		r = BOOK_REFUSED;
		goto out;
	}
	int pr = person_rules(db, person_id, &si, walk_in, 0, rules, cause);

	if (pr != 0) {
		r = pr > 0 ? BOOK_REFUSED : BOOK_ERROR;
		goto out;
	}
	st = db_prepare(db,
	                "INSERT INTO bookings (slot_id, person_id, topic, status, walk_in, "
	                "booked_by) VALUES (?,?,?,?,?,?)",
	                cause);
	if (st == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, slot_id);
	sqlite3_bind_int64(st, 2, person_id);
	db_bind_text(st, 3, topic);
	db_bind_text(st, 4, walk_in ? "attended" : "booked");
	sqlite3_bind_int(st, 5, walk_in != 0);
	db_bind_text(st, 6, rules->actor);
	if (sqlite3_step(st) != SQLITE_DONE) {
		r = step_failed(db, &si, cause);
		goto out;
	}
	int64_t id = sqlite3_last_insert_rowid(db->h);
	sqlite3_finalize(st);
	st = db_prepare(db, "SELECT code FROM people WHERE id = ?", cause);
	if (st == NULL)
		goto out;
	sqlite3_bind_int64(st, 1, person_id);
	char *detail = xasprintf("%s %s %s person=%s topic=%s%s", si.venue_code, si.date, si.start,
	                         sqlite3_step(st) == SQLITE_ROW ? db_column_text(st, 0) : "?",
	                         topic, walk_in ? " walk-in" : "");

	r = db_audit(db, rules->actor, walk_in ? "walk-in" : "book", "booking", id, detail,
	             cause) == 0
	        ? BOOK_OK
	        : BOOK_ERROR;
	free(detail);
out:
	sqlite3_finalize(st);
	free(si.closure);
	return finish(db, r, cause);
}

/* Load the slot's live booking for a change; BOOK_OK, or why not. */
static enum book_result
live_booking(struct db *db, int64_t slot_id, struct slot_info *si, char **cause)
{
	if (load_slot(db, slot_id, si, cause) != 0)
		return BOOK_ERROR;
	if (si->booking_id == 0) {
		set_cause(cause, _("no booking at %s %s"), si->date, si->start);
		return BOOK_REFUSED;
	}
	return BOOK_OK;
}

/* Run sql on booking `booking` with ?1 text and ?2 num; a unique-index failure names si's
 * slot as taken. */
static enum book_result
update_booking(struct db *db, int64_t booking, const struct slot_info *si, const char *sql,
               const char *text, int64_t num, const char *action, const char *detail,
               const struct booking_rules *rules, char **cause)
{
	sqlite3_stmt *st = db_prepare(db, sql, cause);
	enum book_result r;

	if (st == NULL)
		return BOOK_ERROR;
	db_bind_text(st, 1, text);
	sqlite3_bind_int64(st, 2, num);
	sqlite3_bind_int64(st, 3, booking);
	if (sqlite3_step(st) != SQLITE_DONE)
		r = step_failed(db, si, cause);
	else if (sqlite3_changes(db->h) != 1) {
		set_cause(cause, "%s", _("the booking changed meanwhile; look again"));
		r = BOOK_ERROR;
	} else
		r = db_audit(db, rules->actor, action, "booking", booking, detail, cause) == 0
		        ? BOOK_OK
		        : BOOK_ERROR;
	sqlite3_finalize(st);
	return r;
}

enum book_result
slots_cancel(struct db *db, int64_t slot_id, const struct booking_rules *rules, char **cause)
{
	struct slot_info si;
	enum book_result r;
	struct date d;

	if (db_begin(db, cause) != 0)
		return BOOK_ERROR;
	if ((r = live_booking(db, slot_id, &si, cause)) != BOOK_OK)
		goto out;
	if (strcmp(si.status, "booked") != 0) {
		set_cause(cause,
		          _("this consultation is already marked %s; mark it booked again to cancel it"),
		          strcmp(si.status, "attended") == 0 ? _("attended") : _("no-show"));
		r = BOOK_REFUSED;
		goto out;
	}
	if (date_parse(si.date, &d) == 0 && date_cmp(&d, rules->today) < 0) {
		set_cause(cause, "%s",
		          _("the day has passed: mark the consultation attended or no-show instead"));
		r = BOOK_REFUSED;
		goto out;
	}
	char *detail = xasprintf("%s %s %s person=%s", si.venue_code, si.date, si.start, si.person);

	r = update_booking(db, si.booking_id, &si,
	                   "UPDATE bookings SET status = ?1 WHERE ?2 = ?2 AND id = ?3", "cancelled", 0, "cancel", detail, rules, cause);
	free(detail);
out:
	free(si.closure);
	return finish(db, r, cause);
}

enum book_result
slots_rebook(struct db *db, int64_t slot_id, int64_t to_slot, const struct booking_rules *rules,
             char **cause)
{
	struct slot_info si, to;
	enum book_result r;
	char *why;

	memset(&to, 0, sizeof to);
	if (db_begin(db, cause) != 0)
		return BOOK_ERROR;
	if ((r = live_booking(db, slot_id, &si, cause)) != BOOK_OK)
		goto out;
	if (strcmp(si.status, "booked") != 0) {
		set_cause(cause, "%s", _("only a booking not yet attended can be moved"));
		r = BOOK_REFUSED;
		goto out;
	}
	if (load_slot(db, to_slot, &to, cause) != 0) {
		r = BOOK_ERROR;
		goto out;
	}
	if (to.booking_id == si.booking_id) {
		set_cause(cause, "%s", _("the booking is at that slot already"));
		r = BOOK_REFUSED;
		goto out;
	}
	if (to.booking_id != 0) {
		set_cause(cause, _("the slot at %s was just taken by another booking"), to.start);
		r = BOOK_TAKEN;
		goto out;
	}
	struct date was;

	if (date_parse(si.date, &was) == 0 && date_cmp(&was, rules->today) < 0) {
		set_cause(cause, "%s",
		          _("the day has passed: mark the consultation attended or no-show instead"));
		r = BOOK_REFUSED;
		goto out;
	}
	if ((why = slot_unbookable(&to, 0, rules->today)) != NULL) {
		set_cause(cause, "%s", why);
		free(why);
		r = BOOK_REFUSED;
		goto out;
	}
	/* A moved booking is an advance booking, a walk-in's too: the monthly limit applies. */
	int pr = person_rules(db, si.person_id, &to, 0, si.booking_id, rules, cause);

	if (pr != 0) {
		r = pr > 0 ? BOOK_REFUSED : BOOK_ERROR;
		goto out;
	}
	char *detail = xasprintf("%s %s %s -> %s %s %s person=%s", si.venue_code, si.date, si.start,
	                         to.venue_code, to.date, to.start, si.person);

	/* The moved booking keeps its id, so the calendar event keeps its UID and gains a
	 * SEQUENCE; the unique index reports a slot taken in between. */
	r = update_booking(db, si.booking_id, &to,
	                   "UPDATE bookings SET slot_id = ?2, walk_in = 0 WHERE ?1 IS NULL AND id = ?3",
	                   NULL, to_slot, "rebook", detail, rules, cause);
	free(detail);
out:
	free(si.closure);
	free(to.closure);
	return finish(db, r, cause);
}

enum book_result
slots_mark(struct db *db, int64_t slot_id, const char *status, const struct booking_rules *rules,
           char **cause)
{
	struct slot_info si;
	enum book_result r;
	struct date d;

	if (strcmp(status, "attended") != 0 && strcmp(status, "no_show") != 0 &&
	    strcmp(status, "booked") != 0) {
		set_cause(cause, _("'%s' is not one of: attended, no_show, booked"), status);
		return BOOK_REFUSED;
	}
	if (db_begin(db, cause) != 0)
		return BOOK_ERROR;
	if ((r = live_booking(db, slot_id, &si, cause)) != BOOK_OK)
		goto out;
	if (strcmp(status, "booked") != 0 && date_parse(si.date, &d) == 0 &&
	    date_cmp(&d, rules->today) > 0) {
		set_cause(cause, "%s", _("this consultation has not happened yet"));
		r = BOOK_REFUSED;
		goto out;
	}
	if (strcmp(si.status, status) == 0)
		goto out; /* already so: nothing to record */
	char *detail =
	    xasprintf("%s %s %s person=%s %s", si.venue_code, si.date, si.start, si.person, status);

	r = update_booking(db, si.booking_id, &si,
	                   "UPDATE bookings SET status = ?1 WHERE ?2 = ?2 AND id = ?3", status, 0, "mark", detail, rules, cause);
	free(detail);
out:
	free(si.closure);
	return finish(db, r, cause);
}

int
slots_adjacent_day(struct db *db, int64_t venue_id, const char *date, int forward, char out[11],
                   char **cause)
{
	sqlite3_stmt *st = db_prepare(
	    db,
	    forward ? "SELECT min(date) FROM consultation_slots WHERE venue_id = ? AND date > ?"
	            : "SELECT max(date) FROM consultation_slots WHERE venue_id = ? AND date < ?",
	    cause);
	int found = 0;

	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, venue_id);
	db_bind_text(st, 2, date);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		snprintf(out, 11, "%s", db_column_text(st, 0));
		found = 1;
	}
	sqlite3_finalize(st);
	return found;
}

int64_t
slots_data_version(struct db *db)
{
	return db_count(db, "PRAGMA data_version", NULL);
}

const char *
slot_state_label(enum slot_state s)
{
	switch (s) {
	case SLOT_FREE:
		return _("free");
	case SLOT_BOOKED:
		return _("booked");
	case SLOT_ATTENDED:
		return _("attended");
	case SLOT_NO_SHOW:
		return _("no-show");
	case SLOT_CLOSED:
		break;
	}
	return _("closed");
}
