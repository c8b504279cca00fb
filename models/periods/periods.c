/* models/periods/periods.c: closing a month, reopening it, and the one check every feature makes
 * before it changes what a month counts. The only writer of periods and period_amendments. */
#include "config.h"
#include "models/periods/periods.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/staff/staff.h"

/* A closed month's row: the day it was closed (local time) and by whom. */
#define SQL_CLOSED                                                                                 \
	"SELECT date(closed_at, 'localtime'), closed_by FROM periods WHERE month = ?1 AND"         \
	" reopened_at IS NULL"

int
period_month_valid(const char *s)
{
	char iso[11];
	struct date d;

	if (strlen(s) != 7 || s[4] != '-')
		return 0;
	snprintf(iso, sizeof iso, "%s-01", s);
	return date_parse(iso, &d) == 0;
}

/* The month of date ("YYYY-MM") into month; 0, or -1 with *cause. */
static int
month_of(const char *date, char month[8], char **cause)
{
	snprintf(month, 8, "%.7s", date != NULL ? date : "");
	if (!period_month_valid(month)) {
		set_cause(cause, _("'%s' is not a month of the form YYYY-MM"), month);
		return -1;
	}
	return 0;
}

/* Whether month is closed: 1 with the day and who into on and by (when not NULL), 0, -1. */
static int
closed_row(struct db *db, const char *month, char on[11], char by[33], char **cause)
{
	db_stmt *st = db_query(db, SQL_CLOSED, cause, DB_ARGS(DB_TEXT(month)));
	int rc;

	if (st == NULL)
		return -1;
	rc = db_step(st);
	if (rc == DB_ROW && on != NULL) {
		snprintf(on, 11, "%s", db_column_text(st, 0));
		snprintf(by, 33, "%s", db_column_text(st, 1));
	}
	if (rc == DB_ROW) {
		db_finalize(st);
		return 1;
	}
	return db_finish(db, st, rc, cause);
}

int
period_is_closed(struct db *db, const char *date, char **cause)
{
	char month[8];

	if (month_of(date, month, cause) != 0)
		return -1;
	return closed_row(db, month, NULL, NULL, cause);
}

/* 0 when month is a month YYYY-MM and role an admin's; else -1 with *cause (refused when the
 * role is not an admin's). */
static int
admin_month(const char *month, int role, const char *refused, char **cause)
{
	if (!period_month_valid(month)) {
		set_cause(cause, _("'%s' is not a month of the form YYYY-MM"), month);
		return -1;
	}
	if ((role & ROLE_BIT_ADMIN) == 0) {
		set_cause(cause, "%s", refused);
		return -1;
	}
	return 0;
}

int
period_close(struct db *db, const char *month, const struct date *today, const char *actor,
             int role, char **cause)
{
	char last[11], on[11], by[33];
	char *today_iso;
	int closed;

	if (admin_month(month, role, _("only an admin may close a month"), cause) != 0)
		return -1;
	/* "-31" sorts after every day of the month: a month ends before today or not at all. */
	snprintf(last, sizeof last, "%s-31", month);
	today_iso = date_iso(today);
	if (strcmp(last, today_iso) >= 0) {
		set_cause(cause,
		          _("%s has not ended yet: a month is closed once its figures are in"),
		          month);
		free(today_iso);
		return -1;
	}
	free(today_iso);
	if (db_begin(db, cause) != 0)
		return -1;
	if ((closed = closed_row(db, month, on, by, cause)) != 0) {
		if (closed > 0)
			set_cause(cause, _("%s is closed already (on %s by %s)"), month, on, by);
		goto fail;
	}
	if (db_run(db,
	           "INSERT INTO periods (month, closed_at, closed_by) VALUES"
	           " (?1, strftime('%Y-%m-%dT%H:%M:%SZ','now'), ?2) ON CONFLICT (month) DO UPDATE"
	           " SET closed_at = excluded.closed_at, closed_by = excluded.closed_by,"
	           " reopened_at = NULL, reopened_by = NULL, reopen_reason = NULL",
	           _("cannot close the month"), cause,
	           DB_ARGS(DB_TEXT(month), DB_TEXT(actor))) != 0 ||
	    db_audit(db, actor, "close", "periods", 0, month, cause) != 0 ||
	    db_commit(db, cause) != 0)
		goto fail;
	return 0;
fail:
	db_rollback(db);
	return -1;
}

