/* models/notices/pdf.c: notices and rosters as PDF through Cairo, their text laid out by Pango
 * in a TrueType font that fontconfig finds and Cairo embeds (a subset, never Type 3). */
#include "config.h"
#include "models/notices/notices.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <dlfcn.h>
#include <errno.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "models/core/clock.h"
#include "models/core/date.h"
#include "models/core/i18n.h"
#include "models/core/schema.h"
#include "models/core/util.h"
#include "models/formats/ical.h"
#include "models/formats/qr.h"
#include "models/lottery/lottery.h"

#define MM(x) ((x)*72.0 / 25.4)

/* Type sizes in points: nothing smaller than BODY, the result no smaller than RESULT. */
#define BODY   14.0
#define NAME   18.0
#define RESULT 32.0

/* Cairo, Pango and fontconfig are loaded when the first notice or roster is written, not when
 * sumaho starts: they bring some 35 shared libraries that the screens, the kiosk and the other
 * commands do not use (5 ms more at each start, measured). The functions used, by library: */
enum { LIB_FC, LIB_CAIRO, LIB_PANGO, LIB_PANGOCAIRO, LIB_GOBJECT, LIB_N };
static const char *const pdf_sonames[LIB_N] = {"libfontconfig.so.1", "libcairo.so.2",
                                               "libpango-1.0.so.0", "libpangocairo-1.0.so.0",
                                               "libgobject-2.0.so.0"};
#define PDF_FUNCTIONS(X)                                                                           \
	X(LIB_FC, FcFontList)                                                                      \
	X(LIB_FC, FcFontSetDestroy)                                                                \
	X(LIB_FC, FcInit)                                                                          \
	X(LIB_FC, FcObjectSetAdd)                                                                  \
	X(LIB_FC, FcObjectSetCreate)                                                               \
	X(LIB_FC, FcObjectSetDestroy)                                                              \
	X(LIB_FC, FcPatternAddString)                                                              \
	X(LIB_FC, FcPatternCreate)                                                                 \
	X(LIB_FC, FcPatternDestroy)                                                                \
	X(LIB_FC, FcPatternGetString)                                                              \
	X(LIB_CAIRO, cairo_create)                                                                 \
	X(LIB_CAIRO, cairo_destroy)                                                                \
	X(LIB_CAIRO, cairo_fill)                                                                   \
	X(LIB_CAIRO, cairo_line_to)                                                                \
	X(LIB_CAIRO, cairo_move_to)                                                                \
	X(LIB_CAIRO, cairo_pdf_surface_create_for_stream)                                          \
	X(LIB_CAIRO, cairo_pdf_surface_set_metadata)                                               \
	X(LIB_CAIRO, cairo_rectangle)                                                              \
	X(LIB_CAIRO, cairo_restore)                                                                \
	X(LIB_CAIRO, cairo_save)                                                                   \
	X(LIB_CAIRO, cairo_set_fill_rule)                                                          \
	X(LIB_CAIRO, cairo_set_line_width)                                                         \
	X(LIB_CAIRO, cairo_set_source_rgb)                                                         \
	X(LIB_CAIRO, cairo_show_page)                                                              \
	X(LIB_CAIRO, cairo_status_to_string)                                                       \
	X(LIB_CAIRO, cairo_stroke)                                                                 \
	X(LIB_CAIRO, cairo_surface_destroy)                                                        \
	X(LIB_CAIRO, cairo_surface_finish)                                                         \
	X(LIB_CAIRO, cairo_surface_status)                                                         \
	X(LIB_GOBJECT, g_object_unref)                                                             \
	X(LIB_PANGOCAIRO, pango_cairo_font_map_new)                                                \
	X(LIB_PANGOCAIRO, pango_cairo_show_layout)                                                 \
	X(LIB_PANGOCAIRO, pango_cairo_update_context)                                              \
	X(LIB_PANGO, pango_font_description_free)                                                  \
	X(LIB_PANGO, pango_font_description_new)                                                   \
	X(LIB_PANGO, pango_font_description_set_absolute_size)                                     \
	X(LIB_PANGO, pango_font_description_set_family)                                            \
	X(LIB_PANGO, pango_font_map_create_context)                                                \
	X(LIB_PANGO, pango_layout_get_size)                                                        \
	X(LIB_PANGO, pango_layout_new)                                                             \
	X(LIB_PANGO, pango_layout_set_ellipsize)                                                   \
	X(LIB_PANGO, pango_layout_set_font_description)                                            \
	X(LIB_PANGO, pango_layout_set_text)                                                        \
	X(LIB_PANGO, pango_layout_set_width)                                                       \
	X(LIB_PANGO, pango_layout_set_wrap)

