/* tui/app.h: what the screens and subcommands share for one run of sumaho. */
#ifndef TUI_APP_H
#define TUI_APP_H

#include "models/consult/consult.h"
#include "models/core/date.h"
#include "models/core/db.h"
#include "models/core/settings.h"
#include "models/formats/ical.h"
#include "models/lottery/lottery.h"
#include "models/notices/notices.h"

#include <time.h>

struct app {
	struct settings settings;
	struct date today;   /* the system date, or --today */
	const char *db_path; /* the database in use */
	const char *actor;   /* who is recorded in the audit log */
	struct db *db;
	int role; /* ROLE_BIT_s of the signed-in staff member; all when none is needed */
	char staff_name[161]; /* the signed-in staff member's name, or "" */
	char staff_login[33]; /* the signed-in staff member's ID (app->actor then), or "" */
	/* Sign-in on the command line: --staff (or SUMAHO_STAFF) and --pin-file, or NULL. */
	const char *staff_id, *pin_file;
	const char *user; /* the system user: the audit's actor while no account exists */
	/* The staff screens' session: watched (idle sign-out, rights re-read) while session is
	 * set; signed_out says the screens must ask who is there again, and why. */
	int session;
	const char *signed_out;
	/* Why a closed month is amended: --reason, or what an admin typed on screen; or NULL. */
	const char *reason;
};

/* The booking rules of this run: the configured limit and topics, today, the actor, their
 * role and the reason given for amending a closed month. */
struct booking_rules app_rules(struct app *app);
/* The lottery rules of this run, from the configuration; the actor, role and reason. */
struct lottery_config app_lottery_config(struct app *app);
/* The paper settings of this run: the font, the phone for answers (or [kiosk] phone), and
 * the days a winner has to confirm. */
struct notices_config app_notices_config(struct app *app);
/* Write the notices of the offerings, each in its reader's language, or all in lang ("ja" or
 * "en") when it is not NULL, whatever the screens speak: notices_write's arguments and
 * result. */
int app_notices_write(struct app *app, char *const *offerings, size_t n, int results,
                      enum notices_layout layout, const char *lang, const char *path, long *pages,
                      char **cause);
/* The calendar settings of this run: the UID domain and the application page. */
struct ical_config app_ical_config(struct app *app);
/* Show the messages from now on in lang ("ja", "en", or a LANGUAGE value). */
void app_set_language(const char *lang);
/* The staff screens' watch, before each picture: -1 when the screens must sign out now (idle
 * for [access] idle_signout, the account disabled or gone, or accounts created while nobody
 * is signed in: app->signed_out says which), the seconds left when the sign-out is near
 * (warn), else 0. The account's role is read again each time, so a change to it shows. */
int app_session_check(struct app *app, time_t last_key);
/* Forget who is signed in: the screens' rights and the audit's actor go back to those of a
 * database without accounts. */
void app_sign_out(struct app *app);
/* Where the demo data set is: the installed copy, else the source tree's. */
const char *demo_dir(void);

#endif
