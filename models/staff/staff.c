/* models/staff/staff.c: staff accounts with PINs hashed by Argon2id (libsodium's
 * crypto_pwhash_str), lock-out after wrong PINs, and the audit log for the admin's screen. A PIN is
 * never stored, logged or kept longer than the call that checks it. */
#include "config.h"
#include "models/staff/staff.h"

#include <crypt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/core/clock.h"
#include "models/core/i18n.h"
#include "models/core/text.h"

/* Seconds every refused sign-in waits before it answers. */
#define FAIL_DELAY 2u

static const struct {
	const char *name, *label;
	int bit;
} roles[] = {
    {"reception", N_("reception"), ROLE_BIT_RECEPTION},
    {"coordinator", N_("coordinator"), ROLE_BIT_COORDINATOR},
    {"admin", N_("admin"), ROLE_BIT_ADMIN},
};

int
staff_role_bit(const char *name)
{
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (name != NULL && strcmp(name, roles[i].name) == 0)
			return roles[i].bit;
	return 0;
}

const char *
staff_role_label(int bit)
{
	for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
		if (bit == roles[i].bit)
			return _(roles[i].label);
	return "";
}

int
staff_may(int role, int need)
{
	return (role & ROLE_BIT_ADMIN) != 0 || (role & need) != 0;
}

int
staff_pin_check(const char *pin, char **cause)
{
	size_t n = strlen(pin), up = 1, down = 1, same = 1;

	if (n < 4 || n > 12 || strspn(pin, "0123456789") != n) {
		set_cause(cause, "%s", _("PIN: give 4 to 12 digits"));
		return -1;
	}
	for (size_t i = 1; i < n; i++) {
		same += pin[i] == pin[0];
		up += pin[i] == pin[i - 1] + 1;
		down += pin[i] == pin[i - 1] - 1;
	}
	if (same == n || up == n || down == n) {
		set_cause(cause, "%s",
		          _("PIN: too easy to guess (one digit repeated, or a run such "
		            "as 1234); choose another"));
		return -1;
	}
	return 0;
}

void
staff_pin_free(char *pin)
{
	if (pin != NULL) {
		sodium_memzero(pin, strlen(pin));
		free(pin);
	}
}

