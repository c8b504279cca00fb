/* models/formats/qr.c: libqrencode does the encoding; this only lays the modules out. */
#include "config.h"
#include "models/formats/qr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

#include "models/core/i18n.h"

struct qr *
qr_encode(const char *text, char **cause)
{
	return qr_encode_ex(text, 0, cause);
}

struct qr *
qr_encode_ex(const char *text, int smallest, char **cause)
{
	QRcode *code = QRcode_encodeString8bit(text, 0, smallest ? QR_ECLEVEL_L : QR_ECLEVEL_M);
	struct qr *q;

	if (code == NULL && !smallest)
		code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_L);
	if (code == NULL) {
		set_cause(cause, "%s", _("the text is too long for a QR code"));
		return NULL;
	}
	/* The modules in the same block as their width: one allocation, freed by free alone. */
	q = xmalloc(sizeof *q + (size_t)code->width * (size_t)code->width);
	q->width = code->width;
	for (int i = 0; i < code->width * code->width; i++)
		q->dark[i] = code->data[i] & 1;
	QRcode_free(code);
	return q;
}

void
qr_free(struct qr *q)
{
	free(q);
}

int
qr_dark(const struct qr *q, int x, int y)
{
	if (x < 0 || y < 0 || x >= q->width || y >= q->width)
		return 0;
	return q->dark[y * q->width + x];
}

void
qr_lines(const struct qr *q, int quiet, int light_on_dark, struct strlist *out)
{
	static const char *const glyph[4] = {" ", "\xE2\x96\x84", "\xE2\x96\x80", "\xE2\x96\x88"};
	int side = q->width + 2 * quiet;

	for (int y = 0; y < side; y += 2) {
		char *line = xmalloc((size_t)side * 3 + 1), *p = line;

		for (int x = 0; x < side; x++) {
			int top = qr_dark(q, x - quiet, y - quiet);
			int bottom = y + 1 < side && qr_dark(q, x - quiet, y + 1 - quiet);

			if (light_on_dark) {
				top = !top;
				bottom = y + 1 < side ? !bottom : 0;
			}
			const char *g = glyph[top * 2 + bottom];

			strcpy(p, g);
			p += strlen(g);
		}
		*p = '\0';
		strlist_add(out, line);
	}
}

/* The escape that paints a terminal cell in a module's colour: black or bright white, or with
 * mono the terminal's text colour (reverse video) or background. */
static const char *
module_sgr(int dark, int mono, int light_on_dark)
{
	if (!mono)
		return dark ? "\x1b[30;40m" : "\x1b[30;107m";
	/* The text colour is the light one on a dark terminal. */
	return dark == !light_on_dark ? "\x1b[0;7m" : "\x1b[0m";
}

void
qr_lines_terminal(const struct qr *q, int quiet, int mono, int light_on_dark, int full,
                  struct strlist *out)
{
	static const char *const upper = "\xE2\x96\x80", *const lower = "\xE2\x96\x84";
	int side = q->width + 2 * quiet;

	for (int y = 0; y < side; y += full ? 1 : 2) {
		char *line = NULL;
		size_t n = 0, cap = 0;
		const char *last = NULL;

		for (int x = 0; x < side; x++) {
			int top = qr_dark(q, x - quiet, y - quiet);
			int bottom =
			    full ? top : y + 1 < side && qr_dark(q, x - quiet, y + 1 - quiet);
			/* A blank in the colour of equal modules; for unequal ones, the dark half
			 * drawn on the light colour. */
			const char *sgr = module_sgr(top && bottom, mono, light_on_dark);
			const char *glyph = full ? "  " : top == bottom ? " " : top ? upper : lower;
			char cell[32];
			int len;

			if (top != bottom && mono)
				/* The glyph is drawn in the text colour: reverse video when that is
				 * the light one. */
				sgr = light_on_dark ? "\x1b[0;7m" : "\x1b[0m";
			len = snprintf(cell, sizeof cell, "%s%s", sgr == last ? "" : sgr, glyph);
			last = sgr;
			line = xgrow(line, n + (size_t)len + 8, &cap, 256, 1);
			memcpy(line + n, cell, (size_t)len);
			n += (size_t)len;
		}
		line = xgrow(line, n + 8, &cap, 256, 1);
		memcpy(line + n, "\x1b[0m", 5);
		strlist_add(out, line);
	}
}
