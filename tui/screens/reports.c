/* tui/screens/reports.c: the Reports section: per month and per class for the city's half year,
 * with a bar chart, the consultations by venue and topic, and the demand per seat; [ and ]
 * step through the half years, and c closes (or reopens) a month once its figures are reported
 * (models/periods/). */
#include "config.h"
#include "tui/screens/reports.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/classes/classes.h"
#include "models/core/i18n.h"
#include "models/core/util.h"
#include "models/formats/table.h"
#include "models/periods/periods.h"
#include "models/reports/reports.h"
#include "models/staff/staff.h"
#include "tui/ui/keys.h"
#include "tui/ui/screen.h"
#include "tui/ui/widgets.h"

/* The screen's state: which half year, and what the last key did. */
struct reports {
	int shift;  /* half years after the present one */
	int y0, m0; /* the first month shown (set by fill) */
	char *msg;  /* owned, or NULL */
};

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

/* The month i months after y0-m0 as "YYYY-MM" into out (16 bytes). */
static void
month_after(int y0, int m0, int i, char out[16])
{
	int n = y0 * 12 + m0 - 1 + i;

	snprintf(out, 16, "%04d-%02d", n / 12, n % 12 + 1);
}

/* "Closed: 2022-04, 2022-05", when a month of the half year from y0-m0 is closed. */
static void
closed_months(struct app *app, int y0, int m0, struct strlist *lines)
{
	struct strlist closed = {0};
	char month[16];

	for (int i = 0; i < 6; i++) {
		month_after(y0, m0, i, month);
		if (period_is_closed(app->db, month, NULL) > 0)
			strlist_add(&closed, xstrdup(month));
	}
	if (closed.n > 0) {
		char *list = strlist_join(&closed, ", ");

		strlist_addf(lines, _("Closed (figures reported): %s"), list);
		free(list);
	}
	strlist_clear(&closed);
}

/* The city's half year (April-September or October-March) holding the later of today and the
 * last class session, moved by *shift half years; for the demo database that is
 * April-September 2022. */
static void
fill(struct app *app, void *arg, int width, struct strlist *lines)
{
	struct reports *rs = arg;
	const int *shift = &rs->shift;
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
	rs->y0 = y0;
	rs->m0 = m0;
	if (rs->msg != NULL)
		strlist_add(lines, xstrdup(rs->msg));
	closed_months(app, y0, m0, lines);
	strlist_add(lines, xstrdup(""));
	t = report_monthly(app->db, y0, m0, y1, m1, app->settings.date_style, &cause);
	if (t != NULL) {
		table_format(t, width, lines);
		if (report_monthly_notes(app->db, y0, m0, y1, m1, lines, &cause) != 0)
			add_table(lines, NULL, width, &cause, "");
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
	struct reports *rs = ui_text_screen_arg(state);

	(void)app;
	rs->shift += ch == ']' ? 1 : -1;
	free(rs->msg);
	rs->msg = NULL;
	return UI_RELOAD;
}

/* c: close a month of the half year shown, or reopen a closed one with a reason. */
static enum ui_next
close_month(struct app *app, void *state, wint_t ch)
{
	struct reports *rs = ui_text_screen_arg(state);
	char month[16], last[20], *today = date_iso(&app->today), *in, *cause = NULL;

	(void)ch;
	/* Offered: the first month shown that has ended and is open, else last month. */
	for (int i = 0; i < 6; i++) {
		month_after(rs->y0, rs->m0, i, month);
		snprintf(last, sizeof last, "%s-31", month);
		if (strcmp(last, today) < 0 && period_is_closed(app->db, month, NULL) == 0)
			break;
		month_after(0, 1, app->today.year * 12 + app->today.month - 2, month);
	}
	free(today);
	in = screen_prompt_narrow(_("Close or reopen which month (YYYY-MM)?"), month);
	if (in == NULL || *in == '\0') {
		free(in);
		return UI_STAY;
	}
	free(rs->msg);
	rs->msg = NULL;
	int closed = period_is_closed(app->db, in, &cause);

	if (closed > 0) {
		char *q = xasprintf(_("%s is closed. Why reopen it?"), in),
		     *why = screen_prompt(q, "");

		free(q);
		if (why != NULL && *why != '\0' &&
		    period_reopen(app->db, in, app->actor, app->role, why, &cause) == 0)
			rs->msg = xasprintf(_("%s is open again."), in);
		else if (why != NULL && *why != '\0')
			rs->msg = xasprintf(_("Not reopened: %s"), cause);
		free(why);
	} else if (closed == 0) {
		char *q = xasprintf(_("Close %s? Its figures then change only by an admin giving a "
		                      "reason."),
		                    in);

		if (ui_confirm(q)) {
			if (period_close(app->db, in, &app->today, app->actor, app->role, &cause) ==
			    0)
				rs->msg = xasprintf(_("%s is closed."), in);
			else
				rs->msg = xasprintf(_("Not closed: %s"), cause);
		}
		free(q);
	} else
		rs->msg = xasprintf(_("Not closed: %s"), cause);
	free(cause);
	free(in);
	return UI_RELOAD;
}

static const struct ui_key keys[] = {
    UI_KEYS_MOVE(N_("Up/Down/PgUp/PgDn: scroll"), 0),
    {.ch = '[', .hint = N_("[ ]: previous/next half year"), .run = half_year},
    {.ch = ']', .run = half_year},
    {.ch = 'c', .hint = N_("c: close month"), .run = close_month, .need = ROLE_BIT_ADMIN},
    UI_KEYS_BACK_QUIT(0),
};

int
reports_run(struct app *app)
{
	struct reports rs = {0};
	struct ui_text_screen s = {.title = _("Reports"), .fill = fill, UI_KEYS(keys), .arg = &rs};
	int rc = ui_text_screen_run(app, &s);

	free(rs.msg);
	return rc;
}
