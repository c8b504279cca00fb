/* tui/cli/consult.c: sumaho slots ... and sumaho people ...; the same models functions as the
 * consultation screen. */
#include "config.h"
#include "tui/cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/people/people.h"
#include "models/reports/report.h"
#include "models/consult/slots.h"
#include "models/formats/table.h"
#include "models/core/text.h"
#include "models/core/util.h"

/* sumaho slots template [VENUE [SPEC]] */
static int
slots_template(struct app *app, int argc, char **argv)
{
	struct slot_venue_list venues;
	char *cause = NULL;

	if (argc > 3)
		return usage_error("slots", N_("template [VENUE [SPEC]]"));
	if (argc == 3) {
		if (slot_template_save(app->db, argv[1], argv[2], app->actor, &cause) != 0) {
			warnx_(_("%s: template not saved"), argv[1]);
			return fail_with(cause);
		}
	}
	if (slot_venues(app->db, 1, &venues, &cause) != 0)
		return fail_with(cause);
	const char *hdr[] = {N_("Venue"), N_("Name"), N_("Template")};
	struct table *t = table_new_i18n(3, hdr, "lll");
	int found = argc == 1;

	for (size_t i = 0; i < venues.n; i++) {
		const struct slot_venue *v = &venues.v[i];

		if (argc >= 2 && strcmp(v->code, argv[1]) != 0)
			continue;
		found = 1;
		table_add_row(t, (const char *const[]){v->code, v->name,
		                                       v->spec ? v->spec : _("(none)")});
	}
	slot_venue_list_free(&venues);
	if (!found) {
		table_free(t);
		warnx_(_("no venue with code '%s'"), argv[1]);
		return EXIT_FAIL;
	}
	print_table(t);
	table_free(t);
	return EXIT_OK;
}

/* sumaho slots generate --from DATE --to DATE [--venue CODE] [--template SPEC] */
static int
slots_generate_cmd(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {{"from", required_argument, NULL, 'f'},
	                                     {"to", required_argument, NULL, 't'},
	                                     {"venue", required_argument, NULL, 'v'},
	                                     {"template", required_argument, NULL, 'T'},
	                                     {NULL, 0, NULL, 0}};
	static const char usage[] =
	    N_("generate --from DATE --to DATE [--venue CODE] [--template SPEC]");
	struct date from = {0}, to = {0};
	const char *venue = NULL, *spec = NULL;
	struct slot_gen_result r;
	char *cause = NULL;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'f' || c == 't') {
			if (date_option(c == 'f' ? "--from" : "--to", optarg,
			                c == 'f' ? &from : &to) != 0)
				return EXIT_USAGE;
		} else if (c == 'v')
			venue = optarg;
		else if (c == 'T')
			spec = optarg;
		else
			return usage_error("slots", usage);
	}
	if (optind != argc || from.year == 0 || to.year == 0)
		return usage_error("slots", usage);
	if (slots_generate(app->db, venue, &from, &to, spec, &app->today, app->actor, &r, &cause) !=
	    0) {
		warnx_("%s", _("no slots were created"));
		return fail_with(cause);
	}
	printf(P_("%ld slot created", "%ld slots created", r.created), r.created);
	printf(_(" (%ld already there, %ld left out for closures and holidays)\n"), r.existing,
	       r.closed);
	return EXIT_OK;
}

