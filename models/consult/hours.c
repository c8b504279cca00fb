/* models/consult/hours.c: a venue's weekly consultation hours: the template grammar ("mon-fri
 * 10:00-12:00 13:00-16:00; sat 10:00-12:00", Japanese day names and full-width forms too), its
 * canonical form, the venues that have hours, and a template saved. */
#include "config.h"
#include "models/consult/consult.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/staff/staff.h"

/* ---- the grammar ---- */

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
		if (cp == ' ' && o > 0 &&
		    (out[o - 1] == '-' || out[o - 1] == ',' || out[o - 1] == ' '))
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
		set_cause(cause, _("'%s': a period must last at least %d minutes"), w,
		          SLOT_MINUTES);
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
		int days[7] = {0}, ndays = 0, nper = 0, from[SLOT_MAX_PERIODS],
		    to[SLOT_MAX_PERIODS];
		char *wsave = NULL;

		for (char *w = strtok_r(g, " ", &wsave); w != NULL;
		     w = strtok_r(NULL, " ", &wsave)) {
			if (*w >= '0' && *w <= '9') {
				if (ndays == 0) {
					set_cause(cause, _("'%s': name the days before the hours"),
					          w);
					goto out;
				}
				if (nper == SLOT_MAX_PERIODS) {
					set_cause(cause, _("at most %d periods a day"),
					          SLOT_MAX_PERIODS);
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
						set_cause(cause, _("hours overlap on %s"),
						          day_names[d]);
						goto out;
					}
				if (t->n[d] == SLOT_MAX_PERIODS) {
					set_cause(cause, _("at most %d periods a day"),
					          SLOT_MAX_PERIODS);
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
		set_cause(cause, "%s",
		          _("the template is empty (for example: mon-fri 10:00-12:00)"));
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
			while (run + 1 < 7 && !done[order[run + 1]] &&
			       same_hours(t, d, order[run + 1]))
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
			char *g =
			    xasprintf("%s %02d:%02d-%02d:%02d", group, t->p[d][k].from / 60,
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

/* ---- venues and their templates ---- */

int
slot_venues(struct db *db, int all, struct slot_venue_list *out, char **cause)
{
	db_stmt *st = db_prepare(
	    db,
	    "SELECT v.id, v.code, v.name, t.spec FROM venues v LEFT JOIN slot_templates t ON "
	    "t.venue_id = v.id WHERE ?1 <> 0 OR t.spec IS NOT NULL OR EXISTS (SELECT 1 FROM "
	    "consultation_slots s WHERE s.venue_id = v.id) ORDER BY v.id",
	    cause);
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if (st == NULL)
		return -1;
	db_bind_int(st, 1, all != 0);
	while ((rc = db_step(st)) == DB_ROW) {
		out->v = xgrow(out->v, out->n, &cap, 8, sizeof *out->v);
		struct slot_venue *v = &out->v[out->n++];

		v->id = db_column_int64(st, 0);
		v->code = db_column_dup(st, 1);
		v->name = db_column_dup(st, 2);
		v->spec = db_column_null(st, 3) ? NULL : db_column_dup(st, 3);
	}
	if (db_finish(db, st, rc, cause) == 0)
		return 0;
	slot_venue_list_free(out);
	return -1;
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
	int64_t id = db_count_text(db, "SELECT coalesce((SELECT id FROM venues WHERE code = ?), 0)",
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
	int rc;

	if (venue <= 0)
		return -1;
	if (slot_template_parse(spec, &t, cause) != 0)
		return -1;
	canon = slot_template_format(&t);
	if (db_begin(db, cause) != 0) {
		free(canon);
		return -1;
	}
	if (staff_may_write_venue(db, actor, venue, cause) == 0 &&
	    db_run(db,
	           "INSERT INTO slot_templates (venue_id, spec, updated_by) VALUES (?,?,?) "
	           "ON CONFLICT (venue_id) DO UPDATE SET spec = excluded.spec, updated_by = "
	           "excluded.updated_by, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ','now')",
	           _("cannot save the template"), cause,
	           DB_ARGS(DB_INT(venue), DB_TEXT(canon), DB_TEXT(actor))) == 0)
		rc = db_audit_end(db, actor, "template", "venue", venue, canon, cause);
	else
		rc = db_end(db, -1, cause);
	free(canon);
	return rc;
}
