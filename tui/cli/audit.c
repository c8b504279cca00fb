/* tui/cli/audit.c: sumaho audit: the audit log, as on the Audit screen. */
#include "config.h"

#include <stdio.h>
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

/* sumaho audit verify: 0 when the chain holds; else the first entry changed, inserted or
 * removed, and 1. */
static int
cmd_audit_verify(struct app *app, const struct cli_args *a)
{
	struct audit_check c;
	char *cause = NULL;

	(void)a;
	if (audit_verify(app->db, &c, &cause) != 0)
		return fail_with(cause);
	switch (c.finding) {
	case AUDIT_INTACT:
		printf(P_("The audit log is intact: %lld entry; the last hash is %s.\n",
		          "The audit log is intact: %lld entries; the last hash is %s.\n",
		          (unsigned long)c.entries),
		       (long long)c.entries, c.last_hash);
		return EXIT_OK;
	case AUDIT_CHANGED:
		warnx_(_("audit log entry %lld was changed or inserted: its hash does not follow "
		         "from the entries before it"),
		       (long long)c.id);
		break;
	case AUDIT_REMOVED:
		warnx_(_("audit log entry %lld was removed: the entry after it does not follow "
		         "from the entries before it"),
		       (long long)c.id);
		break;
	}
	return EXIT_FAIL;
}

static const struct cli_option audit_options[] = {{"limit", 0, 1}, {NULL, 0, 0}};

const struct cli_command cli_audit_commands[] = {
    {"audit", N_("[--limit N]"), N_("show the audit log, newest first (50 entries, or N; 0: all)"),
     audit_options, 0, 0, CLI_DB_EXISTING, ROLE_BIT_ADMIN, cmd_audit, NULL, NULL},
    {"audit verify", "",
     N_("check the audit log's hash chain; name the first entry changed, removed or inserted"),
     NULL, 0, 0, CLI_DB_EXISTING, ROLE_BIT_ADMIN, cmd_audit_verify, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, 0, CLI_DB_NONE, 0, NULL, NULL, NULL},
};
