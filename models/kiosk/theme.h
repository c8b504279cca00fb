/* models/kiosk/theme.h: the lobby kiosk's high-contrast colours, as numbers a test can check: each
 * role's foreground and background as an xterm 256-colour index (whose RGB value is fixed by
 * the palette), and the 8-colour fallback for terminals without 256 colours. */
#ifndef MODELS_KIOSK_THEME_H
#define MODELS_KIOSK_THEME_H

#include <stdint.h>

enum theme_role {
	THEME_TEXT,     /* ordinary text */
	THEME_TITLE,    /* the bar at the top */
	THEME_HEADER,   /* headings */
	THEME_SELECTED, /* the chosen line */
	THEME_KEYS,     /* the key legend at the bottom */
	THEME_OPEN,     /* 空きあり, free times */
	THEME_FEW,      /* 残りわずか */
	THEME_FULL,     /* 満席, 中止 */
	THEME_OTHER,    /* 受付終了, 抽選済, 受付前, secondary text */
	THEME_WARNING,  /* the notice before the idle reset */
	THEME_QR,       /* QR codes: dark modules on light */
	THEME_COUNT
};

/* Colour numbers of the 8-colour palette (the same as curses' COLOR_*). */
enum { THEME_BLACK, THEME_RED, THEME_GREEN, THEME_YELLOW, THEME_BLUE, THEME_MAGENTA,
       THEME_CYAN, THEME_WHITE };

struct theme_colours {
	const char *name;
	int fg, bg;     /* xterm 256-colour indices */
	int fg8, bg8;   /* the 8-colour fallback, drawn bold (bright) */
};

extern const struct theme_colours theme_kiosk[THEME_COUNT];

/* The RGB value (0xRRGGBB) of an xterm 256-colour index 16-255; -1 for the first 16, which
 * terminals set as they like. */
int32_t theme_xterm_rgb(int index);
/* The WCAG 2 contrast ratio of two RGB colours (1 to 21). */
double theme_contrast(uint32_t a, uint32_t b);

#endif
