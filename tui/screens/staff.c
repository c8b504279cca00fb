/* tui/screens/staff.c: the admin's screens: staff accounts (add, new PIN, disable, enable), as
 * sumaho staff does, and the audit log. */
#include "config.h"
#include "tui/screens/staff.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/staff/staff.h"
#include "models/formats/table.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "tui/ui/screen.h"
#include "tui/ui/widgets.h"

/* Ask for a new PIN twice; a new string (wiped and freed by the caller), or NULL. */
static char *
ask_new_pin(char **msg)
{
	char *pin = screen_prompt_secret(_("New PIN (4 to 12 digits):"), 12), *again;
	char *cause = NULL;

	if (pin == NULL)
		return NULL;
	if (staff_pin_check(pin, &cause) != 0) {
		*msg = cause;
		staff_pin_free(pin);
		return NULL;
	}
	again = screen_prompt_secret(_("The same PIN again:"), 12);
	if (again == NULL || strcmp(again, pin) != 0) {
		if (again != NULL)
			*msg = xstrdup(_("The two PINs differ: nothing changed."));
		staff_pin_free(pin);
		staff_pin_free(again);
		return NULL;
	}
	staff_pin_free(again);
	return pin;
}

static char *
add_staff(struct app *app)
{
	static const char *const role_names[] = {"reception", "coordinator", "admin"};
	char *login = NULL, *name = NULL, *pin = NULL, *msg = NULL, *cause = NULL;
	char *items[3];
	int r;

	login = screen_prompt(_("Staff ID of the new account (letters, digits, '.', '_', '-'):"),
	                      "");
	if (login == NULL || *login == '\0')
		goto out;
	name = screen_prompt(_("Name:"), "");
	if (name == NULL)
		goto out;
	for (int i = 0; i < 3; i++)
		items[i] = xstrdup(staff_role_label(staff_role_bit(role_names[i])));
	r = ui_choose(app, _("Staff"), _("Role"), _("What may the new account do?"), items, 3);
	for (int i = 0; i < 3; i++)
		free(items[i]);
	if (r < 0 || (pin = ask_new_pin(&msg)) == NULL)
		goto out;
	if (staff_add(app->db, login, name, role_names[r], pin, app->actor, &cause) != 0) {
		msg = xasprintf(_("Not saved: %s"), cause);
		free(cause);
	} else
		msg = xasprintf(_("%s added."), login);
out:
	staff_pin_free(pin);
	free(login);
	free(name);
	return msg;
}

static struct table *
load_staff(struct app *app, void *arg, char **cause)
{
	(void)arg;
	return staff_list(app->db, cause);
}

static int
act_staff(struct app *app, void *arg, const char *login, wint_t ch, char **msg)
{
	char *cause = NULL;

	(void)arg;
	if (ch == 'a')
		*msg = add_staff(app);
	else if (login != NULL && ch == 'p') {
		char *pin = ask_new_pin(msg);

		if (pin != NULL) {
			if (staff_set_pin(app->db, login, pin, app->actor, &cause) != 0)
				*msg = xasprintf(_("Not saved: %s"), cause);
			else
				*msg = xasprintf(_("New PIN for %s saved."), login);
			staff_pin_free(pin);
		}
	} else if (login != NULL && (ch == 'd' || ch == 'e')) {
		char *q = xasprintf(ch == 'd' ? _("Disable %s? They can no longer sign in.")
		                              : _("Enable %s again?"),
		                    login);
		int yes = ui_confirm(q);

		free(q);
		if (!yes)
			return 1;
		if (staff_set_active(app->db, login, ch == 'e', app->actor, &cause) != 0)
			*msg = xasprintf(_("Not saved: %s"), cause);
		else
			*msg = xasprintf(ch == 'd' ? _("%s is disabled.") : _("%s is enabled."), login);
	} else
		return 0;
	free(cause);
	return 1;
}

int
staff_screen_run(struct app *app)
{
	struct ui_table_screen s = {
	    _("Staff"),
	    _("No staff accounts: anyone at this terminal may use every screen. a adds one; the "
	      "first should be an admin."),
	    _("Up/Down: choose  a: add  p: new PIN  d: disable  e: enable"),
	    _("Esc: back  q: quit"),
	    load_staff,
	    act_staff,
	    NULL,
	};

	return ui_table_screen_run(app, &s);
}
