/* tui/ui/screen.h: the terminal: start, restore, colours by role, resize, text by display width. */
#ifndef TUI_UI_SCREEN_H
#define TUI_UI_SCREEN_H

#include <curses.h>
#include <signal.h>
#include <time.h>

/* Smallest terminal the screens are laid out for. */
#define SCREEN_MIN_COLS  80
#define SCREEN_MIN_LINES 24

enum role {
	ROLE_NORMAL,
	ROLE_TITLE,    /* the bar at the top */
	ROLE_SELECTED, /* the highlighted menu line */
	ROLE_HEADER,   /* table headings */
	ROLE_KEYS,     /* the key help at the bottom */
	ROLE_WARNING,  /* messages that need attention */
	ROLE_DIM,      /* secondary text */
	ROLE_QR,       /* QR codes: dark modules on light, whatever the terminal's colours */
	ROLE_QR_DARK,  /* QR codes: a cell of two dark modules (a blank on black) */
	/* The lobby kiosk's high-contrast theme (models/theme.h), in the order of its roles. */
	ROLE_K_TEXT,
	ROLE_K_TITLE,
	ROLE_K_HEADER,
	ROLE_K_SELECTED,
	ROLE_K_KEYS,
	ROLE_K_OPEN,
	ROLE_K_FEW,
	ROLE_K_FULL,
	ROLE_K_OTHER,
	ROLE_K_WARNING,
	ROLE_K_QR,
	ROLE_COUNT
};

/* Set by a signal handler: SIGTERM, SIGHUP or SIGINT asked the program to finish; also set
 * when the terminal went away (then screen_terminal_lost is set too: on SIGHUP, a hang-up, end
 * of file or read error on the keyboard; screen_stop then logs a line to syslog). */
extern volatile sig_atomic_t screen_quit_requested, screen_terminal_lost;

/* Start curses; colour unless use_colour is 0 or NO_COLOR is set. Installs the signal handlers
 * and the fatal hook so every exit restores the terminal. */
void screen_start(int use_colour);
/* Paint the whole screen in the kiosk theme's background (on 1) or the terminal's (0). */
void screen_kiosk_theme(int on);
/* Lock the terminal for the lobby: raw keys (Ctrl-C, Ctrl-Z, Ctrl-\\, Ctrl-S arrive as keys,
 * not signals) and the keyboard's signals ignored. Call after screen_start. */
void screen_kiosk_lock(void);
/* Restore the terminal; safe to call twice or before screen_start. */
void screen_stop(void);
/* Nonzero when the terminal is at least SCREEN_MIN_COLS x SCREEN_MIN_LINES. */
int screen_big_enough(void);
struct qr;
/* Draw a QR code with its top left at y,x and a quiet zone of quiet modules, dark on light in
 * explicit colours, or in reverse video on a monochrome terminal. With full, a module is two
 * blanks on one line, which scans on any terminal; without, two module rows a line with half
 * blocks (U+2580, U+2584), half the size but only for a terminal that draws East Asian
 * Ambiguous characters one cell wide and blocks that fill their cell. */
void screen_qr(const struct qr *q, int quiet, int full, int y, int x);
/* The columns and lines screen_qr takes. */
int screen_qr_cols(const struct qr *q, int quiet, int full);
int screen_qr_lines(const struct qr *q, int quiet, int full);
/* Ask the terminal how wide it draws East Asian Ambiguous characters: print one, ask where the
 * cursor went (a cursor position report) and wipe it. 1 for two cells, 0 for one or when the
 * terminal does not answer within half a second. Call before screen_start. */
int screen_probe_ambiguous(void);
/* Draw the "please enlarge the window" notice, centred and wrapped to any size. */
void screen_draw_too_small(void);
attr_t screen_attr(enum role role);
/* Draw s at y,x in at most width columns (cut with an ellipsis, padded when pad), in role. */
void screen_text(int y, int x, const char *s, int width, int pad, enum role role);
/* Draw s right-aligned so that it ends at column x_end (exclusive). */
void screen_text_right(int y, int x_end, const char *s, enum role role);
/* Fill width columns of line y from x with the role's background (a chosen row). */
void screen_fill(int y, int x, int width, enum role role);
/* Fill a whole line with the role's background and draw s on it. */
void screen_bar(int y, const char *left, const char *right, enum role role);
/* Ask for a line of text on the bottom line, starting from initial. Returns a new string when
 * the user presses Enter, NULL on Esc (or a quit signal). */
char *screen_prompt(const char *label, const char *initial);
/* The same for a date, a number or a code: what was typed narrowed (text_narrow). */
char *screen_prompt_narrow(const char *label, const char *initial);
/* Make prompts give up (as on Esc) after this many seconds without a key; 0: wait forever. */
void screen_prompt_timeout(int seconds);
/* The same for a PIN: at most max characters, each shown as '*', digits only; the caller
 * wipes and frees the result. */
char *screen_prompt_secret(const char *label, size_t max);
/* Wait for a key (with a timeout so that signals are noticed); returns ERR on timeout. */
int screen_getkey(int *is_key_code, wint_t *ch);
/* When screen_getkey last returned a key (models/core/clock.h's time). */
extern time_t screen_last_key;
/* Show what is drawn for so many seconds of the clock (models/core/clock.h), dropping the keys
 * pressed meanwhile; a quit request ends it early. */
void screen_hold(int seconds);

#endif
