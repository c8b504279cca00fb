/* models/lottery/applications.c: applications as they arrive (at the counter, by phone or
 * postcard, from the online service), who may apply, results recorded elsewhere, and a
 * cancellation whose seat is offered to the next on the waiting list. */
#include "config.h"
#include "models/lottery/lottery.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/lottery/internal.h"
#include "models/periods/periods.h"

/* ---- eligibility ---- */

char *
lottery_ineligible(const struct lottery_config *cfg, int birth_year, int resident, int year)
{
	if (cfg->residents_only && !resident)
		return xstrdup(_("not a resident of the city"));
	if (cfg->min_age > 0 && birth_year > 0 && year - birth_year < cfg->min_age)
		return xasprintf(_("under %d in %d (born %d)"), cfg->min_age, year, birth_year);
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
	st = db_query(db,
	              "SELECT id, ifnull(ref, '#' || id), applied_at FROM applications WHERE"
	              " offering_id = ? AND person_id = ? AND status NOT IN ('cancelled',"
	              " 'duplicate') ORDER BY id LIMIT 1",
	              cause, DB_ARGS(DB_INT(o.id), DB_INT(e->person_id)));
	if (st == NULL)
		goto fail;
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
	st = db_query_int(db, "SELECT ifnull(birth_year, 0), resident FROM people WHERE id = ?",
	                  e->person_id, cause);
	if (st == NULL)
		goto fail;
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
lottery_record(struct db *db, const struct lottery_entry *e, const char *actor, int role,
               const char *reason, const char **field, char **cause)
{
	const char *status = e->status != NULL && *e->status ? e->status : "applied";
	int has_ref = e->ref != NULL && *e->ref != '\0';
	struct apply_offering o;
	int64_t session = 0, existing = 0;
	const char *dummy;
	sqlite3_stmt *st;
	char was[16] = "none";
	int same = 0;

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
	                has_ref ? "SELECT id, person_id = ?2 AND offering_id = ?3, status,"
	                          " ifnull(session_id, 0) FROM applications WHERE ref = ?1"
	                        : "SELECT id, 1, status, ifnull(session_id, 0) FROM applications"
	                          " WHERE person_id = ?2 AND offering_id = ?3 AND ref IS NULL",
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
		snprintf(was, sizeof was, "%s", db_column_text(st, 2));
		same = strcmp(was, status) == 0 && sqlite3_column_int64(st, 3) == session;
	}
	sqlite3_finalize(st);
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

int
lottery_cancel(struct db *db, const char *offering, const char *person,
               const struct lottery_config *cfg, char **offered, char **cause)
{
	sqlite3_stmt *st;
	int64_t app = 0, off = 0, session = 0;
	int position = 0;
	char status[16] = "";

	*offered = NULL;
	if (db_begin(db, cause) != 0)
		return -1;
	st =
	    db_query(db,
	             "SELECT a.id, a.offering_id, a.status, ifnull(a.session_id, 0),"
	             " ifnull(a.waiting_position, 0) FROM applications a JOIN offerings o ON o.id ="
	             " a.offering_id JOIN people p ON p.id = a.person_id WHERE o.code = ? AND"
	             " p.code = ? AND a.status NOT IN ('cancelled', 'duplicate') ORDER BY a.id"
	             " LIMIT 1",
	             cause, DB_ARGS(DB_TEXT(offering), DB_TEXT(person)));
	if (st == NULL)
		goto fail;
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
	char *detail = xasprintf("application %s %s: %s -> cancelled", offering, person, status);
	int rc = period_check_offering(db, off, cfg->actor, cfg->role, cfg->reason, detail, cause);

	free(detail);
	if (rc != 0)
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
	if (position > 0 &&
	    db_run(db,
	           "UPDATE applications SET waiting_position = waiting_position - 1 WHERE"
	           " offering_id = ?1 AND status = 'waiting' AND waiting_position > ?2",
	           _("database error"), cause, DB_ARGS(DB_INT(off), DB_INT(position))) != 0)
		goto fail;
	/* The seat is offered to the next on the waiting list (lottery.h, CALL-DOWN). */
	if ((strcmp(status, "won") == 0 &&
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
