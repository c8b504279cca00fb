/* tui/cli/staff.c: sumaho staff add|edit|show|passwd|disable|enable|list. PINs are read from the
 * terminal without echo, or a line each from standard input in a script; never from the
 * command line, where ps would show them. */
#include "config.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "models/core/i18n.h"
#include "models/staff/staff.h"
#include "tui/cli/cli.h"

/* A new PIN: asked twice at a terminal. NULL with a message printed. */
static char *
new_pin(void)
{
	char *pin = cli_read_pin(stdin, _("New PIN (4 to 12 digits):")), *again, *cause = NULL;

	if (pin == NULL) {
		warnx_("%s", _("no PIN given"));
		return NULL;
	}
	if (staff_pin_check(pin, &cause) != 0) {
		warnx_("%s", cause);
		free(cause);
		staff_pin_free(pin);
		return NULL;
	}
	if (isatty(STDIN_FILENO)) {
		again = cli_read_pin(stdin, _("The same PIN again:"));
		if (again == NULL || strcmp(again, pin) != 0) {
			warnx_("%s", _("The two PINs differ: nothing changed."));
			staff_pin_free(again);
			staff_pin_free(pin);
			return NULL;
		}
		staff_pin_free(again);
	}
	return pin;
}

/* sumaho staff list */
static const struct cli_list staff_list_cmd = {staff_list, NULL};

/* sumaho staff show STAFF-ID: the account's row, one field a line. */
static int
cmd_show(struct app *app, const struct cli_args *a)
{
	char *cause = NULL;
	struct table *t = staff_list_of(app->db, a->argv[0], &cause);

	if (t == NULL)
		return fail_with(cause);
	if (t->nrows == 0) {
		table_free(t);
		warnx_(_("no staff member with the ID '%s'"), a->argv[0]);
		return EXIT_FAIL;
	}
	for (size_t c = 0; c < t->ncols; c++)
		printf("%s: %s\n", t->headers[c], table_cell(t, 0, c));
	table_free(t);
	return EXIT_OK;
}

enum { ADD_VENUE };
enum { EDIT_VENUE, EDIT_ALL_VENUES };

/* sumaho staff edit STAFF-ID --venue CODE... | --all-venues */
static int
cmd_edit(struct app *app, const struct cli_args *a)
{
	const struct strlist *venues = &a->values[EDIT_VENUE];
	int all = a->value[EDIT_ALL_VENUES] != NULL;
	char *cause = NULL;

	if ((venues->n > 0) == all) {
		warnx_("%s", _("give the venues (--venue CODE, once a venue) or --all-venues"));
		return usage_error(a->cmd);
	}
	if (staff_set_venues(app->db, a->argv[0], all ? NULL : venues, app->actor, &cause) != 0)
		return fail_with(cause);
	if (all)
		printf(_("%s works at every venue.\n"), a->argv[0]);
	else {
		char *list = strlist_join(venues, ", ");

		printf(_("%s works at %s only.\n"), a->argv[0], list);
		free(list);
	}
	return EXIT_OK;
}

/* sumaho staff add STAFF-ID ROLE NAME [--venue CODE]... */
static int
cmd_add(struct app *app, const struct cli_args *a)
{
	const char *login = a->argv[0], *role = a->argv[1], *name = a->argv[2];
	const struct strlist *venues = &a->values[ADD_VENUE];
	char *cause = NULL, *pin;
	int rc;

	/* The very first account must be able to manage the others. */
	if (staff_count_active(app->db, NULL) == 0 && strcmp(role, "admin") != 0) {
		warnx_("%s", _("the first staff account must be an admin"));
		return EXIT_FAIL;
	}
	if (staff_role_bit(role) == 0) {
		warnx_(_("Role: '%s' is not one of reception, coordinator, admin"), role);
		return EXIT_USAGE;
	}
	/* Refused before the PIN is asked for. */
	if (venues->n > 0 && staff_role_bit(role) != ROLE_BIT_RECEPTION) {
		warnx_(_("Venue: only a reception account is limited to venues; a %s works at "
		         "every venue"),
		       staff_role_label(staff_role_bit(role)));
		return EXIT_USAGE;
	}
	if ((pin = new_pin()) == NULL)
		return EXIT_FAIL;
	rc = staff_add_at(app->db, login, name, role, pin, venues, app->actor, &cause);
	staff_pin_free(pin);
	if (rc != 0)
		return fail_with(cause);
	printf(_("Added %s (%s, %s).\n"), login, name, staff_role_label(staff_role_bit(role)));
	return EXIT_OK;
}

