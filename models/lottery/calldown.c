/* models/lottery/calldown.c: after the draw: winners confirm by a deadline; a seat that frees is
 * offered to the next on the waiting list with a deadline of its own; staff record each phone
 * call about an offer; deadlines that pass release seats and offers. The rule is lottery.h's
 * CALL-DOWN rule, and sumaho(1)'s. */
#include "config.h"
#include "models/lottery/lottery.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/lottery/internal.h"
#include "models/periods/periods.h"

/* Now as the database stores it (UTC), and a UTC time shown as local "YYYY-MM-DD HH:MM". */
/* What an undo entry written again for the same cancellation and application replaces. */
#define UNDO_REPLACE                                                                               \
	" ON CONFLICT (cancel_id, application_id) DO UPDATE SET what = excluded.what, status ="    \
	" excluded.status, session_id = excluded.session_id, waiting_position ="                   \
	" excluded.waiting_position"
#define SQL_NOW      "strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"
#define SQL_LOCAL(x) "strftime('%Y-%m-%d %H:%M', " x ", 'localtime')"
/* The same without the year, for the call list's narrow columns. */
#define SQL_SHORT(x) "strftime('%m-%d %H:%M', " x ", 'localtime')"

const char *const lottery_call_results[] = {"accepted", "declined", "no-answer", "message", NULL};

/* A call's result (lottery_call_results) in words. */
static const struct code_name call_results[] = {{"accepted", N_("accepted")},
                                                {"declined", N_("declined")},
                                                {"no-answer", N_("no answer")},
                                                {"message", N_("message left")}};

int64_t
calldown_round(struct db *db, int64_t off, char **cause)
{
	int64_t id;

	if (db_value(db,
	             "SELECT ro.round_id FROM lottery_round_offerings ro JOIN"
	             " lottery_rounds r ON r.id = ro.round_id AND"
	             " r.superseded_at IS NULL WHERE ro.offering_id = ?",
	             &id, cause, DB_ARGS(DB_INT(off))) != 0)
		return -1;
	return id;
}

/* Check the closed months for a change to the offering's applications (periods.h). */
static int
closed_check(struct db *db, int64_t off, const struct lottery_config *cfg, const char *what,
             char **cause)
{
	return period_check_offering(db, off, cfg->actor, cfg->role, cfg->reason, what, cause);
}

int
calldown_close_up(struct db *db, int64_t off, int position, char **cause)
{
	if (position <= 0)
		return 0;
	return db_run(db,
	              "UPDATE applications SET waiting_position = waiting_position - 1 WHERE"
	              " offering_id = ? AND status = 'waiting' AND waiting_position > ?",
	              _("database error"), cause, DB_ARGS(DB_INT(off), DB_INT(position)));
}

/* The offer to application app in round (0: none), its id, or -1. */
static int64_t
int_of_offer(struct db *db, int64_t round, int64_t app, char **cause)
{
	int64_t id;

	if (db_value(db,
	             "SELECT id FROM lottery_offers WHERE application_id = ?2 AND"
	             " round_id IS NOT DISTINCT FROM nullif(?1, 0) AND state = 'open'",
	             &id, cause, DB_ARGS(DB_INT(round), DB_INT(app))) != 0)
		return -1;
	return id;
}

int
calldown_offer(struct db *db, int64_t off, const char *code, int64_t session, int64_t freed,
               const char *why, const struct lottery_config *cfg, char **offered,
               struct strlist *lines, char **cause)
{
	int64_t round = calldown_round(db, off, cause), app = 0;
	char hours[32], now[21], until[21], begins[48], *person = NULL, *deadline = NULL;
	int position = 0, rc = -1;
	db_stmt *st;