/* A reason as given: 0, or -1 with *cause naming the field. */
static int
reason_check(const char *reason, char **cause)
{
	return text_check_field(_("reason"), reason != NULL ? reason : "", 1, PERIOD_REASON_MAX,
	                        cause);
}

int
period_reopen(struct db *db, const char *month, const char *actor, int role, const char *reason,
              char **cause)
{
	char *detail;
	int closed, rc;

	if (admin_month(month, role, _("only an admin may reopen a month"), cause) != 0)
		return -1;
	if (reason_check(reason, cause) != 0)
		return -1;
	if (db_begin(db, cause) != 0)
		return -1;
	if ((closed = closed_row(db, month, NULL, NULL, cause)) <= 0) {
		if (closed == 0)
			set_cause(cause, _("%s is not closed"), month);
		goto fail;
	}
	if (db_run(db,
	           "UPDATE periods SET reopened_at = strftime('%Y-%m-%dT%H:%M:%SZ','now'),"
	           " reopened_by = ?2, reopen_reason = ?3 WHERE month = ?1",
	           _("cannot reopen the month"), cause,
	           DB_ARGS(DB_TEXT(month), DB_TEXT(actor), DB_TEXT(reason))) != 0)
		goto fail;
	detail = xasprintf("%s reason: %s", month, reason);
	rc = db_audit(db, actor, "reopen", "periods", 0, detail, cause);
	free(detail);
	return db_end(db, rc, cause);
fail:
	db_rollback(db);
	return -1;
}

struct table *
period_list(struct db *db, char **cause)
{
	static const char *const titles[] = {N_("Month"),       N_("State"),   N_("Closed on"),
	                                     N_("Closed by"),   N_("Amended"), N_("Reopened on"),
	                                     N_("Reopened by"), N_("Why")};
	struct table *t = table_new_i18n(8, titles, "llllrlll");
	db_stmt *st =
	    db_query(db,
	             "SELECT p.month, CASE WHEN p.reopened_at IS NULL THEN ?1 ELSE ?2 END,"
	             " date(p.closed_at, 'localtime'), p.closed_by, (SELECT count(*) FROM"
	             " period_amendments a WHERE a.month = p.month AND a.at >= p.closed_at),"
	             " coalesce(date(p.reopened_at, 'localtime'), ''), coalesce(p.reopened_by, ''),"
	             " coalesce(p.reopen_reason, '') FROM periods p ORDER BY p.month DESC",
	             cause, DB_ARGS(DB_TEXT(_("closed (reported)")), DB_TEXT(_("reopened"))));
	int rc;

	if (st == NULL) {
		table_free(t);
		return NULL;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		const char *cells[8];

		for (int i = 0; i < 8; i++)
			cells[i] = db_column_text(st, i);
		table_add_keyed_row(t, cells, cells[0]);
	}
	return table_finish(t, db, st, rc, cause);
}

