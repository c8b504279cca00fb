/* tui/screens/lottery.c: the Lotteries screen: offerings, their applications, entries at the counter,
 * draws (several offerings as one round), verification, cancellations with promotion, and
 * exports, as sumaho apply and sumaho lottery do. */
#include "config.h"
#include "tui/screens/lottery.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/core/i18n.h"
#include "models/lottery/lottery.h"
#include "models/people/people.h"
#include "models/formats/table.h"
#include "models/core/text.h"
#include "models/core/util.h"
#include "tui/app.h"
#include "tui/screens/setup.h"
#include "tui/ui/screen.h"
#include "tui/ui/widgets.h"

/* Write what fill produces to a file the user names; the message says what happened. */
static char *
export_file(struct app *app, const char *offering, int list)
{
	char *initial = xasprintf(list ? "%s-lists.txt" : "%s-draw.csv", offering);
	char *path = screen_prompt(list ? _("Write the lists per session to:")
	                                : _("Write the draw (CSV for the mail merge) to:"),
	                           initial);
	char *cause = NULL, *msg;
	struct lottery_round r;
	FILE *f;

	free(initial);
	if (path == NULL || *path == '\0') {
		free(path);
		return NULL;
	}
	if (lottery_round_of(app->db, offering, &r, &cause) != 0) {
		free(path);
		msg = cause ? cause : xasprintf(_("%s has not been drawn"), offering);
		return msg;
	}
	/* Names and phone numbers: the file is the user's only. */
	char *tmp = xasprintf("%s.XXXXXX", path);
	int fd = mkstemp(tmp);

	if (fd < 0 || (f = fdopen(fd, "w")) == NULL) {
		msg = xasprintf(_("%s: cannot write: %s"), path, strerror(errno));
		if (fd >= 0)
			close(fd), unlink(tmp);
		goto out;
	}
	int ok;

	if (list) {
		struct strlist lines = {0};

		fprintf(f, "%s\n\n", offering);
		ok = lottery_session_lists(app->db, offering, app->settings.date_style, 100, &lines,
		                           &cause) == 0;
		for (size_t i = 0; i < lines.n; i++)
			fprintf(f, "%s\n", lines.v[i]);
		strlist_clear(&lines);
	} else {
		struct table *t = lottery_export(app->db, r.id, &cause);

		ok = t != NULL && table_write_csv(t, f, CSV_UTF8_BOM, &cause) == 0;
		table_free(t);
	}
	if (fclose(f) != 0 && ok) {
		ok = 0;
		cause = xasprintf(_("%s: cannot write: %s"), path, strerror(errno));
	}
	if (ok && rename(tmp, path) == 0)
		msg = xasprintf(_("Written to %s"), path);
	else {
		unlink(tmp);
		msg = cause ? xstrdup(cause) : xasprintf(_("%s: cannot write: %s"), path,
		                                        strerror(errno));
	}
out:
	free(cause);
	free(tmp);
	free(path);
	lottery_round_free(&r);
	return msg;
}

/* Draw the offerings (one round); the message says how it went. */
static char *
draw(struct app *app, char **codes, size_t n, int redraw)
{
	struct lottery_config cfg = app_lottery_config(app);
	struct lottery_round r;
	char *cause = NULL, *q;

	q = n == 1 ? xasprintf(redraw ? _("Draw %s again? The earlier draw is kept in the history.")
	                              : _("Draw %s now?"),
	                       codes[0])
	           : xasprintf(_("Draw these %zu offerings now, as one round?"), n);
	int yes = ui_confirm(q);

	free(q);
	if (!yes)
		return NULL;
	if (lottery_run(app->db, codes, n, NULL, redraw, &cfg, &r, &cause) != 0) {
		char *m = xasprintf(_("Not drawn: %s"), cause);

		free(cause);
		return m;
	}
	long won = 0, waiting = 0, lost = 0;

	for (size_t i = 0; i < r.n; i++) {
		won += r.v[i].won;
		waiting += r.v[i].waiting;
		lost += r.v[i].lost;
	}
	char *m = xasprintf(_("Drawn: %ld won, %ld waiting, %ld lost. Seed %.16s…"), won, waiting,
	                    lost, r.seed);

	lottery_round_free(&r);
	return m;
}