/* Their addresses, found once a process (the libraries stay loaded). */
static struct {
	int loaded;
#define X(lib, f) __typeof__(f) *f;
	PDF_FUNCTIONS(X)
#undef X
} pdf;

/* Load the libraries and find the functions; 0, or -1 with *cause. */
static int
pdf_load(char **cause)
{
	static const struct {
		int lib;
		const char *name;
		size_t offset;
	} fns[] = {
#define X(lib, f) {lib, #f, offsetof(__typeof__(pdf), f)},
	    PDF_FUNCTIONS(X)
#undef X
	};
	void *h[LIB_N];

	if (pdf.loaded)
		return 0;
	for (int i = 0; i < LIB_N; i++)
		if ((h[i] = dlopen(pdf_sonames[i], RTLD_NOW | RTLD_LOCAL)) == NULL) {
			set_cause(cause, _("cannot load %s for the notices: %s"), pdf_sonames[i],
			          dlerror());
			return -1;
		}
	for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
		void *sym = dlsym(h[fns[i].lib], fns[i].name);

		if (sym == NULL) {
			set_cause(cause, _("cannot load %s for the notices: %s"),
			          pdf_sonames[fns[i].lib], dlerror());
			return -1;
		}
		/* A function's address as dlsym returns it (POSIX: the same representation). */
		memcpy((char *)&pdf + fns[i].offset, &sym, sizeof sym);
	}
	pdf.loaded = 1;
	return 0;
}

int
notices_font_check(const char *font, char **cause)
{
	FcPattern *pat;
	FcObjectSet *os;
	FcFontSet *fs;
	int ok = 0;

	if (pdf_load(cause) != 0)
		return -1;
	if (font == NULL || *font == '\0' || !pdf.FcInit()) {
		set_cause(cause, _("no font for the notices: set [notices] font"));
		return -1;
	}
	pat = pdf.FcPatternCreate();
	pdf.FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)font);
	os = pdf.FcObjectSetCreate();
	pdf.FcObjectSetAdd(os, FC_FAMILY);
	pdf.FcObjectSetAdd(os, FC_FONTFORMAT);
	fs = pdf.FcFontList(NULL, pat, os);
	/* A scalable font with outlines: a bitmap font would become a Type 3 font in the PDF. */
	for (int i = 0; fs != NULL && i < fs->nfont && !ok; i++) {
		FcChar8 *format;

		if (pdf.FcPatternGetString(fs->fonts[i], FC_FONTFORMAT, 0, &format) ==
		        FcResultMatch &&
		    (strcmp((const char *)format, "TrueType") == 0 ||
		     strcmp((const char *)format, "CFF") == 0))
			ok = 1;
	}
	if (fs != NULL)
		pdf.FcFontSetDestroy(fs);
	pdf.FcObjectSetDestroy(os);
	pdf.FcPatternDestroy(pat);
	if (!ok)
		set_cause(
		    cause,
		    _("font '%s' for the notices is not installed (fontconfig knows no TrueType "
		      "font of that name): install fonts-ipaexfont-gothic, or name another "
		      "Japanese font in [notices] font (fc-list :lang=ja lists them)"),
		    font);
	return ok ? 0 : -1;
}

/* ---- a PDF being written ---- */

struct doc {
	FILE *out;
	char *tmp; /* the temporary file renamed onto path when whole; NULL for standard output */
	const char *path;
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoFontMap *fontmap;
	PangoContext *ctx;
	PangoLayout *layout;
	PangoFontDescription *fd;
	double width, height, margin; /* of the page, in points */
	double y;                     /* where the next block goes */
	int pages;
};

static cairo_status_t
doc_write(void *closure, const unsigned char *data, unsigned int len)
{
	return fwrite(data, 1, len, closure) == len ? CAIRO_STATUS_SUCCESS
	                                            : CAIRO_STATUS_WRITE_ERROR;
}

