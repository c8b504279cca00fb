/* tui/cli/periods.c: sumaho period close|reopen|list: months whose figures were reported, as
 * the Reports screen closes them. */
#include "config.h"

#include <stdlib.h>

#include "models/core/i18n.h"
#include "models/periods/periods.h"
#include "tui/cli/cli.h"

/* sumaho period close MONTH */
static int
cmd_close(struct app *app, const struct cli_args *a)
{
	char *cause = NULL;

	if (period_close(app->db, a->argv[0], &app->today, app->actor, app->role, &cause) != 0)
		return fail_with(cause);
	printf(_("%s is closed: its figures change now only by an admin giving a reason\n"),
	       a->argv[0]);
	return EXIT_OK;
}

/* sumaho period reopen MONTH --reason TEXT */
static int
cmd_reopen(struct app *app, const struct cli_args *a)
{
	char *cause = NULL;

	if (app->reason == NULL) {
		warnx_("%s", _("reopening a month needs a reason: give --reason TEXT"));
		return usage_error(a->cmd);
	}
	if (period_reopen(app->db, a->argv[0], app->actor, app->role, app->reason, &cause) != 0)
		return fail_with(cause);
	printf(_("%s is open again\n"), a->argv[0]);
	return EXIT_OK;
}

/* sumaho period list */
static const struct cli_list period_list_cmd = {period_list, N_("No month has been closed.")};

const struct cli_command cli_periods_commands[] = {
    {"period close", N_("YYYY-MM"),
     N_("close a month whose figures were reported: from then on a change to what it counts "
        "needs an admin giving --reason TEXT, and the monthly report shows it"),
     NULL, 1, 1, CLI_DB_EXISTING, ROLE_BIT_ADMIN, cmd_close, NULL, NULL},
    {"period reopen", N_("YYYY-MM --reason TEXT"), N_("open a closed month again (audited)"), NULL,
     1, 1, CLI_DB_EXISTING, ROLE_BIT_ADMIN, cmd_reopen, NULL, NULL},
    {"period list", "", N_("list the months closed, their amendments and reopenings"), NULL, 0, 0,
     CLI_DB_EXISTING, ROLE_BIT_COORDINATOR, cli_print_list, &period_list_cmd, NULL},
    {NULL, NULL, NULL, NULL, 0, 0, CLI_DB_NONE, 0, NULL, NULL, NULL},
};
