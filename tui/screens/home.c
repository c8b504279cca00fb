/* tui/screens/home.c: the home menu: the sections the signed-in role may open, and the totals
 * of the database. */
#include "config.h"
#include "tui/screens/home.h"

#include <stdlib.h>

#include "models/classes/classes.h"
#include "models/core/clock.h"
#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "models/staff/staff.h"
#include "tui/screens/audit.h"
#include "tui/screens/classes.h"
#include "tui/screens/consult.h"
#include "tui/screens/kiosk.h"
#include "tui/screens/login.h"
#include "tui/screens/lottery.h"
#include "tui/screens/people.h"
#include "tui/screens/reports.h"
#include "tui/screens/settings.h"
#include "tui/screens/staff.h"
#include "tui/ui/keys.h"
#include "tui/ui/screen.h"
#include "tui/ui/widgets.h"

static int
kiosk_preview(struct app *app)
{
	return kiosk_run(app, 1);
}

static const struct section {
	const char *title, *summary; /* N_() */
	int (*run)(struct app *);    /* 0 back, 1 quit */
	int need;                    /* the roles that see it (ROLE_BIT_s; an admin sees all) */
} sections[] = {
    {N_("Classes"), N_("Sessions, details, QR codes, calendar export"), classes_run,
     ROLE_BITS_DESK},
    {N_("Lotteries"), N_("Applications, draws, waiting lists, exports"), lottery_screen_run,
     ROLE_BIT_COORDINATOR},
    {N_("Consultations"), N_("Book, move and mark consultation slots, day by day"), consult_run,
     ROLE_BIT_RECEPTION},
    {N_("Reports"), N_("The city's tables, charts, consultations, demand"), reports_run,
     ROLE_BIT_COORDINATOR},
    {N_("Kiosk preview"), N_("What residents see in the lobby"), kiosk_preview, ROLE_BITS_ALL},
    {N_("Settings"), N_("Configuration files and the database"), settings_run, ROLE_BIT_ADMIN},
    {N_("Staff"), N_("Staff accounts, roles and PINs"), staff_screen_run, ROLE_BIT_ADMIN},
    {N_("Audit log"), N_("Who changed what, and when"), audit_run, ROLE_BIT_ADMIN},
    /* Last, so that the numbers of the sections before it stay as staff know them. */
    {N_("People"), N_("A resident's details and history; corrections"), people_run, ROLE_BITS_DESK},
};
#define NSECTIONS ((int)(sizeof sections / sizeof sections[0]))

struct home {
	int vis[NSECTIONS], nvis; /* the sections the role sees, by index into sections[] */
	int sel;
	struct overview_totals tot;
	char *error; /* why the totals could not be read */
};

static void
load(struct app *app, void *state)
{
	struct home *h = state;
	char *cause = NULL;

	free(h->error);
	h->error = NULL;
	if (overview_totals(app->db, &h->tot, &cause) != 0)
		h->error = xasprintf(_("Cannot read the database: %s"), cause);
	free(cause);
}

/* The sections the role sees now (it may change while the screens run). */
static void
visible_sections(struct app *app, struct home *h)
{
	h->nvis = 0;
	for (int i = 0; i < NSECTIONS; i++)
		if (staff_may(app->role, sections[i].need))
			h->vis[h->nvis++] = i;
	if (h->sel >= h->nvis)
		h->sel = h->nvis > 0 ? h->nvis - 1 : 0;
}

