/* tui/ui/keys.h: keys as tables and the one loop that serves every screen. A screen's table
 * says, for each key, what it does, who may use it and how the hint line names it; the loop
 * draws, reads a key, finds it in the table, runs it and builds the hint lines from the same
 * table, so that hints and behaviour cannot drift apart (calcurse keydef[], htop's bindings). */
#ifndef TUI_UI_KEYS_H
#define TUI_UI_KEYS_H

#include <curses.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include "models/core/i18n.h"
#include "tui/app.h"

/* What a key's action asks the loop to do next. The loop draws the screen again after every
 * key; among keys read at once (the kiosk's), UI_STAY goes on to the next one and UI_REDRAW
 * stops there. */
enum ui_next {
	UI_STAY,   /* nothing more: the next key */
	UI_REDRAW, /* draw before acting on any other key */
	UI_RELOAD, /* read the screen's data again (its load), then draw */
	UI_BACK,   /* leave the screen: ui_screen_run returns 0 */
	UI_QUIT,   /* leave sumaho: ui_screen_run returns 1 */
};

/* Moves the loop makes itself on the screen's position (struct ui_pos). */
enum ui_move { UI_MOVE_NONE, UI_UP, UI_DOWN, UI_PAGE_UP, UI_PAGE_DOWN, UI_FIRST, UI_LAST };

/* A position in a list or in lines: the draw sets page and last, the move keys change cur. */
struct ui_pos {
	size_t cur;  /* the chosen row, or the first line shown */
	size_t page; /* how far a page key moves */
	size_t last; /* the largest cur */
};

struct ui_key {
	int code;         /* a curses key code (KEY_UP, KEY_ENTER...), or 0 for a character */
	wint_t ch;        /* the character when code is 0; code and ch 0: a hint with no key */
	wint_t ch_last;   /* with ch, the last of a range of characters ('1'-'9'), else 0 */
	const char *hint; /* N_("x: export all"): shown in the hint line; NULL: not shown (an
	                   * alias of a key shown before it) */
	int line;         /* the hint line it is shown on, from 0 */
	/* What the key does (ch: the character, or the key code); NULL with move. */
	enum ui_next (*run)(struct app *app, void *state, wint_t ch);
	enum ui_move move; /* instead of run: move the screen's position */
	int need;          /* ROLE_BIT_s that may use it (an admin may use all); 0: everyone */
	/* NULL, or nonzero when the key is offered now (it is then shown and acts). */
	int (*when)(struct app *app, void *state);
};

/* Undo, offered right after a mistake can be made (a cancellation): the screen keeps what z
 * would do in a struct ui_undo and shows its label on its message line; the loop forgets it at
 * the next key that is not z, so that z never acts on something the user has moved on from.
 * On a screen with an undo (struct ui_screen's undo), a z key of its table acts only while
 * there is something to undo. z is free on every staff screen (u is "unmark" on Consultations
 * and "switch user" on the home screen). */
#define UI_UNDO_KEY 'z'
struct ui_undo {
	char *label; /* "z: undo the cancellation (...)", in words; NULL: nothing to undo */
	int64_t id;  /* what the undo acts on (a slot, a booking ...), as the screen needs */
	int64_t id2;
	char *code, *person; /* the same, as codes */
};
/* Offer an undo: label (owned) and what it acts on (copied; may be NULL). */
void ui_undo_offer(struct ui_undo *u, char *label, int64_t id, int64_t id2, const char *code,
                   const char *person);
/* Nothing to undo any more (frees what u holds). */
void ui_undo_clear(struct ui_undo *u);

/* A screen: its keys, its drawing and the hooks of the loop. Only keys and draw are needed. */
struct ui_screen {
	const struct ui_key *keys;
	size_t nkeys;
	int hint_lines;  /* lines of hints at the foot, built from keys; 0: the screen draws its own
	                  */
	const char *sep; /* between two hints of a line; NULL: two spaces */
	/* Read the data: before the first picture, and when a key returns UI_RELOAD. */
	void (*load)(struct app *app, void *state);
	/* Before each picture, big enough or not (the kiosk's clock: its reload and idle reset). */
	void (*tick)(struct app *app, void *state);
	/* Draw the screen above its hint lines (the loop has erased it). */
	void (*draw)(struct app *app, void *state);
	/* Where the state keeps what the move keys move: UI_POS(type, member), or 0: nowhere. */
	size_t pos;
	/* A wait for a key ended without one (every half second). */
	enum ui_next (*idle)(struct app *app, void *state);
	/* A key that is not in the table (typing into a search), or NULL to ignore it. */
	enum ui_next (*other)(struct app *app, void *state, int is_code, wint_t ch);
	/* A key of the table the signed-in role may not use, or NULL to ignore it. */
	enum ui_next (*refused)(struct app *app, void *state);
	/* What %d in a hint stands for (the home menu's "1-%d"), or NULL. */
	int (*hint_number)(struct app *app, void *state);
	/* Read the keys to act on into keys (at most max); how many, 0 for none. NULL: one key
	 * from screen_getkey. */
	int (*read)(struct app *app, void *state, int *is_code, wint_t *ch, int max);
	int small_keys; /* act on keys while the window is too small (else only q, which quits) */
	/* Where the state keeps its struct ui_undo: UI_POS(type, member), or 0: no undo. */
	size_t undo;
	/* The smallest window the screen lays out in, and its one-line notice below that; 0 and
	 * NULL: the staff screens' SCREEN_MIN_COLS x SCREEN_MIN_LINES and their notice. */
	int min_cols, min_lines;
	void (*too_small)(struct app *app, void *state);
};

