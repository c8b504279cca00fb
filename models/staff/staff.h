/* models/staff/staff.h: staff accounts, their PINs (Argon2id, libsodium), roles, lock-out, and the
 * audit log as a table for the admin. */
#ifndef MODELS_STAFF_STAFF_H
#define MODELS_STAFF_STAFF_H

#include <stdint.h>

#include "models/core/db.h"
#include "models/formats/table.h"

/* Roles as bits, so that a screen can name the roles that may open it. */
enum staff_role {
	ROLE_BIT_RECEPTION = 1,   /* bookings, attendance */
	ROLE_BIT_COORDINATOR = 2, /* classes, lotteries, reports */
	ROLE_BIT_ADMIN = 4,       /* staff, settings, the audit log; and everything else */
};
#define ROLE_BITS_ALL (ROLE_BIT_RECEPTION | ROLE_BIT_COORDINATOR | ROLE_BIT_ADMIN)
/* The work with residents at the desk (people, bookings, rolls): reception and coordinators. */
#define ROLE_BITS_DESK (ROLE_BIT_RECEPTION | ROLE_BIT_COORDINATOR)

struct staff {
	int64_t id;
	char login[33];
	char name[161];
	int role; /* one ROLE_BIT_ */
};

/* The role's bit for "reception", "coordinator" or "admin"; 0 for anything else. */
int staff_role_bit(const char *name);
/* The translated name of a role bit. */
const char *staff_role_label(int bit);
/* Nonzero if a role may do what needs any of the bits in need (an admin may do everything). */
int staff_may(int role, int need);

/* Check a new PIN: 4 to 12 digits, not all one digit nor a run such as 1234 or 9876. 0, or -1
 * with *cause. */
int staff_pin_check(const char *pin, char **cause);

/* Overwrite a PIN typed in (a string from malloc) and free it; NULL is allowed. */
void staff_pin_free(char *pin);

/* Active accounts, or -1 with *cause. */
int64_t staff_count_active(struct db *db, char **cause);
/* Check one field of a new account as a form's field is left, with staff_add's rule for it:
 * "login" (its form, and not taken) or "name". 0, or -1 with *cause saying why without naming
 * the field. */
int staff_check_field(struct db *db, const char *field, const char *value, char **cause);
/* Add an account (login: letters, digits, '.', '_', '-'; name; role; PIN as above). Audited
 * as actor; 0, or -1 with *cause naming the field, and nothing changed. */
int staff_add(struct db *db, const char *login, const char *name, const char *role, const char *pin,
              const char *actor, char **cause);
/* staff_add with the venues a reception account is limited to (venue codes; NULL or none: not
 * limited), in the same transaction and audit entry. Only a reception account takes venues:
 * coordinators and admins work at every venue, and giving them one is refused. */
int staff_add_at(struct db *db, const char *login, const char *name, const char *role,
                 const char *pin, const struct strlist *venues, const char *actor, char **cause);
/* Limit a reception account to the venues named by their codes, or (venues NULL or empty)
 * lift its limit. Refused for a coordinator or admin, and for a code that names no venue.
 * Audited as "venues" with the old and new lists ("all" when not limited); nothing is
 * recorded when the list does not change. 0, or -1 with *cause and nothing changed. */
int staff_set_venues(struct db *db, const char *login, const struct strlist *venues,
                     const char *actor, char **cause);
/* The codes of the venues login is limited to, in code order, added to codes (none when it
 * is not limited, or is no reception account). 0, or -1 with *cause. */
int staff_venue_codes(struct db *db, const char *login, struct strlist *codes, char **cause);
/* The one rule of several sites: whether actor (a staff ID, as the audit log names who acts)
 * may change what belongs to venue_id (0: every venue at once, as a generation of every
 * venue's slots). A reception account limited to venues may change only those; coordinators,
 * admins, a reception account without venues, and an actor that is no account (a database
 * without accounts) may change any. Read in the caller's transaction, so that a limit set
 * at another terminal holds at once. 0 allowed; 1 refused, with *cause saying which venues
 * the account is limited to; -1 with *cause. */
int staff_may_write_venue(struct db *db, const char *actor, int64_t venue_id, char **cause);

/* Set a new PIN (and lift a lock-out). */
int staff_set_pin(struct db *db, const char *login, const char *pin, const char *actor,
                  char **cause);
/* Disable (active 0) or enable an account. The last active admin cannot be disabled. */
int staff_set_active(struct db *db, const char *login, int active, const char *actor, char **cause);
/* Login, name, role, state ("active", "locked until ...", "disabled"), failures and venues
 * (the names of those a reception account is limited to, or "all"); keyed by login. No PIN
 * hash is read. */
struct table *staff_list(struct db *db, char **cause);
/* The same row for one account (login), or (login NULL) every account; a table without rows
 * when there is no such account. */
struct table *staff_list_of(struct db *db, const char *login, char **cause);

enum staff_auth { AUTH_OK, AUTH_WRONG, AUTH_LOCKED, AUTH_ERROR };
/* Check login and PIN. A wrong PIN counts a failure, and max_failures in a row lock the
 * account for lockout_seconds (max_failures 0: the failure is not counted, as at the public
 * kiosk, where anyone could otherwise lock staff out). Every refusal waits two seconds; an
 * unknown or disabled login takes as long as a wrong PIN and gets the same answer. Every
 * attempt is audited, with the staff ID only when it names an account (a PIN typed into the
 * wrong field is never logged). AUTH_OK fills *who; otherwise *cause says why (with the
 * minutes left when locked). On a read-only connection (the kiosk's, when the operating
 * system lets it only read the database) the PIN is checked the same way, and nothing is
 * counted or audited: the caller records the attempt where it can. */
enum staff_auth staff_login(struct db *db, const char *login, const char *pin, int max_failures,
                            int lockout_seconds, const char *where, struct staff *who,
                            char **cause);

/* The active account login into *who (no PIN): 0, 1 when there is none (or it is disabled),
 * -1 with *cause. */
int staff_lookup(struct db *db, const char *login, struct staff *who, char **cause);
/* Record that login signed out of the staff screens, and why ("idle", "switch user"). */
int staff_logout(struct db *db, const char *login, const char *why, char **cause);

/* How many active admin accounts there are (-1 on a database error). */
int64_t staff_count_admins(struct db *db);

#endif
