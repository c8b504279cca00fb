/* tui/screens/staff.c: the admin's screen of staff accounts (add, new PIN, venues, disable,
 * enable), as sumaho staff does. */
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
#include "tui/ui/form.h"
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

/* The fields of the new account's form, as staff_check_field names them. */
static const char *const account_fields[] = {"login", "name"};

static int
account_check(struct app *app, void *arg, size_t i, const char *const *values, char **cause)
{
	(void)arg;
	return staff_check_field(app->db, account_fields[i], values[i], cause);
}

/* Saving the form: the role is chosen and the PIN typed twice, then the account added; a
 * refusal goes back to the form with the ID and name kept. */
static int
account_save(struct app *app, void *arg, const char *const *values, size_t *bad, char **msg)
{
	static const char *const role_names[] = {"reception", "coordinator", "admin"};
	char *pin = NULL, *cause = NULL;
	char *items[3];
	int r;

	(void)arg, (void)bad;
	for (int i = 0; i < 3; i++)
		items[i] = xstrdup(staff_role_label(staff_role_bit(role_names[i])));
	r = ui_choose(app, _("Staff"), _("Role"), _("What may the new account do?"), items, 3);
	for (int i = 0; i < 3; i++)
		free(items[i]);
	if (r < 0 || (pin = ask_new_pin(msg)) == NULL)
		return -1;
	if (staff_add(app->db, values[0], values[1], role_names[r], pin, app->actor, &cause) != 0) {
		*msg = xasprintf(_("Not saved: %s"), cause);
		free(cause);
		staff_pin_free(pin);
		return -1;
	}
	staff_pin_free(pin);
	*msg = xasprintf(_("%s added."), values[0]);
	return 0;
}

static char *
add_staff(struct app *app)
{
	struct ui_form_field fields[2] = {
	    {.label = _("Staff ID"), .hint = _("letters, digits, '.', '_', '-'")},
	    {.label = _("Name")},
	};
	struct ui_form form = {.where = _("Staff"),
	                       .title = _("New account"),
	                       .fields = fields,
	                       .n = 2,
	                       .check = account_check,
	                       .save = account_save};
	char *msg = NULL;

	ui_form_run(app, &form, &msg);
	ui_form_clear(&form);
	return msg;
}

static struct table *
load_staff(struct app *app, void *arg, char **cause)
{
	(void)arg;
	return staff_list(app->db, cause);
}

static enum ui_next
staff_add_key(struct app *app, void *state, wint_t ch)
{
	(void)ch;
	ui_table_screen_say(state, add_staff(app));
	return UI_RELOAD;
}

static enum ui_next
staff_pin_key(struct app *app, void *state, wint_t ch)
{
	const char *login = ui_table_screen_key(state);
	char *msg = NULL, *cause = NULL, *pin;

	(void)ch;
	if (login == NULL)
		return UI_STAY;
	if ((pin = ask_new_pin(&msg)) != NULL) {
		if (staff_set_pin(app->db, login, pin, app->actor, &cause) != 0)
			msg = xasprintf(_("Not saved: %s"), cause);
		else
			msg = xasprintf(_("New PIN for %s saved."), login);
		staff_pin_free(pin);
		free(cause);
	}
	ui_table_screen_say(state, msg);
	return UI_RELOAD;
}

/* v: the venues a reception account is limited to, as codes with spaces between them; none
 * lets it work at every venue. */
static enum ui_next
staff_venues_key(struct app *app, void *state, wint_t ch)
{
	const char *login = ui_table_screen_key(state);
	struct strlist now = {0}, codes = {0};
	char *msg, *cause = NULL, *label, *in, *was;

	(void)ch;
	if (login == NULL)
		return UI_STAY;
	if (staff_venue_codes(app->db, login, &now, &cause) != 0) {
		ui_table_screen_say(state, cause);
		return UI_STAY;
	}
	was = strlist_join(&now, " ");
	strlist_clear(&now);
	label =
	    xasprintf(_("Venues of %s (codes with spaces between; empty: every venue):"), login);
	in = screen_prompt(label, was);
	free(label);
	free(was);
	if (in == NULL)
		return UI_STAY;
	for (char *save = NULL, *w = strtok_r(in, " \t", &save); w != NULL;
	     w = strtok_r(NULL, " \t", &save))
		strlist_add(&codes, xstrdup(w));
	if (staff_set_venues(app->db, login, &codes, app->actor, &cause) != 0)
		msg = xasprintf(_("Not saved: %s"), cause);
	else if (codes.n == 0)
		msg = xasprintf(_("%s works at every venue."), login);
	else {
		char *list = strlist_join(&codes, ", ");

		msg = xasprintf(_("%s works at %s only."), login, list);
		free(list);
	}
	free(cause);
	free(in);
	strlist_clear(&codes);
	ui_table_screen_say(state, msg);
	return UI_RELOAD;
}

/* d disables the chosen account, e enables it again. */
static enum ui_next
staff_active_key(struct app *app, void *state, wint_t ch)
{
	const char *login = ui_table_screen_key(state);
	char *msg = NULL, *cause = NULL, *q;
	int yes;

	if (login == NULL)
		return UI_STAY;
	q = xasprintf(ch == 'd' ? _("Disable %s? They can no longer sign in.")
	                        : _("Enable %s again?"),
	              login);
	yes = ui_confirm(q);
	free(q);
	if (yes) {
		if (staff_set_active(app->db, login, ch == 'e', app->actor, &cause) != 0)
			msg = xasprintf(_("Not saved: %s"), cause);
		else
			msg = xasprintf(ch == 'd' ? _("%s is disabled.") : _("%s is enabled."),
			                login);
		free(cause);
	}
	ui_table_screen_say(state, msg);
	return UI_RELOAD;
}

static const struct ui_key staff_keys[] = {
    UI_KEYS_MOVE(N_("Up/Down: choose"), 0),
    {.ch = 'a', .hint = N_("a: add"), .run = staff_add_key},
    {.ch = 'p', .hint = N_("p: new PIN"), .run = staff_pin_key},
    {.ch = 'v', .hint = N_("v: venues"), .run = staff_venues_key},
    {.ch = 'd', .hint = N_("d: disable"), .run = staff_active_key},
    {.ch = 'e', .hint = N_("e: enable"), .run = staff_active_key},
    UI_KEYS_BACK_QUIT(1),
};

int
staff_screen_run(struct app *app)
{
	struct ui_table_screen s = {
	    .title = _("Staff"),
	    .empty = _("No staff accounts: anyone at this terminal may use every screen. a adds "
	               "one; the first should be an admin."),
	    .load = load_staff,
	    UI_KEYS(staff_keys),
	};

	return ui_table_screen_run(app, &s);
}
