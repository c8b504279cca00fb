/* tui/cli/people.c: sumaho people find|add: the same models functions as the person search
 * and registration of the screens. */
#include "config.h"

#include <stdlib.h>

#include "models/core/i18n.h"
#include "models/people/people.h"
#include "tui/cli/cli.h"

/* sumaho people find QUERY */
static int
cmd_people_find(struct app *app, const struct cli_args *a)
{
	struct person_list l;
	char *cause = NULL;

	if (people_search(app->db, a->argv[0], 20, &l, &cause) != 0)
		return fail_with(cause);
	if (l.n == 0) {
		puts(_("Nobody found."));
		return EXIT_OK;
	}
	const char *hdr[] = {N_("Code"), N_("Name"), N_("Kana"), N_("Phone"), N_("Born")};
	struct table *t = table_new_i18n(5, hdr, "llllr");

	for (size_t i = 0; i < l.n; i++) {
		char born[16] = "";

		if (l.v[i].birth_year)
			snprintf(born, sizeof born, "%d", l.v[i].birth_year);
		table_add_row(t, (const char *const[]){l.v[i].code, l.v[i].name, l.v[i].kana,
		                                       l.v[i].phone, born});
	}
	person_list_free(&l);
	return print_table(t, NULL);
}

enum { ADD_KANA, ADD_PHONE, ADD_BIRTH_YEAR };

/* sumaho people add NAME [--kana K] [--phone P] [--birth-year Y] */
static int
cmd_people_add(struct app *app, const struct cli_args *a)
{
	const char *kana = a->value[ADD_KANA], *phone = a->value[ADD_PHONE],
	           *year = a->value[ADD_BIRTH_YEAR];
	long birth = 0;
	char *end, *cause = NULL;
	struct person p;

	if (year != NULL) {
		birth = strtol(year, &end, 10);
		if (*end != '\0' || birth < 1900 || birth > 2100) {
			warnx_(_("--birth-year: '%s' is not a year"), year);
			return EXIT_USAGE;
		}
	}
	if (person_create(app->db, a->argv[0], kana ? kana : "", phone ? phone : "", (int)birth,
	                  app->actor, &p, &cause) != 0) {
		warnx_("%s", _("nobody was registered"));
		return fail_with(cause);
	}
	printf(_("Registered %s as %s\n"), p.name, p.code);
	person_free(&p);
	return EXIT_OK;
}

static const struct cli_option add_options[] = {
    {"kana", 0, 1}, {"phone", 0, 1}, {"birth-year", 0, 1}, {NULL, 0, 0}};

const struct cli_command cli_people_commands[] = {
    {"people find", N_("QUERY"),
     N_("find people by name, kana (any form) or phone digits as they begin, or by code"), NULL, 1,
     1, CLI_DB_EXISTING, ROLE_BIT_RECEPTION | ROLE_BIT_COORDINATOR, cmd_people_find, NULL, NULL},
    {"people add", N_("NAME [--kana KANA] [--phone PHONE] [--birth-year YEAR]"),
     N_("register a person; prints the new code"), add_options, 1, 1, CLI_DB_EXISTING,
     ROLE_BIT_RECEPTION | ROLE_BIT_COORDINATOR, cmd_people_add, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, 0, CLI_DB_NONE, 0, NULL, NULL, NULL},
};
