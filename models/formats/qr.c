/* models/formats/qr.c: libqrencode does the encoding; this only lays the modules out. */
#include "config.h"
#include "models/formats/qr.h"

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
	q = xcalloc(1, sizeof *q);
	q->width = code->width;
	q->dark = xmalloc((size_t)code->width * (size_t)code->width);
	for (int i = 0; i < code->width * code->width; i++)
		q->dark[i] = code->data[i] & 1;
	QRcode_free(code);
	return q;
}

void
qr_free(struct qr *q)
{
	if (q == NULL)
		return;
	free(q->dark);
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