/* Nonzero when login is a staff ID as accounts take it. */
static int
login_valid(const char *login)
{
	size_t n = strlen(login);

	return n >= 1 && n <= 32 &&
	       strspn(login, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") ==
	           n;
}

static int
login_check(const char *login, char **cause)
{
	if (!login_valid(login)) {
		set_cause(cause, "%s", _("Staff ID: 1 to 32 letters, digits, '.', '_' or '-'"));
		return -1;
	}
	return 0;
}

int
staff_check_field(struct db *db, const char *field, const char *value, char **cause)
{
	if (strcmp(field, "name") == 0)
		return text_check_value(value, 1, 40, NULL, cause);
	if (strcmp(field, "login") != 0) {
		set_cause(cause, _("an account has no field '%s'"), field);
		return -1;
	}
	if (!login_valid(value)) {
		set_cause(cause, "%s", _("1 to 32 letters, digits, '.', '_' or '-'"));
		return -1;
	}
	int64_t taken =
	    db_count_text(db, "SELECT count(*) FROM staff WHERE login = ?", value, cause);

	if (taken > 0)
		set_cause(cause, _("there is an account '%s' already"), value);
	return taken == 0 ? 0 : -1;
}

/* The Argon2id string (algorithm, parameters, salt and hash) of a PIN. */
static int
hash_pin(const char *pin, char out[crypto_pwhash_STRBYTES], char **cause)
{
	if (sodium_init() < 0 || crypto_pwhash_str_alg(out, pin, strlen(pin),
	                                               crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE,
	                                               crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE,
	                                               crypto_pwhash_ALG_ARGON2ID13) != 0) {
		set_cause(cause, "%s", _("cannot hash the PIN (out of memory?)"));
		return -1;
	}
	return 0;
}

#define PIN_CRYPT_MAX 64

/* The bcrypt string ($2a$, cost 10) of a PIN, which a PostgreSQL server checks for the kiosk
 * (pgcrypto's crypt, staff_pin_check in models/core/schema.c): the kiosk's role reads no
 * staff account. */
static int
crypt_pin(const char *pin, char out[PIN_CRYPT_MAX], char **cause)
{
	char salt[CRYPT_GENSALT_OUTPUT_SIZE];
	struct crypt_data *data = xcalloc(1, sizeof *data);
	const char *h = NULL;

	if (crypt_gensalt_rn("$2a$", 10, NULL, 0, salt, sizeof salt) != NULL)
		h = crypt_r(pin, salt, data);
	if (h == NULL || h[0] != '$' || strlen(h) >= PIN_CRYPT_MAX) {
		free(data);
		set_cause(cause, "%s", _("cannot hash the PIN (out of memory?)"));
		return -1;
	}
	snprintf(out, PIN_CRYPT_MAX, "%s", h);
	sodium_memzero(data, sizeof *data);
	free(data);
	return 0;
}

int64_t
staff_count_active(struct db *db, char **cause)
{
	return db_count(db, "SELECT count(*) FROM staff WHERE active = 1", cause);
}

/* In the transaction the caller began: run a prepared write (NULL: its prepare failed) that
 * must change login's one row, finalize it, audit it as action with detail and commit; or roll
 * back. 0, or -1 with *cause. */
static int
write_one(struct db *db, db_stmt *st, const char *login, const char *actor, const char *action,
          const char *detail, char **cause)
{
	int rc = st != NULL ? db_step(st) : DB_ERROR;

	if (st != NULL && rc != DB_DONE) {
		if (db_error_taken(db))
			set_cause(cause, _("Staff ID: '%s' exists already"), login);
		else
			db_cause(db, cause, _("database error"));
	} else if (st != NULL && db_changes(db) != 1)
		set_cause(cause, _("no staff member with the ID '%s'"), login);
	else if (st != NULL)
		rc =
		    db_audit(db, actor, action, "staff",
		             strcmp(action, "create") == 0 ? db_last_id(db) : 0, detail, cause) == 0
		        ? 0
		        : -1;
	db_finalize(st);
	if (rc == 0 && db_commit(db, cause) == 0)
		return 0;
	db_rollback(db);
	return -1;
}

/* The venues the account staff_id is limited to, in code order: their names joined for people
 * to read (names nonzero), or their codes joined by ',' for the audit log; "" when it is not
 * limited. A new string, or NULL with *cause. */
static char *
venue_list(struct db *db, int64_t staff_id, int names, char **cause)
{
	db_stmt *st = db_query_int(db,
	                           "SELECT v.code, v.name FROM staff_venues sv JOIN venues v ON"
	                           " v.id = sv.venue_id WHERE sv.staff_id = ? ORDER BY v.code",
	                           staff_id, cause);
	struct strlist l = {0};
	char *out;
	int rc;

	if (st == NULL)
		return NULL;
	while ((rc = db_step(st)) == DB_ROW)
		strlist_add(&l, xstrdup(db_column_text(st, names ? 1 : 0)));
	/* TRANSLATORS: between the names of the venues a staff account is limited to. */
	out = strlist_join(&l, names ? _(", ") : ",");
	strlist_clear(&l);
	if (db_finish(db, st, rc, cause) != 0) {
		free(out);
		return NULL;
	}
	return out;
}

/* In the caller's transaction: limit staff_id to the venues of these codes as well. 0, or -1
 * with *cause naming the code that names no venue. */
static int
put_venues(struct db *db, int64_t staff_id, const struct strlist *venues, char **cause)
{
	for (size_t i = 0; venues != NULL && i < venues->n; i++) {
		int64_t venue = 0;

		if (db_value(db, "SELECT coalesce(max(id), 0) FROM venues WHERE code = ?", &venue,
		             cause, DB_ARGS(DB_TEXT(venues->v[i]))) != 0)
			return -1;
		if (venue == 0) {
			set_cause(cause, _("Venue: no venue with code '%s'"), venues->v[i]);
			return -1;
		}
		if (db_run(db,
		           "INSERT INTO staff_venues (staff_id, venue_id) VALUES (?, ?)"
		           " ON CONFLICT DO NOTHING",
		           _("cannot record the account's venues"), cause,
		           DB_ARGS(DB_INT(staff_id), DB_INT(venue))) != 0)
			return -1;
	}
	return 0;
}

/* Refuse venues for an account of role bit (only reception is limited to venues): 0, or -1
 * with *cause. */
static int
venues_fit_role(int bit, const struct strlist *venues, char **cause)
{
	if (venues == NULL || venues->n == 0 || bit == ROLE_BIT_RECEPTION)
		return 0;
	set_cause(cause,
	          _("Venue: only a reception account is limited to venues; a %s works at every "
	            "venue"),
	          staff_role_label(bit));
	return -1;
}

int
staff_add(struct db *db, const char *login, const char *name, const char *role, const char *pin,
          const char *actor, char **cause)
{
	return staff_add_at(db, login, name, role, pin, NULL, actor, cause);
}

int
staff_add_at(struct db *db, const char *login, const char *name, const char *role, const char *pin,
             const struct strlist *venues, const char *actor, char **cause)
{
	char hash[crypto_pwhash_STRBYTES], pcrypt[PIN_CRYPT_MAX];
	int bit = staff_role_bit(role);
	db_stmt *st;

	if (login_check(login, cause) != 0 || text_check_field(_("Name"), name, 1, 40, cause) != 0)
		return -1;
	if (bit == 0) {
		set_cause(cause, _("Role: '%s' is not one of reception, coordinator, admin"), role);
		return -1;
	}
	if (venues_fit_role(bit, venues, cause) != 0)
		return -1;
	if (staff_pin_check(pin, cause) != 0 || hash_pin(pin, hash, cause) != 0 ||
	    crypt_pin(pin, pcrypt, cause) != 0)
		return -1;
	if (db_begin(db, cause) != 0)
		return -1;
	st = db_query(
	    db, "INSERT INTO staff (login, name, role, pin_hash, pin_crypt) VALUES (?,?,?,?,?)",
	    cause,
	    DB_ARGS(DB_TEXT(login), DB_TEXT(name), DB_TEXT(role), DB_TEXT(hash), DB_TEXT(pcrypt)));
	sodium_memzero(hash, sizeof hash);
	sodium_memzero(pcrypt, sizeof pcrypt);
	if (venues == NULL || venues->n == 0) {
		char *detail = xasprintf("%s %s", login, role);
		int rc = write_one(db, st, login, actor, "create", detail, cause);

		free(detail);
		return rc;
	}
	/* Limited to venues: the account and its venues in one change, audited once. */
	int rc = st != NULL ? db_step(st) : DB_ERROR;
	char *list = NULL;

	if (st != NULL && rc != DB_DONE) {
		if (db_error_taken(db))
			set_cause(cause, _("Staff ID: '%s' exists already"), login);
		else
			db_cause(db, cause, _("database error"));
	}
	db_finalize(st);
	int64_t id = rc == DB_DONE ? db_last_id(db) : 0;

	if (id > 0 && put_venues(db, id, venues, cause) == 0 &&
	    (list = venue_list(db, id, 0, cause)) != NULL) {
		char *detail = xasprintf("%s %s venues=%s", login, role, list);

		rc = db_audit_end(db, actor, "create", "staff", id, detail, cause);
		free(detail);
		free(list);
		return rc;
	}
	db_rollback(db);
	return -1;
}

int
staff_set_venues(struct db *db, const char *login, const struct strlist *venues, const char *actor,
                 char **cause)
{
	int64_t id = 0;
	int bit = 0, rc;
	char *was = NULL, *now = NULL;
	db_stmt *st;

	if (db_begin(db, cause) != 0)
		return -1;
	rc = db_first(db, &st, "SELECT id, role FROM staff WHERE login = ?", cause,
	              DB_ARGS(DB_TEXT(login)));
	if (rc < 0)
		goto fail;
	if (rc == 1) {
		id = db_column_int64(st, 0);
		bit = staff_role_bit(db_column_text(st, 1));
		db_finalize(st);
	}
	if (id == 0) {
		set_cause(cause, _("no staff member with the ID '%s'"), login);
		goto fail;
	}
	if (venues_fit_role(bit, venues, cause) != 0 ||
	    (was = venue_list(db, id, 0, cause)) == NULL)
		goto fail;
	if (db_run(db, "DELETE FROM staff_venues WHERE staff_id = ?", _("database error"), cause,
	           DB_ARGS(DB_INT(id))) != 0 ||
	    put_venues(db, id, venues, cause) != 0 || (now = venue_list(db, id, 0, cause)) == NULL)
		goto fail;
	if (strcmp(was, now) == 0) {
		/* Nothing changes: nothing to record. */
		free(was);
		free(now);
		db_rollback(db);
		return 0;
	}
	char *detail = xasprintf("%s: %s -> %s", login, *was ? was : "all", *now ? now : "all");

	free(was);
	free(now);
	rc = db_audit_end(db, actor, "venues", "staff", id, detail, cause);
	free(detail);
	return rc;
fail:
	free(was);
	free(now);
	db_rollback(db);
	return -1;
}

int
staff_venue_codes(struct db *db, const char *login, struct strlist *codes, char **cause)
{
	return db_texts(db,
	                "SELECT v.code FROM staff s JOIN staff_venues sv ON sv.staff_id = s.id JOIN"
	                " venues v ON v.id = sv.venue_id WHERE s.login = ? AND s.role = 'reception'"
	                " ORDER BY v.code",
	                codes, cause, DB_ARGS(DB_TEXT(login)));
}

int
staff_may_write_venue(struct db *db, const char *actor, int64_t venue_id, char **cause)
{
	int64_t staff = 0, here = 0;
	db_stmt *st;
	int rc;

	if (actor == NULL)
		return 0;
	/* Only a reception account is ever limited, whatever rows it may have. */
	rc = db_first(db, &st,
	              "SELECT s.id, sum(CASE WHEN sv.venue_id = ?2 THEN 1 ELSE 0 END) FROM staff s"
	              " JOIN staff_venues sv ON sv.staff_id = s.id WHERE s.login = ?1 AND"
	              " s.role = 'reception' GROUP BY s.id",
	              cause, DB_ARGS(DB_TEXT(actor), DB_INT(venue_id)));
	if (rc < 0)
		return -1;
	if (rc == 1) {
		staff = db_column_int64(st, 0);
		here = db_column_int64(st, 1);
		db_finalize(st);
	}
	if (staff == 0 || here > 0)
		return 0;
	char *names = venue_list(db, staff, 1, cause);

	if (names == NULL)
		return -1;
	if (venue_id == 0)
		set_cause(cause, _("%s works at %s only, and may not change every venue at once"),
		          actor, names);
	else {
		st = db_query_int(db, "SELECT name FROM venues WHERE id = ?", venue_id, cause);
		if (st == NULL) {
			free(names);
			return -1;
		}
		set_cause(cause, _("%s works at %s only: %s can be looked at, not changed"), actor,
		          names, db_step(st) == DB_ROW ? db_column_text(st, 0) : "?");
		db_finalize(st);
	}
	free(names);
	return 1;
}

int
staff_set_pin(struct db *db, const char *login, const char *pin, const char *actor, char **cause)
{
	char hash[crypto_pwhash_STRBYTES], pcrypt[PIN_CRYPT_MAX];
	db_stmt *st;

	if (staff_pin_check(pin, cause) != 0 || hash_pin(pin, hash, cause) != 0 ||
	    crypt_pin(pin, pcrypt, cause) != 0)
		return -1;
	if (db_begin(db, cause) != 0)
		return -1;
	st = db_query(db,
	              "UPDATE staff SET pin_hash = ?, pin_crypt = ?, failed_attempts = 0,"
	              " locked_until = NULL WHERE login = ?",
	              cause, DB_ARGS(DB_TEXT(hash), DB_TEXT(pcrypt), DB_TEXT(login)));
	sodium_memzero(hash, sizeof hash);
	sodium_memzero(pcrypt, sizeof pcrypt);
	return write_one(db, st, login, actor, "passwd", login, cause);
}

int
staff_set_active(struct db *db, const char *login, int active, const char *actor, char **cause)
{
	db_stmt *st;

	if (db_begin(db, cause) != 0)
		return -1;
	if (!active) {
		/* Someone must remain who can manage the accounts. */
		int64_t others =
		            db_count_text(db,
		                          "SELECT count(*) FROM staff WHERE role = 'admin' AND"
		                          " active = 1 AND login <> ?1 AND EXISTS (SELECT 1 FROM"
		                          " staff WHERE login = ?1 AND role = 'admin')",
		                          login, cause),
		        is_admin = db_count_text(db,
		                                 "SELECT count(*) FROM staff WHERE login = ? AND"
		                                 " role = 'admin' AND active = 1",
		                                 login, cause);

		if (others >= 0 && is_admin > 0 && others == 0)
			set_cause(cause,
			          _("'%s' is the last active admin: add another admin first"),
			          login);
		if (others < 0 || is_admin < 0 || (is_admin > 0 && others == 0)) {
			db_rollback(db);
			return -1;
		}
	}
	st = db_query(db,
	              "UPDATE staff SET active = ?, failed_attempts = 0, locked_until = NULL"
	              " WHERE login = ?",
	              cause, DB_ARGS(DB_INT(active), DB_TEXT(login)));
	return write_one(db, st, login, actor, active ? "enable" : "disable", login, cause);
}

struct table *
staff_list(struct db *db, char **cause)
{
	return staff_list_of(db, NULL, cause);
}

struct table *
staff_list_of(struct db *db, const char *login, char **cause)
{
	static const char *const cols[] = {N_("Staff ID"), N_("Name"),       N_("Role"),
	                                   N_("State"),    N_("Wrong PINs"), N_("Venues")};
#define STAFF_ROWS                                                                                 \
	"SELECT login, name, role, active, CASE WHEN locked_until >"                               \
	" strftime('%Y-%m-%dT%H:%M:%SZ','now') THEN strftime('%Y-%m-%d %H:%M', locked_until,"      \
	" 'localtime') END, failed_attempts, id FROM staff"
	db_stmt *st =
	    login != NULL
	        ? db_query(db, STAFF_ROWS " WHERE login = ?", cause, DB_ARGS(DB_TEXT(login)))
	        : db_prepare(db, STAFF_ROWS " ORDER BY active DESC, login", cause);
#undef STAFF_ROWS
	struct table *t;
	int rc;

	if (st == NULL)
		return NULL;
	t = table_new_i18n(6, (const char *const *)cols, "lllkrl");
	while ((rc = db_step(st)) == DB_ROW) {
		const char *who = db_column_text(st, 0);
		char *state = !db_column_int(st, 3) ? xstrdup(_("disabled"))
		              : !db_column_null(st, 4)
		                  ? xasprintf(_("locked until %s"), db_column_text(st, 4))
		                  : xstrdup(_("active"));
		int bit = staff_role_bit(db_column_text(st, 2));
		char *venues = bit == ROLE_BIT_RECEPTION
		                   ? venue_list(db, db_column_int64(st, 6), 1, cause)
		                   : xstrdup("");

		if (venues == NULL) {
			free(state);
			db_finalize(st);
			table_free(t);
			return NULL;
		}
		const char *cells[6] = {who,   db_column_text(st, 1), staff_role_label(bit),
		                        state, db_column_text(st, 5), *venues ? venues : _("all")};

		table_add_keyed_row(t, cells, who);
		free(state);
		free(venues);
	}
	return table_finish(t, db, st, rc, cause);
}

/* What an unknown or disabled login is checked against, so that it takes as long as a wrong
 * PIN; made once, from random bytes nobody knows. */
static const char *
dummy_hash(void)
{
	static char hash[crypto_pwhash_STRBYTES];

	if (hash[0] == '\0') {
		char pin[13];

		for (size_t i = 0; i < 12; i++)
			pin[i] = (char)('0' + randombytes_uniform(10));
		pin[12] = '\0';
		if (hash_pin(pin, hash, NULL) != 0)
			hash[0] = '\0';
		sodium_memzero(pin, sizeof pin);
	}
	return hash;
}

/* One step of a prepared write; 0, or -1 with *cause. */
static int
step_done(struct db *db, db_stmt *st, char **cause)
{
	return db_finish(db, st, st != NULL ? db_step(st) : DB_ERROR, cause);
}

static enum staff_auth server_login(struct db *db, const char *login, const char *pin,
                                    struct staff *who, char **cause);

enum staff_auth
staff_login(struct db *db, const char *login, const char *pin, int max_failures,
            int lockout_seconds, const char *where, struct staff *who, char **cause)
{
	db_stmt *st;
	char hash[crypto_pwhash_STRBYTES] = "", *detail = NULL;
	int64_t id = 0;
	int role = 0, locked = 0, ok, rc = 0;
	/* The audit log's actor: the ID when it names an account, else "?" (what was typed may
	 * have been a PIN in the wrong field, and must not be logged). */
	const char *actor = "?", *action;
	int readonly = db_is_readonly(db);

	memset(who, 0, sizeof *who);
	if (sodium_init() < 0) {
		set_cause(cause, "%s", _("cannot start libsodium"));
		return AUTH_ERROR;
	}
	if (readonly && db->engine == DB_POSTGRES)
		return server_login(db, login, pin, who, cause);
	/* The whole decision in one write transaction: guesses from several terminals at once
	 * queue here, and each sees the failures the ones before it counted. A read-only
	 * connection counts nothing: a read transaction is enough. */
	if (readonly ? db_exec(db, "BEGIN", cause) != 0 : db_begin(db, cause) != 0)
		return AUTH_ERROR;
	if (readonly)
		max_failures = 0;
	st = db_query(db,
	              "SELECT id, name, role, pin_hash, CASE WHEN locked_until >"
	              " strftime('%Y-%m-%dT%H:%M:%SZ','now') THEN 1 ELSE 0 END FROM staff"
	              " WHERE login = ? AND active = 1",
	              cause, DB_ARGS(DB_TEXT(login)));
	if (st == NULL) {
		if (readonly)
			db_exec(db, "ROLLBACK", NULL);
		else
			db_rollback(db);
		return AUTH_ERROR;
	}
	if (db_step(st) == DB_ROW && strlen(db_column_text(st, 3)) < sizeof hash) {
		id = db_column_int64(st, 0);
		snprintf(who->name, sizeof who->name, "%s", db_column_text(st, 1));
		role = staff_role_bit(db_column_text(st, 2));
		snprintf(hash, sizeof hash, "%s", db_column_text(st, 3));
		locked = db_column_int(st, 4);
		actor = login;
	}
	db_finalize(st);
	if (readonly)
		db_exec(db, "COMMIT", NULL);
	/* The same work whether the account exists, is locked or not: a locked account's PIN is
	 * not even tried, but the dummy check costs the same. */
	if (id > 0 && !locked && hash[0] != '\0')
		ok = crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
	else {
		const char *d = dummy_hash();

		ok = 0;
		/* The answer is no whatever this says. */
		if (*d && crypto_pwhash_str_verify(d, pin, strlen(pin)) == 0)
			ok = 0;
	}
	sodium_memzero(hash, sizeof hash);
	if (readonly) {
		action = ok ? "login" : locked ? "login-locked" : "login-failed";
		detail = NULL;
	} else if (ok) {
		st = db_prepare(
		    db, "UPDATE staff SET failed_attempts = 0, locked_until = NULL WHERE id = ?",
		    cause);
		if (st != NULL)
			db_bind_int64(st, 1, id);
		rc = step_done(db, st, cause);
		action = "login";
		detail = xstrdup(where);
	} else if (locked) {
		action = "login-locked";
		detail = xstrdup(where);
	} else {
		action = "login-failed";
		detail = xasprintf("%s %s", where, id > 0 ? "wrong PIN" : "unknown or disabled");
		/* Counted, and the account locked, in the same transaction as the check. */
		if (id > 0 && max_failures > 0) {
			st = db_prepare(
			    db,
			    "UPDATE staff SET failed_attempts = CASE WHEN failed_attempts + 1"
			    " >= ?2 THEN 0 ELSE failed_attempts + 1 END, locked_until = CASE"
			    " WHEN failed_attempts + 1 >= ?2 THEN strftime('%Y-%m-%dT%H:%M:%SZ',"
			    " 'now', '+' || ?3 || ' seconds') ELSE locked_until END WHERE id = ?1"
			    " RETURNING failed_attempts = 0",
			    cause);
			if (st == NULL)
				rc = -1;
			else {
				db_bind_int64(st, 1, id);
				db_bind_int(st, 2, max_failures);
				db_bind_int(st, 3, lockout_seconds);
				if (db_step(st) == DB_ROW && db_column_int(st, 0)) {
					char *more = xasprintf("%s, %s", detail, "locked");

					free(detail);
					detail = more;
				}
				rc = step_done(db, st, cause);
			}
		}
	}
	if (!readonly &&
	    (rc != 0 || db_audit(db, ok ? login : actor, action, "staff", id, detail, cause) != 0 ||
	     db_commit(db, cause) != 0)) {
		db_rollback(db);
		free(detail);
		memset(who, 0, sizeof *who);
		return AUTH_ERROR;
	}
	free(detail);
	if (ok) {
		who->id = id;
		snprintf(who->login, sizeof who->login, "%s", login);
		who->role = role;
		return AUTH_OK;
	}
	memset(who, 0, sizeof *who);
	/* Guessing stays slow, and every refusal takes the same time and says the same, whether
	 * the staff ID exists, is locked or not: the answer tells nothing about the account. */
	clock_sleep(FAIL_DELAY);
	set_cause(cause, "%s", _("The staff ID or the PIN is not right."));
	return locked ? AUTH_LOCKED : AUTH_WRONG;
}

/* staff_login for the kiosk's role on PostgreSQL, which may read no account: the server checks
 * the PIN (staff_pin_check, as the schema's owner) and says only whether it is right. It
 * counts nothing, as any read-only check; a refusal takes the same time and words. */
static enum staff_auth
server_login(struct db *db, const char *login, const char *pin, struct staff *who, char **cause)
{
	char now[21];
	db_stmt *st;
	int ok = 0, locked = 0;

	clock_iso_utc(now);
	st = db_query(db, "SELECT id, name, role, locked, ok FROM staff_pin_check(?, ?, ?)", cause,
	              DB_ARGS(DB_TEXT(login), DB_TEXT(pin), DB_TEXT(now)));

	if (st == NULL)
		return AUTH_ERROR;
	if (db_step(st) != DB_ROW) {
		db_cause(db, cause, _("database error"));
		db_finalize(st);
		return AUTH_ERROR;
	}
	locked = db_column_int(st, 3);
	ok = db_column_int(st, 4);
	if (ok) {
		who->id = db_column_int64(st, 0);
		snprintf(who->name, sizeof who->name, "%s", db_column_text(st, 1));
		who->role = staff_role_bit(db_column_text(st, 2));
		snprintf(who->login, sizeof who->login, "%s", login);
	}
	db_finalize(st);
	if (ok)
		return AUTH_OK;
	clock_sleep(FAIL_DELAY);
	set_cause(cause, "%s", _("The staff ID or the PIN is not right."));
	return locked ? AUTH_LOCKED : AUTH_WRONG;
}

int64_t
staff_count_admins(struct db *db)
{
	return db_count(db, "SELECT count(*) FROM staff WHERE role = 'admin' AND active = 1", NULL);
}

int
staff_lookup(struct db *db, const char *login, struct staff *who, char **cause)
{
	db_stmt *st =
	    db_query(db, "SELECT id, name, role FROM staff WHERE login = ? AND active = 1", cause,
	             DB_ARGS(DB_TEXT(login)));
	int rc;

	memset(who, 0, sizeof *who);
	if (st == NULL)
		return -1;
	if ((rc = db_step(st)) == DB_ROW) {
		who->id = db_column_int64(st, 0);
		snprintf(who->login, sizeof who->login, "%s", login);
		snprintf(who->name, sizeof who->name, "%s", db_column_text(st, 1));
		who->role = staff_role_bit(db_column_text(st, 2));
		rc = DB_DONE;
	} else if (rc == DB_DONE)
		rc = -2;
	if (rc == -2) {
		db_finalize(st);
		return 1;
	}
	return db_finish(db, st, rc, cause);
}

int
staff_logout(struct db *db, const char *login, const char *why, char **cause)
{
	if (db_begin(db, cause) != 0)
		return -1;
	if (db_audit(db, login, "logout", "staff", 0, why, cause) != 0 ||
	    db_commit(db, cause) != 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}
