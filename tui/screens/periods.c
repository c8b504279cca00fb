/* tui/screens/periods.c: the reason for amending a closed month, asked on the bottom line. */
#include "config.h"
#include "tui/screens/periods.h"

#include <stdio.h>
#include <stdlib.h>

#include "models/core/i18n.h"
#include "models/core/util.h"
#include "models/periods/periods.h"
#include "models/staff/staff.h"
#include "tui/ui/screen.h"

int
periods_reason_begin(struct app *app, const char *date, const char *offering, char **reason)
{
	char month[8] = "", *label;
	int closed;

	*reason = NULL;
	if ((app->role & ROLE_BIT_ADMIN) == 0)
		return 0;
	if (offering != NULL)
		closed = period_offering_closed(app->db, offering, month, NULL);
	else {
		closed = period_is_closed(app->db, date, NULL);
		snprintf(month, sizeof month, "%.7s", date);
	}
	if (closed <= 0)
		return 0;
	/* TRANSLATORS: asked of an admin before a change to a month whose figures were
	 * reported; the month. */
	label = xasprintf(_("%s is closed. Why amend it?"), month);
	*reason = screen_prompt(label, "");
	free(label);
	if (*reason == NULL || **reason == '\0') {
		free(*reason);
		*reason = NULL;
		return -1;
	}
	app->reason = *reason;
	return 0;
}

void
periods_reason_end(struct app *app, char *reason)
{
	app->reason = NULL;
	free(reason);
}