/* Open path for a PDF of pages width × height millimetres in font; 0, or -1 with *cause. */
static int
doc_open(struct doc *d, const char *path, double w_mm, double h_mm, double margin_mm,
         const char *font, const char *title, char **cause)
{
	memset(d, 0, sizeof *d);
	if (notices_font_check(font, cause) != 0)
		return -1;
	d->path = path;
	if (path == NULL || strcmp(path, "-") == 0)
		d->out = stdout;
	else {
		int fd = db_file_create(path, &d->tmp, cause);

		if (fd < 0)
			return -1;
		if ((d->out = fdopen(fd, "wb")) == NULL) {
			set_cause(cause, _("%s: cannot write: %s"), path, strerror(errno));
			close(fd);
			unlink(d->tmp);
			free(d->tmp);
			return -1;
		}
	}
	d->width = MM(w_mm);
	d->height = MM(h_mm);
	d->margin = MM(margin_mm);
	d->surface =
	    pdf.cairo_pdf_surface_create_for_stream(doc_write, d->out, d->width, d->height);
	pdf.cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE, title);
	pdf.cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, PACKAGE_STRING);
	/* The date of the file is the clock's, so that a test sees the same file every time. */
	char when[32];
	time_t now = clock_now();
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	pdf.cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATE_DATE, when);
	d->cr = pdf.cairo_create(d->surface);
	/* A font map of our own, released at the end, rather than Pango's process-wide one. */
	d->fontmap = pdf.pango_cairo_font_map_new();
	d->ctx = pdf.pango_font_map_create_context(d->fontmap);
	pdf.pango_cairo_update_context(d->cr, d->ctx);
	d->layout = pdf.pango_layout_new(d->ctx);
	d->fd = pdf.pango_font_description_new();
	pdf.pango_font_description_set_family(d->fd, font);
	pdf.pango_layout_set_wrap(d->layout, PANGO_WRAP_WORD_CHAR);
	d->y = d->margin;
	return 0;
}

/* Finish the PDF and put it in place (ok) or remove it; 0, or -1 with *cause. */
static int
doc_close(struct doc *d, int ok, char **cause)
{
	int rc = ok ? 0 : -1;

	if (d->fd != NULL)
		pdf.pango_font_description_free(d->fd);
	if (d->layout != NULL)
		pdf.g_object_unref(d->layout);
	if (d->ctx != NULL)
		pdf.g_object_unref(d->ctx);
	if (d->cr != NULL)
		pdf.cairo_destroy(d->cr);
	if (d->surface != NULL) {
		pdf.cairo_surface_finish(d->surface);
		if (rc == 0 && pdf.cairo_surface_status(d->surface) != CAIRO_STATUS_SUCCESS) {
			set_cause(cause, _("%s: cannot write: %s"), d->path ? d->path : "-",
			          pdf.cairo_status_to_string(pdf.cairo_surface_status(d->surface)));
			rc = -1;
		}
		pdf.cairo_surface_destroy(d->surface);
	}
	if (d->fontmap != NULL)
		pdf.g_object_unref(d->fontmap);
	if (d->out == stdout) {
		if (fflush(stdout) != 0 && rc == 0) {
			set_cause(cause, _("%s: cannot write: %s"), "-", strerror(errno));
			rc = -1;
		}
	} else if (d->out != NULL) {
		if ((fclose(d->out) != 0 || (rc == 0 && rename(d->tmp, d->path) != 0)) && rc == 0) {
			set_cause(cause, _("%s: cannot write: %s"), d->path, strerror(errno));
			rc = -1;
		}
		if (rc != 0)
			unlink(d->tmp);
	}
	free(d->tmp);
	return rc;
}

/* End a document whose writing ended with rc: kept with *written = count when rc is 0 and it
 * closes well (0), else removed (-1, with *cause from closing when rc was 0). */
static int
doc_finish(struct doc *d, int rc, long count, long *written, char **cause)
{
	if (doc_close(d, rc == 0, rc == 0 ? cause : NULL) != 0)
		return -1;
	*written = count;
	return 0;
}

static void
doc_new_page(struct doc *d)
{
	if (d->pages > 0)
		pdf.cairo_show_page(d->cr);
	d->pages++;
	d->y = d->margin;
}

/* Lay text out at size points in a column w wide: its height. */
static double
doc_measure(struct doc *d, const char *text, double size, double w)
{
	int pw, ph;

	pdf.pango_font_description_set_absolute_size(d->fd, size * PANGO_SCALE);
	pdf.pango_layout_set_font_description(d->layout, d->fd);
	pdf.pango_layout_set_width(d->layout, (int)(w * PANGO_SCALE));
	pdf.pango_layout_set_ellipsize(d->layout, PANGO_ELLIPSIZE_NONE);
	pdf.pango_layout_set_text(d->layout, text, -1);
	pdf.pango_layout_get_size(d->layout, &pw, &ph);
	return (double)ph / PANGO_SCALE;
}

/* Draw text at x, y in a column w wide at size points: its height. */
static double
doc_text_at(struct doc *d, const char *text, double size, double x, double y, double w)
{
	double h = doc_measure(d, text, size, w);

	pdf.cairo_move_to(d->cr, x, y);
	pdf.pango_cairo_show_layout(d->cr, d->layout);
	return h;
}

