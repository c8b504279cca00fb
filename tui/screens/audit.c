/* tui/screens/audit.c: the audit log's latest entries on screen, newest first. */
#include "config.h"
#include "tui/screens/audit.h"

#include <stdlib.h>

#include "models/audit/audit.h"
#include "models/core/i18n.h"
#include "models/core/util.h"
#include "models/formats/table.h"
#include "tui/ui/widgets.h"

/* The most entries shown; sumaho audit lists them all. */
#define AUDIT_ROWS 2000

static void
fill(struct app *app, void *arg, int width, struct strlist *lines)
{
	char *cause = NULL;
	int64_t n = audit_count(app->db, NULL);
	struct table *t = audit_list(app->db, AUDIT_ROWS, &cause);

	(void)arg;
	if (n > AUDIT_ROWS)
		strlist_addf(lines,
		             _("The latest %d of %lld entries; sumaho audit lists them all."),
		             AUDIT_ROWS, (long long)n);
	if (t == NULL)
		strlist_addf(lines, _("Cannot read the database: %s"), cause ? cause : "");
	else if (t->nrows == 0)
		strlist_add(lines, xstrdup(_("The audit log is empty.")));
	else
		table_format(t, width, lines);
	table_free(t);
	free(cause);
}

int
audit_run(struct app *app)
{
	return ui_read_screen_run(app, _("Audit log"), fill);
}