/* sumaho staff passwd STAFF-ID [--admin STAFF-ID] */
static int
cmd_passwd(struct app *app, const struct cli_args *a)
{
	char *cause = NULL, *pin;
	int rc;

	if ((pin = new_pin()) == NULL)
		return EXIT_FAIL;
	rc = staff_set_pin(app->db, a->argv[0], pin, app->actor, &cause);
	staff_pin_free(pin);
	if (rc != 0)
		return fail_with(cause);
	printf(_("New PIN for %s saved.\n"), a->argv[0]);
	return EXIT_OK;
}

/* sumaho staff disable|enable STAFF-ID [--admin STAFF-ID] */
static int
cmd_active(struct app *app, const struct cli_args *a)
{
	int on = strcmp(a->word, "enable") == 0;
	char *cause = NULL;

	if (staff_set_active(app->db, a->argv[0], on, app->actor, &cause) != 0)
		return fail_with(cause);
	printf(on ? _("%s is enabled.\n") : _("%s is disabled.\n"), a->argv[0]);
	return EXIT_OK;
}

static const struct cli_option add_options[] = {{"venue", 0, 1}, {NULL, 0, 0}};
static const struct cli_option edit_options[] = {
    {"venue", 0, 1}, {"all-venues", 0, 0}, {NULL, 0, 0}};

const struct cli_command cli_staff_commands[] = {
    {"staff add", N_("STAFF-ID ROLE NAME [--venue CODE]..."),
     N_("add a staff account (ROLE: reception, coordinator, admin); its PIN is read from the "
        "terminal or standard input; the first account must be an admin, and once one exists "
        "an admin must sign in (--staff); --venue limits a reception account to that venue "
        "(repeat it for several)"),
     add_options, 3, 3, CLI_DB_EXISTING, ROLE_BIT_ADMIN, cmd_add, NULL, NULL},
    {"staff edit", N_("STAFF-ID --venue CODE... | --all-venues"),
     N_("limit a reception account to venues (it books and changes there and reads the "
        "others), or let it work at every venue again"),
     edit_options, 1, 1, CLI_DB_EXISTING, ROLE_BIT_ADMIN, cmd_edit, NULL, NULL},
    {"staff show", N_("STAFF-ID"), N_("show a staff account: its role, state and venues"), NULL, 1,
     1, CLI_DB_EXISTING, ROLE_BIT_ADMIN, cmd_show, NULL, NULL},
    {"staff passwd", N_("STAFF-ID"), N_("give a staff account a new PIN"), NULL, 1, 1,
     CLI_DB_EXISTING, ROLE_BIT_ADMIN, cmd_passwd, NULL, NULL},
    {"staff disable|enable", N_("STAFF-ID"),
     N_("stop or allow a staff account's sign-in (the last admin stays)"), NULL, 1, 1,
     CLI_DB_EXISTING, ROLE_BIT_ADMIN, cmd_active, NULL, NULL},
    {"staff list", "", N_("list the staff accounts, their roles, lock-outs and venues"), NULL, 0, 0,
     CLI_DB_EXISTING, ROLE_BIT_ADMIN, cli_print_list, &staff_list_cmd, NULL},
    {NULL, NULL, NULL, NULL, 0, 0, CLI_DB_NONE, 0, NULL, NULL, NULL},
};
