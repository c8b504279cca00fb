/* models/lottery/export.c: a round's entries as a table for CSV (the return-postcard mail
 * merge, and tests/lottery_verify.py's input), and an offering's printable session lists. */
#include "config.h"
#include "models/lottery/lottery.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/classes/classes.h"
#include "models/core/schema.h"
#include "models/lottery/internal.h"

struct table *
lottery_export(struct db *db, int64_t round_id, char **cause)
{
	static const char *const cols[] = {
	    "round",         "seed",           "algorithm",      "priority",    "waiting_max",
	    "offering",      "capacity",       "application",    "ref",         "person",
	    "name",          "kana",           "phone",          "choice",      "tier",
	    "rank",          "drawn",          "position",       "status",      "waiting",
	    "session",       "date",           "start",          "class",       "venue",
	    "early",         "capacity_now",   "confirmed_at",   "offer",       "offered_at",
	    "offer_session", "offer_deadline", "offer_freed_by", "offer_state", "offer_closed_at",
	    "calls",         "over_capacity"};
	db_stmt *st = db_query_int(
	    db,
	    "SELECT r.id, r.seed, r.algorithm, r.priority, r.waiting_max, o.code, ro.capacity,"
	    " a.id, coalesce(a.ref, ''), e.person_code, p.name, p.kana, p.phone, e.choice, e.tier,"
	    " lower(hex(sumaho_rank(r.seed, e.person_code))), e.result, coalesce(CAST(e.position "
	    "AS TEXT), ''), a.status,"
	    " coalesce(CAST(a.waiting_position AS TEXT), ''), coalesce(s.code, ''), "
	    "coalesce(s.date, ''),"
	    " coalesce(s.start, ''), " SQL_CLASS_TITLE ", v.name, CASE r.early WHEN 1 THEN 'yes'"
	    " ELSE 'no' END, o.capacity, coalesce(a.confirmed_at, ''), coalesce(CAST(f.id AS "
	    "TEXT), ''),"
	    " coalesce(f.offered_at, ''), coalesce(fs.code, ''), coalesce(f.deadline, ''),"
	    " coalesce((SELECT fp.code FROM applications fa JOIN people fp ON fp.id = fa.person_id"
	    " WHERE fa.id = f.freed_by), ''), coalesce(f.state, ''), coalesce(f.closed_at, ''),"
	    " CASE WHEN f.id IS NULL THEN '' ELSE CAST((SELECT count(*) FROM lottery_calls c WHERE"
	    " c.offer_id = f.id AND c.called_at >= f.offered_at) AS TEXT) END, CASE WHEN a.status = 'won' AND a.id IN (SELECT "
	    "l.entity_id"
	    " FROM audit_log l WHERE " OVER_CAPACITY_ENTRY ") THEN 'yes' ELSE '' END"
	    " FROM lottery_entries e JOIN lottery_rounds r ON r.id = e.round_id"
	    " JOIN lottery_round_offerings ro ON ro.round_id = e.round_id AND ro.offering_id ="
	    " e.offering_id JOIN offerings o ON o.id = e.offering_id JOIN courses c ON c.id ="
	    " o.course_id JOIN venues v ON v.id = o.venue_id JOIN applications a ON a.id ="
	    " e.application_id JOIN people p ON p.id = a.person_id LEFT JOIN sessions s ON s.id ="
	    " a.session_id LEFT JOIN lottery_offers f ON f.round_id = e.round_id AND"
	    " f.application_id = a.id LEFT JOIN sessions fs ON fs.id = f.session_id"
	    " WHERE e.round_id = ? ORDER BY o.code, CASE e.result WHEN 'won' THEN 0"
	    " WHEN 'waiting' THEN 1 WHEN 'lost' THEN 2 ELSE 3 END, e.position, e.tier,"
	    " sumaho_rank(r.seed, e.person_code), e.choice",
	    round_id, cause);

	if (st == NULL)
		return NULL;
	return overview_fill(db, st, table_new(sizeof cols / sizeof cols[0], cols), -1,
	                     DATE_WESTERN, cause);
}