/* One line of text cut to w with an ellipsis, at x, y. */
static void
doc_cell(struct doc *d, const char *text, double size, double x, double y, double w)
{
	pdf.pango_font_description_set_absolute_size(d->fd, size * PANGO_SCALE);
	pdf.pango_layout_set_font_description(d->layout, d->fd);
	pdf.pango_layout_set_width(d->layout, (int)(w * PANGO_SCALE));
	pdf.pango_layout_set_ellipsize(d->layout, PANGO_ELLIPSIZE_END);
	pdf.pango_layout_set_text(d->layout, text, -1);
	pdf.cairo_move_to(d->cr, x, y);
	pdf.pango_cairo_show_layout(d->cr, d->layout);
}

/* A block across the page below the last, with gap points after it; a block that would run
 * past the bottom margin goes on a new page (a notice continues over the page). */
static void
doc_block(struct doc *d, const char *text, double size, double gap)
{
	double w = d->width - 2 * d->margin, h = doc_measure(d, text, size, w);

	if (d->y + h > d->height - d->margin && d->y > d->margin)
		doc_new_page(d);
	/* The layout holds the text laid out already: drawn as it is, not laid out again. */
	pdf.cairo_move_to(d->cr, d->margin, d->y);
	pdf.pango_cairo_show_layout(d->cr, d->layout);
	d->y += h + gap;
}

/* The QR code of text as filled squares, side points wide at x, y, with a quiet zone of four
 * modules inside that square: one path, filled once, so that no seam shows between modules. */
static void
doc_qr(struct doc *d, const struct qr *q, double x, double y, double side)
{
	int n = q->width + 8;
	double m = side / n;

	pdf.cairo_save(d->cr);
	pdf.cairo_set_source_rgb(d->cr, 0, 0, 0);
	for (int r = 0; r < q->width; r++)
		for (int c = 0; c < q->width;) {
			int run = 0;

			while (c + run < q->width && qr_dark(q, c + run, r))
				run++;
			if (run == 0) {
				c++;
				continue;
			}
			pdf.cairo_rectangle(d->cr, x + (c + 4) * m, y + (r + 4) * m, run * m, m);
			c += run;
		}
	pdf.cairo_set_fill_rule(d->cr, CAIRO_FILL_RULE_WINDING);
	pdf.cairo_fill(d->cr);
	pdf.cairo_restore(d->cr);
}

/* ---- what the notices say ---- */

/* "令和4年4月14日(木) 10:00〜11:30" and "2022年4月14日(木)" of a session (new strings). */
static void
session_when(const char *day, const char *start, int minutes, char **era, char **western)
{
	struct date d;
	int t = time_parse(start), end = t + minutes;

	if (date_parse(day, &d) != 0) {
		*era = xstrdup(day);
		*western = xstrdup(day);
		return;
	}
	char *e = date_format(&d, DATE_ERA);

	/* TRANSLATORS: a day, then the time from and to; e.g. 令和4年4月14日(木) 10:00〜11:30. */
	*era = xasprintf(_("%s %s–%02d:%02d"), e, start, end / 60 % 24, end % 60);
	free(e);
	*western = date_format(&d, DATE_WESTERN);
}

/* A notice's line for a session: "令和4年4月14日(木) 10:00〜11:30" over "(2022年4月14日(木))"
 * with era, else the Western form alone with the time, "2022-04-14 (Thu) 10:00–11:30" (a new
 * string). */
static char *
notice_when(const char *day, const char *start, int minutes, int era)
{
	char *e, *w, *s;
	struct date d;
	int t = time_parse(start), end = t + minutes;

	if (era) {
		session_when(day, start, minutes, &e, &w);
		s = xasprintf("%s\n(%s)", e, w);
		free(e);
		free(w);
		return s;
	}
	if (date_parse(day, &d) != 0)
		return xstrdup(day);
	w = date_format(&d, DATE_WESTERN);
	s = xasprintf(_("%s %s–%02d:%02d"), w, start, end / 60 % 24, end % 60);
	free(w);
	return s;
}

/* A day in both forms, "令和4年3月27日(日)（2022年3月27日(日)）", or without era in the
 * Western form alone (a new string). */
static char *
both_forms(const struct date *d, int era)
{
	if (!era)
		return date_format(d, DATE_WESTERN);

	char *e = date_format(d, DATE_ERA), *w = date_format(d, DATE_WESTERN);
	/* TRANSLATORS: a day in the Japanese era, then in the Western form. */
	char *s = xasprintf(_("%s (%s)"), e, w);

	free(e);
	free(w);
	return s;
}

struct applicant {
	char *offering, *person, *name, *status, *session, *klass, *venue, *address, *bring;
	char *language; /* the one the person reads: "ja" or "en" */
	int position;
	struct date confirm_by; /* a winner confirms by this day (lottery_confirm_by) */
};

static void
applicant_clear(struct applicant *a)
{
	free(a->offering), free(a->person), free(a->name), free(a->status), free(a->session);
	free(a->klass), free(a->venue), free(a->address), free(a->bring), free(a->language);
	memset(a, 0, sizeof *a);
}

