/* tui/screens/classes.h: the Classes section. */
#ifndef TUI_SCREENS_CLASSES_H
#define TUI_SCREENS_CLASSES_H

#include "tui/app.h"

/* Show the class sessions until the user goes back (0) or quits (1). */
int classes_run(struct app *app);

/* The roll call of one session until the user goes back (0) or quits (1). */
int rollcall_run(struct app *app, const char *session);

#endif
