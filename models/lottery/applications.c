/* models/lottery/applications.c: applications as they arrive (at the counter, by phone or
 * postcard, from the online service), who may apply, results recorded elsewhere, and a
 * cancellation whose seat is offered to the next on the waiting list. */
#include "config.h"
#include "models/lottery/lottery.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/classes/classes.h"
#include "models/core/clock.h"
#include "models/core/i18n.h"
#include "models/lottery/internal.h"
#include "models/periods/periods.h"
#include "models/staff/staff.h"

/* ---- eligibility ---- */

char *
lottery_ineligible(const struct lottery_config *cfg, int birth_year, int resident, int year)
{
	if (cfg->residents_only && !resident)
		return lottery_reason(REASON_NOT_RESIDENT, NULL, NULL, NULL);
	if (cfg->min_age > 0 && birth_year > 0 && year - birth_year < cfg->min_age) {
		char age[16], in[16], born[16];

		snprintf(age, sizeof age, "%d", cfg->min_age);
		snprintf(in, sizeof in, "%d", year);
		snprintf(born, sizeof born, "%d", birth_year);
		return lottery_reason(REASON_UNDER_AGE, age, in, born);
	}
	return NULL;
}

/* ---- receiving and recording ---- */

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
	db_stmt *st;

	memset(o, 0, sizeof *o);
	if (db_first_of(
	        db, &st, N_("offering"), code,
	        "SELECT id, status = 'cancelled', apply_from, apply_to, CAST(substr(apply_to,"
	        " 1, 4) AS INTEGER), EXISTS (SELECT 1 FROM lottery_round_offerings ro JOIN"
	        " lottery_rounds r ON r.id = ro.round_id AND r.superseded_at IS NULL WHERE"
	        " ro.offering_id = offerings.id) FROM offerings WHERE code = ?",
	        cause, DB_ARGS(DB_TEXT(code))) < 0)
		return -1;
	o->id = db_column_int64(st, 0);
	o->cancelled = db_column_int(st, 1);
	snprintf(o->from, sizeof o->from, "%s", db_column_text(st, 2));
	snprintf(o->to, sizeof o->to, "%s", db_column_text(st, 3));
	o->year = db_column_int(st, 4);
	o->drawn = db_column_int(st, 5);
	db_finalize(st);
	return 0;
}

int
offering_venue_allows(struct db *db, int64_t offering, const char *actor, char **cause)
{
	int64_t venue = 0;

	if (db_value(db, "SELECT venue_id FROM offerings WHERE id = ?", &venue, cause,
	             DB_ARGS(DB_INT(offering))) != 0)
		return -1;
	return staff_may_write_venue(db, actor, venue, cause) == 0 ? 0 : -1;
}

/* Whether this entry was received before: 1 (the same application), 0, or -1 with *cause (a
 * reference that is someone else's application). */
static int
received_before(struct db *db, const struct lottery_entry *e, int64_t offering, char **cause)
{
	int has_ref = e->ref != NULL && *e->ref != '\0';
	db_stmt *st = db_prepare(
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
	db_bind_int64(st, 2, offering);
	db_bind_int64(st, 3, e->person_id);
	if (!has_ref) {
		db_bind_text(st, 4, e->applied_on);
		db_bind_text(st, 5, e->channel);
	}
	if (db_step(st) == DB_ROW)
		same = db_column_int(st, 0) ? 1 : -1;
	db_finalize(st);
	if (same < 0)
		set_cause(cause,
		          _("reference '%s' is already another application (another person or "
		            "class)"),
		          e->ref);
	return same;
}

/* Begin the transaction that takes entry e and load the offering it names into *o, which actor
 * must be allowed to change: 0 inside the transaction; -1 with *cause, *field "offering" and
 * nothing begun. */
static int
begin_entry(struct db *db, const struct lottery_entry *e, const char *actor,
            struct apply_offering *o, const char **field, char **cause)
{
	if (db_begin(db, cause) != 0)
		return -1;
	*field = "offering";
	if (load_apply_offering(db, e->offering, o, cause) == 0 &&
	    offering_venue_allows(db, o->id, actor, cause) == 0)
		return 0;
	db_rollback(db);
	return -1;
}

int
lottery_apply_check(struct db *db, const char *offering, const struct date *today,
                    const char *actor, char **cause)
{
	struct apply_offering o;
	char *day = date_iso(today);
	int rc = -1;

	if (load_apply_offering(db, offering, &o, cause) != 0 ||
	    offering_venue_allows(db, o.id, actor, cause) != 0)
		;
	else if (o.cancelled)
		set_cause(cause, _("offering %s is cancelled"), offering);
	else if (strcmp(day, o.from) < 0 || strcmp(day, o.to) > 0)
		set_cause(cause, _("%s takes applications from %s to %s"), offering, o.from, o.to);
	else if (o.drawn)
		set_cause(cause, _("%s has been drawn already; no more applications"), offering);
	else
		rc = 0;
	free(day);
	return rc;
}

int
lottery_receive(struct db *db, const struct lottery_entry *e, int batch,
                const struct lottery_config *cfg, const char *actor, char **ineligible,
                const char **field, char **cause)
{
	struct apply_offering o;
	db_stmt *st;
	const char *dummy;
	char *reason = NULL, *code = NULL;
	int64_t first = 0;
	int rc = -1;

	if (field == NULL)
		field = &dummy;
	if (ineligible != NULL)
		*ineligible = NULL;
	if (check_entry(e, field, cause) != 0 || begin_entry(db, e, actor, &o, field, cause) != 0)
		return -1;
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
	st = db_query(db,
	              "SELECT id, coalesce(ref, '#' || id), applied_at FROM applications WHERE"
	              " offering_id = ? AND person_id = ? AND status NOT IN ('cancelled',"
	              " 'duplicate') ORDER BY id LIMIT 1",
	              cause, DB_ARGS(DB_INT(o.id), DB_INT(e->person_id)));
	if (st == NULL)
		goto fail;
	if (db_step(st) == DB_ROW) {
		first = db_column_int64(st, 0);
		if (batch)
			reason = lottery_reason(REASON_SAME_AS, db_column_text(st, 1), NULL, NULL);
		else
			set_cause(cause, _("this person applied to %s already, on %s"), e->offering,
			          db_column_text(st, 2));
	}
	db_finalize(st);
	if (first != 0 && !batch)
		goto fail;
	/* Eligibility is the person's record's: residence is the city's record, not a form's. */
	st = db_query_int(db,
	                  "SELECT coalesce(birth_year, 0), resident, coalesce(code, '#' || id) FROM"
	                  " people WHERE id = ?",
	                  e->person_id, cause);
	if (st == NULL)
		goto fail;
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		set_cause(cause, "%s", _("no such person"));
		goto fail;
	}
	if (first == 0 && cfg != NULL)
		reason =
		    lottery_ineligible(cfg, db_column_int(st, 0), db_column_int(st, 1), o.year);
	code = db_column_dup(st, 2);
	db_finalize(st);
	if (first == 0 && reason == NULL && outside)
		reason = lottery_reason(REASON_OUTSIDE, e->applied_on, NULL, NULL);
	*field = "offering";
	char *what = xasprintf("application %s person=%lld: none -> %s", e->offering,
	                       (long long)e->person_id,
	                       first    ? "duplicate"
	                       : reason ? "ineligible"
	                                : "applied");

	int closed = period_check_offering(db, o.id, actor, cfg ? cfg->role : 0,
	                                   cfg ? cfg->reason : NULL, what, cause);

	free(what);
	if (closed != 0)
		goto fail;
	*field = NULL;
	if (db_run(db,
	           "INSERT INTO applications (ref, offering_id, person_id, channel, choice,"
	           " applied_at, status, reason, duplicate_of, entered_by) VALUES"
	           " (?,?,?,?,?,?,?,?,nullif(?9, 0),?)",
	           _("cannot record the application"), cause,
	           DB_ARGS(DB_TEXT(e->ref != NULL && *e->ref ? e->ref : NULL), DB_INT(o.id),
	                   DB_INT(e->person_id), DB_TEXT(e->channel), DB_INT(e->choice),
	                   DB_TEXT(e->applied_on),
	                   DB_TEXT(first    ? "duplicate"
	                           : reason ? "ineligible"
	                                    : "applied"),
	                   DB_TEXT(reason ? reason : ""), DB_INT(first), DB_TEXT(actor))) != 0)
		goto fail;
	int64_t id = db_last_id(db);
	/* Whose application, as the other entries about a person say it: "OFFERING CODE: old ->
	 * new". */
	what = xasprintf("%s %s: none -> %s", e->offering, code,
	                 first    ? "duplicate"
	                 : reason ? "ineligible"
	                          : "applied");
	closed = !batch ? db_audit(db, actor, "apply", "application", id, what, cause) : 0;
	free(what);
	if (closed != 0 || db_commit(db, cause) != 0)
		goto fail;
	free(code);
	if (ineligible != NULL && first == 0 && reason != NULL)
		*ineligible = lottery_reason_text(reason);
	free(reason);
	return first != 0 ? 2 : 0;
fail:
	db_rollback(db);
	free(reason);
	free(code);
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
	db_stmt *st;
	int64_t id;

	if (db_first_of(db, &st, N_("session"), code,
	                "SELECT id, offering_id FROM sessions WHERE code = ?", cause,
	                DB_ARGS(DB_TEXT(code))) < 0)
		return 0;
	id = db_column_int64(st, 1) == offering ? db_column_int64(st, 0) : 0;
	db_finalize(st);
	if (id == 0)
		set_cause(cause, _("session '%s' is not a session of '%s'"), code, offering_code);
	return id;
}

