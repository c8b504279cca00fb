/* tui/cli/transfer.c: sumaho import KIND FILE: CSV files of every kind of record. */
#include "config.h"

#include <stdlib.h>

#include "models/core/i18n.h"
#include "models/staff/staff.h"
#include "models/transfer/transfer.h"
#include "tui/cli/cli.h"

enum { IMPORT_GOOD_ROWS, IMPORT_UPDATE };

/* sumaho import KIND FILE [--good-rows REJECTS.csv] [--update] */
static int
cmd_import(struct app *app, const struct cli_args *a)
{
	struct import_report rep;
	struct strlist errors = {0};
	char *cause = NULL;
	struct lottery_config lc = app_lottery_config(app);
	struct strlist updates = {0}, warnings = {0};
	struct import_options io = {.rejects = a->value[IMPORT_GOOD_ROWS],
	                            .lottery = &lc,
	                            .role = app->role,
	                            .reason = app->reason,
	                            .update = a->value[IMPORT_UPDATE] != NULL,
	                            .headings = &app->settings.import_headings,
	                            .updates = &updates,
	                            .warnings = &warnings};
	const char *kind = a->argv[0], *file = a->argv[1];

	if (!import_kind_known(kind)) {
		warnx_(_("unknown kind of record '%s'"), kind);
		return usage_error(a->cmd);
	}
	int rc = import_csv_file_ex(app->db, kind, file, app->actor, &io, &rep, &errors, &cause);

	/* How a value was read, whether or not the file was imported. */
	for (size_t i = 0; i < warnings.n; i++)
		warnx_("%s", warnings.v[i]);
	strlist_clear(&warnings);
	if (rc != 0) {
		print_errors(&errors, cause);
		warnx_(_("%s: nothing was imported"), file);
		strlist_clear(&errors);
		free(cause);
		return EXIT_FAIL;
	}
	for (size_t i = 0; i < updates.n; i++)
		printf("%s\n", updates.v[i]);
	strlist_clear(&updates);
	printf(P_("%s: %ld row read, %ld new record\n", "%s: %ld rows read, %ld new records\n",
	          rep.rows),
	       file, rep.rows, rep.added);
	if (rep.ineligible > 0)
		printf(
		    P_("%s: %ld application recorded as ineligible, with the reason (not drawn)\n",
		       "%s: %ld applications recorded as ineligible, with the reason (not drawn)\n",
		       rep.ineligible),
		    file, rep.ineligible);
	if (rep.duplicates > 0)
		printf(
		    P_("%s: %ld application recorded as a duplicate of the person's earlier one "
		       "(counted once)\n",
		       "%s: %ld applications recorded as duplicates of the persons' earlier ones "
		       "(counted once)\n",
		       rep.duplicates),
		    file, rep.duplicates);
	if (rep.updated > 0)
		printf(P_("%s: %ld record changed\n", "%s: %ld records changed\n", rep.updated),
		       file, rep.updated);
	if (rep.rejected > 0)
		warnx_(P_("%s: %ld bad row left out and written to %s",
		          "%s: %ld bad rows left out and written to %s", rep.rejected),
		       file, rep.rejected, io.rejects);
	return EXIT_OK;
}

static const struct cli_option import_options[] = {
    {"good-rows", 0, 1}, {"update", 0, 0}, {NULL, 0, 0}};

const struct cli_command cli_transfer_commands[] = {
    {"import",
     N_("KIND FILE [--good-rows REJECTS.csv] [--update]   (KIND: venues, courses, offerings, "
        "sessions, "
        "people, applications, online, attendance, templates, slots, bookings)"),
     N_("import records from a CSV file (UTF-8 or CP932), all rows or none, or with "
        "--good-rows the good ones and the bad ones written back; a row that would change a "
        "registered person is refused unless --update is given"),
     import_options, 2, 2, CLI_DB_EXISTING, ROLE_BIT_COORDINATOR, cmd_import, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, 0, CLI_DB_NONE, 0, NULL, NULL, NULL},
};
