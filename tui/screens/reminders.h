/* tui/screens/reminders.h: the reminder call list on screen (models/reminders/). */
#ifndef TUI_SCREENS_REMINDERS_H
#define TUI_SCREENS_REMINDERS_H

#include "models/core/date.h"
#include "tui/app.h"

/* Show the call list of day, then of the days [ and ] step to, until the user goes back (0) or
 * quits (1). */
int reminders_run(struct app *app, const struct date *day);

#endif