/* The sessions a notice lists: a winner's own, else the offering's not cancelled. */
static const char sessions_sql[] =
    "SELECT s.code, s.date, s.start, s.duration_min FROM sessions s JOIN offerings o ON o.id ="
    " s.offering_id WHERE (?2 <> '' AND s.code = ?2) OR (?2 = '' AND o.code = ?1 AND s.status"
    " <> 'cancelled') ORDER BY s.date, s.start, s.code";

/* The VEVENTs of the sessions, one after the other, as `sumaho qr` encodes one (brief: without
 * the LOCATION, as the kiosk's small codes): a new string, or NULL with *cause. */
static char *
qr_text(struct db *db, const struct strlist *codes, int brief, char **cause)
{
	char *all = xstrdup("");

	for (size_t i = 0; i < codes->n; i++) {
		char *ev = ical_compact_event_ex(db, codes->v[i], brief, cause), *s;

		if (ev == NULL) {
			free(all);
			return NULL;
		}
		s = xasprintf("%s%s", all, ev);
		free(all);
		free(ev);
		all = s;
	}
	return all;
}

/* One applicant's notice, on a new page, in the messages' language, its days with era (in
 * Japanese) or without; 0, or -1 with *cause. */
static int
notice_page(struct db *db, struct doc *d, const struct applicant *a, enum notices_layout layout,
            const struct notices_config *cfg, int era, db_stmt *ss, char **cause)
{
	int won = strcmp(a->status, "won") == 0, waiting = strcmp(a->status, "waiting") == 0;
	double w = d->width - 2 * d->margin;
	double qside = layout == NOTICES_A4 ? MM(55) : MM(38);
	struct strlist codes = {0}, lines = {0};
	struct qr *q = NULL;
	char *s;

	db_bind_text(ss, 1, a->offering);
	db_bind_text(ss, 2, won && a->session ? a->session : "");
	while (db_step(ss) == DB_ROW) {
		strlist_add(&codes, db_column_dup(ss, 0));
		strlist_add(&lines, notice_when(db_column_text(ss, 1), db_column_text(ss, 2),
		                                db_column_int(ss, 3), era));
	}
	db_reset(ss);
	/* A winner's sessions for a phone's calendar; many sessions (a winner recorded without a
	 * seat of their own) may be too long for a code with their places, or at all: then
	 * without the places, or no code. */
	for (int brief = 0; won && codes.n > 0 && q == NULL && brief < 2; brief++) {
		char *text = qr_text(db, &codes, brief, cause);

		if (text == NULL) {
			strlist_clear(&codes);
			strlist_clear(&lines);
			return -1;
		}
		q = qr_encode(text, NULL);
		free(text);
	}
	doc_new_page(d);

	/* The head: name, what this is, the class and the result; a winner's QR code beside. */
	double hw = q != NULL ? w - qside - MM(3) : w, y = d->y;

	/* TRANSLATORS: how a notice addresses the person: 小林　博 様. */
	s = xasprintf(_("Dear %s"), a->name);
	y += doc_text_at(d, s, NAME, d->margin, y, hw) + MM(2);
	free(s);
	y += doc_text_at(d, _("Result of the class lottery"), BODY, d->margin, y, hw) + MM(1);
	y += doc_text_at(d, a->klass, BODY, d->margin, y, hw) + MM(2);
	/* TRANSLATORS: the result on a notice, in its largest type; "(notice)" only tells this
	 * word from the screens' "Won": leave it out (English: Won). */
	if (won)
		s = xstrdup(_("Won (notice)"));
	else if (waiting)
		/* TRANSLATORS: the result on a notice: 補欠 3番. */
		s = xasprintf(_("Waiting list No. %d"), a->position);
	else
		/* TRANSLATORS: the result on a notice; leave "(notice)" out (English: Not drawn).
		 */
		s = xstrdup(_("Not drawn (notice)"));
	y += doc_text_at(d, s, RESULT, d->margin, y, hw) + MM(2);
	free(s);
	if (q != NULL) {
		doc_qr(d, q, d->margin + w - qside, d->margin, qside);
		if (y < d->margin + qside + MM(1))
			y = d->margin + qside + MM(1);
	}
	d->y = y;

	if (won)
		doc_block(d,
		          q != NULL
		              ? _("Please come on the day below. The QR code above adds it to "
		                  "your phone's calendar.")
		              : _("Please come on the day below."),
		          BODY, MM(2));
	else if (waiting)
		doc_block(d,
		          _("If a seat becomes free, we will telephone you in the order of the "
		            "waiting list."),
		          BODY, MM(2));
	else
		doc_block(
		    d,
		    _("There were more applications than seats. We are sorry that you could not "
		      "be given a place this time, and hope you will apply again."),
		    BODY, MM(2));

	/* When and where. */
	doc_block(d, won ? _("When") : _("Dates of the class"), BODY, MM(0.5));
	for (size_t i = 0; i < lines.n; i++)
		doc_block(d, lines.v[i], BODY, MM(1));
	d->y += MM(1);
	s = *a->address ? xasprintf(_("Venue: %s, %s"), a->venue, a->address)
	                : xasprintf(_("Venue: %s"), a->venue);
	doc_block(d, s, BODY, MM(2));
	free(s);
	if (!(won || waiting) || *a->bring == '\0')
		;
	else {
		s = xasprintf(_("Please bring: %s"), a->bring);
		doc_block(d, s, BODY, MM(2));
		free(s);
	}

	/* How and by when to answer. */
	s = NULL;
	if (won && cfg->confirm_days > 0) {
		char *day = both_forms(&a->confirm_by, era);

		s = cfg->phone != NULL
		        ? xasprintf(_("Whether you will attend or not, please tell us by telephone "
		                      "by %s. Telephone: %s"),
		                    day, cfg->phone)
		        : xasprintf(
		              _("Whether you will attend or not, please tell the office where "
		                "you applied by %s."),
		              day);
		free(day);
	} else if ((won || waiting) && cfg->phone != NULL)
		s = xasprintf(_("If you cannot come, please tell us by telephone: %s"), cfg->phone);
	else if (cfg->phone != NULL)
		s = xasprintf(_("Questions: telephone %s"), cfg->phone);
	if (s != NULL)
		doc_block(d, s, BODY, MM(2));
	free(s);
	qr_free(q);
	strlist_clear(&codes);
	strlist_clear(&lines);
	return 0;
}