int
lottery_record(struct db *db, const struct lottery_entry *e, const char *actor, int role,
               const char *reason, const char **field, char **cause)
{
	const char *status = e->status != NULL && *e->status ? e->status : "applied";
	int has_ref = e->ref != NULL && *e->ref != '\0';
	struct apply_offering o;
	int64_t session = 0, existing = 0;
	const char *dummy;
	db_stmt *st;
	char was[16] = "none";
	int same = 0;

	if (field == NULL)
		field = &dummy;
	if (check_entry(e, field, cause) != 0)
		return -1;
	*field = "status";
	if (!is_one_of(status, statuses, cause) || begin_entry(db, e, actor, &o, field, cause) != 0)
		return -1;
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
	                has_ref ? "SELECT id, person_id = ?2 AND offering_id = ?3, status,"
	                          " coalesce(session_id, 0) FROM applications WHERE ref = ?1"
	                        : "SELECT id, 1, status, coalesce(session_id, 0) FROM applications"
	                          " WHERE person_id = ?2 AND offering_id = ?3 AND ref IS NULL",
	                cause);
	if (st == NULL)
		goto fail;
	if (has_ref)
		db_bind_text(st, 1, e->ref);
	db_bind_int64(st, 2, e->person_id);
	db_bind_int64(st, 3, o.id);
	if (db_step(st) == DB_ROW) {
		existing = db_column_int64(st, 0);
		if (!db_column_int(st, 1))
			existing = -1;
		snprintf(was, sizeof was, "%s", db_column_text(st, 2));
		same = strcmp(was, status) == 0 && db_column_int64(st, 3) == session;
	}
	db_finalize(st);
	if (existing < 0) {
		set_cause(cause,
		          _("reference '%s' is already another application (another person or "
		            "class)"),
		          e->ref);
		goto fail;
	}
	if (!same) {
		char *what = xasprintf("application %s person=%lld: %s -> %s", e->offering,
		                       (long long)e->person_id, was, status);
		int rc = period_check_offering(db, o.id, actor, role, reason, what, cause);

		free(what);
		*field = "offering";
		if (rc != 0)
			goto fail;
	}
	*field = NULL;
	if (db_run(db,
	           existing > 0
	               ? "UPDATE applications SET status = ?7, session_id = nullif(?8, 0) WHERE id "
	                 "= ?9"
	               : "INSERT INTO applications (ref, offering_id, person_id, channel, choice,"
	                 " applied_at, status, session_id, entered_by) VALUES"
	                 " (?1,?2,?3,?4,?5,?6,?7,nullif(?8, 0),?10)",
	           _("cannot record the application"), cause,
	           DB_ARGS(DB_TEXT(has_ref ? e->ref : NULL), DB_INT(o.id), DB_INT(e->person_id),
	                   DB_TEXT(e->channel), DB_INT(e->choice), DB_TEXT(e->applied_on),
	                   DB_TEXT(status), DB_INT(session), DB_INT(existing), DB_TEXT(actor))) !=
	    0)
		goto fail;
	return db_end(db, 0, cause);
fail:
	db_rollback(db);
	return -1;
}

/* The offerings of the live round that holds a.offering_id (a SQL subquery). */
#define ROUND_OFFERINGS                                                                            \
	"SELECT ro2.offering_id FROM lottery_round_offerings ro1 JOIN lottery_rounds r ON r.id ="  \
	" ro1.round_id AND r.superseded_at IS NULL JOIN lottery_round_offerings ro2 ON"            \
	" ro2.round_id = ro1.round_id WHERE ro1.offering_id = ?9"

