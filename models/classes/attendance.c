/* models/classes/attendance.c: who was there, as the roll-call screen and `sumaho attend` record
 * it. */
#include "config.h"
#include "models/classes/classes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/core/schema.h"
#include "models/core/util.h"
#include "models/periods/periods.h"
#include "models/staff/staff.h"

/* The people on a session's roll: winners of that session (or of its offering when the seat
 * was not tied to one session) and substitutes recorded for it. */
#define ROLL_MEMBERS                                                                               \
	"SELECT pid, min(sub) AS sub FROM (SELECT a.person_id AS pid, 0 AS sub FROM applications " \
	"a"                                                                                        \
	" JOIN sessions s ON s.id = ?1 WHERE a.status = 'won' AND (a.session_id = s.id OR"         \
	" (a.session_id IS NULL AND a.offering_id = s.offering_id))"                               \
	" UNION ALL SELECT person_id, 1 FROM attendance WHERE session_id = ?1 AND substitute = "   \
	"1) u"                                                                                     \
	" GROUP BY pid"

static int64_t
session_id(struct db *db, const char *code, int *cancelled, char **cause)
{
	db_stmt *st;
	int64_t id;

	if (db_first_of(db, &st, N_("session"), code,
	                "SELECT id, status = 'cancelled' FROM sessions WHERE code = ?", cause,
	                DB_ARGS(DB_TEXT(code))) < 0)
		return -1;
	id = db_column_int64(st, 0);
	if (cancelled != NULL)
		*cancelled = db_column_int(st, 1);
	db_finalize(st);
	return id;
}

struct roll *
attendance_roll(struct db *db, const char *session, char **cause)
{
	int cancelled = 0;
	int64_t sid = session_id(db, session, &cancelled, cause);
	db_stmt *st;
	struct roll *r;
	size_t cap = 0;
	int rc;

	if (sid < 0)
		return NULL;
	st = db_query_int(db,
	                  "SELECT " SQL_CLASS_TITLE ", s.date, s.start || '-' ||"
	                  " strftime('%H:%M', s.start, '+' || s.duration_min || ' minutes'), v.name"
	                  " FROM sessions s JOIN offerings o ON o.id = s.offering_id"
	                  " JOIN courses c ON c.id = o.course_id JOIN venues v ON v.id = o.venue_id"
	                  " WHERE s.id = ?",
	                  sid, cause);
	if (st == NULL)
		return NULL;
	r = xcalloc(1, sizeof *r);
	r->cancelled = cancelled;
	if (db_step(st) == DB_ROW) {
		r->title = db_column_dup(st, 0);
		snprintf(r->date, sizeof r->date, "%s", db_column_text(st, 1));
		snprintf(r->time, sizeof r->time, "%s", db_column_text(st, 2));
		r->venue = db_column_dup(st, 3);
	}
	db_finalize(st);
	st = db_query_int(
	    db,
	    "SELECT coalesce(p.code, 'id' || p.id), p.name, p.kana, coalesce(t.status, ''),"
	    " m.sub FROM (" ROLL_MEMBERS ") m JOIN people p ON p.id = m.pid"
	    " LEFT JOIN attendance t ON t.session_id = ?1 AND t.person_id = p.id"
	    " ORDER BY m.sub, p.kana_key, p.code",
	    sid, cause);
	if (st == NULL) {
		attendance_roll_free(r);
		return NULL;
	}
	while ((rc = db_step(st)) == DB_ROW) {
		r->v = xgrow(r->v, r->n, &cap, 16, sizeof *r->v);
		r->v[r->n].person = db_column_dup(st, 0);
		r->v[r->n].name = db_column_dup(st, 1);
		r->v[r->n].kana = db_column_dup(st, 2);
		snprintf(r->v[r->n].status, sizeof r->v[r->n].status, "%s", db_column_text(st, 3));
		r->v[r->n].substitute = db_column_int(st, 4);
		r->n++;
	}
	if (db_finish(db, st, rc, cause) == 0)
		return r;
	attendance_roll_free(r);
	return NULL;
}

void
attendance_roll_free(struct roll *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].person);
		free(r->v[i].name);
		free(r->v[i].kana);
	}
	free(r->v);
	free(r->title);
	free(r->venue);
	free(r);
}

int
attendance_status_valid(const char *status)
{
	return strcmp(status, "present") == 0 || strcmp(status, "absent") == 0 ||
	       strcmp(status, "late") == 0;
}