/* The applicants, in the order of the notices. */
static const char applicants_sql[] =
    "SELECT o.code, p.code, p.name, a.status, coalesce(a.waiting_position, 0),"
    " coalesce(s.code, ''), " SQL_CLASS_TITLE ", v.name, v.address, c.bring, p.language"
    " FROM applications a JOIN offerings o ON"
    " o.id = a.offering_id JOIN courses c ON c.id = o.course_id JOIN venues v ON v.id ="
    " o.venue_id JOIN people p ON p.id = a.person_id LEFT JOIN sessions s ON s.id ="
    " a.session_id WHERE o.code = ?1 AND (a.status = 'won' AND ?2 & 1 <> 0 OR"
    " a.status = 'waiting' AND ?2 & 2 <> 0 OR a.status = 'lost' AND ?2 & 4 <> 0) ORDER BY CASE "
    "a.status WHEN 'won' THEN 0"
    " WHEN 'waiting' THEN 1 ELSE 2 END, a.waiting_position, p.kana, p.code";

/* The day (in Japan) the live draw of the offering was made: 0, 1 when it was never drawn, 2
 * when there is no such offering, -1. */
static int
drawn_on(struct db *db, const char *offering, struct date *d, char **cause)
{
	db_stmt *st;
	int rc = db_first(db, &st,
	                  "SELECT (SELECT date(r.run_at, '+9 hours') FROM lottery_rounds r JOIN"
	                  " lottery_round_offerings ro ON ro.round_id = r.id WHERE ro.offering_id ="
	                  " o.id AND r.superseded_at IS NULL ORDER BY r.id DESC LIMIT 1) FROM"
	                  " offerings o WHERE o.code = ?1",
	                  cause, DB_ARGS(DB_TEXT(offering)));

	if (rc != 1)
		return rc == 0 ? 2 : -1;
	rc = date_parse(db_column_text(st, 0), d) == 0 ? 0 : 1;
	db_finalize(st);
	return rc;
}

