/* models/core/i18n.c: which language the messages are in, changed while sumaho runs (the
 * kiosk's toggle, a notice in its reader's language). */
#include "config.h"
#include "models/core/i18n.h"

#include <stdlib.h>

#include "models/core/util.h"

void
i18n_set_language(const char *lang)
{
	setenv("LANGUAGE", lang, 1);
	/* gettext looks at LANGUAGE again only after its catalog cache is invalidated. */
	textdomain(PACKAGE);
}

char *
i18n_save(void)
{
	const char *was = getenv("LANGUAGE");

	return was != NULL ? xstrdup(was) : NULL;
}

void
i18n_restore(char *saved)
{
	if (saved != NULL)
		i18n_set_language(saved);
	else {
		unsetenv("LANGUAGE");
		textdomain(PACKAGE);
	}
	free(saved);
}
