/* tui/screens/settings.h: the Settings section: the configuration in effect and the database. */
#ifndef TUI_SCREENS_SETTINGS_H
#define TUI_SCREENS_SETTINGS_H

#include "tui/app.h"

/* Show the settings until the user goes back (0) or quits (1). */
int settings_run(struct app *app);

#endif
