/* tui/cli/staff.c: sumaho staff add|passwd|disable|enable|list. PINs are read from the
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

enum { STAFF_ADMIN };

/* Read a PIN: from a terminal with the echo off, else one line of standard input. A new
 * string (wiped and freed by the caller), or NULL at the end of the input. */
static char *
read_pin(const char *prompt)
{
	char buf[64];
	int tty = isatty(STDIN_FILENO);
	struct termios old, quiet;

	if (tty) {
		fprintf(stderr, "%s ", prompt);
		fflush(stderr);
		if (tcgetattr(STDIN_FILENO, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
		} else
			tty = 0;
	}
	char *got = fgets(buf, sizeof buf, stdin);

	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	if (got == NULL)
		return NULL;
	buf[strcspn(buf, "\r\n")] = '\0';
	char *pin = xstrdup(buf);

	sodium_memzero(buf, sizeof buf);
	return pin;
}

/* A new PIN: asked twice at a terminal. NULL with a message printed. */
static char *
new_pin(void)
{
	char *pin = read_pin(_("New PIN (4 to 12 digits):")), *again, *cause = NULL;

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
		again = read_pin(_("The same PIN again:"));
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

/* Once an admin exists, changes to accounts need one: --admin LOGIN and that PIN. 0 with
 * app->actor set to the admin, or an exit status. */
static int
admin_check(struct app *app, const char *admin)
{
	int64_t admins = staff_count_admins(app->db);
	static struct staff who;
	char *pin, *cause = NULL;

	if (admins == 0)
		return 0;
	if (admin == NULL) {
		warnx_("%s", _("an admin must sign in for this: give --admin STAFF-ID (the PIN is "
		               "asked for)"));
		return EXIT_USAGE;
	}
	pin = read_pin(_("Admin PIN:"));
	if (pin == NULL) {
		warnx_("%s", _("no PIN given"));
		return EXIT_FAIL;
	}
	enum staff_auth a = staff_login(app->db, admin, pin, app->settings.max_failures,
	                                app->settings.lockout_seconds, "command", &who, &cause);

	staff_pin_free(pin);
	if (a == AUTH_OK && !(who.role & ROLE_BIT_ADMIN)) {
		set_cause(&cause, _("%s is not an admin"), admin);
		a = AUTH_WRONG;
	}
	if (a != AUTH_OK)
		return fail_with(cause);
	app->actor = who.login;
	return 0;
}

/* sumaho staff list */
static int
cmd_list(struct app *app, const struct cli_args *a)
{
	char *cause = NULL;
	struct table *t = staff_list(app->db, &cause);

	(void)a;
	return print_table(t, cause);
}

/* sumaho staff add STAFF-ID ROLE NAME [--admin STAFF-ID] */
static int
cmd_add(struct app *app, const struct cli_args *a)
{
	const char *login = a->argv[0], *role = a->argv[1], *name = a->argv[2];
	char *cause = NULL, *pin;
	int rc;

	if ((rc = admin_check(app, a->value[STAFF_ADMIN])) != 0)
		return rc;
	/* The very first account must be able to manage the others. */
	if (staff_count_active(app->db, NULL) == 0 && strcmp(role, "admin") != 0) {
		warnx_("%s", _("the first staff account must be an admin"));
		return EXIT_FAIL;
	}
	if (staff_role_bit(role) == 0) {
		warnx_(_("Role: '%s' is not one of reception, coordinator, admin"), role);
		return EXIT_USAGE;
	}
	if ((pin = new_pin()) == NULL)
		return EXIT_FAIL;
	rc = staff_add(app->db, login, name, role, pin, app->actor, &cause);
	staff_pin_free(pin);
	if (rc != 0)
		return fail_with(cause);
	printf(_("Added %s (%s).\n"), login, staff_role_label(staff_role_bit(role)));
	return EXIT_OK;
}

/* sumaho staff passwd STAFF-ID [--admin STAFF-ID] */
static int
cmd_passwd(struct app *app, const struct cli_args *a)
{
	char *cause = NULL, *pin;
	int rc;

	if ((rc = admin_check(app, a->value[STAFF_ADMIN])) != 0)
		return rc;
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
	int on = strcmp(a->word, "enable") == 0, rc;
	char *cause = NULL;

	if ((rc = admin_check(app, a->value[STAFF_ADMIN])) != 0)
		return rc;
	if (staff_set_active(app->db, a->argv[0], on, app->actor, &cause) != 0)
		return fail_with(cause);
	printf(on ? _("%s is enabled.\n") : _("%s is disabled.\n"), a->argv[0]);
	return EXIT_OK;
}

static const struct cli_option admin_options[] = {{"admin", 0, 1}, {NULL, 0, 0}};

const struct cli_command cli_staff_commands[] = {
    {"staff add", N_("STAFF-ID ROLE NAME [--admin STAFF-ID]"),
     N_("add a staff account (ROLE: reception, coordinator, admin); the PIN is read from the "
        "terminal or standard input, and once an admin exists one must sign in with --admin"),
     admin_options, 3, 3, CLI_DB_EXISTING, ROLE_BIT_ADMIN, cmd_add, NULL, NULL},
    {"staff passwd", N_("STAFF-ID [--admin STAFF-ID]"), N_("give a staff account a new PIN"),
     admin_options, 1, 1, CLI_DB_EXISTING, ROLE_BIT_ADMIN, cmd_passwd, NULL, NULL},
    {"staff disable|enable", N_("STAFF-ID [--admin STAFF-ID]"),
     N_("stop or allow a staff account's sign-in (the last admin stays)"), admin_options, 1, 1,
     CLI_DB_EXISTING, ROLE_BIT_ADMIN, cmd_active, NULL, NULL},
    {"staff list", "", N_("list the staff accounts, their roles and lock-outs"), NULL, 0, 0,
     CLI_DB_EXISTING, ROLE_BIT_ADMIN, cmd_list, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, 0, CLI_DB_NONE, 0, NULL, NULL, NULL},
};
