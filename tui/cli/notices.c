/* tui/cli/notices.c: sumaho notices and roster: paper after a draw, the same models functions
 * as the Lotteries screen's p. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/notices/notices.h"
#include "tui/cli/cli.h"

enum { NOTICES_RESULT, NOTICES_LAYOUT, NOTICES_LANGUAGE, NOTICES_OUTPUT };

/* sumaho notices OFFERING... [--result won|waiting|lost|all] [--layout postcard|a4]
 * [--language ja|en] -o FILE */
static int
cmd_notices(struct app *app, const struct cli_args *a)
{
	static const char *const results[] = {"won", "waiting", "lost", "all", NULL};
	static const int bits[] = {NOTICES_WON, NOTICES_WAITING, NOTICES_LOST, NOTICES_ALL};
	static const char *const layouts[] = {"postcard", "a4", NULL};
	static const char *const languages[] = {"ja", "en", NULL};
	const char *result = a->value[NOTICES_RESULT] ? a->value[NOTICES_RESULT] : "all",
	           *layout = a->value[NOTICES_LAYOUT] ? a->value[NOTICES_LAYOUT] : "postcard",
	           *lang = a->value[NOTICES_LANGUAGE], *path = a->value[NOTICES_OUTPUT];
	char *cause = NULL;
	long pages = 0;
	int which = 0;

	/* Without --language each notice is in its reader's language (people edit --language). */
	if (choice_option(result, results) != 0 || choice_option(layout, layouts) != 0 ||
	    (lang != NULL && choice_option(lang, languages) != 0))
		return EXIT_USAGE;
	if (path == NULL) {
		warnx_("%s", _("name the PDF to write with -o FILE"));
		return usage_error(a->cmd);
	}
	for (size_t i = 0; results[i] != NULL; i++)
		if (strcmp(result, results[i]) == 0)
			which = bits[i];
	if (app_notices_write(app, a->argv, (size_t)a->argc, which,
	                      strcmp(layout, "a4") == 0 ? NOTICES_A4 : NOTICES_POSTCARD, lang, path,
	                      &pages, &cause) != 0) {
		warnx_("%s", _("no notices were written"));
		return fail_with(cause);
	}
	if (strcmp(path, "-") != 0)
		printf(P_("%s: %ld notice\n", "%s: %ld notices\n", pages), path, pages);
	return EXIT_OK;
}

/* sumaho roster SESSION -o FILE */
static int
cmd_roster(struct app *app, const struct cli_args *a)
{
	const char *path = a->value[0];
	struct notices_config cfg = app_notices_config(app);
	char *cause = NULL;
	long people = 0;

	if (path == NULL) {
		warnx_("%s", _("name the PDF to write with -o FILE"));
		return usage_error(a->cmd);
	}
	if (notices_roster(app->db, a->argv[0], &cfg, path, &people, &cause) != 0) {
		warnx_("%s", _("no class list was written"));
		return fail_with(cause);
	}
	if (strcmp(path, "-") != 0)
		printf(P_("%s: %ld participant\n", "%s: %ld participants\n", people), path, people);
	return EXIT_OK;
}

static const struct cli_option notices_options[] = {
    {"result", 0, 1}, {"layout", 0, 1}, {"language", 0, 1}, {"output", 'o', 1}, {NULL, 0, 0}};
static const struct cli_option roster_options[] = {{"output", 'o', 1}, {NULL, 0, 0}};

const struct cli_command cli_notices_commands[] = {
    {"notices",
     N_("OFFERING... [--result won|waiting|lost|all] [--layout postcard|a4] [--language ja|en] "
        "-o FILE"),
     N_("the result of a draw as a PDF, one page to each applicant in the language they read "
        "(--language: every page in one), with a QR code for a winner's calendar"),
     notices_options, 1, -1, CLI_DB_EXISTING, ROLE_BIT_COORDINATOR, cmd_notices, NULL, NULL},
    {"roster", N_("SESSION -o FILE"),
     N_("the class list of a session as a PDF, with a column to tick attendance"), roster_options,
     1, 1, CLI_DB_EXISTING, ROLE_BIT_RECEPTION | ROLE_BIT_COORDINATOR, cmd_roster, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, 0, CLI_DB_NONE, 0, NULL, NULL, NULL},
};