int
notices_write(struct db *db, char *const *offerings, size_t n, int results,
              enum notices_layout layout, const char *language, const struct notices_config *cfg,
              const char *path, long *pages, char **cause)
{
	struct date *drawn = xcalloc(n + 1, sizeof *drawn);
	db_stmt *as = NULL, *ss = NULL;
	struct doc d;
	int rc = -1, switched = 0;
	long count = 0;
	char *saved = NULL, speaking[4] = "";

	/* Every offering is checked before the file is begun. */
	for (size_t i = 0; i < n; i++) {
		int r = drawn_on(db, offerings[i], &drawn[i], cause);

		if (r == 2)
			set_cause(cause, _("no %s with code '%s'"), _("offering"), offerings[i]);
		else if (r == 1 && cause != NULL) {
			free(*cause);
			*cause = lottery_undrawn(db, offerings[i]);
		}
		if (r != 0) {
			free(drawn);
			return -1;
		}
		/* The day winners confirm by, as the call-down reckons it (lottery expire). */
		char *by = cfg->confirm_days > 0
		               ? lottery_confirm_by(db, offerings[i], cfg->confirm_days, cause)
		               : NULL;

		if (cfg->confirm_days > 0 && (by == NULL || date_parse(by, &drawn[i]) != 0)) {
			if (by != NULL || *cause == NULL)
				set_cause(cause, _("%s has not been drawn"), offerings[i]);
			free(by);
			free(drawn);
			return -1;
		}
		free(by);
	}
	/* Each page is in its reader's language, or every page in language: the catalogs
	 * switched page by page (only where the language changes), and back at the end. */
	saved = i18n_save();
	if (language != NULL) {
		i18n_set_language(language);
		snprintf(speaking, sizeof speaking, "%s", language);
		switched = 1;
	}
	if (layout == NOTICES_A4) {
		if (doc_open(&d, path, 210, 297, 20, cfg->font, _("Result of the class lottery"),
		             cause) != 0) {
			free(drawn);
			i18n_restore(saved);
			return -1;
		}
	} else if (doc_open(&d, path, 100, 148, 8, cfg->font, _("Result of the class lottery"),
	                    cause) != 0) {
		free(drawn);
		i18n_restore(saved);
		return -1;
	}
	if ((as = db_prepare(db, applicants_sql, cause)) == NULL ||
	    (ss = db_prepare(db, sessions_sql, cause)) == NULL)
		goto out;
	for (size_t i = 0; i < n; i++) {
		int step;

		db_reset(as);
		db_bind_text(as, 1, offerings[i]);
		db_bind_int(as, 2, results);
		while ((step = db_step(as)) == DB_ROW) {
			struct applicant a = {
			    .offering = db_column_dup(as, 0),
			    .person = db_column_dup(as, 1),
			    .name = db_column_dup(as, 2),
			    .status = db_column_dup(as, 3),
			    .position = db_column_int(as, 4),
			    .session = db_column_dup(as, 5),
			    .klass = db_column_dup(as, 6),
			    .venue = db_column_dup(as, 7),
			    .address = db_column_dup(as, 8),
			    .bring = db_column_dup(as, 9),
			    .language = db_column_dup(as, 10),
			    .confirm_by = drawn[i],
			};
			const char *lang = language != NULL ? language : a.language;

			if (strcmp(lang, speaking) != 0) {
				i18n_set_language(lang);
				snprintf(speaking, sizeof speaking, "%s", lang);
				switched = 1;
			}
			int r = notice_page(db, &d, &a, layout, cfg, strcmp(lang, "en") != 0, ss,
			                    cause);

			applicant_clear(&a);
			if (r != 0)
				goto out;
			count++;
		}
		if (step != DB_DONE) {
			db_cause(db, cause, "notices");
			goto out;
		}
	}
	/* What follows is said to the staff, in theirs. */
	i18n_restore(saved);
	saved = NULL;
	switched = 0;
	if (count == 0) {
		set_cause(cause, _("nobody to write a notice to: no applicant has that result"));
		goto out;
	}
	rc = 0;
out:
	if (switched)
		i18n_restore(saved);
	else
		free(saved);
	db_finalize(as);
	db_finalize(ss);
	free(drawn);
	return doc_finish(&d, rc, count, pages, cause);
}

/* ---- the roster ---- */

/* The head of a roster's page: the class, the day, the venue; then the table's title row. */
static const char *const roster_titles[] = {N_("No."),  N_("Code"),  N_("Name"),
                                            N_("Kana"), N_("Phone"), N_("Present")};

static void
roster_head(struct doc *d, db_stmt *hs, const char *era, const char *western, const char *session,
            const double *col, int ncols, double row)
{
	char *s;

	doc_new_page(d);
	doc_block(d, _("Class list (attendance)"), NAME, MM(2));
	doc_block(d, db_column_text(hs, 0), BODY, MM(1));
	s = xasprintf("%s (%s)  %s", era, western, session);
	doc_block(d, s, BODY, MM(1));
	free(s);
	s = *db_column_text(hs, 5)
	        ? xasprintf(_("Venue: %s, %s"), db_column_text(hs, 4), db_column_text(hs, 5))
	        : xasprintf(_("Venue: %s"), db_column_text(hs, 4));
	doc_block(d, s, BODY, MM(1));
	free(s);
	if (strcmp(db_column_text(hs, 6), "cancelled") == 0)
		doc_block(d, _("This session is cancelled."), BODY, MM(1));
	d->y += MM(3);
	for (int c = 0; c < ncols; c++)
		doc_cell(d, _(roster_titles[c]), BODY, col[c] + MM(1.5), d->y + MM(2),
		         col[c + 1] - col[c] - MM(3));
	pdf.cairo_rectangle(d->cr, col[0], d->y, col[ncols] - col[0], row);
	pdf.cairo_set_line_width(d->cr, 1.0);
	pdf.cairo_stroke(d->cr);
	d->y += row;
}