int
lottery_session_lists(struct db *db, const char *offering, enum date_style style, int width,
                      struct strlist *lines, char **cause)
{
	static const char *const hdr[] = {N_("No."), N_("Code"), N_("Name"), N_("Kana"),
	                                  N_("Phone")};
	db_stmt *ss = db_prepare(db,
	                         "SELECT s.id, s.code, s.date, s.start, s.seats, s.status FROM"
	                         " sessions s JOIN offerings o ON o.id = s.offering_id WHERE"
	                         " o.code = ? ORDER BY s.date, s.start",
	                         cause);
	db_stmt *ps = db_prepare(db,
	                         "SELECT p.code, p.name, p.kana, p.phone FROM applications a"
	                         " JOIN people p ON p.id = a.person_id WHERE a.session_id = ?"
	                         " AND a.status = 'won' ORDER BY p.kana_key, p.code",
	                         cause);
	db_stmt *ws = db_prepare(db,
	                         "SELECT a.waiting_position, p.code, p.name, p.kana, p.phone FROM"
	                         " applications a JOIN people p ON p.id = a.person_id JOIN"
	                         " offerings o ON o.id = a.offering_id WHERE o.code = ? AND"
	                         " a.status = 'waiting' ORDER BY a.waiting_position",
	                         cause);
	int rc = -1, step;

	if (ss == NULL || ps == NULL || ws == NULL)
		goto out;
	db_bind_text(ss, 1, offering);
	while ((step = db_step(ss)) == DB_ROW) {
		struct date d;
		char *day = date_parse(db_column_text(ss, 2), &d) == 0 ? date_format(&d, style)
		                                                       : db_column_dup(ss, 2);
		struct table *t = table_new_i18n(5, hdr, "rllll");
		int k = 0;

		strlist_addf(lines, _("%s  %s %s  (%d seats)%s"), db_column_text(ss, 1), day,
		             db_column_text(ss, 3), db_column_int(ss, 4),
		             strcmp(db_column_text(ss, 5), "cancelled") == 0 ? _("  cancelled")
		                                                             : "");
		free(day);
		db_reset(ps);
		db_bind_int64(ps, 1, db_column_int64(ss, 0));
		while ((step = db_step(ps)) == DB_ROW) {
			char no[16];

			snprintf(no, sizeof no, "%d", ++k);
			table_add_row(t, (const char *const[]){
			                     no, db_column_text(ps, 0), db_column_text(ps, 1),
			                     db_column_text(ps, 2), db_column_text(ps, 3)});
		}
		/* A step that failed (a role that may not read the names) is said, never shown as
		 * nobody. */
		if (step != DB_DONE) {
			table_free(t);
			break;
		}
		if (k == 0)
			strlist_add(lines, xstrdup(_("  (nobody)")));
		else
			table_format(t, width, lines);
		table_free(t);
		strlist_add(lines, xstrdup(""));
	}
	if (step != DB_DONE) {
		db_cause(db, cause, _("database error"));
		goto out;
	}
	strlist_add(lines, xstrdup(_("Waiting list, in order")));
	struct table *t = table_new_i18n(5, hdr, "rllll");

	db_bind_text(ws, 1, offering);
	while ((step = db_step(ws)) == DB_ROW)
		table_add_row(t, (const char *const[]){db_column_text(ws, 0), db_column_text(ws, 1),
		                                       db_column_text(ws, 2), db_column_text(ws, 3),
		                                       db_column_text(ws, 4)});
	if (step != DB_DONE) {
		table_free(t);
		db_cause(db, cause, _("database error"));
		goto out;
	}
	if (t->nrows == 0)
		strlist_add(lines, xstrdup(_("  (nobody)")));
	else
		table_format(t, width, lines);
	table_free(t);
	rc = 0;
out:
	db_finalize(ss);
	db_finalize(ps);
	db_finalize(ws);
	return rc;
}
