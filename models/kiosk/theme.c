/* models/kiosk/theme.c: the kiosk theme and the arithmetic to check its contrast. */
#include "config.h"
#include "models/kiosk/kiosk.h"

#include <math.h>

/* Light text on black. Ratios (WCAG 2), computed by theme_contrast and checked by
 * tests/unit/test_theme.c: white on black 21.0, yellow 19.6, green 15.3, grey 13.6,
 * pink 9.1; black on yellow 19.6, on white 21.0; white on blue 13.0. */
const struct theme_colours theme_kiosk[THEME_COUNT] = {
    [THEME_TEXT] = {"text", 231, 16, THEME_WHITE, THEME_BLACK},
    [THEME_TITLE] = {"title", 16, 226, THEME_BLACK, THEME_YELLOW},
    [THEME_HEADER] = {"header", 226, 16, THEME_YELLOW, THEME_BLACK},
    [THEME_SELECTED] = {"selected", 16, 231, THEME_BLACK, THEME_WHITE},
    [THEME_KEYS] = {"keys", 231, 19, THEME_WHITE, THEME_BLUE},
    [THEME_OPEN] = {"open", 46, 16, THEME_GREEN, THEME_BLACK},
    [THEME_FEW] = {"few", 226, 16, THEME_YELLOW, THEME_BLACK},
    [THEME_FULL] = {"full", 210, 16, THEME_MAGENTA, THEME_BLACK},
    [THEME_OTHER] = {"other", 252, 16, THEME_CYAN, THEME_BLACK},
    [THEME_WARNING] = {"warning", 16, 226, THEME_BLACK, THEME_YELLOW},
    [THEME_QR] = {"qr", 16, 231, THEME_BLACK, THEME_WHITE},
};

int32_t
theme_xterm_rgb(int index)
{
	static const int level[6] = {0, 95, 135, 175, 215, 255};

	if (index < 16 || index > 255)
		return -1;
	if (index >= 232) {
		int g = 8 + 10 * (index - 232);

		return (g << 16) | (g << 8) | g;
	}
	index -= 16;
	return (level[index / 36] << 16) | (level[index / 6 % 6] << 8) | level[index % 6];
}

static double
channel(unsigned v)
{
	double c = v / 255.0;

	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

static double
luminance(uint32_t rgb)
{
	return 0.2126 * channel(rgb >> 16 & 0xff) + 0.7152 * channel(rgb >> 8 & 0xff) +
	       0.0722 * channel(rgb & 0xff);
}

double
theme_contrast(uint32_t a, uint32_t b)
{
	double la = luminance(a), lb = luminance(b);

	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}