int
period_check_change(struct db *db, const char *date, const char *actor, int role,
                    const char *reason, const char *what, char **cause)
{
	char month[8], on[11], by[33];
	char *detail;
	int closed, rc;

	if (month_of(date, month, cause) != 0)
		return -1;
	if ((closed = closed_row(db, month, on, by, cause)) <= 0)
		return closed;
	if ((role & ROLE_BIT_ADMIN) == 0) {
		set_cause(cause,
		          _("%s is closed: its figures were reported on %s by %s; only an admin "
		            "may change it, giving a reason"),
		          month, on, by);
		return 1;
	}
	if (reason == NULL || *reason == '\0') {
		set_cause(cause,
		          _("%s is closed: its figures were reported on %s by %s; give a reason to "
		            "amend it"),
		          month, on, by);
		return 1;
	}
	if (reason_check(reason, cause) != 0)
		return 1;
	if (db_run(db,
	           "INSERT INTO period_amendments (month, actor, reason, what) VALUES (?,?,?,?)",
	           _("cannot record the amendment"), cause,
	           DB_ARGS(DB_TEXT(month), DB_TEXT(actor), DB_TEXT(reason), DB_TEXT(what))) != 0)
		return -1;
	detail = xasprintf("%s: %s; reason: %s", month, what, reason);
	rc = db_audit(db, actor, "amend", "periods", db_last_id(db), detail, cause);
	free(detail);
	return rc;
}

/* The closed months in which the offering (by id, or by code when id is 0) has a session. */
static int
offering_closed_months(struct db *db, int64_t id, const char *code, struct strlist *months,
                       char **cause)
{
	return db_texts(db,
	                "SELECT DISTINCT substr(s.date, 1, 7) FROM sessions s JOIN offerings o ON"
	                " o.id = s.offering_id JOIN periods p ON p.month = substr(s.date, 1, 7) AND"
	                " p.reopened_at IS NULL WHERE (o.id = ?1 OR o.code = ?2) ORDER BY 1",
	                months, cause, DB_ARGS(DB_INT(id), DB_TEXT(code)));
}

int
period_check_offering(struct db *db, int64_t offering_id, const char *actor, int role,
                      const char *reason, const char *what, char **cause)
{
	struct strlist months = {0};
	int rc = offering_closed_months(db, offering_id, NULL, &months, cause);

	for (size_t i = 0; rc == 0 && i < months.n; i++)
		rc = period_check_change(db, months.v[i], actor, role, reason, what, cause);
	strlist_clear(&months);
	return rc;
}

int
period_offering_closed(struct db *db, const char *offering, char month[8], char **cause)
{
	struct strlist months = {0};
	int rc = offering_closed_months(db, 0, offering, &months, cause);

	if (rc == 0 && months.n > 0) {
		snprintf(month, 8, "%s", months.v[0]);
		rc = 1;
	}
	strlist_clear(&months);
	return rc;
}

int
period_amended(struct db *db, const char *month, char **cause)
{
	int64_t amended;

	if (db_value(db,
	             "SELECT 1 FROM periods p JOIN period_amendments a ON a.month = p.month AND"
	             " a.at >= p.closed_at WHERE p.month = ?1 AND p.reopened_at IS NULL LIMIT 1",
	             &amended, cause, DB_ARGS(DB_TEXT(month))) != 0)
		return -1;
	return amended != 0;
}

int
period_notes(struct db *db, const char *from, const char *to, struct strlist *notes, char **cause)
{
	db_stmt *st = db_query(
	    db,
	    "SELECT month, closed_on, closed_by, day, actor, reason FROM (SELECT p.month,"
	    " date(p.closed_at, 'localtime') AS closed_on, p.closed_by, date(a.at, 'localtime') AS"
	    " day, a.actor, a.reason, min(a.id) AS first FROM periods p JOIN period_amendments a"
	    " ON a.month = p.month AND a.at >= p.closed_at WHERE p.reopened_at IS NULL AND"
	    " p.month BETWEEN ?1 AND ?2 GROUP BY p.month, day, a.actor, a.reason) n"
	    " ORDER BY month, first",
	    cause, DB_ARGS(DB_TEXT(from), DB_TEXT(to)));
	int rc;

	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW)
		/* TRANSLATORS: a footnote of the monthly report: the month, the day it was closed
		 * and who closed it, the day of an amendment, who made it and why. */
		strlist_addf(notes, _("%s: closed %s by %s; amended %s by %s: %s"),
		             db_column_text(st, 0), db_column_text(st, 1), db_column_text(st, 2),
		             db_column_text(st, 3), db_column_text(st, 4), db_column_text(st, 5));
	return db_finish(db, st, rc, cause);
}
