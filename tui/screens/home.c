/* tui/screens/home.c: the home screen and the sections it opens. */
#include "config.h"
#include "tui/screens/home.h"

#include <stdlib.h>
#include <string.h>

#include "models/audit/audit.h"
#include "models/core/i18n.h"
#include "models/classes/classes.h"
#include "models/reports/report.h"
#include "models/formats/table.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "models/audit/audit.h"
#include "models/staff/staff.h"
#include "tui/screens/classes.h"
#include "tui/screens/consult.h"
#include "tui/screens/kiosk.h"
#include "tui/screens/lottery.h"
#include "tui/ui/screen.h"
#include "tui/ui/widgets.h"
#include "tui/screens/staff.h"

/* Fill lines with what a section shows at this width; on error add the message instead. */
typedef void (*section_fill)(struct app *, int width, struct strlist *lines);

static void
add_table(struct strlist *lines, struct table *t, int width, const char *cause, const char *empty)
{
	if (t == NULL) {
		strlist_addf(lines, _("Cannot read the database: %s"), cause ? cause : "");
		return;
	}
	if (t->nrows == 0)
		strlist_add(lines, xstrdup(empty));
	else
		table_format(t, width, lines);
	table_free(t);
}

/* Half years before (negative) or after the one the Reports section starts from. */
static int report_shift;

static int
reports_key(wint_t ch)
{
	if (ch == '[')
		report_shift--;
	else if (ch == ']')
		report_shift++;
	else
		return 0;
	return 1;
}

/* The city's half year (April-September or October-March) holding the later of today and the
 * last class session; for the demo database that is April-September 2022. */
static void
fill_reports(struct app *app, int width, struct strlist *lines)
{
	char *cause = NULL;
	struct date ref = app->today, last;
	struct table *t;

	if (sessions_last_date(app->db, &last) == 0 &&
	    last.year * 12 + last.month < ref.year * 12 + ref.month)
		ref = last;
	/* [ and ] step through the half years from there. */
	int months = ref.year * 12 + ref.month - 1 + report_shift * 6;

	ref.year = months / 12;
	ref.month = months % 12 + 1;
	int m0 = ref.month >= 4 && ref.month <= 9 ? 4 : 10;
	int y0 = ref.month >= 4 ? ref.year : ref.year - 1;
	int y1 = m0 == 4 ? y0 : y0 + 1, m1 = m0 == 4 ? 9 : 3;
	char *from = date_format_month(y0, m0, app->settings.date_style),
	     *to = date_format_month(y1, m1, app->settings.date_style);

	strlist_addf(lines, _("Period: %s to %s"), from, to);
	free(from);
	free(to);
	strlist_add(lines, xstrdup(""));
	t = report_monthly(app->db, y0, m0, y1, m1, app->settings.date_style, &cause);
	if (t != NULL) {
		table_format(t, width, lines);
		strlist_add(lines, xstrdup(""));
		report_chart(t, width, lines);
		table_free(t);
	} else
		add_table(lines, NULL, width, cause, "");
	free(cause);
	cause = NULL;
	strlist_add(lines, xstrdup(""));
	t = report_classes(app->db, y0, m0, y1, m1, &cause);
	add_table(lines, t, width, cause, _("No classes in this period."));
	free(cause);
	cause = NULL;
	strlist_add(lines, xstrdup(""));
	strlist_add(lines, xstrdup(_("Consultations by venue and topic")));
	t = report_consultations(app->db, y0, m0, y1, m1, &cause);
	add_table(lines, t, width, cause, _("No consultations in this period."));
	free(cause);
	cause = NULL;
	strlist_add(lines, xstrdup(""));
	strlist_add(lines, xstrdup(_("Demand: applicants per seat")));
	t = report_demand(app->db, y0, m0, y1, m1, &cause);
	add_table(lines, t, width, cause, _("No classes in this period."));
	free(cause);
}

static int
kiosk_preview(struct app *app)
{
	return kiosk_run(app, 1);
}

/* The audit log's latest entries, newest first. */
#define AUDIT_ROWS 2000