/* struct ui_screen's pos: the struct ui_pos at member of the state, a struct type. */
#define UI_POS(type, member) (offsetof(type, member) + 1)
/* The size of a table, for struct ui_screen's keys and nkeys. */
#define UI_KEYS(table) (table), (sizeof(table) / sizeof((table)[0]))

/* The common actions, for the tables: leave the screen, leave sumaho. */
enum ui_next ui_key_back(struct app *app, void *state, wint_t ch);
enum ui_next ui_key_quit(struct app *app, void *state, wint_t ch);

/* Enter, however the terminal sends it, to run. */
#define UI_KEYS_ENTER(h, l, fn)                                                                    \
	{.code = KEY_ENTER, .hint = (h), .line = (l), .run = (fn)}, {.ch = '\r', .run = (fn)},     \
	{                                                                                          \
		.ch = '\n', .run = (fn)                                                            \
	}
/* Up/Down (and k/j), PgUp/PgDn (and Space), Home and End move the screen's position. */
#define UI_KEYS_MOVE(h, l)                                                                         \
	{.code = KEY_UP, .hint = (h), .line = (l), .move = UI_UP},                                 \
	    {.code = KEY_DOWN, .move = UI_DOWN}, {.ch = 'k', .move = UI_UP},                       \
	    {.ch = 'j', .move = UI_DOWN}, {.code = KEY_PPAGE, .move = UI_PAGE_UP},                 \
	    {.code = KEY_NPAGE, .move = UI_PAGE_DOWN}, {.ch = ' ', .move = UI_PAGE_DOWN},          \
	    {.code = KEY_HOME, .move = UI_FIRST},                                                  \
	{                                                                                          \
		.code = KEY_END, .move = UI_LAST                                                   \
	}
/* The same keys without the letters and Space, where letters are typed or act. */
#define UI_KEYS_MOVE_CODES(h, l)                                                                   \
	{.code = KEY_UP, .hint = (h), .line = (l), .move = UI_UP},                                 \
	    {.code = KEY_DOWN, .move = UI_DOWN}, {.code = KEY_PPAGE, .move = UI_PAGE_UP},          \
	    {.code = KEY_NPAGE, .move = UI_PAGE_DOWN}, {.code = KEY_HOME, .move = UI_FIRST},       \
	{                                                                                          \
		.code = KEY_END, .move = UI_LAST                                                   \
	}
/* Esc (and Left, Backspace, b) goes back, with the hint h. */
#define UI_KEYS_BACK(h, l)                                                                         \
	{.ch = 27, .hint = (h), .line = (l), .run = ui_key_back},                                  \
	    {.code = KEY_LEFT, .run = ui_key_back}, {.code = KEY_BACKSPACE, .run = ui_key_back},   \
	    {.ch = 127, .run = ui_key_back}, {.ch = 8, .run = ui_key_back},                        \
	{                                                                                          \
		.ch = 'b', .run = ui_key_back                                                      \
	}
/* q (and Q) quits, with the hint h. */
#define UI_KEYS_QUIT(h, l)                                                                         \
	{.ch = 'q', .hint = (h), .line = (l), .run = ui_key_quit},                                 \
	{                                                                                          \
		.ch = 'Q', .run = ui_key_quit                                                      \
	}
/* The hints of most screens' foot: N_("Esc: back") and N_("q: quit"). */
extern const char ui_hint_back[], ui_hint_quit[];
#define UI_KEYS_BACK_QUIT(l) UI_KEYS_BACK(ui_hint_back, l), UI_KEYS_QUIT(ui_hint_quit, l)
/* The same where Esc has another use at times: "Esc: back" is shown only when `offered` says
 * so (a key before these in the table takes Esc otherwise). */
#define UI_KEYS_BACK_QUIT_WHEN(l, offered)                                                         \
	{.ch = 27, .hint = ui_hint_back, .line = (l), .run = ui_key_back, .when = (offered)},      \
	    UI_KEYS_BACK(NULL, l), UI_KEYS_QUIT(ui_hint_quit, l)

/* Run screen s on state until a key leaves it: 0 back, 1 quit (q, or a quit signal). */
int ui_screen_run(struct app *app, const struct ui_screen *s, void *state);
/* Hint line `line` of s as it stands for this role and state (a new string). */
char *ui_hint_line(struct app *app, const struct ui_screen *s, void *state, int line);
/* The most hint lines a screen has. */
#define UI_MAX_HINT_LINES 4
/* All the hint lines of s laid out in width columns (new strings in lines[0 .. hint_lines)):
 * a line too wide passes its last hints to the next, and the last line keeps Esc and q, leaving
 * out other hints that do not fit, so that the way out of a screen is always on it. */
void ui_hint_lines(struct app *app, const struct ui_screen *s, void *state, int width,
                   char **lines);
/* Move pos by one of the moves; nonzero when it moved. */
int ui_pos_move(struct ui_pos *pos, enum ui_move move);

#endif