/* The first column of the first row of sql with ?1 = a and ?2 = b, an integer (0 when there
 * is no row), or -1 with *cause. */
static int64_t
int_of(struct db *db, const char *sql, int64_t a, int64_t b, char **cause)
{
	int64_t v;

	return db_value(db, sql, &v, cause, DB_ARGS(DB_INT(a), DB_INT(b))) == 0 ? v : -1;
}

/* The seats of offering off taken: its winners and its open offers (a seat offered is held). */
static int64_t
seats_taken(struct db *db, int64_t off, char **cause)
{
	return int_of(
	    db,
	    "SELECT (SELECT count(*) FROM applications WHERE offering_id = ?1 AND status ="
	    " 'won') + (SELECT count(*) FROM lottery_offers f JOIN applications a ON a.id ="
	    " f.application_id WHERE a.offering_id = ?1 AND f.state = 'open') + 0 * ?2",
	    off, 0, cause);
}

/* Keep application app's state before cancellation cancel changed it (application_undo). */
static int
keep_undo(struct db *db, int64_t cancel, int64_t app, const char *what, const char *status,
          int64_t session, int position, char **cause)
{
	return db_run(db,
	              "INSERT INTO application_undo (cancel_id, application_id, what, status,"
	              " session_id, waiting_position) VALUES (?, ?, ?, ?, nullif(?, 0),"
	              " nullif(?, 0))",
	              _("database error"), cause,
	              DB_ARGS(DB_INT(cancel), DB_INT(app), DB_TEXT(what), DB_TEXT(status),
	                      DB_INT(session), DB_INT(position)));
}

int
lottery_cancel(struct db *db, const char *offering, const char *person,
               const struct lottery_config *cfg, char **offered, char **cause)
{
	db_stmt *st;
	int64_t app = 0, off = 0, session = 0;
	int position, capacity, found;
	char status[16];

	*offered = NULL;
	if (db_begin(db, cause) != 0)
		return -1;
	found = db_first(db, &st,
	                 "SELECT a.id, a.offering_id, a.status, coalesce(a.session_id, 0),"
	                 " coalesce(a.waiting_position, 0), o.capacity FROM applications a JOIN"
	                 " offerings o ON o.id = a.offering_id JOIN people p ON p.id = a.person_id"
	                 " WHERE o.code = ? AND p.code = ? AND a.status NOT IN ('cancelled',"
	                 " 'duplicate') ORDER BY a.id LIMIT 1",
	                 cause, DB_ARGS(DB_TEXT(offering), DB_TEXT(person)));
	if (found == 0)
		set_cause(cause, _("%s has no application to %s"), person, offering);
	if (found != 1)
		goto fail;
	app = db_column_int64(st, 0);
	off = db_column_int64(st, 1);
	snprintf(status, sizeof status, "%s", db_column_text(st, 2));
	session = db_column_int64(st, 3);
	position = db_column_int(st, 4);
	capacity = db_column_int(st, 5);
	db_finalize(st);
	if (offering_venue_allows(db, off, cfg->actor, cause) != 0)
		goto fail;
	char *detail = xasprintf("application %s %s: %s -> cancelled", offering, person, status);
	int rc = period_check_offering(db, off, cfg->actor, cfg->role, cfg->reason, detail, cause);

	free(detail);
	if (rc != 0)
		goto fail;
	/* What the cancellation changes is kept for lottery_reinstate: this one's place first. */
	if (db_run(db, "DELETE FROM application_undo WHERE cancel_id = ?", _("database error"),
	           cause, DB_ARGS(DB_INT(app))) != 0 ||
	    keep_undo(db, app, app, "cancelled", status, session, position, cause) != 0)
		goto fail;
	/* A seat offered to them and not yet taken ends as declined. */
	int64_t offered_seat = 0;
	int had_offer = calldown_close(db, app, "declined", &offered_seat, cause);

	if (had_offer < 0)
		goto fail;
	if (db_run(db,
	           "UPDATE applications SET status = 'cancelled', waiting_position = NULL,"
	           " session_id = NULL WHERE id = ?",
	           _("database error"), cause, DB_ARGS(DB_INT(app))) != 0)
		goto fail;
	detail = xasprintf("%s %s was %s", offering, person, status);
	rc = db_audit(db, cfg->actor, "cancel", "application", app, detail, cause);

	free(detail);
	if (rc != 0)
		goto fail;
	/* The waiting list closes up behind the one who left it. */
	if (calldown_close_up(db, off, position, cause) != 0)
		goto fail;
	/* A winner's seat is offered to the next on the waiting list (lottery.h, CALL-DOWN),
	 * unless the offering's seats are all taken without it, by winners and open offers (a
	 * seat given over the capacity by lottery_reinstate frees none). */
	int64_t taken = strcmp(status, "won") == 0 ? seats_taken(db, off, cause) : 0;

	if (taken < 0)
		goto fail;
	if ((strcmp(status, "won") == 0 && taken < capacity &&
	     calldown_offer(db, off, offering, session, app, "cancelled", cfg, offered, NULL,
	                    cause) != 0) ||
	    (had_offer > 0 && calldown_offer(db, off, offering, offered_seat, app, "declined", cfg,
	                                     offered, NULL, cause) != 0))
		goto fail;
	return db_end(db, 0, cause);
fail:
	db_rollback(db);
	free(*offered);
	*offered = NULL;
	return -1;
}

/* ---- a session restored, a person erased ---- */

