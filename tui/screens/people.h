/* tui/screens/people.h: a resident's record: find them, see their details and history,
 * correct their details. */
#ifndef TUI_SCREENS_PEOPLE_H
#define TUI_SCREENS_PEOPLE_H

#include "tui/app.h"

/* Find a person with the picker and show their record until the user goes back (0) or quits
 * (1). */
int people_run(struct app *app);

#endif
