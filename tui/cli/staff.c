/* tui/cli/staff.c: sumaho staff add|passwd|disable|enable|list and sumaho audit. PINs are
 * read from the terminal without echo, or a line each from standard input in a script; never
 * from the command line, where ps would show them. */
#include "config.h"

#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "tui/cli/cli.h"
#include "models/core/i18n.h"
#include "models/audit/audit.h"
#include "models/staff/staff.h"
#include "models/core/util.h"

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

int
cmd_staff(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {{"admin", required_argument, NULL, 'a'},
	                                     {NULL, 0, NULL, 0}};
	static const char usage[] =
	    N_("add STAFF-ID ROLE NAME | passwd STAFF-ID | disable|enable STAFF-ID | list  "
	       "[--admin STAFF-ID]");
	const char *admin = NULL, *sub;
	char *cause = NULL, *pin = NULL;
	int c, rc;

	if (argc < 2)
		return usage_error("staff", usage);
	sub = argv[1];
	/* Options may come anywhere after the subcommand (argv[0] for getopt). */
	argc--;
	argv++;
	optind = 0;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":", opts, NULL)) != -1) {
		if (c != 'a')
			return usage_error("staff", usage);
		admin = optarg;
	}
	argc -= optind;
	argv += optind;
	if (strcmp(sub, "list") == 0 && argc == 0) {
		struct table *t = staff_list(app->db, &cause);

		if (t == NULL)
			return fail_with(cause);
		print_table(t);
		table_free(t);
		return EXIT_OK;
	}
	if (!((strcmp(sub, "add") == 0 && argc == 3) ||
	      ((strcmp(sub, "passwd") == 0 || strcmp(sub, "disable") == 0 ||
	        strcmp(sub, "enable") == 0) &&
	       argc == 1)))
		return usage_error("staff", usage);
	if ((rc = admin_check(app, admin)) != 0)
		return rc;
	if (strcmp(sub, "add") == 0) {
		/* The very first account must be able to manage the others. */
		if (staff_count_active(app->db, NULL) == 0 && strcmp(argv[1], "admin") != 0) {
			warnx_("%s", _("the first staff account must be an admin"));
			return EXIT_FAIL;
		}
		if (staff_role_bit(argv[1]) == 0) {
			warnx_(_("Role: '%s' is not one of reception, coordinator, admin"), argv[1]);
			return EXIT_USAGE;
		}
		if ((pin = new_pin()) == NULL)
			return EXIT_FAIL;
		rc = staff_add(app->db, argv[0], argv[2], argv[1], pin, app->actor, &cause);
		staff_pin_free(pin);
		if (rc != 0)
			return fail_with(cause);
		printf(_("Added %s (%s).\n"), argv[0], staff_role_label(staff_role_bit(argv[1])));
	} else if (strcmp(sub, "passwd") == 0) {
		if ((pin = new_pin()) == NULL)
			return EXIT_FAIL;
		rc = staff_set_pin(app->db, argv[0], pin, app->actor, &cause);
		staff_pin_free(pin);
		if (rc != 0)
			return fail_with(cause);
		printf(_("New PIN for %s saved.\n"), argv[0]);
	} else {
		int on = strcmp(sub, "enable") == 0;

		if (staff_set_active(app->db, argv[0], on, app->actor, &cause) != 0)
			return fail_with(cause);
		printf(on ? _("%s is enabled.\n") : _("%s is disabled.\n"), argv[0]);
	}
	return EXIT_OK;
}

int
cmd_audit(struct app *app, int argc, char **argv)
{
	long limit = 50;
	char *end, *cause = NULL;
	struct table *t;

	if (argc == 3 && strcmp(argv[1], "--limit") == 0) {
		limit = strtol(argv[2], &end, 10);
		if (*argv[2] == '\0' || *end != '\0' || limit < 0) {
			warnx_(_("--limit: '%s' is not a number of entries (0: all)"), argv[2]);
			return EXIT_USAGE;
		}
	} else if (argc != 1)
		return usage_error("audit", N_("[--limit N]"));
	if ((t = audit_list(app->db, limit, &cause)) == NULL)
		return fail_with(cause);
	print_table(t);
	table_free(t);
	return EXIT_OK;
}
