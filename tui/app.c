/* tui/app.c: the application object's helpers: the rules of this run, from its settings. */
#include "config.h"
#include "tui/app.h"

#include <stdlib.h>
#include <unistd.h>

#include "models/core/clock.h"
#include "models/core/i18n.h"
#include "models/staff/staff.h"

struct booking_rules
app_rules(struct app *app)
{
	struct booking_rules r = {app->settings.monthly_limit,
	                          &app->settings.topics,
	                          &app->today,
	                          app->actor,
	                          app->role,
	                          app->reason};

	return r;
}

struct lottery_config
app_lottery_config(struct app *app)
{
	struct lottery_config c = {app->settings.priority,
	                           app->settings.waiting_list,
	                           app->settings.min_age,
	                           app->settings.residents_only,
	                           app->actor,
	                           app->role,
	                           app->reason,
	                           app->settings.confirm_days,
	                           app->settings.offer_hours};

	return c;
}

struct ical_config
app_ical_config(struct app *app)
{
	struct ical_config c = {app->settings.ical_domain, app->settings.application_url};

	return c;
}

struct notices_config
app_notices_config(struct app *app)
{
	struct notices_config c = {app->settings.notices_font,
	                           app->settings.notices_phone != NULL ? app->settings.notices_phone
	                                                               : app->settings.kiosk_phone,
	                           app->settings.confirm_days};

	return c;
}

int
app_notices_write(struct app *app, char *const *offerings, size_t n, int results,
                  enum notices_layout layout, const char *lang, const char *path, long *pages,
                  char **cause)
{
	struct notices_config cfg = app_notices_config(app);

	/* Each page speaks its reader's language (or lang); the messages after it the staff's
	 * again. */
	return notices_write(app->db, offerings, n, results, layout, lang, &cfg, path, pages,
	                     cause);
}

void
app_set_language(const char *lang)
{
	i18n_set_language(lang);
}

const char *
demo_dir(void)
{
	if (access(DEMO_DIR "/venues.csv", R_OK) == 0)
		return DEMO_DIR;
	return SOURCE_DEMO_DIR;
}

/* The last seconds before an idle sign-out in which the screens warn. */
#define SIGNOUT_WARNING 30

int
app_session_check(struct app *app, time_t last_key)
{
	time_t now = clock_now();
	int idle = app->settings.idle_signout;

	if (!app->session)
		return 0;
	if (*app->staff_login != '\0' && now - last_key >= idle) {
		app->signed_out = "idle";
		return -1;
	}
	/* One indexed read a picture (twice a second when idle): cheap, and a change to the
	 * account shows at once. */
	{
		struct staff who;

		if (*app->staff_login == '\0') {
			/* Screens opened while there were no accounts keep no rights once one
			 * exists. */
			if (app->settings.login == LOGIN_YES ||
			    staff_count_active(app->db, NULL) > 0) {
				app->signed_out = "accounts";
				return -1;
			}
		} else if (staff_lookup(app->db, app->staff_login, &who, NULL) == 1) {
			app->signed_out = "disabled";
			return -1;
		} else if (who.id > 0)
			app->role = who.role;
	}
	if (*app->staff_login != '\0' && now - last_key >= idle - SIGNOUT_WARNING)
		return (int)(idle - (now - last_key));
	return 0;
}

void
app_sign_out(struct app *app)
{
	*app->staff_login = '\0';
	*app->staff_name = '\0';
	app->actor = app->user;
	app->role = ROLE_BITS_ALL;
}