/* sumaho slots list [--venue CODE] [--date DATE] [--days N] [--free] */
static int
slots_list(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {{"venue", required_argument, NULL, 'v'},
	                                     {"date", required_argument, NULL, 'd'},
	                                     {"days", required_argument, NULL, 'n'},
	                                     {"free", no_argument, NULL, 'F'},
	                                     {NULL, 0, NULL, 0}};
	static const char usage[] = N_("list [--venue CODE] [--date DATE] [--days N] [--free]");
	struct date day = app->today;
	const char *venue = NULL;
	long days = 1;
	int c, free_only = 0;
	char *cause = NULL, *end;
	struct slot_venue_list venues;

	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'v')
			venue = optarg;
		else if (c == 'd') {
			if (date_option("--date", optarg, &day) != 0)
				return EXIT_USAGE;
		} else if (c == 'n') {
			days = strtol(optarg, &end, 10);
			if (*end != '\0' || days < 1 || days > 366) {
				warnx_(_("--days: '%s' is not a number from 1 to 366"), optarg);
				return EXIT_USAGE;
			}
		} else if (c == 'F')
			free_only = 1;
		else
			return usage_error("slots", usage);
	}
	if (optind != argc)
		return usage_error("slots", usage);
	if (slot_venues(app->db, 0, &venues, &cause) != 0)
		return fail_with(cause);
	if (venue != NULL && slot_venue_id(app->db, venue, &cause) <= 0) {
		slot_venue_list_free(&venues);
		return fail_with(cause);
	}
	const char *hdr[] = {N_("Date"), N_("Time"), N_("Venue"), N_("Status"),
	                     N_("Person"), N_("Name"), N_("Topic")};
	struct table *t = table_new_i18n(7, hdr, "lllllll");
	int rc = EXIT_OK;

	for (long k = 0; k < days && rc == EXIT_OK; k++) {
		struct date d = date_add_days(&day, (int)k);
		char *iso = date_iso(&d);

		for (size_t i = 0; i < venues.n && rc == EXIT_OK; i++) {
			struct slot_day sd;

			if (venue != NULL && strcmp(venues.v[i].code, venue) != 0)
				continue;
			if (slots_day(app->db, venues.v[i].id, iso, 1, &sd, &cause) != 0) {
				rc = fail_with(cause);
				break;
			}
			for (size_t j = 0; j < sd.n; j++) {
				const struct slot_view *v = &sd.v[j];
				char *status =
				    v->walk_in ? xasprintf(_("%s (walk-in)"), slot_state_label(v->state))
				               : xstrdup(slot_state_label(v->state));

				if (free_only && v->state != SLOT_FREE) {
					free(status);
					continue;
				}
				table_add_row(t, (const char *const[]){
				                     v->date, v->start, venues.v[i].code, status,
				                     v->person_code, v->name,
				                     *v->topic ? report_topic_name(v->topic) : ""});
				free(status);
			}
			slot_day_free(&sd);
		}
		free(iso);
	}
	slot_venue_list_free(&venues);
	if (rc == EXIT_OK) {
		if (t->nrows == 0)
			puts(free_only ? _("No free slots.") : _("No consultation slots."));
		else
			print_table(t);
	}
	table_free(t);
	return rc;
}

/* Say what a booking operation came to; with a taken slot, the next free ones. */
static int
book_outcome(struct app *app, enum book_result r, int64_t slot, char *cause)
{
	if (r == BOOK_OK) {
		free(cause);
		return EXIT_OK;
	}
	warnx_("%s", cause ? cause : _("unknown error"));
	free(cause);
	if (r == BOOK_TAKEN) {
		struct strlist when = {0};
		char *why = NULL;

		if (slots_next_free(app->db, slot, &app->today, 3, &when, NULL, &why) == 0 &&
		    when.n > 0) {
			char *list = xstrdup("");

			for (size_t i = 0; i < when.n; i++) {
				char *l = xasprintf("%s%s%s", list, i ? ", " : "", when.v[i]);

				free(list);
				list = l;
			}
			warnx_(_("next free slots: %s"), list);
			free(list);
		} else if (why == NULL)
			warnx_("%s", _("no free slot later at this venue"));
		free(why);
		strlist_clear(&when);
		return EXIT_TAKEN;
	}
	return EXIT_FAIL;
}