	if (offered != NULL)
		*offered = NULL;
	if (round < 0)
		return -1;
	/* The seat's session (else the offering's first): once it has begun the seat is offered
	 * to nobody, and an offer never runs past its start. */
	snprintf(hours, sizeof hours, "+%d hours", cfg->offer_hours > 0 ? cfg->offer_hours : 1);
	st = db_query(db,
	              "SELECT " SQL_NOW
	              ", strftime('%Y-%m-%dT%H:%M:%SZ', 'now', ?3), coalesce((SELECT"
	              " strftime('%Y-%m-%dT%H:%M:%SZ', s.date || ' ' || s.start, 'utc') || ' ' ||"
	              " s.date || ' ' || s.start FROM sessions s WHERE s.id = ?2 OR (?2 = 0 AND"
	              " s.offering_id = ?1 AND s.status = 'scheduled') ORDER BY s.date, s.start"
	              " LIMIT 1), '')",
	              cause, DB_ARGS(DB_INT(off), DB_INT(session), DB_TEXT(hours)));
	if (st == NULL)
		return -1;
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		set_cause(cause, _("database error"));
		return -1;
	}
	snprintf(now, sizeof now, "%s", db_column_text(st, 0));
	snprintf(until, sizeof until, "%s", db_column_text(st, 1));
	/* "YYYY-MM-DDTHH:MM:SSZ YYYY-MM-DD HH:MM": the start in UTC, then as the venue says it. */
	snprintf(begins, sizeof begins, "%s", db_column_text(st, 2));
	db_finalize(st);
	if (strlen(begins) > 21) {
		begins[20] = '\0';
		if (strcmp(begins, now) <= 0) {
			if (lines != NULL)
				strlist_addf(
				    lines,
				    _("%s: the class began at %s; the seat stays empty (no "
				      "offer is made once it has begun)"),
				    code, begins + 21);
			return 0;
		}
		if (strcmp(begins, until) < 0)
			snprintf(until, sizeof until, "%s", begins);
	}
	/* The first waiting who has no open offer here and holds no seat in the round. */
	st = db_query(db,
	              "SELECT a.id, p.code, a.waiting_position FROM applications a JOIN people p ON"
	              " p.id = a.person_id WHERE a.offering_id = ?1 AND a.status = 'waiting' AND"
	              " NOT EXISTS (SELECT 1 FROM lottery_offers f WHERE f.application_id = a.id"
	              " AND f.state = 'open') AND NOT EXISTS (SELECT 1 FROM applications w WHERE"
	              " w.person_id = a.person_id AND w.status = 'won' AND (w.offering_id = ?1 OR"
	              " w.offering_id IN (SELECT offering_id FROM lottery_round_offerings WHERE"
	              " round_id = ?2))) ORDER BY a.waiting_position, a.id LIMIT 1",
	              cause, DB_ARGS(DB_INT(off), DB_INT(round)));
	if (st == NULL)
		return -1;
	if (db_step(st) == DB_ROW) {
		app = db_column_int64(st, 0);
		person = db_column_dup(st, 1);
		position = db_column_int(st, 2);
	}
	db_finalize(st);
	if (app == 0) {
		if (lines != NULL)
			strlist_addf(lines, _("%s: nobody is waiting; the seat stays free"), code);
		return 0;
	}
	if (db_run(db,
	           "INSERT INTO lottery_offers (round_id, application_id, session_id, freed_by,"
	           " why, offered_at, offered_by, deadline) VALUES (nullif(?1, 0), ?2, nullif(?3,"
	           " 0), nullif(?4, 0), ?5, " SQL_NOW
	           ", ?6, ?7) ON CONFLICT (round_id, application_id) DO UPDATE SET session_id ="
	           " excluded.session_id, freed_by = excluded.freed_by, why = excluded.why,"
	           " offered_at = excluded.offered_at, offered_by = excluded.offered_by, deadline ="
	           " excluded.deadline, state = 'open', closed_at = NULL",
	           _("cannot record the offer"), cause,
	           DB_ARGS(DB_INT(round), DB_INT(app), DB_INT(session), DB_INT(freed), DB_TEXT(why),
	                   DB_TEXT(cfg->actor), DB_TEXT(until))) != 0)
		goto out;
	/* One offer a person in a round: one withdrawn (a cancellation put right) or taken back
	 * is made again in its row, its calls kept. */
	int64_t offer = int_of_offer(db, round, app, cause);

	if (offer <= 0) {
		if (offer == 0)
			set_cause(cause, _("cannot record the offer"));
		goto out;
	}

	st = db_query_int(db,
	                  "SELECT " SQL_LOCAL("deadline") ", deadline FROM lottery_offers WHERE id"
	                                                  " = ?",
	                  offer, cause);
	if (st == NULL)
		goto out;
	if (db_step(st) == DB_ROW)
		deadline = db_column_dup(st, 0);
	char *detail = xasprintf("%s %s: waiting %d -> offered until %s (%s)", code, person,
	                         position, db_column_text(st, 1), why);

	db_finalize(st);
	rc = db_audit(db, cfg->actor, "offer", "application", app, detail, cause);
	free(detail);
	if (rc != 0)
		goto out;
	if (lines != NULL)
		strlist_addf(lines, _("%s: the seat is offered to %s (waiting %d) until %s"), code,
		             person, position, deadline ? deadline : "");
	if (offered != NULL) {
		*offered = person;
		person = NULL;
	}
out:
	free(person);
	free(deadline);
	return rc;
}

/* The open offer of application app: its id, its session (0: none), its deadline (local, 17
 * bytes) and whether that has passed, each NULL when not wanted; 1, 0 when there is none, -1
 * with *cause. */
static int
open_offer(struct db *db, int64_t app, int64_t *offer, int64_t *session, char deadline[17],
           int *past, char **cause)
{
	db_stmt *st;
	int found = db_first(db, &st,
	                     "SELECT id, coalesce(session_id, 0), " SQL_LOCAL(
	                         "deadline") ", deadline < " SQL_NOW " FROM lottery_offers WHERE"
	                                     " application_id = ?1 AND state = 'open'",
	                     cause, DB_ARGS(DB_INT(app)));

	if (found != 1)
		return found;
	*offer = db_column_int64(st, 0);
	if (session != NULL)
		*session = db_column_int64(st, 1);
	if (deadline != NULL)
		snprintf(deadline, 17, "%s", db_column_text(st, 2));
	if (past != NULL)
		*past = db_column_int(st, 3);
	db_finalize(st);
	return 1;
}