static void
draw(struct app *app, void *state)
{
	struct home *h = state;

	visible_sections(app, h);
	int y = 2, namew = 0;

	app_title(app, NULL);
	screen_text(y, 2, _("Menu"), COLS - 4, 0, ROLE_HEADER);
	y += 2;
	for (int i = 0; i < h->nvis; i++) {
		int w = text_width(_(sections[h->vis[i]].title));

		if (w > namew)
			namew = w;
	}
	/* Spread the menu over the height there is, one blank line apart when it fits. */
	int step = 4 + (h->nvis - 1) * 2 <= LINES - 6 ? 2 : 1;

	for (int i = 0; i < h->nvis; i++, y += step) {
		enum role r = ui_row(y, 2, COLS - 4, i == h->sel);
		char *line = xasprintf("%d  %s", i + 1, _(sections[h->vis[i]].title));

		screen_text(y, 3, line, COLS - 6, 0, r);
		screen_text(y, 3 + 3 + namew + 3, _(sections[h->vis[i]].summary),
		            COLS - (3 + 3 + namew + 3) - 3, 0, i == h->sel ? r : ROLE_DIM);
		free(line);
	}
	y = LINES - 4;
	if (h->error != NULL)
		screen_text(y, 2, h->error, COLS - 4, 0, ROLE_WARNING);
	else {
		char *s =
		    xasprintf(_("%ld sessions, %ld applications, %ld people, %ld consultation "
		                "bookings"),
		              h->tot.sessions, h->tot.applications, h->tot.people, h->tot.bookings);

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
}

/* The menu goes round: Up from the first is the last. */
static enum ui_next
up(struct app *app, void *state, wint_t ch)
{
	struct home *h = state;

	(void)app, (void)ch;
	h->sel = (h->sel + h->nvis - 1) % h->nvis;
	return UI_STAY;
}

static enum ui_next
down(struct app *app, void *state, wint_t ch)
{
	struct home *h = state;

	(void)app, (void)ch;
	h->sel = (h->sel + 1) % h->nvis;
	return UI_STAY;
}

static enum ui_next
first_or_last(struct app *app, void *state, wint_t ch)
{
	struct home *h = state;

	(void)app;
	h->sel = ch == KEY_HOME ? 0 : h->nvis - 1;
	return UI_STAY;
}

/* Enter opens the chosen section, a digit the one of its number. */
static enum ui_next
open_section(struct app *app, void *state, wint_t ch)
{
	struct home *h = state;

	if (ch >= '1' && ch <= '9') {
		if ((int)(ch - '1') >= h->nvis)
			return UI_STAY;
		h->sel = (int)(ch - '1');
	}
	return sections[h->vis[h->sel]].run(app) != 0 ? UI_QUIT : UI_RELOAD;
}

/* u: someone else signs in, without leaving sumaho. */
static enum ui_next
switch_user(struct app *app, void *state, wint_t ch)
{
	(void)state, (void)ch;
	app->signed_out = "switch user";
	return UI_QUIT;
}

static int
signed_in(struct app *app, void *state)
{
	(void)state;
	return *app->staff_login != '\0';
}

static int
number_of_sections(struct app *app, void *state)
{
	(void)app;
	return ((struct home *)state)->nvis;
}

static const struct ui_key keys[] = {
    {.code = KEY_UP, .hint = N_("Up/Down: choose"), .run = up},
    {.code = KEY_BTAB, .run = up},
    {.ch = 'k', .run = up},
    {.code = KEY_DOWN, .run = down},
    {.ch = 'j', .run = down},
    {.ch = '\t', .run = down},
    {.code = KEY_HOME, .run = first_or_last},
    {.code = KEY_END, .run = first_or_last},
    UI_KEYS_ENTER(N_("Enter: open"), 0, open_section),
    {.code = KEY_RIGHT, .run = open_section},
    {.ch = '1', .ch_last = '9', .hint = N_("1-%d: open directly"), .run = open_section},
    {.ch = 'u', .hint = N_("u: switch user"), .run = switch_user, .when = signed_in},
    UI_KEYS_QUIT(ui_hint_quit, 0),
};

static const struct ui_screen screen = {UI_KEYS(keys), .hint_lines = 1,
                                        .sep = "   ",  .load = load,
                                        .draw = draw,  .hint_number = number_of_sections};

int
home_run(struct app *app)
{
	app->session = 1;
	for (;;) {
		struct home h = {.nvis = 0};

		/* Each role sees its own screens; the audit log names the staff member. A
		 * terminal left at the sign-in waits there, however long. */
		if (login_required(app) && *app->staff_login == '\0') {
			struct staff who;

			screen_prompt_timeout(0);
			if (login_run(app, "screens", 0, &who) != 0)
				break;
			snprintf(app->staff_login, sizeof app->staff_login, "%s", who.login);
			snprintf(app->staff_name, sizeof app->staff_name, "%s", who.name);
			app->actor = app->staff_login;
			app->role = who.role;
		}
		/* A prompt left open as long as the idle time gives up, and the screen signs out.
		 */
		screen_prompt_timeout(app->settings.idle_signout);
		screen_last_key = clock_now();
		app->signed_out = NULL;
		ui_screen_run(app, &screen, &h);
		free(h.error);
		if (screen_terminal_lost && *app->staff_login != '\0')
			staff_logout(app->db, app->staff_login, "terminal lost", NULL);
		if (app->signed_out == NULL || screen_quit_requested)
			break;
		if (*app->staff_login != '\0')
			staff_logout(app->db, app->staff_login, app->signed_out, NULL);
		app_sign_out(app);
	}
	app->session = 0;
	return 0;
}
