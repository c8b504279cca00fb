/* tui/screens/reminders.c: the reminder call list of a day, everyone expected at a
 * consultation or a class, to call or to print with sumaho reminders. */
#include "config.h"
#include "tui/screens/reminders.h"

#include <stdlib.h>

#include "models/core/i18n.h"
#include "models/core/util.h"
#include "models/formats/table.h"
#include "models/reminders/reminders.h"
#include "models/staff/staff.h"
#include "tui/ui/widgets.h"

static void
fill(struct app *app, void *arg, int width, struct strlist *lines)
{
	const struct date *day = arg;
	char *cause = NULL, *iso = date_iso(day),
	     *when = date_format(day, app->settings.date_style);
	struct table *t = reminders_day(app->db, iso, &cause);

	if (t == NULL)
		strlist_addf(lines, _("Cannot read the database: %s"), cause ? cause : "");
	else if (t->nrows == 0)
		strlist_addf(lines, _("%s: nobody to remind."), when);
	else {
		strlist_addf(lines,
		             P_("%s: %zu person to remind", "%s: %zu people to remind", t->nrows),
		             when, t->nrows);
		strlist_add(lines, xstrdup(""));
		table_format(t, width, lines);
	}
	table_free(t);
	free(cause);
	free(iso);
	free(when);
}

/* [ and ]: the day before, after. */
static enum ui_next
day_step(struct app *app, void *state, wint_t ch)
{
	struct date *day = ui_text_screen_arg(state);

	(void)app;
	*day = date_add_days(day, ch == ']' ? 1 : -1);
	return UI_RELOAD;
}

static const struct ui_key keys[] = {
    UI_KEYS_MOVE(N_("Up/Down/PgUp/PgDn: scroll"), 0),
    {.ch = '[', .hint = N_("[ ]: day before/after"), .run = day_step},
    {.ch = ']', .run = day_step},
    UI_KEYS_BACK_QUIT(0),
};

int
reminders_run(struct app *app, const struct date *day)
{
	struct date shown = *day;
	struct ui_text_screen s = {
	    .title = _("Reminder calls"), .fill = fill, UI_KEYS(keys), .arg = &shown};

	return ui_text_screen_run(app, &s);
}
