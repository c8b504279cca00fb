/* tui/cli/audit.c: sumaho audit: the audit log, as on the Audit screen. */
#include "config.h"

#include <stdlib.h>

#include "models/audit/audit.h"
#include "models/core/i18n.h"
#include "tui/cli/cli.h"

enum { AUDIT_LIMIT };

/* sumaho audit [--limit N] */
static int
cmd_audit(struct app *app, const struct cli_args *a)
{
	const char *arg = a->value[AUDIT_LIMIT];
	long limit = 50;
	char *end, *cause = NULL;
	struct table *t;

	if (arg != NULL) {
		limit = strtol(arg, &end, 10);
		if (*arg == '\0' || *end != '\0' || limit < 0) {
			warnx_(_("--limit: '%s' is not a number of entries (0: all)"), arg);
			return EXIT_USAGE;
		}
	}
	t = audit_list(app->db, limit, &cause);
	return print_table(t, cause);
}

static const struct cli_option audit_options[] = {{"limit", 0, 1}, {NULL, 0, 0}};

const struct cli_command cli_audit_commands[] = {
    {"audit", N_("[--limit N]"), N_("show the audit log, newest first (50 entries, or N; 0: all)"),
     audit_options, 0, 0, CLI_DB_EXISTING, ROLE_BIT_ADMIN, cmd_audit, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, 0, CLI_DB_NONE, 0, NULL, NULL, NULL},
};