int
calldown_close(struct db *db, int64_t app, const char *state, int64_t *session, char **cause)
{
	int64_t offer;
	int found = open_offer(db, app, &offer, session, NULL, NULL, cause);

	if (found != 1)
		return found;
	if (db_run(db, "UPDATE lottery_offers SET state = ?, closed_at = " SQL_NOW " WHERE id = ?",
	           _("database error"), cause, DB_ARGS(DB_TEXT(state), DB_INT(offer))) != 0)
		return -1;
	return 1;
}

/* An offering and what confirming takes there. */
struct cd_offering {
	int64_t id, round;
	char confirm_by[11]; /* "" when nobody needs to confirm */
	int past;            /* today is after confirm_by */
};

static int
load_offering(struct db *db, const char *code, int confirm_days, struct cd_offering *o,
              char **cause)
{
	db_stmt *st;
	int found = db_first_of(
	    db, &st, N_("offering"), code,
	    "SELECT o.id, coalesce(r.id, 0), CASE WHEN ?2 > 0 AND r.id IS NOT NULL THEN"
	    " max(date(r.run_at, 'localtime'), min(date(r.run_at, 'localtime', '+' || ?2 ||"
	    " ' days'), coalesce((SELECT date(min(s.date), '-1 day') FROM sessions s WHERE"
	    " s.offering_id = o.id AND s.status = 'scheduled'), '9999-12-31'))) END"
	    " FROM offerings o LEFT JOIN"
	    " lottery_round_offerings ro ON ro.offering_id = o.id AND ro.round_id IN (SELECT id"
	    " FROM lottery_rounds WHERE superseded_at IS NULL) LEFT JOIN lottery_rounds r ON"
	    " r.id = ro.round_id WHERE o.code = ?1",
	    cause, DB_ARGS(DB_TEXT(code), DB_INT(confirm_days)));

	memset(o, 0, sizeof *o);
	if (found < 0)
		return -1;
	o->id = db_column_int64(st, 0);
	o->round = db_column_int64(st, 1);
	snprintf(o->confirm_by, sizeof o->confirm_by, "%s", db_column_text(st, 2));
	db_finalize(st);
	if (*o->confirm_by) {
		int64_t past =
		    db_count_text(db, "SELECT date('now', 'localtime') > ?1", o->confirm_by, cause);

		if (past < 0)
			return -1;
		o->past = (int)past;
	}
	return 0;
}

char *
lottery_confirm_by(struct db *db, const char *offering, int confirm_days, char **cause)
{
	struct cd_offering o;

	if (load_offering(db, offering, confirm_days, &o, cause) != 0 || *o.confirm_by == '\0')
		return NULL;
	return xstrdup(o.confirm_by);
}

/* A person's application to an offering. */
struct cd_app {
	int64_t id, session;
	int position, confirmed;
	char status[16];
};

static int
load_app(struct db *db, const struct cd_offering *o, const char *offering, const char *person,
         struct cd_app *a, char **cause)
{
	db_stmt *st;
	int found = db_first(
	    db, &st,
	    "SELECT a.id, coalesce(a.session_id, 0), coalesce(a.waiting_position, 0),"
	    " a.confirmed_at IS NOT NULL, a.status FROM applications a JOIN people p ON p.id ="
	    " a.person_id WHERE a.offering_id = ? AND p.code = ? AND a.status NOT IN"
	    " ('cancelled', 'duplicate') ORDER BY a.id LIMIT 1",
	    cause, DB_ARGS(DB_INT(o->id), DB_TEXT(person)));

	memset(a, 0, sizeof *a);
	if (found == 0)
		set_cause(cause, _("%s has no application to %s"), person, offering);
	if (found != 1)
		return -1;
	a->id = db_column_int64(st, 0);
	a->session = db_column_int64(st, 1);
	a->position = db_column_int(st, 2);
	a->confirmed = db_column_int(st, 3);
	snprintf(a->status, sizeof a->status, "%s", db_column_text(st, 4));
	db_finalize(st);
	return 0;
}

/* Begin the transaction of a change to person's application to offering, loading both into *o
 * and *a; cfg->actor must be allowed to change the offering: 0 inside the transaction, or -1
 * with *cause and nothing begun. */
static int
begin_on_app(struct db *db, const char *offering, const char *person,
             const struct lottery_config *cfg, struct cd_offering *o, struct cd_app *a,
             char **cause)
{
	if (db_begin(db, cause) != 0)
		return -1;
	if (load_offering(db, offering, cfg->confirm_days, o, cause) == 0 &&
	    offering_venue_allows(db, o->id, cfg->actor, cause) == 0 &&
	    load_app(db, o, offering, person, a, cause) == 0)
		return 0;
	db_rollback(db);
	return -1;
}

