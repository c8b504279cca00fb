/* models/lottery/lists.c: the Lotteries screen's tables (offerings and their applications) and
 * an application's result in words. */
#include "config.h"
#include "models/lottery/lottery.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/classes/classes.h"
#include "models/core/i18n.h"
#include "models/core/schema.h"
#include "models/lottery/internal.h"

struct table *
lottery_offerings(struct db *db, const struct date *today, char **cause)
{
	static const char *const titles[] = {N_("Class"), N_("Venue"),      N_("Applications"),
	                                     N_("Seats"), N_("Applicants"), N_("State")};
	char *iso = date_iso(today);
	/* The state in words is bound (?2..?7); the code past the columns keys each row. */
	db_stmt *st = db_query(
	    db,
	    "SELECT " SQL_CLASS_TITLE ", v.name, o.apply_from || '..' || substr(o.apply_to, 6),"
	    " o.capacity, (SELECT count(*) FROM applications a WHERE a.offering_id = o.id AND"
	    " a.status NOT IN ('cancelled', 'duplicate', 'ineligible')), CASE WHEN o.status ="
	    " 'cancelled' THEN ?2 WHEN EXISTS (SELECT 1 FROM lottery_round_offerings ro JOIN"
	    " lottery_rounds r ON r.id = ro.round_id AND r.superseded_at IS NULL WHERE"
	    " ro.offering_id = o.id) THEN ?3 WHEN ?1 BETWEEN o.apply_from AND o.apply_to THEN ?4"
	    " WHEN ?1 < o.apply_from THEN ?5 WHEN " SQL_RECORDED_RESULTS(
	        "o.id") " THEN ?7 ELSE ?6"
	                " END, o.code"
	                " FROM offerings o JOIN courses c ON c.id ="
	                " o.course_id JOIN venues v ON v.id = o.venue_id ORDER BY o.apply_to DESC, "
	                "o.code",
	    cause,
	    DB_ARGS(DB_TEXT(iso), DB_TEXT(_("cancelled")), DB_TEXT(_("drawn")), DB_TEXT(_("open")),
	            DB_TEXT(_("not open yet")), DB_TEXT(_("applications closed")),
	            /* TRANSLATORS: a class's lottery state: its results were imported with its
	             * applications (past records), not drawn in sumaho. */
	            DB_TEXT(_("results recorded"))));

	free(iso);
	if (st == NULL)
		return NULL;
	return overview_fill(db, st, table_new_i18n(6, titles, "llkrrl"), -1, DATE_WESTERN, cause);
}

struct table *
lottery_applications(struct db *db, const char *offering, char **cause)
{
	static const char *const titles[] = {N_("Code"),   N_("Name"),   N_("Kana"),
	                                     N_("Choice"), N_("Result"), N_("Session")};
	db_stmt *st = db_query(
	    db,
	    "SELECT p.code, p.name, p.kana, a.choice, a.status, coalesce(a.waiting_position, 0),"
	    " a.reason, coalesce(s.date || ' ' || s.start, '') FROM applications a JOIN people p ON"
	    " p.id = a.person_id JOIN offerings o ON o.id = a.offering_id LEFT JOIN sessions s ON"
	    " s.id = a.session_id WHERE o.code = ? ORDER BY CASE a.status WHEN 'won' THEN 0 WHEN"
	    " 'waiting' THEN 1 WHEN 'applied' THEN 2 WHEN 'lost' THEN 3 ELSE 4 END,"
	    " a.waiting_position, p.kana, p.code",
	    cause, DB_ARGS(DB_TEXT(offering)));
	struct table *t;

	if (st == NULL)
		return NULL;
	t = table_new_i18n(6, titles, "lllrll");
	while (db_step(st) == DB_ROW) {
		const char *status = db_column_text(st, 4);
		char *result =
		    lottery_result_label(status, db_column_int(st, 5), db_column_text(st, 6));

		table_add_keyed_row(
		    t,
		    (const char *const[]){db_column_text(st, 0), db_column_text(st, 1),
		                          db_column_text(st, 2), db_column_text(st, 3), result,
		                          db_column_text(st, 7)},
		    db_column_text(st, 0));
		free(result);
	}
	db_finalize(st);
	return t;
}

/* The reasons as stored (internal.h), in one list to read them back by. */
static const char *const reasons[] = {
    [REASON_SAME_AS] = N_("the same person as application %s"),
    [REASON_APPLIED_BEFORE] = N_("the same person applied to this class before"),
    [REASON_MERGED] = N_("records merged"),
    [REASON_NOT_RESIDENT] = N_("not a resident of the city"),
    [REASON_UNDER_AGE] = N_("under %s in %s (born %s)"),
    [REASON_OUTSIDE] = N_("applied on %s, outside the application window"),
    [REASON_DECLINED] = N_("declined the seat offered"),
    [REASON_NO_ANSWER] = N_("did not take the seat offered by %s"),
    [REASON_TOOK_SEAT] = N_("took a seat in %s"),
    [REASON_UNCONFIRMED] = N_("did not confirm by %s"),
    [REASON_ERASED] = N_("erased with the personal data"),
};

