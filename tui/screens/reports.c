/* tui/screens/reports.c: the Reports section: per month and per class for the city's half year,
 * with a bar chart, the consultations by venue and topic, and the demand per seat; [ and ]
 * step through the half years. */
#include "config.h"
#include "tui/screens/reports.h"

#include <stdlib.h>

#include "models/classes/classes.h"
#include "models/core/i18n.h"
#include "models/core/util.h"
#include "models/formats/table.h"
#include "models/reports/reports.h"
#include "tui/ui/keys.h"
#include "tui/ui/widgets.h"

/* Add a report's table to lines (or why it could not be read, or empty when it has no row);
 * t is freed. */
static void
add_table(struct strlist *lines, struct table *t, int width, char **cause, const char *empty)
{
	if (t == NULL)
		strlist_addf(lines, _("Cannot read the database: %s"), *cause ? *cause : "");
	else if (t->nrows == 0)
		strlist_add(lines, xstrdup(empty));
	else
		table_format(t, width, lines);
	table_free(t);
	free(*cause);
	*cause = NULL;
}

/* The city's half year (April-September or October-March) holding the later of today and the
 * last class session, moved by *shift half years; for the demo database that is
 * April-September 2022. */
static void
fill(struct app *app, void *arg, int width, struct strlist *lines)
{
	const int *shift = arg;
	char *cause = NULL;
	struct date ref = app->today, last;
	struct table *t;

	if (sessions_last_date(app->db, &last) == 0 &&
	    last.year * 12 + last.month < ref.year * 12 + ref.month)
		ref = last;
	int months = ref.year * 12 + ref.month - 1 + *shift * 6;

	ref.year = months / 12;
	ref.month = months % 12 + 1;
	int m0 = ref.month >= 4 && ref.month <= 9 ? 4 : 10;
	int y0 = ref.month >= 4 ? ref.year : ref.year - 1;
	int y1 = m0 == 4 ? y0 : y0 + 1, m1 = m0 == 4 ? 9 : 3;
	char *from = date_format_month(y0, m0, app->settings.date_style),
	     *to = date_format_month(y1, m1, app->settings.date_style);

	strlist_addf(lines, _("Period: %s to %s"), from, to);
	free(from);
	free(to);
	strlist_add(lines, xstrdup(""));
	t = report_monthly(app->db, y0, m0, y1, m1, app->settings.date_style, &cause);
	if (t != NULL) {
		table_format(t, width, lines);
		strlist_add(lines, xstrdup(""));
		report_chart(t, width, lines);
		table_free(t);
	} else
		add_table(lines, NULL, width, &cause, "");
	strlist_add(lines, xstrdup(""));
	t = report_classes(app->db, y0, m0, y1, m1, &cause);
	add_table(lines, t, width, &cause, _("No classes in this period."));
	strlist_add(lines, xstrdup(""));
	strlist_add(lines, xstrdup(_("Consultations by venue and topic")));
	t = report_consultations(app->db, y0, m0, y1, m1, &cause);
	add_table(lines, t, width, &cause, _("No consultations in this period."));
	strlist_add(lines, xstrdup(""));
	strlist_add(lines, xstrdup(_("Demand: applicants per seat")));
	t = report_demand(app->db, y0, m0, y1, m1, &cause);
	add_table(lines, t, width, &cause, _("No classes in this period."));
}

/* [ and ]: the half year before, after. */
static enum ui_next
half_year(struct app *app, void *state, wint_t ch)
{
	int *shift = ui_text_screen_arg(state);

	(void)app;
	*shift += ch == ']' ? 1 : -1;
	return UI_RELOAD;
}

static const struct ui_key keys[] = {
    UI_KEYS_MOVE(N_("Up/Down/PgUp/PgDn: scroll"), 0),
    {.ch = '[', .hint = N_("[ ]: previous/next half year"), .run = half_year},
    {.ch = ']', .run = half_year},
    UI_KEYS_BACK_QUIT(0),
};

int
reports_run(struct app *app)
{
	int shift = 0;
	struct ui_text_screen s = {
	    .title = _("Reports"), .fill = fill, UI_KEYS(keys), .arg = &shift};

	return ui_text_screen_run(app, &s);
}