int
lottery_confirm(struct db *db, const char *offering, const char *person,
                const struct lottery_config *cfg, char **cause)
{
	struct cd_offering o;
	struct cd_app a;

	if (begin_on_app(db, offering, person, cfg, &o, &a, cause) != 0)
		return -1;
	if (strcmp(a.status, "won") != 0) {
		set_cause(cause, _("%s has not won a seat in %s: only a winner confirms"), person,
		          offering);
		goto fail;
	}
	if (a.confirmed) {
		db_rollback(db);
		return 1;
	}
	if (o.past) {
		set_cause(cause,
		          _("the last day to confirm a seat in %s was %s; lottery expire offers "
		            "the seats not confirmed to the waiting list"),
		          offering, o.confirm_by);
		goto fail;
	}
	char *what = xasprintf("application %s %s: won -> won, confirmed", offering, person);
	int rc = closed_check(db, o.id, cfg, what, cause);

	free(what);
	if (rc != 0 ||
	    db_run(db,
	           "UPDATE applications SET confirmed_at = " SQL_NOW ", confirmed_by ="
	           " ? WHERE id = ?",
	           _("database error"), cause, DB_ARGS(DB_TEXT(cfg->actor), DB_INT(a.id))) != 0)
		goto fail;
	what = xasprintf("%s %s confirmed (by %s)", offering, person,
	                 *o.confirm_by ? o.confirm_by : "-");
	rc = db_audit_end(db, cfg->actor, "confirm", "application", a.id, what, cause);
	free(what);
	return rc;
fail:
	db_rollback(db);
	return -1;
}

/* The person leaves the waiting list of offering o (their application a) because their offer
 * ended as state (declined or expired): the application is withdrawn with the reason, the list
 * closes up, and the seat goes to the next. */
static int
offer_ends(struct db *db, const struct cd_offering *o, const char *offering, const char *person,
           const struct cd_app *a, const char *state, const char *deadline,
           const struct lottery_config *cfg, char **next, struct strlist *lines, char **cause)
{
	int64_t session = 0;
	char *reason = strcmp(state, "declined") == 0
	                   ? lottery_reason(REASON_DECLINED, NULL, NULL, NULL)
	                   : lottery_reason(REASON_NO_ANSWER, deadline, NULL, NULL);
	char *what = xasprintf("application %s %s: waiting -> cancelled (offer %s)", offering,
	                       person, state);
	int rc = closed_check(db, o->id, cfg, what, cause);

	if (rc == 0 && calldown_close(db, a->id, state, &session, cause) < 0)
		rc = -1;
	if (rc == 0)
		rc = db_run(db,
		            "UPDATE applications SET status = 'cancelled', waiting_position = NULL,"
		            " session_id = NULL, reason = ? WHERE id = ?",
		            _("database error"), cause, DB_ARGS(DB_TEXT(reason), DB_INT(a->id)));
	if (rc == 0)
		rc = calldown_close_up(db, o->id, a->position, cause);
	if (rc == 0)
		rc = db_audit(db, cfg->actor, strcmp(state, "declined") == 0 ? "decline" : "expire",
		              "application", a->id, what, cause);
	if (rc == 0 && lines != NULL) {
		char *why = lottery_reason_text(reason);

		strlist_addf(lines, _("%s: %s leaves the waiting list: %s"), offering, person, why);
		free(why);
	}
	if (rc == 0)
		rc = calldown_offer(db, o->id, offering, session, a->id, state, cfg, next, lines,
		                    cause);
	free(reason);
	free(what);
	return rc;
}

/* The person accepts the seat offered: they win it, confirmed, and leave the round's other
 * waiting lists; an open offer there is given up and goes to the next. */
