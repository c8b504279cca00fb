/* tui/screens/periods.h: closed months on screen: the reason an admin gives for amending one,
 * asked before the change (models/periods/). */
#ifndef TUI_SCREENS_PERIODS_H
#define TUI_SCREENS_PERIODS_H

#include "tui/app.h"

/* Before a change on screen to what the month of date counts (or, with offering not NULL, the
 * months of that offering's sessions): when such a month is closed and the signed-in member is
 * an admin, ask why, and keep the answer in app->reason and in *reason (a new string) until
 * periods_reason_end. 0 to go on (no reason is needed, or the member is no admin and the model
 * refuses the change with its own message); -1 when the admin gave no reason. */
int periods_reason_begin(struct app *app, const char *date, const char *offering, char **reason);
/* After the change: forget the reason (app->reason is NULL again) and free it. */
void periods_reason_end(struct app *app, char *reason);

#endif
