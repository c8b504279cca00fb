/* tui/app.h: what the screens and subcommands share for one run of sumaho. */
#ifndef TUI_APP_H
#define TUI_APP_H

#include "models/core/date.h"
#include "models/core/db.h"
#include "models/core/settings.h"

struct app {
	struct settings settings;
	struct date today;   /* the system date, or --today */
	const char *db_path; /* the database in use */
	const char *actor;   /* who is recorded in the audit log */
	struct db *db;
	int role;            /* ROLE_BIT_s of the signed-in staff member; all when none is needed */
	char staff_name[161]; /* the signed-in staff member's name, or "" */
};

/* Draw the title bar: "sumaho", where the user is (NULL on the home screen) and today. */
void app_title(struct app *app, const char *where);
/* Show the messages from now on in lang ("ja", "en", or a LANGUAGE value). */
void app_set_language(const char *lang);
/* Run the staff screens until the user quits; returns the exit status. */
int home_run(struct app *app);

#endif
