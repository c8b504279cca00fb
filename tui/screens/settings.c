/* tui/screens/settings.c: the Settings section: the database, the configuration files read,
 * the settings in effect and what was wrong in them. */
#include "config.h"
#include "tui/screens/settings.h"

#include <stdlib.h>

#include "models/core/i18n.h"
#include "models/core/util.h"
#include "tui/ui/widgets.h"

/* Add "  s" for each string of l. */
static void
add_indented(struct strlist *lines, const struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		strlist_addf(lines, "  %s", l->v[i]);
}

static void
fill(struct app *app, void *arg, int width, struct strlist *lines)
{
	const struct settings *s = &app->settings;
	char *cause = NULL;
	int version = db_schema_version(app->db, &cause);
	struct strlist desc = {0};

	(void)arg, (void)width;
	strlist_addf(lines, _("Database: %s"), app->db_path);
	strlist_addf(lines, _("Schema version: %d"), version);
	strlist_add(lines, xstrdup(""));
	strlist_add(lines, xstrdup(_("Configuration files read:")));
	if (s->files.n == 0)
		strlist_add(lines, xstrdup(_("  (none: defaults in use)")));
	add_indented(lines, &s->files);
	strlist_add(lines, xstrdup(""));
	strlist_add(lines, xstrdup(_("Settings in effect:")));
	settings_describe(s, &desc);
	add_indented(lines, &desc);
	strlist_clear(&desc);
	if (s->warnings.n > 0) {
		strlist_add(lines, xstrdup(""));
		strlist_add(lines, xstrdup(_("Warnings:")));
		add_indented(lines, &s->warnings);
	}
	free(cause);
}

int
settings_run(struct app *app)
{
	return ui_read_screen_run(app, _("Settings"), fill);
}
