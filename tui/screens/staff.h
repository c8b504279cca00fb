/* tui/screens/staff.h: the admin's list of staff accounts. */
#ifndef TUI_SCREENS_STAFF_H
#define TUI_SCREENS_STAFF_H

#include "tui/app.h"

/* The staff accounts until the user goes back (0) or quits (1). */
int staff_screen_run(struct app *app);

#endif
