/* tui/screens/kiosk.h: the lobby kiosk for residents. */
#ifndef TUI_SCREENS_KIOSK_H
#define TUI_SCREENS_KIOSK_H

#include "tui/app.h"

/* Run the kiosk until a staff member signs in to leave it (or SIGTERM/SIGHUP); with preview,
 * as the staff screens show it, Ctrl-X leaves without a PIN and the keyboard is not locked.
 * Returns 1 when a quit signal ended it, else 0. */
int kiosk_run(struct app *app, int preview);

#endif
