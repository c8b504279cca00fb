/* tui/screens/consult.h: the consultation slots screen of the reception. */
#ifndef TUI_SCREENS_CONSULT_H
#define TUI_SCREENS_CONSULT_H

#include "tui/app.h"

/* Run the day view until the user goes back (0) or quits (1). */
int consult_run(struct app *app);

#endif
