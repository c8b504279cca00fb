/* tui/screens/home.h: the staff screens' home menu. */
#ifndef TUI_SCREENS_HOME_H
#define TUI_SCREENS_HOME_H

#include "tui/app.h"

/* Run the staff screens until the user quits; returns the exit status. */
int home_run(struct app *app);

#endif
