/* tui/screens/audit.h: the audit log on screen, for admins. */
#ifndef TUI_SCREENS_AUDIT_H
#define TUI_SCREENS_AUDIT_H

#include "tui/app.h"

/* Show the audit log's latest entries until the user goes back (0) or quits (1). */
int audit_run(struct app *app);

#endif