/* Nonzero if text is msgid with a value in place of each %s (at most 3), each value then in
 * v as a new string. */
static int
reason_match(const char *msgid, const char *text, char *v[3])
{
	const char *m = msgid, *t = text;
	int n = 0, ok = 0;

	for (;;) {
		const char *hole = strstr(m, "%s"), *next, *end;
		size_t lit = hole != NULL ? (size_t)(hole - m) : strlen(m), after;

		if (strncmp(m, t, lit) != 0)
			break;
		t += lit;
		if (hole == NULL) {
			ok = *t == '\0';
			break;
		}
		if (n == 3)
			break;
		/* The value runs to the words after the hole: the next ones of the text, or its
		 * last ones when no hole follows. */
		m = hole + 2;
		next = strstr(m, "%s");
		after = next != NULL ? (size_t)(next - m) : strlen(m);
		if (after == 0 && next != NULL)
			break;
		if (next != NULL) {
			char *words = xstrndup(m, after);

			end = strstr(t, words);
			free(words);
		} else
			end = strlen(t) >= after && strcmp(t + strlen(t) - after, m) == 0
			          ? t + strlen(t) - after
			          : NULL;
		if (end == NULL)
			break;
		v[n++] = xstrndup(t, (size_t)(end - t));
		t = end;
	}
	while (!ok && n > 0) {
		free(v[--n]);
		v[n] = NULL;
	}
	return ok;
}

/* A new string: the translation t with v's values in place of its %s (in turn) and %N$s
 * (the Nth), %% as %; no printf, so nothing in the text read back is taken as a format. */
static char *
fill_holes(const char *t, char *const v[3])
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	int next = 0;

	if (f == NULL)
		fatal("%s", _("out of memory"));

	while (*t != '\0') {
		int k = -1;
		size_t skip = 0;

		if (t[0] == '%' && t[1] == 's')
			k = next++, skip = 2;
		else if (t[0] == '%' && t[1] >= '1' && t[1] <= '3' && t[2] == '$' && t[3] == 's')
			k = t[1] - '1', skip = 4;
		else if (t[0] == '%' && t[1] == '%')
			skip = 2;
		if (skip == 0) {
			fputc(*t++, f);
			continue;
		}
		if (k < 0)
			fputc('%', f);
		else if (k < 3 && v[k] != NULL)
			fputs(v[k], f);
		t += skip;
	}
	if (fclose(f) != 0 || out == NULL)
		fatal("%s", _("out of memory"));
	return out;
}

char *
lottery_reason(int which, const char *a, const char *b, const char *c)
{
	char *v[3] = {(char *)a, (char *)b, (char *)c};

	return fill_holes(reasons[which], v);
}

char *
lottery_reason_text(const char *stored)
{
	if (stored == NULL)
		return xstrdup("");
	for (size_t i = 0; i < sizeof reasons / sizeof *reasons; i++) {
		char *v[3] = {NULL, NULL, NULL};

		if (reason_match(reasons[i], stored, v)) {
			char *s = fill_holes(_(reasons[i]), v);

			for (int k = 0; k < 3; k++)
				free(v[k]);
			return s;
		}
	}
	/* Written in one language by an older version: as it is. */
	return xstrdup(stored);
}

char *
lottery_result_label(const char *status, int position, const char *reason)
{
	char *why, *s;

	if (strcmp(status, "won") == 0)
		return xstrdup(_("won"));
	if (strcmp(status, "waiting") == 0)
		return xasprintf(_("waiting %d"), position);
	if (strcmp(status, "lost") == 0)
		return xstrdup(_("lost"));
	if (strcmp(status, "applied") == 0)
		return xstrdup(_("applied"));
	if (strcmp(status, "cancelled") == 0 && (reason == NULL || *reason == '\0'))
		/* TRANSLATORS: an application the person withdrew. */
		return xstrdup(_("withdrawn"));
	/* Without its reason (a caller that has none at hand): the word alone. */
	if (reason == NULL || *reason == '\0')
		return xstrdup(strcmp(status, "duplicate") == 0
		                   /* TRANSLATORS: an application's status, its reason unknown. */
		                   ? _("duplicate")
		                   : _("ineligible"));
	why = lottery_reason_text(reason);
	if (strcmp(status, "cancelled") == 0)
		/* TRANSLATORS: an application withdrawn, and why (a seat declined, not confirmed).
		 */
		s = xasprintf(_("withdrawn: %s"), why);
	else if (strcmp(status, "duplicate") == 0)
		s = xasprintf(_("duplicate: %s"), why);
	else
		s = xasprintf(_("ineligible: %s"), why);
	free(why);
	return s;
}