static void
fill_audit(struct app *app, int width, struct strlist *lines)
{
	char *cause = NULL;
	int64_t n = audit_count(app->db, NULL);
	struct table *t = audit_list(app->db, AUDIT_ROWS, &cause);

	if (n > AUDIT_ROWS)
		strlist_addf(lines,
		             _("The latest %d of %lld entries; sumaho audit lists them all."),
		             AUDIT_ROWS, (long long)n);
	add_table(lines, t, width, cause, _("The audit log is empty."));
	free(cause);
}

static void
fill_settings(struct app *app, int width, struct strlist *lines)
{
	const struct settings *s = &app->settings;
	char *cause = NULL;
	int version = db_schema_version(app->db, &cause);

	(void)width;
	strlist_addf(lines, _("Database: %s"), app->db_path);
	strlist_addf(lines, _("Schema version: %d"), version);
	strlist_add(lines, xstrdup(""));
	strlist_add(lines, xstrdup(_("Configuration files read:")));
	if (s->files.n == 0)
		strlist_add(lines, xstrdup(_("  (none: defaults in use)")));
	for (size_t i = 0; i < s->files.n; i++)
		strlist_addf(lines, "  %s", s->files.v[i]);
	strlist_add(lines, xstrdup(""));
	strlist_add(lines, xstrdup(_("Settings in effect:")));
	struct strlist desc = {0};

	settings_describe(s, &desc);
	for (size_t i = 0; i < desc.n; i++)
		strlist_addf(lines, "  %s", desc.v[i]);
	strlist_clear(&desc);
	if (s->warnings.n > 0) {
		strlist_add(lines, xstrdup(""));
		strlist_add(lines, xstrdup(_("Warnings:")));
		for (size_t i = 0; i < s->warnings.n; i++)
			strlist_addf(lines, "  %s", s->warnings.v[i]);
	}
	free(cause);
}

static const struct section {
	const char *title, *summary;
	section_fill fill;        /* a read-only list, or */
	int (*run)(struct app *); /* a screen of its own: 0 back, 1 quit */
	int (*key)(wint_t);       /* keys of the list's own: nonzero when it must be filled again */
	const char *keys;         /* N_(): the key help of the list */
	int need;                 /* the roles that see it (ROLE_BIT_s; an admin sees all) */
} sections[] = {
    {N_("Classes"), N_("Sessions, details, QR codes, calendar export"), NULL, classes_run, NULL,
     NULL, ROLE_BIT_RECEPTION | ROLE_BIT_COORDINATOR},
    {N_("Lotteries"), N_("Applications, draws, waiting lists, exports"), NULL, lottery_screen_run,
     NULL, NULL, ROLE_BIT_COORDINATOR},
    {N_("Consultations"), N_("Book, move and mark consultation slots, day by day"), NULL,
     consult_run, NULL, NULL, ROLE_BIT_RECEPTION},
    {N_("Reports"), N_("The city's tables, charts, consultations, demand"), fill_reports, NULL,
     reports_key, N_("Up/Down/PgUp/PgDn: scroll  [ ]: previous/next half year  Esc: back  q: quit"),
     ROLE_BIT_COORDINATOR},
    {N_("Kiosk preview"), N_("What residents see in the lobby"), NULL, kiosk_preview, NULL, NULL,
     ROLE_BITS_ALL},
    {N_("Settings"), N_("Configuration files and the database"), fill_settings, NULL, NULL, NULL,
     ROLE_BIT_ADMIN},
    {N_("Staff"), N_("Staff accounts, roles and PINs"), NULL, staff_screen_run, NULL, NULL,
     ROLE_BIT_ADMIN},
    {N_("Audit log"), N_("Who changed what, and when"), fill_audit, NULL, NULL,
     N_("Up/Down/PgUp/PgDn: scroll   Esc or Left: back   q: quit"), ROLE_BIT_ADMIN},
};
#define NSECTIONS ((int)(sizeof sections / sizeof sections[0]))