int
lottery_session_restore(struct db *db, const char *code, const struct date *today,
                        const struct lottery_config *cfg, struct strlist *lines, char **cause)
{
	char *day = date_iso(today);
	struct strlist offering = {0}, person = {0}, status = {0};
	db_stmt *st;
	int rc = -1;

	if (db_begin(db, cause) != 0) {
		free(day);
		return -1;
	}
	if (session_restore(db, code, cfg->actor, cfg->role, cfg->reason, cause) != 0)
		goto out;
	/* The erased people the session to come would seat or call again: those waiting (and
	 * applicants of an offering not drawn) first, so that a seat freed is not offered to one
	 * of them, then its winners. */
	st = db_query(db,
	              "SELECT o.code, p.code, a.status FROM sessions s JOIN offerings o ON o.id ="
	              " s.offering_id JOIN applications a ON a.offering_id = o.id JOIN people p ON"
	              " p.id = a.person_id WHERE s.code = ?1 AND s.date >= ?2 AND p.erased_at IS"
	              " NOT NULL AND ((a.status = 'won' AND a.session_id = s.id) OR a.status IN"
	              " ('waiting', 'applied')) ORDER BY CASE a.status WHEN 'won' THEN 1 ELSE 0"
	              " END, a.waiting_position, a.id",
	              cause, DB_ARGS(DB_TEXT(code), DB_TEXT(day)));
	while (st != NULL && (rc = db_step(st)) == DB_ROW) {
		strlist_add(&offering, db_column_dup(st, 0));
		strlist_add(&person, db_column_dup(st, 1));
		strlist_add(&status, db_column_dup(st, 2));
	}
	if (st == NULL || db_finish(db, st, rc, cause) != 0) {
		rc = -1;
		goto out;
	}
	rc = 0;
	for (size_t i = 0; rc == 0 && i < person.n; i++) {
		char *offered = NULL;

		/* As a cancellation: the waiting list closes up, a seat goes to the next waiting
		 * (lottery.h, CALL-DOWN). */
		rc = lottery_cancel(db, offering.v[i], person.v[i], cfg, &offered, cause);
		if (rc != 0)
			break;
		if (strcmp(status.v[i], "won") != 0)
			strlist_addf(
			    lines,
			    strcmp(status.v[i], "waiting") == 0
			        ? _("%s: the place of %s on the waiting list is not restored: "
			            "their personal data was erased")
			        : _("%s: the application of %s is not restored: their personal "
			            "data was erased"),
			    offering.v[i], person.v[i]);
		else if (offered != NULL)
			strlist_addf(
			    lines,
			    _("%s: the seat of %s is not restored: their personal data was "
			      "erased; the seat is offered to %s, the next on the waiting list"),
			    offering.v[i], person.v[i], offered);
		else
			strlist_addf(
			    lines,
			    _("%s: the seat of %s is not restored: their personal data was "
			      "erased"),
			    offering.v[i], person.v[i]);
		free(offered);
	}
out:
	rc = db_end(db, rc, cause);
	strlist_clear(&offering);
	strlist_clear(&person);
	strlist_clear(&status);
	free(day);
	return rc;
}

long
lottery_erase_person(struct db *db, int64_t person, char **cause)
{
	char *erased = lottery_reason(REASON_ERASED, NULL, NULL, NULL);
	int rc = db_run(db,
	                "UPDATE applications SET reason = ?2 WHERE reason <> '' AND person_id IN"
	                " (SELECT id FROM people WHERE id = ?1 OR merged_into = ?1)",
	                _("cannot change the application"), cause,
	                DB_ARGS(DB_INT(person), DB_TEXT(erased)));

	free(erased);
	return rc != 0 ? -1 : db_changes(db);
}

/* ---- reinstating a cancelled application ---- */

void
lottery_reinstated_free(struct lottery_reinstated *r)
{
	if (r == NULL)
		return;
	free(r->session);
	free(r->holder);
	free(r->offered);
	memset(r, 0, sizeof *r);
}

/* Put application app on its offering's waiting list at place pos (or last when pos is 0 or
 * past the end), those from pos on moving down one; its place. -1 with *cause. */
static int
wait_at(struct db *db, int64_t off, int64_t app, int pos, char **cause)
{
	int64_t n = int_of(db,
	                   "SELECT count(*) FROM applications WHERE offering_id = ?1 AND status ="
	                   " 'waiting' AND id <> ?2",
	                   off, app, cause);

	if (n < 0)
		return -1;
	if (pos <= 0 || pos > n + 1)
		pos = (int)n + 1;
	if (db_run(db,
	           "UPDATE applications SET waiting_position = waiting_position + 1 WHERE"
	           " offering_id = ?1 AND status = 'waiting' AND waiting_position >= ?2",
	           _("database error"), cause, DB_ARGS(DB_INT(off), DB_INT(pos))) != 0 ||
	    db_run(db,
	           "UPDATE applications SET status = 'waiting', waiting_position = ?1, session_id ="
	           " NULL, confirmed_at = NULL, confirmed_by = NULL, reason = '' WHERE id = ?2",
	           _("database error"), cause, DB_ARGS(DB_INT(pos), DB_INT(app))) != 0)
		return -1;
	return pos;
}

/* The state an application had before cancellation cancel changed it: 1 with status, session
 * and position; 0 when it was not kept; -1. */
static int
undo_of(struct db *db, int64_t cancel, int64_t app, char status[16], int64_t *session,
        int *position, char **cause)
{
	db_stmt *st;
	int found = db_first(db, &st,
	                     "SELECT status, coalesce(session_id, 0), coalesce(waiting_position, 0)"
	                     " FROM application_undo WHERE cancel_id = ? AND application_id = ?",
	                     cause, DB_ARGS(DB_INT(cancel), DB_INT(app)));

	if (found != 1)
		return found;
	snprintf(status, 16, "%s", db_column_text(st, 0));
	*session = db_column_int64(st, 1);
	*position = db_column_int(st, 2);
	db_finalize(st);
	return 1;
}

/* The row of st (id, "CODE NAME", session, a flag) about who holds a seat, read into *who,
 * *session and *flag, st finalized: the id, 0 when there is no row, -1 with *cause. */
static int64_t
seat_row(struct db *db, db_stmt *st, char **who, int64_t *session, int *flag, char **cause)
{
	int64_t id = 0;
	int rc;

	if (st == NULL)
		return -1;
	if ((rc = db_step(st)) == DB_ROW) {
		id = db_column_int64(st, 0);
		*who = db_column_dup(st, 1);
		*session = db_column_int64(st, 2);
		*flag = db_column_int(st, 3);
	} else if (rc != DB_DONE) {
		db_cause(db, cause, _("database error"));
		id = -1;
	}
	db_finalize(st);
	return id;
}

/* The one moved up into the seat of cancelled application app, while they still hold a seat
 * of the offering: their application's id (0: none), "CODE NAME" in *who and their session. */
static int64_t
holder_of(struct db *db, int64_t app, char **who, int64_t *session, int *attended, char **cause)
{
	db_stmt *st = db_query(
	    db,
	    "SELECT a.id, p.code || ' ' || p.name, coalesce(a.session_id, 0), EXISTS (SELECT 1 FROM"
	    " attendance t JOIN sessions s ON s.id = t.session_id WHERE t.person_id = a.person_id"
	    " AND s.offering_id = a.offering_id) FROM application_undo u JOIN applications a ON"
	    " a.id = u.application_id JOIN people p ON p.id = a.person_id WHERE u.cancel_id = ? AND"
	    " u.what = 'promoted' AND a.status = 'won'",
	    cause, DB_ARGS(DB_INT(app)));
	return seat_row(db, st, who, session, attended, cause);
}