/* attendance_mark and attendance_record: audit says whether the mark is audited here. */
static int
mark(struct db *db, const char *session, const char *person, const char *status, int substitute,
     const struct date *today, const char *actor, int role, const char *reason, int audit,
     const char **field, char **cause)
{
	const char *dummy;
	int cancelled = 0;
	int64_t sid, pid, on_roll;
	db_stmt *st;
	char *detail;
	int rc;

	if (field == NULL)
		field = &dummy;
	*field = "status";
	if (!attendance_status_valid(status)) {
		set_cause(cause, _("'%s' is not one of: %s"), status, "present, absent, late");
		return -1;
	}
	*field = "session";
	/* Read what decides inside the transaction: another terminal may cancel the session. */
	if (db_begin(db, cause) != 0)
		return -1;
	if ((sid = session_id(db, session, &cancelled, cause)) < 0)
		goto fail;
	if (cancelled) {
		set_cause(cause, _("session '%s' is cancelled; nobody attends it"), session);
		goto fail;
	}
	/* The roll of a class at a venue the account is not limited to is not its to take. */
	int64_t venue = 0;

	if (db_value(db,
	             "SELECT o.venue_id FROM sessions s JOIN offerings o ON o.id = s.offering_id"
	             " WHERE s.id = ?",
	             &venue, cause, DB_ARGS(DB_INT(sid))) != 0 ||
	    staff_may_write_venue(db, actor, venue, cause) != 0)
		goto fail;
	if (today != NULL) {
		char *iso = date_iso(today);

		st = db_query(db, "SELECT date FROM sessions WHERE id = ?1 AND date > ?2", cause,
		              DB_ARGS(DB_INT(sid), DB_TEXT(iso)));
		free(iso);
		if (st == NULL)
			goto fail;
		if (db_step(st) == DB_ROW) {
			set_cause(
			    cause,
			    _("session '%s' is on %s, after today; its roll is taken on the day"),
			    session, db_column_text(st, 0));
			db_finalize(st);
			goto fail;
		}
		db_finalize(st);
	}
	*field = "person";
	pid = db_count_text(db, "SELECT coalesce(max(id), 0) FROM people WHERE code = ?1", person,
	                    cause);
	if (pid <= 0) {
		if (pid == 0)
			set_cause(cause, _("no %s with code '%s'"), _("person"), person);
		goto fail;
	}
	st = db_query(db, "SELECT count(*) FROM (" ROLL_MEMBERS ") r WHERE pid = ?2 AND sub = 0",
	              cause, DB_ARGS(DB_INT(sid), DB_INT(pid)));
	if (st == NULL)
		goto fail;
	on_roll = db_step(st) == DB_ROW ? db_column_int64(st, 0) : 0;
	db_finalize(st);
	*field = "substitute";
	if (!on_roll && !substitute) {
		set_cause(cause,
		          _("%s did not win a seat in session '%s'; record them as a substitute"),
		          person, session);
		goto fail;
	}
	/* A mark that changes a closed month's participants is an admin's amendment. */
	*field = "session";
	st = db_query(db,
	              "SELECT s.date, coalesce(t.status, 'unmarked'), t.substitute IS NOT DISTINCT "
	              "FROM ?3 FROM sessions"
	              " s LEFT JOIN attendance t ON t.session_id = s.id AND t.person_id = ?2 WHERE"
	              " s.id = ?1",
	              cause, DB_ARGS(DB_INT(sid), DB_INT(pid), DB_INT(!on_roll)));
	if (st == NULL)
		goto fail;
	if (db_step(st) == DB_ROW &&
	    (strcmp(db_column_text(st, 1), status) != 0 || !db_column_int(st, 2))) {
		char *what =
		    xasprintf("attendance %s %s: %s -> %s%s", session, person,
		              db_column_text(st, 1), status, on_roll ? "" : " (substitute)");

		rc = period_check_change(db, db_column_text(st, 0), actor, role, reason, what,
		                         cause);
		free(what);
		if (rc != 0) {
			db_finalize(st);
			goto fail;
		}
	}
	db_finalize(st);
	*field = NULL;
	if (db_run(db,
	           "INSERT INTO attendance (session_id, person_id, status, substitute)"
	           " VALUES (?,?,?,?) ON CONFLICT (session_id, person_id) DO UPDATE SET"
	           " status = excluded.status, substitute = excluded.substitute,"
	           " recorded_at = excluded.recorded_at",
	           _("database error"), cause,
	           DB_ARGS(DB_INT(sid), DB_INT(pid), DB_TEXT(status), DB_INT(!on_roll))) != 0)
		goto fail;
	rc = 0;
	if (audit) {
		detail = xasprintf("%s %s %s%s", session, person, status,
		                   on_roll ? "" : " (substitute)");
		rc = db_audit(db, actor, "attend", "sessions", sid, detail, cause);
		free(detail);
	}
	return db_end(db, rc, cause);
fail:
	db_rollback(db);
	return -1;
}

