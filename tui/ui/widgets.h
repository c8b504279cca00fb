/* tui/ui/widgets.h: pieces several screens share. */
#ifndef TUI_UI_WIDGETS_H
#define TUI_UI_WIDGETS_H

#include <wchar.h>

#include "tui/app.h"
#include "models/people/people.h"
#include "models/formats/table.h"

/* The key help: two or three lines at the bottom (line3 may be NULL). */
void ui_keys(const char *line1, const char *line2, const char *line3);
/* A table laid out as lines (heading, rule, rows) drawn from line y above line bottom, column
 * x, with the row cur highlighted and scrolled into view (*top); marks[row], when given, puts a
 * '*' in column 1. Returns the number of rows shown. */
size_t ui_list(const struct strlist *lines, size_t nrows, size_t *top, size_t cur, int y,
               int bottom, int x, const unsigned char *marks);
/* A screen that is one table of records: a list to choose from, keys that act on the chosen
 * row, and a message under the list. */
struct ui_table_screen {
	const char *title;        /* the title bar's section */
	const char *empty;        /* shown when the table has no row */
	const char *keys1, *keys2; /* the key help */
	/* The table, or NULL with *cause. */
	struct table *(*load)(struct app *app, void *arg, char **cause);
	/* Act on a key for the chosen row (key: its record's code, NULL when there is none):
	 * 1 when the key was one of the screen's (then *msg may say what happened, and the
	 * table is read again), 0 when it was not. */
	int (*act)(struct app *app, void *arg, const char *key, wint_t ch, char **msg);
	void *arg;
};
/* Run a table screen until the user goes back (0) or quits (1). */
int ui_table_screen_run(struct app *app, const struct ui_table_screen *s);
/* Refresh and wait for a key of a list screen: 1 with a key to act on, 0 when there is none
 * (a timeout, or a terminal too small), -1 to leave the screen (Esc and the like, q or a quit
 * signal; *quit set for the last two). */
int ui_next_key(int *is_code, wint_t *ch, int *quit);
/* A message over two lines from y (wrapped by display width, cut after the second). */
void ui_message(int y, const char *msg, int warn);
/* Ask a yes/no question on the bottom line; nonzero for yes. */
int ui_confirm(const char *question);
/* A list to choose from in the body of the screen (where: the title bar's section): Up/Down
 * and Enter, a digit for the first nine, Esc to give up. Returns the index, or -1. */
int ui_choose(struct app *app, const char *where, const char *title, const char *what,
              char **items, size_t n);
/* Find a person as the user types their name, kana or phone, or register a new one; 0 with
 * *p (the caller frees it with person_free), -1 when given up. */
int ui_pick_person(struct app *app, const char *where, const char *title, struct person *p);
/* Draw the title bar: "sumaho", where the user is (NULL on the home screen), who is signed in
 * and today. */
void app_title(struct app *app, const char *where);

#endif
