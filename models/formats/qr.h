/* models/formats/qr.h: QR codes (libqrencode) as a matrix of modules and as text of half blocks. */
#ifndef MODELS_FORMATS_QR_H
#define MODELS_FORMATS_QR_H

#include "models/core/util.h"

struct qr {
	int width;            /* modules a side, without the quiet zone */
	unsigned char dark[]; /* width * width, 1 for a dark module */
};

/* Encode text (UTF-8, as bytes) at error correction level M, or L when it would not fit.
 * NULL with *cause when the text is too long for any QR code. */
struct qr *qr_encode(const char *text, char **cause);
/* The same; with smallest, always at level L, the fewest modules (for a code on a screen,
 * which is not scratched or folded). */
struct qr *qr_encode_ex(const char *text, int smallest, char **cause);
void qr_free(struct qr *q);
/* Nonzero if the module at x,y (which may lie in the quiet zone, outside 0..width-1) is dark. */
int qr_dark(const struct qr *q, int x, int y);
/* Lines of text that draw the code with a quiet zone of `quiet` modules, two module rows to a
 * line with the half blocks U+2580, U+2584 and U+2588. With light_on_dark, a block is a light
 * module: right for a terminal with light text on a dark background. */
void qr_lines(const struct qr *q, int quiet, int light_on_dark, struct strlist *out);
/* The same for a terminal, in explicit colours (black on bright white, by SGR escapes) or,
 * with mono, in reverse video (light is the terminal's text colour, or with light_on_dark 0
 * its background), so that it scans whatever the terminal's background. With full, a module
 * is two blanks on one line: it depends on nothing but the terminal's colours, also not on
 * how wide it draws East Asian Ambiguous characters or how its font draws blocks. Without,
 * two module rows a line: a blank for two equal modules, a half block (U+2580 or U+2584:
 * for terminals that draw those one cell wide) for two unequal ones. Each line ends by
 * resetting the attributes. */
void qr_lines_terminal(const struct qr *q, int quiet, int mono, int light_on_dark, int full,
                       struct strlist *out);

#endif