static int
offer_accepted(struct db *db, const struct cd_offering *o, const char *offering, const char *person,
               const struct cd_app *a, const struct lottery_config *cfg, struct strlist *lines,
               char **cause)
{
	int64_t session = 0;
	char *what =
	    xasprintf("application %s %s: waiting -> won (offer accepted)", offering, person);
	int rc = closed_check(db, o->id, cfg, what, cause);

	/* The cancellation whose seat this is (the offer made for it, or passed on from such an
	 * offer) keeps what accepting changes, so that lottery_reinstate can take the seat back
	 * (--revert): this one's waiting place, and below, the places it gives up. */
	int64_t cancel = 0;

	if (rc == 0) {
		db_stmt *st = db_query_int(
		    db,
		    "WITH RECURSIVE chain(app, depth) AS (SELECT freed_by, 0 FROM lottery_offers"
		    " WHERE application_id = ?1 AND state = 'open' AND freed_by IS NOT NULL UNION"
		    " SELECT f.freed_by, c.depth + 1 FROM chain c JOIN lottery_offers f ON"
		    " f.application_id = c.app WHERE f.freed_by IS NOT NULL AND c.depth < 1000)"
		    " SELECT c.app FROM chain c JOIN application_undo u ON u.cancel_id = c.app AND"
		    " u.application_id = c.app AND u.what = 'cancelled' AND u.status = 'won' JOIN"
		    " applications x ON x.id = c.app AND x.status = 'cancelled' ORDER BY c.depth"
		    " LIMIT 1",
		    a->id, cause);

		if (st == NULL)
			rc = -1;
		else {
			int r = db_step(st);

			if (r == DB_ROW) {
				cancel = db_column_int64(st, 0);
				r = DB_DONE;
			}
			rc = db_finish(db, st, r, cause);
		}
	}
	if (rc == 0 && cancel != 0)
		rc = db_run(db,
		            "INSERT INTO application_undo (cancel_id, application_id,"
		            " what, status, waiting_position) VALUES (?, ?, 'promoted', 'waiting',"
		            " nullif(?, 0))" UNDO_REPLACE,
		            _("database error"), cause,
		            DB_ARGS(DB_INT(cancel), DB_INT(a->id), DB_INT(a->position)));
	if (rc == 0 && calldown_close(db, a->id, "accepted", &session, cause) < 0)
		rc = -1;
	if (rc == 0)
		rc = db_run(db,
		            "UPDATE applications SET status = 'won', waiting_position = NULL,"
		            " session_id = nullif(?, 0), confirmed_at = " SQL_NOW
		            ", confirmed_by = ?"
		            " WHERE id = ?",
		            _("database error"), cause,
		            DB_ARGS(DB_INT(session), DB_TEXT(cfg->actor), DB_INT(a->id)));
	if (rc == 0)
		rc = calldown_close_up(db, o->id, a->position, cause);
	if (rc == 0)
		rc = db_audit(db, cfg->actor, "accept", "application", a->id, what, cause);
	free(what);
	if (rc != 0 || o->round == 0)
		return rc;
	/* One seat a person: their places on the round's other waiting lists go. */
	db_stmt *st = db_query(
	    db,
	    "SELECT a.id, a.offering_id, coalesce(a.waiting_position, 0), o.code FROM applications "
	    "a"
	    " JOIN offerings o ON o.id = a.offering_id WHERE a.person_id = (SELECT person_id FROM"
	    " applications WHERE id = ?1) AND a.status = 'waiting' AND a.offering_id IN (SELECT"
	    " offering_id FROM lottery_round_offerings WHERE round_id = ?2) ORDER BY a.id",
	    cause, DB_ARGS(DB_INT(a->id), DB_INT(o->round)));
	struct other {
		int64_t app, off;
		int position;
		char *code;
	} *v = NULL;
	size_t n = 0;

	if (st == NULL)
		return -1;
	while (db_step(st) == DB_ROW) {
		v = xrealloc(v, (n + 1) * sizeof *v);
		v[n].app = db_column_int64(st, 0);
		v[n].off = db_column_int64(st, 1);
		v[n].position = db_column_int(st, 2);
		v[n++].code = db_column_dup(st, 3);
	}
	db_finalize(st);
	for (size_t i = 0; i < n && rc == 0; i++) {
		int had = calldown_close(db, v[i].app, "withdrawn", &session, cause);
		char *reason = lottery_reason(REASON_TOOK_SEAT, offering, NULL, NULL);

		if (had < 0)
			rc = -1;
		if (rc == 0 && cancel != 0)
			rc = db_run(
			    db,
			    "INSERT INTO application_undo (cancel_id,"
			    " application_id, what, status, waiting_position) VALUES (?, ?,"
			    " 'dropped', 'waiting', nullif(?, 0))" UNDO_REPLACE,
			    _("database error"), cause,
			    DB_ARGS(DB_INT(cancel), DB_INT(v[i].app), DB_INT(v[i].position)));
		if (rc == 0)
			rc = db_run(
			    db,
			    "UPDATE applications SET status = 'lost', waiting_position = NULL,"
			    " reason = ? WHERE id = ?",
			    _("database error"), cause, DB_ARGS(DB_TEXT(reason), DB_INT(v[i].app)));
		free(reason);
		if (rc == 0)
			rc = calldown_close_up(db, v[i].off, v[i].position, cause);
		if (rc == 0) {
			what = xasprintf("application %s %s: waiting -> lost (a seat in %s)",
			                 v[i].code, person, offering);
			rc =
			    db_audit(db, cfg->actor, "leave", "application", v[i].app, what, cause);
			free(what);
		}
		if (rc == 0 && had > 0)
			rc = calldown_offer(db, v[i].off, v[i].code, session, v[i].app, "withdrawn",
			                    cfg, NULL, lines, cause);
	}
	for (size_t i = 0; i < n; i++)
		free(v[i].code);
	free(v);
	return rc;
}