/* The sections the signed-in role sees, by index into sections[]; returns how many. */
static int
visible_sections(const struct app *app, int *out)
{
	int n = 0;

	for (int i = 0; i < NSECTIONS; i++)
		if (staff_may(app->role, sections[i].need))
			out[n++] = i;
	return n;
}

static void
draw_home(struct app *app, int sel, const struct overview_totals *tot, const char *error)
{
	int y = 2, namew = 0, vis[NSECTIONS], nvis = visible_sections(app, vis);

	erase();
	app_title(app, NULL);
	screen_text(y, 2, _("Menu"), COLS - 4, 0, ROLE_HEADER);
	y += 2;
	for (int i = 0; i < nvis; i++) {
		int w = text_width(_(sections[vis[i]].title));

		if (w > namew)
			namew = w;
	}
	/* Spread the menu over the height there is, one blank line apart when it fits. */
	int step = 4 + (nvis - 1) * 2 <= LINES - 6 ? 2 : 1;

	for (int i = 0; i < nvis; i++, y += step) {
		enum role r = i == sel ? ROLE_SELECTED : ROLE_NORMAL;
		char *line = xasprintf("%d  %s", i + 1, _(sections[vis[i]].title));

		if (i == sel) {
			attrset(screen_attr(r));
			mvhline(y, 2, ' ', COLS - 4);
			attrset(A_NORMAL);
		}
		screen_text(y, 3, line, COLS - 6, 0, r);
		screen_text(y, 3 + 3 + namew + 3, _(sections[vis[i]].summary),
		            COLS - (3 + 3 + namew + 3) - 3, 0, i == sel ? r : ROLE_DIM);
		free(line);
	}
	y = LINES - 4;
	if (error != NULL)
		screen_text(y, 2, error, COLS - 4, 0, ROLE_WARNING);
	else {
		char *s =
		    xasprintf(_("%ld sessions, %ld applications, %ld people, %ld consultation "
		                "bookings"),
		              tot->sessions, tot->applications, tot->people, tot->bookings);

		screen_text(y, 2, s, COLS - 4, 0, ROLE_NORMAL);
		free(s);
	}
	if (app->settings.warnings.n > 0) {
		char *w = xasprintf(P_("%zu configuration warning: see Settings",
		                       "%zu configuration warnings: see Settings",
		                       app->settings.warnings.n),
		                    app->settings.warnings.n);

		screen_text(y + 1, 2, w, COLS - 4, 0, ROLE_WARNING);
		free(w);
	}
	char *keys =
	    xasprintf(_("Up/Down: choose   Enter: open   1-%d: open directly   q: quit"), nvis);

	screen_bar(LINES - 1, keys, NULL, ROLE_KEYS);
	free(keys);
}

/* Nonzero if line i is a table's rule of dashes. */
static int
is_rule(const struct strlist *lines, size_t i)
{
	return i < lines->n && lines->v[i][0] == '-' &&
	       strspn(lines->v[i], "-") == strlen(lines->v[i]);
}

/* Lines that stay at the top while the rest scrolls: a list's heading and its rule. */
static size_t
pinned_lines(const struct strlist *lines)
{
	return is_rule(lines, 1) ? 2 : 0;
}

static void
draw_section(struct app *app, int s, const struct strlist *lines, size_t top)
{
	size_t pin = pinned_lines(lines);
	int rows = LINES - 4 - (int)pin;

	erase();
	app_title(app, _(sections[s].title));
	for (size_t i = 0; i < pin; i++)
		screen_text(2 + (int)i, 1, lines->v[i], COLS - 2, 0,
		            i == 0 ? ROLE_HEADER : ROLE_NORMAL);
	for (int i = 0; i < rows && pin + top + (size_t)i < lines->n; i++) {
		/* A table's heading is the line above its rule of dashes. */
		size_t n = pin + top + (size_t)i;
		enum role r =
		    is_rule(lines, n + 1) && lines->v[n][0] != '-' ? ROLE_HEADER : ROLE_NORMAL;

		screen_text(2 + (int)pin + i, 1, lines->v[n], COLS - 2, 0, r);
	}
	size_t body = lines->n - pin;

	if (body > (size_t)rows) {
		char *pos = xasprintf(_("lines %zu-%zu of %zu"), top + 1,
		                      top + (size_t)rows < body ? top + (size_t)rows : body, body);

		screen_text_right(LINES - 2, COLS - 1, pos, ROLE_DIM);
		free(pos);
	}
	screen_bar(LINES - 1,
	           sections[s].keys ? _(sections[s].keys)
	                            : _("Up/Down/PgUp/PgDn: scroll   Esc or Left: back   q: quit"),
	           NULL, ROLE_KEYS);
}