int
notices_roster(struct db *db, const char *session, const struct notices_config *cfg,
               const char *path, long *people, char **cause)
{
	db_stmt *hs = db_query(
	    db,
	    "SELECT " SQL_CLASS_TITLE ", s.date, s.start, s.duration_min, v.name, v.address,"
	    " s.status, o.code FROM sessions s JOIN offerings o ON o.id = s.offering_id JOIN "
	    "courses c"
	    " ON c.id = o.course_id JOIN venues v ON v.id = o.venue_id WHERE s.code = ?1",
	    cause, DB_ARGS(DB_TEXT(session)));
	db_stmt *ps = NULL;
	struct doc d;
	int rc = -1, step;
	long count = 0;

	if (hs == NULL)
		return -1;
	if ((step = db_step(hs)) != DB_ROW) {
		if (step == DB_DONE)
			set_cause(cause, _("no %s with code '%s'"), _("session"), session);
		else
			db_cause(db, cause, "roster");
		db_finalize(hs);
		return -1;
	}
	/* A4 across: the kana and a mobile number whole at 14 pt. */
	if (doc_open(&d, path, 297, 210, 15, cfg->font, _("Class list"), cause) != 0) {
		db_finalize(hs);
		return -1;
	}
	ps = db_query(db,
	              "SELECT p.code, p.name, p.kana, p.phone FROM applications a JOIN people p ON"
	              " p.id = a.person_id JOIN sessions s ON s.id = a.session_id WHERE s.code = ?1"
	              " AND a.status = 'won' ORDER BY p.kana_key, p.code",
	              cause, DB_ARGS(DB_TEXT(session)));
	if (ps == NULL)
		goto out;

	char *era, *western, *s;
	double w = d.width - 2 * d.margin;
	/* Columns: No., code, name, kana, phone, attended (a box to tick). */
	static const double col_mm[] = {15, 24, 44, 42, 40, 15};
	double col[7], row = MM(10);
	int ncols = 6, page_rows = 0;

	col[0] = d.margin;
	for (int i = 0; i < ncols; i++)
		col[i + 1] = col[i] + MM(col_mm[i]) * (w / MM(180));
	session_when(db_column_text(hs, 1), db_column_text(hs, 2), db_column_int(hs, 3), &era,
	             &western);

	roster_head(&d, hs, era, western, session, col, ncols, row);
	page_rows = 0;
	while ((step = db_step(ps)) == DB_ROW) {
		char no[24];
		const char *cells[6] = {no,
		                        db_column_text(ps, 0),
		                        db_column_text(ps, 1),
		                        db_column_text(ps, 2),
		                        db_column_text(ps, 3),
		                        ""};

		if (d.y + row > d.height - d.margin - MM(12) && page_rows > 0) {
			roster_head(&d, hs, era, western, session, col, ncols, row);
			page_rows = 0;
		}
		snprintf(no, sizeof no, "%ld", ++count);
		for (int c = 0; c < ncols; c++) {
			doc_cell(&d, cells[c], BODY, col[c] + MM(1.5), d.y + MM(2),
			         col[c + 1] - col[c] - MM(3));
			pdf.cairo_move_to(d.cr, col[c], d.y);
			pdf.cairo_line_to(d.cr, col[c], d.y + row);
		}
		pdf.cairo_move_to(d.cr, col[ncols], d.y);
		pdf.cairo_line_to(d.cr, col[ncols], d.y + row);
		pdf.cairo_move_to(d.cr, col[0], d.y + row);
		pdf.cairo_line_to(d.cr, col[ncols], d.y + row);
		/* The box to tick. */
		double bx = (col[ncols - 1] + col[ncols]) / 2 - MM(3);

		pdf.cairo_rectangle(d.cr, bx, d.y + MM(2), MM(6), MM(6));
		pdf.cairo_set_line_width(d.cr, 1.0);
		pdf.cairo_stroke(d.cr);
		d.y += row;
		page_rows++;
	}
	free(era);
	free(western);
	if (step != DB_DONE) {
		db_cause(db, cause, "roster");
		goto out;
	}
	d.y += MM(3);
	s = xasprintf(P_("%ld participant", "%ld participants", count), count);
	if (count == 0) {
		free(s);
		s = xstrdup(_("Nobody has a seat in this session."));
	}
	doc_block(&d, s, BODY, 0);
	free(s);
	rc = 0;
out:
	db_finalize(hs);
	db_finalize(ps);
	return doc_finish(&d, rc, count, people, cause);
}