/* The open offer of offering off that holds the seat cancelled application app freed: offered
 * for it, or passed on from such an offer (declined, not taken in time, withdrawn). Its id (0:
 * none), "CODE NAME" of the one offered in *who, its session, and whether a call about it has
 * been recorded since it was made (they may have been told; calls about an earlier offer
 * withdrawn in the same row do not count). -1 with *cause. */
static int64_t
offer_of_seat(struct db *db, int64_t off, int64_t app, char **who, int64_t *session, int *called,
              char **cause)
{
	db_stmt *st = db_query(
	    db,
	    "WITH RECURSIVE chain(offer, freed, depth) AS (SELECT f.id, f.freed_by, 0 FROM"
	    " lottery_offers f JOIN applications a ON a.id = f.application_id WHERE a.offering_id ="
	    " ?1 AND f.state = 'open' UNION SELECT c.offer, g.freed_by, c.depth + 1 FROM chain c"
	    " JOIN lottery_offers g ON g.application_id = c.freed WHERE g.freed_by IS NOT NULL AND"
	    " c.depth < 1000) SELECT f.id, p.code || ' ' || p.name, coalesce(f.session_id, 0),"
	    " EXISTS (SELECT 1 FROM lottery_calls l WHERE l.offer_id = f.id AND l.called_at >="
	    " f.offered_at) FROM chain c JOIN"
	    " lottery_offers f ON f.id = c.offer JOIN applications a ON a.id = f.application_id"
	    " JOIN people p ON p.id = a.person_id WHERE c.freed = ?2 ORDER BY c.depth, f.id LIMIT "
	    "1",
	    cause, DB_ARGS(DB_INT(off), DB_INT(app)));
	return seat_row(db, st, who, session, called, cause);
}

/* Withdraw open offer offer: the seat goes back to person; the one offered keeps their place
 * on the waiting list, where they were. */
static int
withdraw_offer(struct db *db, int64_t offer, const char *offering, const char *who,
               const char *person, const struct lottery_config *cfg, char **cause)
{
	int64_t target = int_of(db,
	                        "SELECT application_id FROM lottery_offers WHERE id = ?1 AND"
	                        " ?2 = ?2",
	                        offer, 0, cause);

	if (target <= 0)
		return -1;
	if (db_run(db,
	           "UPDATE lottery_offers SET state = 'withdrawn', closed_at ="
	           " strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
	           _("database error"), cause, DB_ARGS(DB_INT(offer))) != 0)
		return -1;
	char *detail = xasprintf("%s %s: offer withdrawn, still waiting (the seat goes back to %s)",
	                         offering, who, person);
	int rc = db_audit(db, cfg->actor, "withdraw", "application", target, detail, cause);

	free(detail);
	return rc;
}

/* Give the holder's seat back: they wait again where they waited (those behind move down),
 * and their places on other lists that the seat cost them come back (where still lost). */
static int
revert_promotion(struct db *db, int64_t cancel, int64_t holder, int64_t off, const char *offering,
                 const char *person, const struct lottery_config *cfg, int *position, char **cause)
{
	char status[16];
	int64_t session = 0;
	int pos = 0;

	if (undo_of(db, cancel, holder, status, &session, &pos, cause) < 0 ||
	    (*position = wait_at(db, off, holder, pos, cause)) < 0)
		return -1;
	char *detail = xasprintf("%s: won -> waiting %d (the seat goes back to %s)", offering,
	                         *position, person);
	int rc = db_audit(db, cfg->actor, "unpromote", "application", holder, detail, cause);

	free(detail);
	if (rc != 0)
		return -1;
	db_stmt *st = db_query(
	    db,
	    "SELECT u.application_id, a.offering_id, coalesce(u.waiting_position, 0), o.code"
	    " FROM application_undo u JOIN applications a ON a.id = u.application_id JOIN"
	    " offerings o ON o.id = a.offering_id WHERE u.cancel_id = ? AND u.what ="
	    " 'dropped' AND a.status = 'lost'",
	    cause, DB_ARGS(DB_INT(cancel)));
	struct {
		int64_t app, off;
		int pos;
		char *code;
	} back[32];
	size_t n = 0;

	if (st == NULL)
		return -1;
	while (n < sizeof back / sizeof back[0] && db_step(st) == DB_ROW) {
		back[n].app = db_column_int64(st, 0);
		back[n].off = db_column_int64(st, 1);
		back[n].pos = db_column_int(st, 2);
		back[n].code = db_column_dup(st, 3);
		n++;
	}
	db_finalize(st);
	rc = 0;
	for (size_t i = 0; i < n; i++) {
		int p = rc == 0 ? wait_at(db, back[i].off, back[i].app, back[i].pos, cause) : -1;

		if (p >= 0) {
			detail =
			    xasprintf("%s: lost -> waiting %d (back with the seat of %s to %s)",
			              back[i].code, p, offering, person);
			rc = db_audit(db, cfg->actor, "unpromote", "application", back[i].app,
			              detail, cause);
			free(detail);
		} else
			rc = -1;
		free(back[i].code);
	}
	return rc;
}

int
lottery_reinstate(struct db *db, const char *offering, const char *person,
                  enum lottery_reinstate_how how, const struct lottery_config *cfg,
                  struct lottery_reinstated *out, char **cause)
{
	db_stmt *st;
	int64_t off = 0, pid = 0, app, session = 0, holder = 0, holder_session = 0, offer = 0,
	        offer_session = 0;
	int capacity = 0, off_cancelled = 0, position = 0, attended = 0, reverting = 0, kept,
	    withdrawing = 0, erased = 0, rc = -1, found;
	char was[16] = "", *detail;

