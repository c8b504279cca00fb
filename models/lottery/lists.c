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

struct table *
lottery_offerings(struct db *db, const struct date *today, char **cause)
{
	static const char *const titles[] = {N_("Class"), N_("Venue"),      N_("Applications"),
	                                     N_("Seats"), N_("Applicants"), N_("State")};
	char *iso = date_iso(today);
	/* The state in words is bound (?2..?6); the code past the columns keys each row. */
	db_stmt *st = db_query(
	    db,
	    "SELECT " SQL_CLASS_TITLE ", v.name, o.apply_from || '..' || substr(o.apply_to, 6),"
	    " o.capacity, (SELECT count(*) FROM applications a WHERE a.offering_id = o.id AND"
	    " a.status NOT IN ('cancelled', 'duplicate', 'ineligible')), CASE WHEN o.status ="
	    " 'cancelled' THEN ?2 WHEN EXISTS (SELECT 1 FROM lottery_round_offerings ro JOIN"
	    " lottery_rounds r ON r.id = ro.round_id AND r.superseded_at IS NULL WHERE"
	    " ro.offering_id = o.id) THEN ?3 WHEN ?1 BETWEEN o.apply_from AND o.apply_to THEN ?4"
	    " WHEN ?1 < o.apply_from THEN ?5 ELSE ?6 END, o.code"
	    " FROM offerings o JOIN courses c ON c.id ="
	    " o.course_id JOIN venues v ON v.id = o.venue_id ORDER BY o.apply_to DESC, o.code",
	    cause,
	    DB_ARGS(DB_TEXT(iso), DB_TEXT(_("cancelled")), DB_TEXT(_("drawn")), DB_TEXT(_("open")),
	            DB_TEXT(_("not open yet")), DB_TEXT(_("applications closed"))));

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
	if (strcmp(status, "cancelled") == 0 && reason != NULL && *reason != '\0')
		/* TRANSLATORS: an application withdrawn, and why (a seat declined, not confirmed).
		 */
		return xasprintf(_("withdrawn: %s"), reason);
	if (strcmp(status, "cancelled") == 0)
		/* TRANSLATORS: an application the person withdrew. */
		return xstrdup(_("withdrawn"));
	if (strcmp(status, "duplicate") == 0)
		return xasprintf(_("duplicate: %s"), reason);
	return xasprintf(_("ineligible: %s"), reason);
}