/* sumaho slots book VENUE DATE TIME PERSON --topic TOPIC [--walk-in] */
static int
slots_book_cmd(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {{"topic", required_argument, NULL, 't'},
	                                     {"walk-in", no_argument, NULL, 'w'},
	                                     {NULL, 0, NULL, 0}};
	static const char usage[] = N_("book VENUE DATE TIME PERSON --topic TOPIC [--walk-in]");
	const char *topic = NULL;
	int c, walk_in = 0;
	char *cause = NULL;
	struct person p;

	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 't')
			topic = optarg;
		else if (c == 'w')
			walk_in = 1;
		else
			return usage_error("slots", usage);
	}
	if (optind + 4 != argc || topic == NULL)
		return usage_error("slots", usage);
	int64_t slot = slot_find(app->db, argv[optind], argv[optind + 1], argv[optind + 2], &cause);

	if (slot <= 0)
		return fail_with(cause);
	int found = person_find(app->db, argv[optind + 3], &p, &cause);

	if (found != 0) {
		if (found > 0)
			set_cause(&cause, _("no person with code '%s'"), argv[optind + 3]);
		return fail_with(cause);
	}
	struct booking_rules rules = app_rules(app);
	enum book_result r = slots_book(app->db, slot, p.id, topic, walk_in, &rules, &cause);

	if (r == BOOK_OK)
		printf(walk_in ? _("Walk-in recorded: %s %s %s, %s (%s)\n")
		               : _("Booked: %s %s %s, %s (%s)\n"),
		       argv[optind], argv[optind + 1], argv[optind + 2], p.name, p.code);
	person_free(&p);
	return book_outcome(app, r, slot, cause);
}

/* sumaho slots cancel|attend|no-show VENUE DATE TIME */
static int
slots_change(struct app *app, int argc, char **argv)
{
	const char *op = argv[0];
	char *cause = NULL;
	enum book_result r;

	if (argc != 4)
		return usage_error("slots", N_("cancel|attend|no-show|unmark VENUE DATE TIME"));
	int64_t slot = slot_find(app->db, argv[1], argv[2], argv[3], &cause);

	if (slot <= 0)
		return fail_with(cause);
	struct booking_rules rules = app_rules(app);

	if (strcmp(op, "cancel") == 0)
		r = slots_cancel(app->db, slot, &rules, &cause);
	else
		r = slots_mark(app->db, slot, strcmp(op, "attend") == 0    ? "attended"
		                              : strcmp(op, "no-show") == 0 ? "no_show"
		                                                           : "booked",
		               &rules, &cause);
	if (r == BOOK_OK)
		printf("%s %s %s: %s\n", argv[1], argv[2], argv[3],
		       strcmp(op, "cancel") == 0   ? _("cancelled")
		       : strcmp(op, "attend") == 0 ? _("attended")
		       : strcmp(op, "no-show") == 0 ? _("no-show")
		                                    : _("booked"));
	return book_outcome(app, r, slot, cause);
}

/* sumaho slots rebook VENUE DATE TIME NEW-DATE NEW-TIME [--venue NEW-VENUE] */
static int
slots_rebook_cmd(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {{"venue", required_argument, NULL, 'v'},
	                                     {NULL, 0, NULL, 0}};
	static const char usage[] = N_("rebook VENUE DATE TIME NEW-DATE NEW-TIME [--venue CODE]");
	const char *to_venue = NULL;
	char *cause = NULL;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'v')
			to_venue = optarg;
		else
			return usage_error("slots", usage);
	}
	if (optind + 5 != argc)
		return usage_error("slots", usage);
	char **a = argv + optind;
	int64_t from = slot_find(app->db, a[0], a[1], a[2], &cause);

	if (from <= 0)
		return fail_with(cause);
	int64_t to = slot_find(app->db, to_venue ? to_venue : a[0], a[3], a[4], &cause);

	if (to <= 0)
		return fail_with(cause);
	struct booking_rules rules = app_rules(app);
	enum book_result r = slots_rebook(app->db, from, to, &rules, &cause);

	if (r == BOOK_OK)
		printf(_("Moved: %s %s %s to %s %s %s\n"), a[0], a[1], a[2], to_venue ? to_venue : a[0],
		       a[3], a[4]);
	return book_outcome(app, r, to, cause);
}