int
lottery_call(struct db *db, const char *offering, const char *person, const char *result,
             const struct lottery_config *cfg, char **next, char **cause)
{
	struct cd_offering o;
	struct cd_app a;
	int64_t offer = 0;
	char deadline[17] = "";
	int past = 0, known = 0, rc;

	*next = NULL;
	for (int k = 0; lottery_call_results[k] != NULL; k++)
		known |= strcmp(result, lottery_call_results[k]) == 0;
	if (!known) {
		set_cause(cause, _("'%s' is not one of: %s"), result,
		          "accepted, declined, no-answer, message");
		return -1;
	}
	if (begin_on_app(db, offering, person, cfg, &o, &a, cause) != 0)
		return -1;
	if ((rc = open_offer(db, a.id, &offer, NULL, deadline, &past, cause)) < 0)
		goto fail;
	if (rc == 0) {
		set_cause(cause, _("%s has no open offer of a seat in %s"), person, offering);
		goto fail;
	}
	if (past) {
		set_cause(cause,
		          _("the offer to %s ran out at %s: lottery expire offers the seat to the "
		            "next"),
		          person, deadline);
		goto fail;
	}
	char *what = xasprintf("%s %s: call, %s", offering, person, result);

	rc = closed_check(db, o.id, cfg, what, cause);
	if (rc == 0)
		rc = db_run(db,
		            "INSERT INTO lottery_calls (offer_id, called_at, called_by, result)"
		            " VALUES (?, " SQL_NOW ", ?, ?)",
		            _("cannot record the call"), cause,
		            DB_ARGS(DB_INT(offer), DB_TEXT(cfg->actor), DB_TEXT(result)));
	if (rc == 0)
		rc = db_audit(db, cfg->actor, "call", "application", a.id, what, cause);
	free(what);
	if (rc == 0 && strcmp(result, "accepted") == 0)
		rc = offer_accepted(db, &o, offering, person, &a, cfg, NULL, cause);
	else if (rc == 0 && strcmp(result, "declined") == 0)
		rc = offer_ends(db, &o, offering, person, &a, "declined", deadline, cfg, next, NULL,
		                cause);
	if (rc != 0)
		goto fail;
	return db_end(db, 0, cause);
fail:
	db_rollback(db);
	free(*next);
	*next = NULL;
	return -1;
}

/* The ids (and the person's code) a query with one integer parameter returns, into *ids and
 * *codes (the caller frees both and the codes); their number, or -1 with *cause. */
static long
collect(struct db *db, const char *sql, int64_t param, int64_t **ids, char ***codes, char **cause)
{
	db_stmt *st = db_query_int(db, sql, param, cause);
	long n = 0;
	int rc;

	*ids = NULL;
	*codes = NULL;
	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		*ids = xrealloc(*ids, (size_t)(n + 1) * sizeof **ids);
		*codes = xrealloc(*codes, (size_t)(n + 1) * sizeof **codes);
		(*ids)[n] = db_column_int64(st, 0);
		(*codes)[n++] = db_column_dup(st, 1);
	}
	if (db_finish(db, st, rc, cause) != 0) {
		while (n > 0)
			free((*codes)[--n]);
		free(*codes);
		free(*ids);
		*codes = NULL;
		*ids = NULL;
		return -1;
	}
	return n;
}

static void
free_collected(int64_t *ids, char **codes, long n)
{
	for (long i = 0; i < n; i++)
		free(codes[i]);
	free(codes);
	free(ids);
}

/* Open offers of offering ? not accepted by their deadline, the oldest first. */
#define SQL_LAPSED                                                                                 \
	"SELECT a.id, p.code FROM lottery_offers f JOIN applications a ON a.id = f.application_id" \
	" JOIN people p ON p.id = a.person_id WHERE a.offering_id = ? AND f.state = 'open' AND"    \
	" f.deadline < " SQL_NOW " ORDER BY f.id"
/* Winners of offering ? who have not confirmed, in the order they were seated. */
#define SQL_UNCONFIRMED                                                                            \
	"SELECT a.id, p.code FROM applications a JOIN people p ON p.id = a.person_id LEFT JOIN"    \
	" sessions s ON s.id = a.session_id WHERE a.offering_id = ? AND a.status = 'won' AND"      \
	" a.confirmed_at IS NULL ORDER BY s.date, s.start, a.id"

int
lottery_expire_due(struct db *db, const char *offering, int confirm_days,
                   struct lottery_expiry *out, char **cause)
{
	struct cd_offering o;
	int64_t *ids = NULL;
	char **codes = NULL;
	long n;

	memset(out, 0, sizeof *out);
	if (load_offering(db, offering, confirm_days, &o, cause) != 0)
		return -1;
	snprintf(out->confirm_by, sizeof out->confirm_by, "%s", o.confirm_by);
	if ((n = collect(db, SQL_LAPSED, o.id, &ids, &codes, cause)) < 0)
		return -1;
	free_collected(ids, codes, n);
	out->offers = (int)n;
	if (*o.confirm_by && o.past) {
		if ((n = collect(db, SQL_UNCONFIRMED, o.id, &ids, &codes, cause)) < 0)
			return -1;
		free_collected(ids, codes, n);
		out->winners = (int)n;
	}
	return 0;
}

int
lottery_expire(struct db *db, const char *offering, const struct lottery_config *cfg,
               struct strlist *lines, struct lottery_expiry *out, char **cause)
{
	struct cd_offering o;
	struct lottery_expiry done = {0};
	int64_t *ids = NULL;
	char **codes = NULL;
	char *next = NULL;
	long n = 0;
	int rc = 0;

