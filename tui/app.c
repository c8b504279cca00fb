/* tui/app.c: the application object's helpers: the rules of this run, from its settings. */
#include "config.h"
#include "tui/app.h"

#include <stdlib.h>
#include <unistd.h>

#include "models/core/i18n.h"

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
	                           app->reason};

	return c;
}

struct ical_config
app_ical_config(struct app *app)
{
	struct ical_config c = {app->settings.ical_domain, app->settings.application_url};

	return c;
}

void
app_set_language(const char *lang)
{
	setenv("LANGUAGE", lang, 1);
	/* gettext looks at LANGUAGE again only after its catalog cache is invalidated. */
	textdomain(PACKAGE);
}

const char *
demo_dir(void)
{
	if (access(DEMO_DIR "/venues.csv", R_OK) == 0)
		return DEMO_DIR;
	return SOURCE_DEMO_DIR;
}
