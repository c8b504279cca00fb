/* tui/screens/setup.h: lists and forms for venues, courses, offerings and sessions. */
#ifndef TUI_SCREENS_SETUP_H
#define TUI_SCREENS_SETUP_H

#include <wchar.h>

#include "tui/app.h"
#include "tui/ui/keys.h"

/* The list of a kind (venue, course, offering, session) with n, e/Enter and c (cancel) until
 * the user goes back (0) or quits (1). */
int records_run(struct app *app, const char *kind);
/* Ask for each field of a record (code NULL: a new one, its code first) and save it; 0 when
 * saved. *msg (a new string, or NULL) says what happened. */
int record_form(struct app *app, const char *kind, const char *code, char **msg);
/* Ask, then cancel an offering or a session; 0 when cancelled, with *msg as above. */
int record_cancel_ask(struct app *app, const char *kind, const char *code, char **msg);
/* The keys of a list of records: n adds one, c cancels the one with code, e or Enter edits it.
 * 0 with *msg as above, or -1 when there is no record to act on. */
int records_key(struct app *app, const char *kind, const char *code, wint_t ch, char **msg);

/* After a session was cancelled (record_cancel_ask returned 0): offer z, restoring it, in u
 * with what it will do in words. */
void session_undo_offer(struct app *app, struct ui_undo *u, const char *code);
/* z: restore the session u names (session_restore); *msg (a new string) says how it went. */
void session_undo(struct app *app, struct ui_undo *u, char **msg);

#endif