	if (out != NULL)
		memset(out, 0, sizeof *out);
	if (db_begin(db, cause) != 0)
		return -1;
	if (load_offering(db, offering, cfg->confirm_days, &o, cause) != 0)
		goto fail;
	snprintf(done.confirm_by, sizeof done.confirm_by, "%s", o.confirm_by);
	n = collect(db, SQL_LAPSED, o.id, &ids, &codes, cause);
	if (n < 0)
		goto fail;
	for (long i = 0; i < n && rc == 0; i++) {
		struct cd_app a;
		int64_t offer;
		char deadline[17] = "";
		int past;

		rc = load_app(db, &o, offering, codes[i], &a, cause);
		if (rc == 0 && open_offer(db, a.id, &offer, NULL, deadline, &past, cause) < 0)
			rc = -1;
		if (rc == 0)
			rc = offer_ends(db, &o, offering, codes[i], &a, "expired", deadline, cfg,
			                &next, lines, cause);
		done.offers += rc == 0;
		done.offered += rc == 0 && next != NULL;
		free(next);
		next = NULL;
	}
	free_collected(ids, codes, n);
	if (rc != 0)
		goto fail;
	/* Winners who did not confirm by the day, in the order they were seated. */
	n = 0;
	ids = NULL;
	codes = NULL;
	if (*o.confirm_by && o.past) {
		n = collect(db, SQL_UNCONFIRMED, o.id, &ids, &codes, cause);
		if (n < 0)
			goto fail;
	}
	for (long i = 0; i < n && rc == 0; i++) {
		int64_t session = 0;
		db_stmt *st = db_query_int(
		    db, "SELECT coalesce(session_id, 0) FROM applications WHERE id = ?", ids[i],
		    cause);
		char *reason = lottery_reason(REASON_UNCONFIRMED, o.confirm_by, NULL, NULL);
		char *what = xasprintf("application %s %s: won -> cancelled (not confirmed by %s)",
		                       offering, codes[i], o.confirm_by);

		if (st == NULL)
			rc = -1;
		else {
			if (db_step(st) == DB_ROW)
				session = db_column_int64(st, 0);
			db_finalize(st);
		}
		if (rc == 0)
			rc = closed_check(db, o.id, cfg, what, cause);
		if (rc == 0)
			rc = db_run(
			    db,
			    "UPDATE applications SET status = 'cancelled', session_id = NULL,"
			    " reason = ? WHERE id = ?",
			    _("database error"), cause, DB_ARGS(DB_TEXT(reason), DB_INT(ids[i])));
		if (rc == 0)
			rc = db_audit(db, cfg->actor, "expire", "application", ids[i], what, cause);
		if (rc == 0 && lines != NULL) {
			char *why = lottery_reason_text(reason);

			strlist_addf(lines, _("%s: %s loses the seat: %s"), offering, codes[i],
			             why);
			free(why);
		}
		if (rc == 0)
			rc = calldown_offer(db, o.id, offering, session, ids[i], "unconfirmed", cfg,
			                    &next, lines, cause);
		done.winners += rc == 0;
		done.offered += rc == 0 && next != NULL;
		free(next);
		next = NULL;
		free(reason);
		free(what);
	}
	free_collected(ids, codes, n);
	if (rc != 0 || db_commit(db, cause) != 0)
		goto fail;
	if (out != NULL)
		*out = done;
	return done.offers + done.winners;
fail:
	db_rollback(db);
	return -1;
}

/* An entry of the call list in words (a new string). */
static char *
call_state(const char *status, int position, const char *reason, const char *offer, int past)
{
	if (strcmp(offer, "open") == 0)
		return xstrdup(past ? _("offer ran out") : _("offered"));
	if (strcmp(offer, "accepted") == 0)
		return xstrdup(_("accepted (won)"));
	if (strcmp(offer, "declined") == 0)
		return xstrdup(_("declined"));
	if (strcmp(offer, "expired") == 0)
		return xstrdup(_("no answer by the deadline"));
	/* Withdrawn because they took a seat elsewhere in the round (they left this list), or
	 * because the seat went back (a cancellation reinstated, an undo): then they still wait. */
	if (strcmp(offer, "withdrawn") == 0 && strcmp(status, "lost") == 0)
		return xstrdup(_("given up: a seat elsewhere"));
	if (strcmp(offer, "withdrawn") == 0 && strcmp(status, "waiting") == 0)
		/* TRANSLATORS: the seat offered went back to the one whose cancellation was put
		 * right; the person offered keeps their place on the waiting list. */
		return xasprintf(_("offer withdrawn, waiting %d"), position);
	return lottery_result_label(status, position, reason);
}

/* The round an offer belongs to: the offering's live round, or none when it was never drawn. */
#define SQL_LIVE_ROUND(off)                                                                        \
	"(SELECT ro.round_id FROM lottery_round_offerings ro JOIN lottery_rounds r ON r.id ="      \
	" ro.round_id AND r.superseded_at IS NULL WHERE ro.offering_id = " off ")"