	memset(out, 0, sizeof *out);
	if (db_begin(db, cause) != 0)
		return -1;
	if ((found = db_first(
	         db, &st, "SELECT id, capacity, status = 'cancelled' FROM offerings WHERE code = ?",
	         cause, DB_ARGS(DB_TEXT(offering)))) < 0)
		goto fail;
	if (found) {
		off = db_column_int64(st, 0);
		capacity = db_column_int(st, 1);
		off_cancelled = db_column_int(st, 2);
		db_finalize(st);
	}
	if ((found = db_first(db, &st,
	                      "SELECT id, CASE WHEN erased_at IS NULL THEN 0 ELSE 1 END FROM people"
	                      " WHERE code = ?",
	                      cause, DB_ARGS(DB_TEXT(person)))) < 0)
		goto fail;
	if (found) {
		pid = db_column_int64(st, 0);
		erased = db_column_int(st, 1);
		db_finalize(st);
	}
	if (off == 0 || pid == 0) {
		if (off == 0)
			set_cause(cause, _("there is no %s '%s'"), _("offering"), offering);
		else
			set_cause(cause, _("no person with code '%s'"), person);
		goto fail;
	}
	if (off_cancelled) {
		set_cause(cause, _("offering %s is cancelled"), offering);
		goto fail;
	}
	/* An erased person is given no seat nor place back (nobody could tell them). */
	if (erased) {
		set_cause(cause,
		          _("the personal data of %s was erased: their place in %s is not "
		            "restored"),
		          person, offering);
		goto fail;
	}
	if (offering_venue_allows(db, off, cfg->actor, cause) != 0)
		goto fail;
	st = db_query(db,
	              "SELECT status, coalesce(waiting_position, 0), reason FROM applications"
	              " WHERE offering_id = ? AND person_id = ? AND status NOT IN ('cancelled',"
	              " 'duplicate') LIMIT 1",
	              cause, DB_ARGS(DB_INT(off), DB_INT(pid)));
	if (st == NULL)
		goto fail;
	if (db_step(st) == DB_ROW) {
		char *label = lottery_result_label(db_column_text(st, 0), db_column_int(st, 1),
		                                   db_column_text(st, 2));

		set_cause(cause,
		          _("%s already has an application to %s (%s): nothing to reinstate"),
		          person, offering, label);
		free(label);
		db_finalize(st);
		goto fail;
	}
	db_finalize(st);
	app = int_of(db,
	             "SELECT id FROM applications WHERE offering_id = ?1 AND person_id = ?2 AND"
	             " status = 'cancelled' ORDER BY id DESC LIMIT 1",
	             off, pid, cause);
	if (app <= 0) {
		if (app == 0)
			set_cause(cause, _("%s has no cancelled application to %s"), person,
			          offering);
		goto fail;
	}
	int64_t drawn = int_of(db,
	                       "SELECT count(*) FROM lottery_round_offerings ro JOIN lottery_rounds"
	                       " r ON r.id = ro.round_id AND r.superseded_at IS NULL WHERE"
	                       " ro.offering_id = ?1 AND ?2 = ?2",
	                       off, 0, cause);

	if (drawn < 0 || (kept = undo_of(db, app, app, was, &session, &position, cause)) < 0)
		goto fail;
	if (!kept || strcmp(was, "applied") == 0) {
		/* Not drawn yet: an applicant again; drawn since: last on the waiting list. */
		snprintf(was, sizeof was, "%s", drawn ? "waiting" : "applied");
		position = 0;
	}
	snprintf(out->status, sizeof out->status, "%s", was);
	if (strcmp(was, "won") == 0) {
		/* Seats taken: winners and open offers (a seat offered is held). */
		int64_t winners = seats_taken(db, off, cause);

		if (winners < 0 || (holder = holder_of(db, app, &out->holder, &holder_session,
		                                       &attended, cause)) < 0)
			goto fail;
		/* The seat is only offered (nobody has accepted it): the offer is withdrawn when
		 * no call about it has been recorded (nobody was told); else how decides. */
		if (winners >= capacity && holder == 0) {
			int called = 0;

			offer = offer_of_seat(db, off, app, &out->offered, &offer_session, &called,
			                      cause);
			if (offer < 0)
				goto fail;
			if (offer > 0 && (!called || how == REINSTATE_REVERT)) {
				withdrawing = 1;
				winners--;
				if (offer_session != 0)
					session = offer_session;
			}
		}
		if (winners >= capacity) {
			switch (how) {
			case REINSTATE_ASK:
				if (out->offered != NULL)
					set_cause(cause,
					          _("the seat of %s is offered to %s, who has been "
					            "called "
					            "about it; choose: a seat over the capacity, "
					            "first on the "
					            "waiting list, or the seat back (the offer "
					            "withdrawn, %s "
					            "waiting where they were)"),
					          person, out->offered, out->offered);
				else if (out->holder != NULL)
					set_cause(
					    cause,
					    _("the seat of %s went to %s from the waiting list; "
					      "choose: a seat over the capacity, first on the "
					      "waiting list, or the seat back from %s (only if "
					      "they have not been told)"),
					    person, out->holder, out->holder);
				else
					set_cause(
					    cause,
					    _("%s is full (%d of %d seats); choose: a seat "
					      "over the capacity, or first on the waiting list"),
					    offering, (int)winners, capacity);
				db_rollback(db);
				return 1;
			case REINSTATE_OVER: out->over = 1; break;
			case REINSTATE_WAITING:
				snprintf(out->status, sizeof out->status, "waiting");
				position = 1;
				break;
			case REINSTATE_REVERT:
				if (holder == 0) {
					set_cause(
					    cause,
					    _("nobody moved up into the seat of %s, or they hold "
					      "it no more: nothing to take back"),
					    person);
					goto fail;
				}
				if (attended) {
					set_cause(
					    cause,
					    _("%s has attended already: the seat cannot be taken "
					      "back"),
					    out->holder);
					goto fail;
				}
				if (holder_session != 0)
					session = holder_session;
				reverting = 1;
				break;
			}
		}
	}
	if (strcmp(out->status, "won") == 0) {
		/* One seat a person in a round. */
		st = db_prepare(db,
		                "SELECT o.code FROM applications a JOIN offerings o ON o.id ="
		                " a.offering_id WHERE a.person_id = ?1 AND a.status = 'won' AND"
		                " a.offering_id IN (" ROUND_OFFERINGS ")",
		                cause);
		if (st == NULL)
			goto fail;
		db_bind_int64(st, 1, pid);
		db_bind_int64(st, 9, off);
		if (db_step(st) == DB_ROW) {
			set_cause(cause,
			          _("%s has won a seat in %s since, of the same draw: one seat a "
			            "person; cancel that one first"),
			          person, db_column_text(st, 0));
			db_finalize(st);
			goto fail;
		}
		db_finalize(st);
		/* The session they had, unless it is full or gone: the first with a seat. */
		int64_t other =
		    int_of(db,
		           "SELECT s.id FROM sessions s WHERE s.offering_id = ?1 AND"
		           " s.status <> 'cancelled' AND s.seats > (SELECT count(*) FROM"
		           " applications a WHERE a.session_id = s.id AND a.status ="
		           " 'won') + (SELECT count(*) FROM lottery_offers f WHERE f.session_id ="
		           " s.id AND f.state = 'open') ORDER BY s.id = ?2 DESC, s.date, s.start"
		           " LIMIT 1",
		           off, session, cause);

		if (other < 0)
			goto fail;
		if (other > 0 && !out->over && !reverting && !withdrawing)
			session = other;
	}
	detail = xasprintf("application %s %s: cancelled -> %s", offering, person, out->status);
	rc = period_check_offering(db, off, cfg->actor, cfg->role, cfg->reason, detail, cause);
	free(detail);
	if (rc != 0)
		goto fail;
	rc = -1;
	if (withdrawing && strcmp(out->status, "won") == 0 &&
	    withdraw_offer(db, offer, offering, out->offered, person, cfg, cause) != 0)
		goto fail;
	out->withdrawn = withdrawing && strcmp(out->status, "won") == 0;
	if (reverting && revert_promotion(db, app, holder, off, offering, person, cfg,
	                                  &out->holder_position, cause) != 0)
		goto fail;
	if (strcmp(out->status, "waiting") == 0) {
		if ((out->position = wait_at(db, off, app, position, cause)) < 0)
			goto fail;
	} else if (db_run(db,
	                  "UPDATE applications SET status = ?1, session_id = nullif(?2, 0),"
	                  " waiting_position = NULL WHERE id = ?3",
	                  _("database error"), cause,
	                  DB_ARGS(DB_TEXT(out->status),
	                          DB_INT(strcmp(out->status, "won") == 0 ? session : 0),
	                          DB_INT(app))) != 0)
		goto fail;
	if (strcmp(out->status, "won") == 0 && session != 0) {
		st = db_query_int(db, "SELECT code FROM sessions WHERE id = ?", session, cause);
		if (st == NULL)
			goto fail;
		if (db_step(st) == DB_ROW)
			out->session = db_column_dup(st, 0);
		db_finalize(st);
	}
	if (out->position > 0)
		detail =
		    xasprintf("%s %s: cancelled -> waiting %d", offering, person, out->position);
	else
		detail = xasprintf("%s %s: cancelled -> %s%s%s%s", offering, person, out->status,
		                   out->session ? " " : "", out->session ? out->session : "",
		                   out->over ? OVER_CAPACITY_MARK : "");
	rc = db_run(db, "DELETE FROM application_undo WHERE cancel_id = ?", _("database error"),
	            cause, DB_ARGS(DB_INT(app)));
	if (rc == 0)
		rc = db_audit(db, cfg->actor, "reinstate", "application", app, detail, cause);
	free(detail);
	if (rc != 0)
		goto fail;
	return db_end(db, 0, cause);
fail:
	db_rollback(db);
	lottery_reinstated_free(out);
	return -1;
}

