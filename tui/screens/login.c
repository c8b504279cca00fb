/* tui/screens/login.c: the sign-in page: a staff ID, then the PIN shown as stars. */
#include "config.h"
#include "tui/screens/login.h"

#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "tui/ui/screen.h"
#include "tui/ui/widgets.h"

int
login_required(struct app *app)
{
	return app->settings.login == LOGIN_YES || staff_count_active(app->db, NULL) != 0;
}

/* s at y, wrapped to the width (the kiosk's sign-in is drawn from 40 x 12 cells up, in
 * large type); the line after it. */
static int
wrapped(int y, const char *s, enum role role)
{
	int x = COLS >= 60 ? 4 : 2, w = COLS - 2 * x;

	while (*s != '\0' && y < LINES - 1) {
		size_t n = text_prefix_bytes(s, w);
		char *part;

		if (n == 0)
			break;
		part = xstrndup(s, n);
		screen_text(y++, x, part, w, 0, role);
		free(part);
		s += n;
	}
	return y;
}

static void
draw(struct app *app, int in_kiosk, const char *message, int warn)
{
	enum role text = in_kiosk ? ROLE_K_TEXT : ROLE_NORMAL,
	          head = in_kiosk ? ROLE_K_HEADER : ROLE_HEADER,
	          bad = in_kiosk ? ROLE_K_FEW : ROLE_WARNING;
	int y = LINES >= 20 ? 3 : 2;

	erase();
	if (in_kiosk)
		screen_bar(0, _("Staff only"), NULL, ROLE_K_TITLE);
	else
		app_title(app, _("Sign in"));
	y = wrapped(y,
	            in_kiosk ? _("Staff only: sign in to leave the kiosk.")
	                     : _("Sign in with your staff ID and PIN."),
	            head);
	y = wrapped(y + (LINES >= 20 ? 1 : 0),
	            in_kiosk ? _("Residents: press Esc to go back to the schedule.")
	                     : _("Esc at the staff ID leaves sumaho."),
	            text);
	if (message != NULL)
		wrapped(y + 1, message, warn ? bad : text);
	refresh();
}

int
login_run(struct app *app, const char *where, int in_kiosk, struct staff *who)
{
	char *message = NULL;
	int rc = -1;

	for (;;) {
		char *id, *pin, *cause = NULL;

		draw(app, in_kiosk, message, 1);
		id = screen_prompt_narrow(_("Staff ID:"), "");
		if (id == NULL || screen_quit_requested) {
			free(id);
			break;
		}
		if (*id == '\0') {
			free(id);
			continue;
		}
		draw(app, in_kiosk, message, 1);
		pin = screen_prompt_secret(_("PIN:"), 12);
		if (pin == NULL || screen_quit_requested) {
			free(id);
			break;
		}
		draw(app, in_kiosk, _("Checking..."), 0);
		/* At the kiosk a wrong PIN does not count towards an account's lock (a passer-by
		 * could lock staff out); the kiosk pauses its own sign-in instead. */
		enum staff_auth a =
		    staff_login(app->db, id, pin, in_kiosk ? 0 : app->settings.max_failures,
		                app->settings.lockout_seconds, where, who, &cause);

		staff_pin_free(pin);
		free(id);
		free(message);
		message = cause;
		if (a == AUTH_OK) {
			rc = 0;
			break;
		}
		/* The kiosk gives one try: a resident who pressed the key by chance is back at
		 * the schedule, and a guesser must begin again. */
		if (in_kiosk) {
			draw(app, in_kiosk, message, 1);
			screen_hold(2);
			rc = 1;
			break;
		}
	}
	free(message);
	flushinp();
	return rc;
}