/* The call list of offering ?1: the draw's waiting list, whoever waits now, and whoever was
 * offered a seat in the live round. An offer made again (after one withdrawn) reuses its row;
 * the calls made about the earlier one stay in the log but are not this offer's: only calls
 * since the offer was made count (to the second the clock gives). */
/* clang-format off */
#define CALL_LIST_SQL \
	"SELECT coalesce(CAST(coalesce(e.position, a.waiting_position) AS TEXT), ''), p.code, p.name, p.phone," \
	" a.status, coalesce(a.waiting_position, 0), a.reason, coalesce(f.state, '')," \
	" CASE WHEN f.deadline < " SQL_NOW " THEN 1 ELSE 0 END, coalesce(s.code, '')," \
	" coalesce(" SQL_SHORT("f.deadline") ", '')," \
	" CASE WHEN f.id IS NULL THEN '' ELSE" \
	"  CAST((SELECT count(*) FROM lottery_calls c WHERE c.offer_id = f.id" \
	"   AND c.called_at >= f.offered_at) AS TEXT) END," \
	" coalesce(" SQL_SHORT("l.called_at") ", ''), coalesce(l.result, ''), coalesce(l.called_by, '')" \
	" FROM applications a JOIN offerings o ON o.id = a.offering_id" \
	" JOIN people p ON p.id = a.person_id" \
	" LEFT JOIN lottery_entries e ON e.application_id = a.id" \
	"  AND e.round_id = " SQL_LIVE_ROUND("o.id") \
	" LEFT JOIN lottery_offers f ON f.application_id = a.id" \
	"  AND f.round_id IS NOT DISTINCT FROM " SQL_LIVE_ROUND("o.id") \
	" LEFT JOIN sessions s ON s.id = f.session_id" \
	" LEFT JOIN lottery_calls l ON l.id = (SELECT max(c.id) FROM lottery_calls c" \
	"  WHERE c.offer_id = f.id AND c.called_at >= f.offered_at)" \
	" WHERE o.code = ?1 AND (e.result = 'waiting' OR a.status = 'waiting' OR f.id IS NOT NULL)" \
	" ORDER BY coalesce(e.position, a.waiting_position, 1000000000), f.id, p.code"
/* clang-format on */

struct table *
lottery_calls(struct db *db, const char *offering, char **cause)
{
	static const char *const titles[] = {N_("No."),   N_("Code"),      N_("Name"),
	                                     N_("Phone"), N_("State"),     N_("Until"),
	                                     N_("Calls"), N_("Last call"), N_("Seat")};
	db_stmt *st = db_query(db, CALL_LIST_SQL, cause, DB_ARGS(DB_TEXT(offering)));
	struct table *t;

	if (st == NULL)
		return NULL;
	t = table_new_i18n(9, titles, "rkkkkkrll");
	while (db_step(st) == DB_ROW) {
		char *state =
		    call_state(db_column_text(st, 4), db_column_int(st, 5), db_column_text(st, 6),
		               db_column_text(st, 7), db_column_int(st, 8));
		/* The last call: when, its result in words (as the calls made show it), who. */
		char *last = *db_column_text(st, 12)
		                 ? xasprintf("%s %s (%s)", db_column_text(st, 12),
		                             CODE_NAME(call_results, db_column_text(st, 13)),
		                             db_column_text(st, 14))
		                 : xstrdup("");

		table_add_keyed_row(
		    t,
		    (const char *const[]){db_column_text(st, 0), db_column_text(st, 1),
		                          db_column_text(st, 2), db_column_text(st, 3), state,
		                          db_column_text(st, 10), db_column_text(st, 11), last,
		                          db_column_text(st, 9)},
		    db_column_text(st, 1));
		free(last);
		free(state);
	}
	db_finalize(st);
	return t;
}

struct table *
lottery_call_log(struct db *db, const char *offering, const char *person, char **cause)
{
	static const char *const titles[] = {N_("Time"), N_("Code"), N_("Name"), N_("Result"),
	                                     N_("Staff")};
	db_stmt *st = db_query(
	    db,
	    "SELECT " SQL_LOCAL("c.called_at") ", p.code, p.name, c.result, c.called_by FROM"
	                                       " lottery_calls c JOIN lottery_offers f ON f.id = "
	                                       "c.offer_id JOIN applications a ON"
	                                       " a.id = f.application_id JOIN offerings o ON o.id "
	                                       "= a.offering_id JOIN people p ON"
	                                       " p.id = a.person_id WHERE o.code = ?1 AND (p.code "
	                                       "= ?2 OR ?2 IS NULL) ORDER BY c.id",
	    cause, DB_ARGS(DB_TEXT(offering), DB_TEXT(person)));
	struct table *t;

	if (st == NULL)
		return NULL;
	t = table_new_i18n(5, titles, "lllll");
	while (db_step(st) == DB_ROW)
		table_add_row(
		    t, (const char *const[]){
		           db_column_text(st, 0), db_column_text(st, 1), db_column_text(st, 2),
		           CODE_NAME(call_results, db_column_text(st, 3)), db_column_text(st, 4)});
	db_finalize(st);
	return t;
}