int
cmd_slots(struct app *app, int argc, char **argv)
{
	static const char usage[] =
	    N_("template|generate|list|book|rebook|cancel|attend|no-show|unmark ...");

	if (argc < 2)
		return usage_error("slots", usage);
	const char *op = argv[1];

	if (strcmp(op, "template") == 0)
		return slots_template(app, argc - 1, argv + 1);
	if (strcmp(op, "generate") == 0)
		return slots_generate_cmd(app, argc - 1, argv + 1);
	if (strcmp(op, "list") == 0)
		return slots_list(app, argc - 1, argv + 1);
	if (strcmp(op, "book") == 0)
		return slots_book_cmd(app, argc - 1, argv + 1);
	if (strcmp(op, "rebook") == 0)
		return slots_rebook_cmd(app, argc - 1, argv + 1);
	if (strcmp(op, "cancel") == 0 || strcmp(op, "attend") == 0 || strcmp(op, "no-show") == 0 ||
	    strcmp(op, "unmark") == 0)
		return slots_change(app, argc - 1, argv + 1);
	warnx_(_("unknown slots operation '%s'"), op);
	return usage_error("slots", usage);
}

/* sumaho people find QUERY | people add NAME [--kana K] [--phone P] [--birth-year Y] */
int
cmd_people(struct app *app, int argc, char **argv)
{
	static const char usage[] =
	    N_("find QUERY | add NAME [--kana KANA] [--phone PHONE] [--birth-year YEAR]");
	char *cause = NULL;

	if (argc == 3 && strcmp(argv[1], "find") == 0) {
		struct person_list l;

		if (people_search(app->db, argv[2], 20, &l, &cause) != 0)
			return fail_with(cause);
		if (l.n == 0) {
			puts(_("Nobody found."));
			return EXIT_OK;
		}
		const char *hdr[] = {N_("Code"), N_("Name"), N_("Kana"), N_("Phone"),
		                     N_("Born")};
		struct table *t = table_new_i18n(5, hdr, "llllr");

		for (size_t i = 0; i < l.n; i++) {
			char born[16] = "";

			if (l.v[i].birth_year)
				snprintf(born, sizeof born, "%d", l.v[i].birth_year);
			table_add_row(t, (const char *const[]){l.v[i].code, l.v[i].name, l.v[i].kana,
			                                       l.v[i].phone, born});
		}
		person_list_free(&l);
		print_table(t);
		table_free(t);
		return EXIT_OK;
	}
	if (argc >= 3 && strcmp(argv[1], "add") == 0) {
		static const struct option opts[] = {{"kana", required_argument, NULL, 'k'},
		                                     {"phone", required_argument, NULL, 'p'},
		                                     {"birth-year", required_argument, NULL, 'b'},
		                                     {NULL, 0, NULL, 0}};
		const char *kana = "", *phone = "";
		long birth = 0;
		char *end;
		int c;
		struct person p;

		optind = 0;
		while ((c = getopt_long(argc - 1, argv + 1, "", opts, NULL)) != -1) {
			if (c == 'k')
				kana = optarg;
			else if (c == 'p')
				phone = optarg;
			else if (c == 'b') {
				birth = strtol(optarg, &end, 10);
				if (*end != '\0' || birth < 1900 || birth > 2100) {
					warnx_(_("--birth-year: '%s' is not a year"), optarg);
					return EXIT_USAGE;
				}
			} else
				return usage_error("people", usage);
		}
		if (optind + 1 != argc - 1)
			return usage_error("people", usage);
		if (person_create(app->db, argv[optind + 1], kana, phone, (int)birth, app->actor, &p,
		                  &cause) != 0) {
			warnx_("%s", _("nobody was registered"));
			return fail_with(cause);
		}
		printf(_("Registered %s as %s\n"), p.name, p.code);
		person_free(&p);
		return EXIT_OK;
	}
	return usage_error("people", usage);
}