/* The page of one offering; 0 back, 1 quit. */
static int
offering_run(struct app *app, const char *code)
{
	struct table *t = NULL;
	struct strlist lines = {0};
	size_t cur = 0, top = 0;
	int reload = 1, width = -1, quit = 0;
	char *msg = NULL;
	struct lottery_round r;
	int drawn = 0;

	memset(&r, 0, sizeof r);
	for (;;) {
		int is_code, rc;
		wint_t ch;

		if (reload || width != COLS - 4) {
			char *cause = NULL;

			table_free(t);
			strlist_clear(&lines);
			lottery_round_free(&r);
			width = COLS - 4;
			drawn = lottery_round_of(app->db, code, &r, NULL) == 0;
			t = lottery_applications(app->db, code, &cause);
			if (t != NULL)
				table_format(t, width, &lines);
			else {
				free(msg);
				msg = xasprintf(_("Cannot read the database: %s"), cause);
			}
			free(cause);
			reload = 0;
		}
		size_t nrows = t ? t->nrows : 0, rows = 1;

		if (cur >= nrows)
			cur = nrows ? nrows - 1 : 0;
		if (!screen_big_enough())
			screen_draw_too_small();
		else {
			erase();
			app_title(app, _("Lotteries"));
			const struct lottery_offering *o = NULL;

			for (size_t i = 0; i < r.n; i++)
				if (strcmp(r.v[i].code, code) == 0)
					o = &r.v[i];
			screen_text(2, 2, code, COLS - 4, 0, ROLE_HEADER);
			if (drawn && o != NULL) {
				char *s = xasprintf(_("Drawn %s by %s; seed %.16s…"), r.run_at, r.run_by,
				                    r.seed);

				screen_text(3, 2, s, COLS - 4, 0, ROLE_NORMAL);
				free(s);
				s = xasprintf(_("%ld applicants for %d seats: %ld won, %ld waiting, %ld lost"),
				              o->applicants, o->capacity, o->won, o->waiting, o->lost);
				screen_text(4, 2, s, COLS - 4, 0, ROLE_NORMAL);
				free(s);
			} else {
				char *s = xasprintf(P_("Not drawn yet: %zu application",
				                       "Not drawn yet: %zu applications", nrows),
				                    nrows);

				screen_text(3, 2, s, COLS - 4, 0, ROLE_NORMAL);
				free(s);
			}
			if (nrows == 0)
				screen_text(6, 2, _("No applications yet: a enters one."), COLS - 4, 0,
				            ROLE_DIM);
			else {
				rows = ui_list(&lines, nrows, &top, cur, 6, LINES - 5, 3, NULL);
				char *pos = xasprintf(_("%zu of %zu"), cur + 1, nrows);

				screen_text_right(LINES - 5, COLS - 1, pos, ROLE_DIM);
				free(pos);
			}
			if (msg != NULL)
				ui_message(LINES - 4, msg, 1);
			ui_keys(_("Up/Down: choose  a: new application  c: cancel it  d: draw  R: draw "
			          "again"),
			        _("v: verify the draw  x: export CSV  p: lists per session  Esc: back"),
			        NULL);
		}
		rc = ui_next_key(&is_code, &ch, &quit);
		if (rc < 0)
			break;
		if (rc == 0)
			continue;
		if (screen_move_key(is_code, ch, &cur, rows, nrows ? nrows - 1 : 0) || is_code)
			continue;
		char *m = NULL, *cause = NULL;
		const char *person = nrows ? table_key(t, cur) : NULL;

		if (ch == 'a') {
			struct person p;
			char *title = xasprintf(_("Application to %s"), code);

			if (ui_pick_person(app, _("Lotteries"), title, &p) == 0) {
				char *c = screen_prompt(_("Choice (1 = first choice):"), "1");
				struct lottery_config cfg = app_lottery_config(app);
				char *why = NULL;

				if (c != NULL) {
					int choice = atoi(c);

					if (lottery_apply(app->db, code, p.id, choice, "counter",
					                  &app->today, &cfg, &why, &cause) != 0)
						m = xasprintf(_("Not recorded: %s"), cause);
					else if (why != NULL)
						m = xasprintf(_("Recorded as ineligible: %s (%s)"), p.name,
						              why);
					else
						m = xasprintf(_("Application recorded: %s, choice %d"),
						              p.name, choice);
				}
				free(c);
				free(why);
				person_free(&p);
			}
			free(title);
		} else if (ch == 'c' && person != NULL) {
			char *q = xasprintf(_("Cancel the application of %s?"), person);

			if (ui_confirm(q)) {
				struct lottery_config cfg = app_lottery_config(app);
				char *promoted = NULL;

				if (lottery_cancel(app->db, code, person, &cfg, &promoted, &cause) != 0)
					m = xasprintf(_("Not cancelled: %s"), cause);
				else if (promoted != NULL)
					m = xasprintf(_("Cancelled. %s moves up from the waiting list and "
					                "wins the seat (繰り上げ当選)."),
					              promoted);
				else
					m = xstrdup(_("Cancelled."));
				free(promoted);
			}
			free(q);
		} else if (ch == 'd' && drawn) {
			m = xasprintf(_("%s has been drawn already: R draws it again (the earlier draw "
			                "is kept in the history)."),
			              code);
		} else if (ch == 'd' || ch == 'R') {
			char *codes[1] = {(char *)code};

			m = draw(app, codes, 1, ch == 'R');
		} else if (ch == 'v') {
			struct strlist problems = {0};
			int v = drawn ? lottery_verify(app->db, r.id, &problems, &cause) : -1;

			m = !drawn   ? xasprintf(_("%s has not been drawn"), code)
			    : v == 0 ? xstrdup(_("Verified: every result follows from the seed and the "
			                         "recorded applications."))
			    : v > 0 ? xasprintf(_("Verification failed: %s"), problems.v[0])
			            : xasprintf(_("Cannot verify: %s"), cause);
			strlist_clear(&problems);
		} else if (ch == 'x' || ch == 'p')
			m = export_file(app, code, ch == 'p');
		else
			continue;
		free(cause);
		if (m != NULL) {
			free(msg);
			msg = m;
		}
		reload = 1;
	}
	free(msg);
	lottery_round_free(&r);
	strlist_clear(&lines);
	table_free(t);
	return quit;
}

