/* tui/staffscreen.h: the admin's list of staff accounts. */
#ifndef TUI_STAFFSCREEN_H
#define TUI_STAFFSCREEN_H

#include "app.h"

/* The staff accounts until the user goes back (0) or quits (1). */
int staff_screen_run(struct app *app);

#endif
