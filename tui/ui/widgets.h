/* tui/ui/widgets.h: pieces several screens share. */
#ifndef TUI_UI_WIDGETS_H
#define TUI_UI_WIDGETS_H

#include <wchar.h>

#include "tui/app.h"
#include "models/people/people.h"
#include "tui/ui/form.h"
#include "models/formats/pages.h"
#include "models/formats/table.h"
#include "tui/ui/keys.h"

/* A table of records shown as a list with a chosen row: the table, its lines at the width it
 * was laid out for, why it could not be read, and the position. A list read a window at a
 * time (models/formats/pages.h) has src instead of t: the view asks it for the rows in view and
 * a margin as it draws, and lays out only those. */
struct ui_table_view {
	struct table *t;
	struct pages *src;
	size_t laid; /* src's window version the lines were laid out from */
	struct strlist lines;
	int *widths; /* the columns' widths the lines were laid out with */
	int width;
	char *error;
	struct ui_pos pos;
	size_t top;
	char *search; /* the text the search keys look for; NULL: no search */
};
/* Take t (owned from now on), or say cause when it is NULL. */
void ui_table_view_set(struct ui_table_view *v, struct table *t, const char *cause);
/* Take src (owned from now on), or say cause when it is NULL: the list is counted, and read
 * again around the rows shown when the view had a list before (the position stays). */
void ui_table_view_pages(struct ui_table_view *v, struct pages *src, const char *cause);
/* Rows in the table (0 when it could not be read). */
size_t ui_table_view_rows(const struct ui_table_view *v);
/* The chosen row's key (borrowed), or NULL when there is no row. */
const char *ui_table_view_key(const struct ui_table_view *v);
/* Draw the list from line y above line bottom at column x (laid out again when the width
 * changed), marks as ui_list; sets the position's page and last. */
void ui_table_view_draw(struct ui_table_view *v, int y, int bottom, int x,
                        const unsigned char *marks);
/* "3 of 21", right-aligned on line y; the columns it took. */
int ui_table_view_count(const struct ui_table_view *v, int y);
/* Line y under a list, from column x: right-aligned, right (NULL: the count, "3 of 21"), and
 * on the left what the lines cut of the chosen row (table_cut), whole: at 80 columns a list
 * that cannot show every column still tells the chosen row's every word. When they do not
 * fit beside the count they take the line (cut only when longer than the line); beside a
 * right the screen gives, they are cut to fit. */
void ui_table_view_status(const struct ui_table_view *v, int y, int x, const char *right);

/* The search of a list read a window at a time (models/formats/pages.h), as less and tig
 * search: '/' asks for text on the bottom line and chooses the first row from the chosen one
 * on whose shown text (a code, a date, a class, a venue) matches it, kana, width and case
 * aside; 'n' the next one, 'N' and 'p' the one before, going round the list's ends; Esc ends
 * the search. Only the rows in view are read. *msg (owned, NULL: nothing to say) says when
 * nothing matched or the search went round; the search keys' run functions call this. */
void ui_table_view_find(struct ui_table_view *v, wint_t ch, char **msg);
/* Nonzero while there is a search for n and N to go on with (its keys are offered). */
int ui_table_view_searching(const struct ui_table_view *v);
/* Nonzero when the list can be searched (read a window at a time). */
int ui_table_view_searchable(const struct ui_table_view *v);
/* The search keys of a list, for a key table: '/', then n, N, p and Esc while searching (fn
 * runs them, calling ui_table_view_find; searching says whether a search is on); on hint
 * line l. A screen's own n (new) and Esc (back: UI_KEYS_BACK_QUIT_WHEN) are offered when no
 * search is. */
extern const char ui_hint_search[], ui_hint_search_next[], ui_hint_search_end[];
#define UI_KEYS_SEARCH(l, fn, searchable, searching)                                               \
	{.ch = '/', .hint = ui_hint_search, .line = (l), .run = (fn), .when = (searchable)},       \
	    {.ch = 'n',                                                                            \
	     .hint = ui_hint_search_next,                                                          \
	     .line = (l),                                                                          \
	     .run = (fn),                                                                          \
	     .when = (searching)},                                                                 \
	    {.ch = 'N', .run = (fn), .when = (searching)},                                         \
	    {.ch = 'p', .run = (fn), .when = (searching)},                                         \
	{                                                                                          \
		.ch = 27, .hint = ui_hint_search_end, .line = (l), .run = (fn),                    \
		.when = (searching)                                                                \
	}
void ui_table_view_free(struct ui_table_view *v);

/* A table laid out as lines (heading, rule, rows) drawn from line y above line bottom, column
 * x, with the row cur highlighted and scrolled into view (*top); marks[row], when given, puts a
 * '*' in column 1. Returns the number of rows shown. */
size_t ui_list(const struct strlist *lines, size_t nrows, size_t *top, size_t cur, int y,
               int bottom, int x, const unsigned char *marks);
/* Keep cur in view of rows lines from *top. */
void ui_scroll_into_view(size_t *top, size_t cur, size_t rows);
/* Line y of a menu or list from column x, width w: highlighted when selected. */
enum role ui_row(int y, int x, int w, int selected);

