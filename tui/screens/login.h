/* tui/screens/login.h: staff sign-in, for the staff screens and for leaving the kiosk. */
#ifndef TUI_SCREENS_LOGIN_H
#define TUI_SCREENS_LOGIN_H

#include "tui/app.h"
#include "models/staff/staff.h"

/* Ask for a staff ID and PIN until they are right: 0 with *who, or -1 when the user gives up
 * (Esc, or a quiet prompt in the kiosk) or a quit signal comes. where goes into the audit
 * log ("screens", "kiosk"); in_kiosk draws in the kiosk's theme and lets one attempt only,
 * which does not count towards the account's lock-out: 1 when it was refused. */
int login_run(struct app *app, const char *where, int in_kiosk, struct staff *who);

/* Nonzero when the staff screens must ask for a sign-in on this terminal: [access] login =
 * yes, or auto and there is an active staff account. */
int login_required(struct app *app);

#endif
