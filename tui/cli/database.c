/* tui/cli/database.c: sumaho init and sumaho backup: the database itself. */
#include "config.h"

#include <stdlib.h>

#include "models/core/db.h"
#include "models/core/i18n.h"
#include "models/core/schema.h"
#include "models/staff/staff.h"
#include "models/transfer/transfer.h"
#include "tui/cli/cli.h"

enum { INIT_DEMO };

/* sumaho init [--demo] */
static int
cmd_init(struct app *app, const struct cli_args *a)
{
	char *cause = NULL;
	int applied = db_migrate(app->db, &cause);

	if (applied < 0)
		return fail_with(cause);
	if (applied > 0)
		printf(_("%s: schema version %d\n"), app->db_path, db_schema_latest());
	else
		printf(_("%s: schema is up to date (version %d)\n"), app->db_path,
		       db_schema_latest());
	if (a->value[INIT_DEMO] == NULL)
		return EXIT_OK;
	if (import_demo_refused(app->db) != 0) {
		warnx_(_("%s already holds data; the demo needs a new database"), app->db_path);
		return EXIT_FAIL;
	}
	struct strlist errors = {0};

	if (import_demo(app->db, demo_dir(), &app->today, app->actor, &errors, &cause) != 0) {
		print_errors(&errors, cause);
		warnx_("%s", _("the demo data was not loaded; the database is unchanged"));
		strlist_clear(&errors);
		free(cause);
		return EXIT_FAIL;
	}
	printf(_("Loaded the demo data (April-September 2022) from %s\n"), demo_dir());
	return EXIT_OK;
}

/* sumaho backup FILE */
static int
cmd_backup(struct app *app, const struct cli_args *a)
{
	char *cause = NULL;
	long pages;

	if (db_backup(app->db, a->argv[0], &pages, &cause) != 0)
		return fail_with(cause);
	printf(_("Backed up %s to %s (%ld pages)\n"), app->db_path, a->argv[0], pages);
	return EXIT_OK;
}

static const struct cli_option init_options[] = {{"demo", 0, 0}, {NULL, 0, 0}};

const struct cli_command cli_database_commands[] = {
    {"init", N_("[--demo]"), N_("create or upgrade the database; --demo loads the demo data"),
     init_options, 0, 0, CLI_DB_CREATE, ROLE_BIT_ADMIN, cmd_init, NULL, NULL},
    {"backup", N_("FILE"),
     N_("copy the database to FILE, safely while terminals work (restore: see the man page)"), NULL,
     1, 1, CLI_DB_EXISTING, ROLE_BIT_ADMIN, cmd_backup, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, 0, CLI_DB_NONE, 0, NULL, NULL, NULL},
};
