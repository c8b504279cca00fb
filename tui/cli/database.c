/* tui/cli/database.c: sumaho init and sumaho backup: the database itself. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static volatile sig_atomic_t backup_signal;

/* Only note the signal: the copy stops between two steps and removes its file. */
static void
on_backup_signal(int sig)
{
	backup_signal = sig;
}

/* sumaho backup FILE */
static int
cmd_backup(struct app *app, const struct cli_args *a)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa, old[3];
	char *cause = NULL;
	long pages;
	int stale, rc;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_backup_signal;
	sigemptyset(&sa.sa_mask);
	/* A signal ignored on entry (nohup, a shell's background job) stays ignored. */
	for (size_t i = 0; i < 3; i++)
		if (sigaction(sigs[i], NULL, &old[i]) == 0 && old[i].sa_handler != SIG_IGN)
			sigaction(sigs[i], &sa, NULL);
	rc = db_backup(app->db, a->argv[0], &backup_signal, &pages, &stale, &cause);
	for (size_t i = 0; i < 3; i++)
		sigaction(sigs[i], &old[i], NULL);
	if (stale > 0)
		printf(P_("Removed %d temporary file an interrupted backup left\n",
		          "Removed %d temporary files interrupted backups left\n", stale),
		       stale);
	if (rc != 0) {
		rc = fail_with(cause);
		/* Ended by the signal, as the signal ends a program: the shell sees it so. */
		if (backup_signal != 0)
			raise(backup_signal);
		return rc;
	}
	if (app->db->engine == DB_POSTGRES)
		printf(
		    _("Backed up %s to %s (pg_dump's custom format: restore it with pg_restore)\n"),
		    app->db_path, a->argv[0]);
	else
		printf(_("Backed up %s to %s (%ld pages)\n"), app->db_path, a->argv[0], pages);
	return EXIT_OK;
}

enum { COPY_TO };

/* sumaho copy --to URI: this SQLite database into an empty PostgreSQL one. */
static int
cmd_copy(struct app *app, const struct cli_args *a)
{
	const char *uri = a->value[COPY_TO];
	char *cause = NULL;
	struct db_copied c;
	struct db *to;

	if (uri == NULL || *uri == '\0') {
		warnx_("%s", _("copy needs --to URI: the PostgreSQL database to copy into"));
		return EXIT_USAGE;
	}
	if (!db_is_conninfo(uri)) {
		warnx_(
		    _("copy --to takes a PostgreSQL URI (postgresql://...) or connection string, "
		      "not %s"),
		    uri);
		return EXIT_USAGE;
	}
	/* An empty database, where copy makes the schema: as init, not as a command that needs
	 * one. */
	if ((to = db_open(uri, DB_OPEN_CREATE, 5000, &cause)) == NULL)
		return fail_with(cause);
	if (db_copy_to(app->db, to, app->actor, &c, &cause) != 0) {
		db_close(to);
		warnx_("%s", cause ? cause : "");
		free(cause);
		warnx_("%s", _("nothing was copied"));
		return EXIT_FAIL;
	}
	db_close(to);
	for (int i = 0; i < c.n; i++)
		printf("  %-26s %8ld\n", c.table[i], c.rows[i]);
	printf(P_("Copied %ld row of %s into the PostgreSQL database (schema version %d), with "
	          "the audit log whole\n",
	          "Copied %ld rows of %s into the PostgreSQL database (schema version %d), with "
	          "the audit log whole\n",
	          c.total),
	       c.total, app->db_path, db_schema_latest());
	if (c.unvacuumed != NULL) {
		warnx_(_("the copy is whole, but its tables were not vacuumed (autovacuum will do "
		         "it): %s"),
		       c.unvacuumed);
		free(c.unvacuumed);
	}
	return EXIT_OK;
}

static const struct cli_option copy_options[] = {{"to", 0, 1}, {NULL, 0, 0}};
static const struct cli_option init_options[] = {{"demo", 0, 0}, {NULL, 0, 0}};

const struct cli_command cli_database_commands[] = {
    {"init", N_("[--demo]"), N_("create or upgrade the database; --demo loads the demo data"),
     init_options, 0, 0, CLI_DB_CREATE, ROLE_BIT_ADMIN, cmd_init, NULL, NULL},
    {"backup", N_("FILE"),
     N_("copy the database to FILE, safely while terminals work (restore: see the man page)"), NULL,
     1, 1, CLI_DB_EXISTING, ROLE_BIT_ADMIN, cmd_backup, NULL, NULL},
    {"copy", N_("--to URI"),
     N_("copy this SQLite database, audit log and all, into an empty PostgreSQL database"),
     copy_options, 0, 0, CLI_DB_EXISTING, ROLE_BIT_ADMIN, cmd_copy, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, 0, CLI_DB_NONE, 0, NULL, NULL, NULL},
};