/* A result's place in the order lottery_merge_person keeps: won first. */
static int
result_order(const char *status)
{
	static const char *const order[] = {"won", "waiting", "applied", "lost", "ineligible"};

	for (int i = 0; i < 5; i++)
		if (strcmp(status, order[i]) == 0)
			return i;
	return 5;
}

/* Both records' live applications to one offering. */
struct merge_pair {
	char *offering;
	int64_t app[2]; /* keep's, other's */
	char status[2][16];
	int position[2];
	int future; /* the offering has a session from today on */
};

long
lottery_merge_person(struct db *db, int64_t keep, int64_t other, const struct lottery_config *cfg,
                     struct strlist *notes, char **cause)
{
	struct merge_pair *v = NULL;
	size_t n = 0, cap = 0;
	char *code[2] = {NULL, NULL}, *day = NULL;
	struct date today = clock_today();
	db_stmt *st;
	long moved = -1;
	int rc;

	if (db_begin(db, cause) != 0)
		return -1;
	day = date_iso(&today);
	st = db_query(db, "SELECT id = ?1, code FROM people WHERE id IN (?1, ?2)", cause,
	              DB_ARGS(DB_INT(keep), DB_INT(other)));
	while (st != NULL && (rc = db_step(st)) == DB_ROW)
		code[db_column_int(st, 0) ? 0 : 1] = db_column_dup(st, 1);
	if (st == NULL || db_finish(db, st, rc, cause) != 0)
		goto fail;
	if (code[0] == NULL || code[1] == NULL) {
		set_cause(cause, "%s", _("no such person"));
		goto fail;
	}
	/* The classes whose count of applicants drops: both applied to them. */
	st = db_query(
	    db,
	    "SELECT DISTINCT o.id, o.code FROM applications a JOIN offerings o ON o.id ="
	    " a.offering_id WHERE a.person_id = ?2 AND a.status <> 'duplicate' AND EXISTS"
	    " (SELECT 1 FROM applications k JOIN offerings ko ON ko.id = k.offering_id"
	    " WHERE k.person_id = ?1 AND k.status <> 'duplicate' AND (ko.id = o.id OR"
	    " (o.report_group <> '' AND ko.report_group = o.report_group))) ORDER BY o.code",
	    cause, DB_ARGS(DB_INT(keep), DB_INT(other)));
	struct strlist both = {0};
	int64_t *ids = NULL;
	size_t nids = 0, idcap = 0;