/* Show section s until the user goes back (0) or quits (1). */
static int
run_section(struct app *app, int s)
{
	struct strlist lines = {0};
	size_t top = 0;
	int width = -1;

	for (;;) {
		int is_code, rc;
		wint_t ch;

		if (!screen_big_enough())
			screen_draw_too_small();
		else {
			if (width != COLS - 2) {
				width = COLS - 2;
				strlist_clear(&lines);
				sections[s].fill(app, width, &lines);
			}
			size_t pin = pinned_lines(&lines), rows = (size_t)(LINES - 4) - pin;
			size_t body = lines.n - pin, max_top = body > rows ? body - rows : 0;

			if (top > max_top)
				top = max_top;
			draw_section(app, s, &lines, top);
		}
		refresh();
		rc = screen_getkey(&is_code, &ch);
		if (screen_quit_requested) {
			strlist_clear(&lines);
			return 1;
		}
		if (rc == ERR)
			continue;
		size_t page = LINES > 6 ? (size_t)(LINES - 5) : 1;

		enum screen_nav nav = screen_nav_key(is_code, ch);

		if (nav != NAV_NONE) {
			strlist_clear(&lines);
			return nav == NAV_QUIT;
		}
		if (screen_move_key(is_code, ch, &top, page, lines.n))
			continue;
		if (!is_code && sections[s].key != NULL && screen_big_enough() &&
		    sections[s].key(ch)) {
			width = -1; /* fill again */
			top = 0;
		}
	}
}

int
home_run(struct app *app)
{
	struct overview_totals tot = {0};
	char *error = NULL;
	int sel = 0, loaded = 0, vis[NSECTIONS], nvis = visible_sections(app, vis);

	for (;;) {
		int is_code, rc;
		wint_t ch;

		if (!loaded) {
			free(error);
			error = NULL;
			if (overview_totals(app->db, &tot, &error) != 0) {
				char *e = xasprintf(_("Cannot read the database: %s"), error);

				free(error);
				error = e;
			}
			loaded = 1;
		}
		if (screen_big_enough())
			draw_home(app, sel, &tot, error);
		else
			screen_draw_too_small();
		refresh();
		rc = screen_getkey(&is_code, &ch);
		if (screen_quit_requested)
			break;
		if (rc == ERR)
			continue;
		int open = -1;

		if (is_code) {
			if (ch == KEY_UP || ch == KEY_BTAB)
				sel = (sel + nvis - 1) % nvis;
			else if (ch == KEY_DOWN)
				sel = (sel + 1) % nvis;
			else if (ch == KEY_HOME)
				sel = 0;
			else if (ch == KEY_END)
				sel = nvis - 1;
			else if (ch == KEY_ENTER || ch == KEY_RIGHT)
				open = sel;
		} else if (ch == 'q' || ch == 'Q')
			break;
		else if (ch == 'k')
			sel = (sel + nvis - 1) % nvis;
		else if (ch == 'j' || ch == '\t')
			sel = (sel + 1) % nvis;
		else if (ch == '\r' || ch == '\n')
			open = sel;
		else if (ch >= '1' && ch < '1' + (wint_t)nvis)
			open = sel = (int)(ch - '1');
		if (open >= 0 && screen_big_enough()) {
			int s = vis[open];

			if ((sections[s].run ? sections[s].run(app) : run_section(app, s)) != 0)
				break;
			loaded = 0;
		}
	}
	free(error);
	return 0;
}