int
attendance_mark(struct db *db, const char *session, const char *person, const char *status,
                int substitute, const struct date *today, const char *actor, int role,
                const char *reason, char **cause)
{
	return mark(db, session, person, status, substitute, today, actor, role, reason, 1, NULL,
	            cause);
}

int
attendance_record(struct db *db, const char *session, const char *person, const char *status,
                  int substitute, const struct date *today, const char *actor, int role,
                  const char *reason, const char **field, char **cause)
{
	return mark(db, session, person, status, substitute, today, actor, role, reason, 0, field,
	            cause);
}

char *
attendance_label(const char *status, int substitute)
{
	const char *s = strcmp(status, "present") == 0  ? _("present")
	                : strcmp(status, "absent") == 0 ? _("absent")
	                : strcmp(status, "late") == 0   ? _("late")
	                                                : _("not marked");

	if (!substitute)
		return xstrdup(s);
	/* TRANSLATORS: a status, then that the person came as a substitute. */
	return xasprintf(_("%s (substitute)"), s);
}

/* Sessions at which both records were marked, ?1 keep and ?2 other: the session's id, code
 * and date, which to drop (the worse: 1 other's, 0 keep's) and its status. */
static const char merge_both_sql[] =
    "SELECT s.id, s.code, s.date, d.drop_other, CASE d.drop_other WHEN 1 THEN x.status ELSE"
    " k.status END, k.status, x.status FROM attendance k JOIN attendance x ON x.session_id ="
    " k.session_id AND x.person_id = ?2 JOIN sessions s ON s.id = k.session_id,"
    " (SELECT 1 AS drop_other UNION ALL SELECT 0) d WHERE k.person_id = ?1 AND d.drop_other ="
    " CASE WHEN instr('present late absent', x.status) >= instr('present late absent', k.status)"
    " THEN 1 ELSE 0 END"
    " ORDER BY s.date, s.code";

long
attendance_merge_person(struct db *db, int64_t keep, int64_t other, const char *actor, int role,
                        const char *reason, struct strlist *notes, char **cause)
{
	db_stmt *st;
	struct strlist drops = {0};
	long moved = 0;
	int64_t count;
	int rc, refused = 0;

	if (db_begin(db, cause) != 0)
		return -1;
	st = db_query(db, merge_both_sql, cause, DB_ARGS(DB_INT(keep), DB_INT(other)));
	while (st != NULL && (rc = db_step(st)) == DB_ROW) {
		int drop_other = db_column_int(st, 3);
		const char *dropped = db_column_text(st, 4), *code = db_column_text(st, 1);

		/* "id drop_other" for the writes below, once the query is done. */
		strlist_addf(&drops, "%lld %d", (long long)db_column_int64(st, 0), drop_other);
		if (strcmp(dropped, "absent") != 0) {
			char *what = xasprintf("attendance %s: two records of one person (%s, %s),"
			                       " counted once",
			                       code, db_column_text(st, 5), db_column_text(st, 6));

			refused = period_check_change(db, db_column_text(st, 2), actor, role,
			                              reason, what, cause);
			free(what);
			if (refused != 0)
				break;
		}
		char *kept = attendance_label(db_column_text(st, drop_other ? 5 : 6), 0),
		     *gone = attendance_label(dropped, 0);

		strlist_addf(notes, _("%1$s: both records were marked; kept %2$s, dropped %3$s"),
		             code, kept, gone);
		free(kept);
		free(gone);
	}
	if (st == NULL)
		goto fail;
	if (refused != 0) {
		db_finalize(st);
		goto fail;
	}
	if (db_finish(db, st, rc, cause) != 0)
		goto fail;
	for (size_t i = 0; i < drops.n; i++) {
		long long session;
		int drop_other;

		if (sscanf(drops.v[i], "%lld %d", &session, &drop_other) != 2 ||
		    db_run(db, "DELETE FROM attendance WHERE session_id = ?1 AND person_id = ?2",
		           _("database error"), cause,
		           DB_ARGS(DB_INT(session), DB_INT(drop_other ? other : keep))) != 0)
			goto fail;
	}
	if (db_value(db, "SELECT count(*) FROM attendance WHERE person_id = ?1", &count, cause,
	             DB_ARGS(DB_INT(other))) != 0)
		goto fail;
	moved = (long)count;
	if (db_run(db, "UPDATE attendance SET person_id = ?1 WHERE person_id = ?2",
	           _("cannot move the roll-call marks"), cause,
	           DB_ARGS(DB_INT(keep), DB_INT(other))) != 0)
		goto fail;
	strlist_clear(&drops);
	if (db_commit(db, cause) != 0) {
		db_rollback(db);
		return -1;
	}
	return moved;
fail:
	strlist_clear(&drops);
	db_rollback(db);
	return -1;
}