	while (st != NULL && (rc = db_step(st)) == DB_ROW) {
		ids = xgrow(ids, nids, &idcap, 8, sizeof *ids);
		ids[nids++] = db_column_int64(st, 0);
		strlist_add(&both, db_column_dup(st, 1));
	}
	if (st == NULL || db_finish(db, st, rc, cause) != 0)
		nids = 0, rc = -1;
	else
		rc = 0;
	for (size_t i = 0; i < nids; i++) {
		char *what = xasprintf("applicants of %s: person %s merged into %s", both.v[i],
		                       code[1], code[0]);

		rc = period_check_offering(db, ids[i], cfg->actor, cfg->role, cfg->reason, what,
		                           cause);
		free(what);
		if (rc != 0)
			break;
	}
	strlist_clear(&both);
	free(ids);
	if (rc != 0)
		goto fail;
	/* Both applied to one offering: one application stays. */
	st = db_query(
	    db,
	    "SELECT o.code, k.id, k.status, coalesce(k.waiting_position, 0), x.id, x.status,"
	    " coalesce(x.waiting_position, 0), EXISTS (SELECT 1 FROM sessions s WHERE"
	    " s.offering_id = o.id AND s.status = 'scheduled' AND s.date >= ?3)"
	    " FROM applications x JOIN applications k ON"
	    " k.offering_id = x.offering_id AND k.person_id = ?1 JOIN offerings o ON"
	    " o.id = x.offering_id WHERE x.person_id = ?2 AND x.status NOT IN"
	    " ('cancelled', 'duplicate') AND k.status NOT IN ('cancelled', 'duplicate')"
	    " ORDER BY o.code, k.id, x.id",
	    cause, DB_ARGS(DB_INT(keep), DB_INT(other), DB_TEXT(day)));
	while (st != NULL && (rc = db_step(st)) == DB_ROW) {
		v = xgrow(v, n, &cap, 4, sizeof *v);
		struct merge_pair *m = &v[n++];

		m->offering = db_column_dup(st, 0);
		for (int w = 0; w < 2; w++) {
			m->app[w] = db_column_int64(st, 1 + 3 * w);
			snprintf(m->status[w], sizeof m->status[w], "%s",
			         db_column_text(st, 2 + 3 * w));
			m->position[w] = db_column_int(st, 3 + 3 * w);
		}
		m->future = db_column_int(st, 7);
	}
	if (st == NULL || db_finish(db, st, rc, cause) != 0)
		goto fail;
	for (size_t i = 0; i < n; i++) {
		struct merge_pair *m = &v[i];
		int lose = result_order(m->status[1]) < result_order(m->status[0]) ? 0 : 1;
		char *kept = lottery_result_label(m->status[!lose], m->position[!lose], ""),
		     *other_was = lottery_result_label(m->status[lose], m->position[lose], "");

		int holds =
		    strcmp(m->status[lose], "won") == 0 || strcmp(m->status[lose], "waiting") == 0;

		if (holds && m->future) {
			char *offered = NULL;

			rc = lottery_cancel(db, m->offering, code[lose], cfg, &offered, cause);
			if (rc == 0 && offered != NULL)
				strlist_addf(
				    notes,
				    _("%1$s: both records applied; kept %2$s's (%3$s), "
				      "cancelled %4$s's (%5$s); the seat is offered to %6$s"),
				    m->offering, code[!lose], kept, code[lose], other_was, offered);
			else if (rc == 0)
				strlist_addf(notes,
				             _("%1$s: both records applied; kept %2$s's (%3$s), "
				               "cancelled %4$s's (%5$s)"),
				             m->offering, code[!lose], kept, code[lose], other_was);
			free(offered);
		} else if (holds || strcmp(m->status[lose], "applied") == 0) {
			/* Not drawn yet, or a class that is over: nobody moves up after the fact.
			 */
			char *merged = lottery_reason(REASON_MERGED, NULL, NULL, NULL);

			rc = db_run(
			    db,
			    "UPDATE applications SET status = 'duplicate', duplicate_of = ?1,"
			    " reason = ?2 WHERE id = ?3",
			    _("database error"), cause,
			    DB_ARGS(DB_INT(m->app[!lose]), DB_TEXT(merged), DB_INT(m->app[lose])));
			free(merged);
			if (rc == 0)
				strlist_addf(notes,
				             _("%1$s: both records applied; kept %2$s's (%3$s), "
				               "%4$s's (%5$s) is a duplicate"),
				             m->offering, code[!lose], kept, code[lose], other_was);
		} else {
			rc = 0;
			strlist_addf(notes,
			             _("%1$s: both records applied; kept %2$s's (%3$s), the other "
			               "stays as drawn (%4$s)"),
			             m->offering, code[!lose], kept, other_was);
		}
		free(kept);
		free(other_was);
		if (rc != 0)
			goto fail;
	}
	moved = 0;
	st = db_query(db, "SELECT count(*) FROM applications WHERE person_id = ?1", cause,
	              DB_ARGS(DB_INT(other)));
	if (st != NULL && (rc = db_step(st)) == DB_ROW) {
		moved = db_column_int(st, 0);
		rc = DB_DONE;
	}
	if (st == NULL || db_finish(db, st, rc, cause) != 0)
		goto fail;
	if (db_run(db, "UPDATE applications SET person_id = ?1 WHERE person_id = ?2",
	           _("cannot move the applications"), cause,
	           DB_ARGS(DB_INT(keep), DB_INT(other))) != 0)
		goto fail;
	/* One seat a person a draw: two now held in one live round are for the counter. */
	st = db_query(db,
	              "SELECT group_concat(code, ', ') FROM (SELECT ro.round_id, o.code FROM"
	              " applications a JOIN offerings o ON o.id = a.offering_id JOIN"
	              " lottery_round_offerings ro ON ro.offering_id = a.offering_id JOIN"
	              " lottery_rounds r ON r.id = ro.round_id AND r.superseded_at IS NULL WHERE"
	              " a.person_id = ?1 AND a.status = 'won' ORDER BY o.code) w GROUP BY round_id"
	              " HAVING count(*) > 1",
	              cause, DB_ARGS(DB_INT(keep)));
	while (st != NULL && (rc = db_step(st)) == DB_ROW)
		strlist_addf(notes,
		             _("seats won in one draw: %s; one seat a person, cancel the others if "
		               "need be"),
		             db_column_text(st, 0));
	if (st == NULL || db_finish(db, st, rc, cause) != 0 || db_commit(db, cause) != 0)
		goto fail;
	goto out;
fail:
	moved = -1;
	db_rollback(db);
out:
	for (size_t i = 0; i < n; i++)
		free(v[i].offering);
	free(v);
	free(code[0]);
	free(code[1]);
	free(day);
	return moved;
}

int
lottery_offering_named(struct db *db, const char *text, const char *applied_on, char **code,
                       char **cause)
{
	struct strlist all = {0}, open = {0};
	db_stmt *st;
	int rc, found = 1;

	*code = NULL;
	st = db_query(db,
	              "SELECT o.code, CAST(?2 AS TEXT) IS NOT NULL AND CAST(?2 AS TEXT) BETWEEN "
	              "o.apply_from AND o.apply_to"
	              " FROM offerings o JOIN courses c ON c.id = o.course_id"
	              " WHERE o.code = ?1 OR (c.title = ?1 AND NOT EXISTS (SELECT 1 FROM"
	              " offerings WHERE code = ?1)) ORDER BY o.code = ?1 DESC, o.code",
	              cause, DB_ARGS(DB_TEXT(text), DB_TEXT(applied_on)));
	if (st == NULL)
		return -1;
	while ((rc = db_step(st)) == DB_ROW) {
		strlist_add(&all, db_column_dup(st, 0));
		if (db_column_int(st, 1))
			strlist_add(&open, db_column_dup(st, 0));
	}
	if (db_finish(db, st, rc, cause) != 0)
		found = -1;
	else if (all.n == 1 || (all.n > 1 && strcmp(all.v[0], text) == 0)) {
		*code = xstrdup(all.v[0]);
		found = 0;
	} else if (open.n == 1) {
		*code = xstrdup(open.v[0]);
		found = 0;
	} else if (all.n > 1) {
		char *list = strlist_join(open.n > 1 ? &open : &all, ", ");

		set_cause(cause, _("%zu classes are titled '%s' (%s): name the class by its code"),
		          open.n > 1 ? open.n : all.n, text, list);
		free(list);
		found = -1;
	}
	strlist_clear(&all);
	strlist_clear(&open);
	return found;
}