int
lottery_screen_run(struct app *app)
{
	struct table *t = NULL;
	struct strlist lines = {0};
	unsigned char *marks = NULL;
	size_t cur = 0, top = 0;
	int reload = 1, width = -1, quit = 0;
	char *msg = NULL;

	for (;;) {
		int is_code, rc;
		wint_t ch;

		if (reload || width != COLS - 4) {
			char *cause = NULL;

			table_free(t);
			strlist_clear(&lines);
			width = COLS - 4;
			t = lottery_offerings(app->db, &app->today, &cause);
			if (t != NULL) {
				table_format(t, width, &lines);
				if (reload) {
					free(marks);
					marks = xcalloc(t->nrows + 1, 1);
				}
			} else {
				free(msg);
				msg = xasprintf(_("Cannot read the database: %s"), cause);
			}
			free(cause);
			reload = 0;
		}
		size_t nrows = t ? t->nrows : 0, rows = 1, nmarked = 0;

		for (size_t i = 0; i < nrows; i++)
			nmarked += marks[i];
		if (cur >= nrows)
			cur = nrows ? nrows - 1 : 0;
		if (!screen_big_enough())
			screen_draw_too_small();
		else {
			erase();
			app_title(app, _("Lotteries"));
			if (nrows == 0)
				screen_text(2, 2, _("No classes take applications yet: n adds an offering."),
				            COLS - 4, 0, ROLE_NORMAL);
			else {
				rows = ui_list(&lines, nrows, &top, cur, 2, LINES - 5, 3, marks);
				char *pos = nmarked ? xasprintf(P_("%zu marked for one round",
				                                   "%zu marked for one round", nmarked),
				                                nmarked)
				                    : xasprintf(_("%zu of %zu"), cur + 1, nrows);

				screen_text_right(LINES - 5, COLS - 1, pos, ROLE_DIM);
				free(pos);
			}
			if (msg != NULL)
				ui_message(LINES - 4, msg, 1);
			ui_keys(_("Up/Down: choose  Enter: open  Space: mark  d: draw (the marked as one "
			          "round)"),
			        _("n: new offering  e: edit  c: cancel  Esc: back  q: quit"), NULL);
		}
		rc = ui_next_key(&is_code, &ch, &quit);
		if (rc < 0)
			break;
		if (rc == 0)
			continue;
		if (!is_code && ch == ' ' && nrows) {
			marks[cur] = !marks[cur];
			if (cur + 1 < nrows)
				cur++;
			continue;
		}
		if (screen_move_key(is_code, ch, &cur, rows, nrows ? nrows - 1 : 0))
			continue;
		const char *code = nrows ? table_key(t, cur) : NULL;
		char *m = NULL;

		if (code != NULL &&
		    ((is_code && ch == KEY_ENTER) || (!is_code && (ch == '\r' || ch == '\n')))) {
			if (offering_run(app, code)) {
				quit = 1;
				break;
			}
		} else if (is_code)
			continue;
		else if (ch == 'd' && code != NULL) {
			char **codes = xcalloc(nrows + 1, sizeof *codes);
			size_t n = 0;

			for (size_t i = 0; i < nrows; i++)
				if (marks[i])
					codes[n++] = (char *)table_key(t, i);
			if (n == 0)
				codes[n++] = (char *)code;
			m = draw(app, codes, n, 0);
			free(codes);
		} else if (ch == 'n')
			record_form(app, "offering", NULL, &m);
		else if (ch == 'e' && code != NULL)
			record_form(app, "offering", code, &m);
		else if (ch == 'c' && code != NULL)
			record_cancel_ask(app, "offering", code, &m);
		else
			continue;
		if (m != NULL) {
			free(msg);
			msg = m;
		}
		reload = 1;
	}
	free(msg);
	free(marks);
	strlist_clear(&lines);
	table_free(t);
	return quit;
}
