/* tui/app.h: what the screens and subcommands share for one run of sumaho. */
#ifndef TUI_APP_H
#define TUI_APP_H

#include "models/consult/consult.h"
#include "models/core/date.h"
#include "models/core/db.h"
#include "models/core/settings.h"
#include "models/formats/ical.h"
#include "models/lottery/lottery.h"

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
	/* Why a closed month is amended: --reason, or what an admin typed on screen; or NULL. */
	const char *reason;
};

/* The booking rules of this run: the configured limit and topics, today, the actor, their
 * role and the reason given for amending a closed month. */
struct booking_rules app_rules(struct app *app);
/* The lottery rules of this run, from the configuration; the actor, role and reason. */
struct lottery_config app_lottery_config(struct app *app);
/* The calendar settings of this run: the UID domain and the application page. */
struct ical_config app_ical_config(struct app *app);
/* Show the messages from now on in lang ("ja", "en", or a LANGUAGE value). */
void app_set_language(const char *lang);
/* Where the demo data set is: the installed copy, else the source tree's. */
const char *demo_dir(void);

#endif