/* A screen that is one table of records: a list to choose from, keys that act on the chosen
 * row, and a message under the list. The keys' run functions get the ui_table_screen as their
 * state. */
struct ui_table_screen {
	const char *title; /* the title bar's section */
	const char *empty; /* shown when the table has no row */
	/* The table, or NULL with *cause. */
	struct table *(*load)(struct app *app, void *arg, char **cause);
	const struct ui_key *keys; /* two hint lines */
	size_t nkeys;
	void *arg;
	/* Or the list read a window at a time, or NULL with *cause (instead of load). */
	struct pages *(*pages)(struct app *app, void *arg, char **cause);
	/* Kept by ui_table_screen_run. */
	struct ui_table_view view;
	char *msg;           /* what the last key did (owned), shown under the list */
	struct ui_undo undo; /* z, when a key offers it; its label is shown after msg */
};
/* The search keys of a table screen (UI_KEYS_SEARCH(l, ui_table_screen_find,
 * ui_table_screen_searchable, ui_table_screen_searching)); its message says what they did. */
enum ui_next ui_table_screen_find(struct app *app, void *state, wint_t ch);
int ui_table_screen_searchable(struct app *app, void *state);
int ui_table_screen_searching(struct app *app, void *state);
int ui_table_screen_not_searching(struct app *app, void *state);
/* Run a table screen until the user goes back (0) or quits (1). */
int ui_table_screen_run(struct app *app, struct ui_table_screen *s);
/* The chosen row's key on a table screen (borrowed), or NULL. */
const char *ui_table_screen_key(void *state);
/* Say msg (owned; NULL: nothing) under a table screen's list, instead of what it said. */
void ui_table_screen_say(void *state, char *msg);

/* A screen of read-only lines that scroll (a report, the audit log, the settings): a table's
 * heading and rule at the top stay while the rest scrolls. The keys' run functions get the
 * ui_text_screen as their state. */
struct ui_text_screen {
	const char *title; /* the title bar's section */
	/* Fill lines with what the screen shows at this width; on error, the message instead. */
	void (*fill)(struct app *app, void *arg, int width, struct strlist *lines);
	const struct ui_key *keys; /* on hint_lines lines of hints (0: one) */
	size_t nkeys;
	int hint_lines;
	const char *sep; /* between hints, as struct ui_screen's */
	void *arg;
	/* z, when a key offers it (ui_undo_offer): its label is shown over the hints, and the
	 * loop forgets it at the next other key. */
	struct ui_undo undo;
	/* Kept by ui_text_screen_run. */
	struct strlist lines;
	int width;
	struct ui_pos pos; /* cur: the first line shown below the pinned ones */
};
/* Run a text screen until the user goes back (0) or quits (1); a key that returns UI_RELOAD
 * fills it again from the top. */
int ui_text_screen_run(struct app *app, struct ui_text_screen *s);
/* A text screen with only the keys to read it: scroll, back, quit; 0 back, 1 quit. */
int ui_read_screen_run(struct app *app, const char *title,
                       void (*fill)(struct app *app, void *arg, int width, struct strlist *lines));
/* The arg of a text screen, for its keys. */
void *ui_text_screen_arg(void *state);

/* A message over two lines from y (wrapped by display width, cut after the second). */
void ui_message(int y, const char *msg, int warn);
/* The same followed by an undo's label (either may be NULL): on one line when both fit, else
 * the message on line y and the label on the next. */
void ui_message_undo(int y, const char *msg, int warn, const char *undo);
/* Draw s from line y, column x, wrapped to width columns by display width (at a space where
 * words have spaces) over at most max lines, the last cut with an ellipsis; the lines used. */
int ui_wrap(int y, int x, const char *s, int width, int max, enum role role);
/* The lines s takes wrapped to width columns as ui_wrap wraps it. */
int ui_wrap_count(const char *s, int width);
/* Ask a yes/no question on the bottom line (the question over the lines above when it is too
 * long to share it with the answers); nonzero for yes. */
int ui_confirm(const char *question);
/* A list to choose from in the body of the screen (where: the title bar's section): Up/Down
 * and Enter, a digit for the first nine, Esc to give up. Returns the index, or -1. */
int ui_choose(struct app *app, const char *where, const char *title, const char *what, char **items,
              size_t n);
/* Find a person as the user types their name, kana or phone, or register a new one; 0 with
 * *p (the caller frees it with person_free), -1 when given up. */
int ui_pick_person(struct app *app, const char *where, const char *title, struct person *p);
/* Run a form of a person's fields (tui/ui/form.h), each checked as it is left by
 * person_check_field under its name (names[i] for fields[i]), saved by save with arg: as
 * ui_form_run, and the form's values are freed. */
int ui_person_form_run(struct app *app, const char *where, const char *title,
                       struct ui_form_field *fields, const char *const *names, size_t n,
                       int (*save)(struct app *app, void *arg, const char *const *values,
                                   size_t *bad, char **msg),
                       void *arg, char **msg);
/* Draw the title bar: "sumaho", where the user is (NULL on the home screen), who is signed in
 * and today. */
void app_title(struct app *app, const char *where);

#endif
