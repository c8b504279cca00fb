/* tui/cli/consult.c: sumaho slots ...: consultation hours, slots and bookings, through the
 * same models functions as the Consultations screen. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "models/consult/consult.h"
#include "models/core/i18n.h"
#include "models/people/people.h"
#include "models/reports/reports.h"
#include "tui/cli/cli.h"

/* sumaho slots template [VENUE [SPEC]] */
static int
cmd_template(struct app *app, const struct cli_args *a)
{
	struct slot_venue_list venues;
	char *cause = NULL;
	const char *code = a->argc >= 1 ? a->argv[0] : NULL;

	if (a->argc == 2 &&
	    slot_template_save(app->db, code, a->argv[1], app->actor, &cause) != 0) {
		warnx_(_("%s: template not saved"), code);
		return fail_with(cause);
	}
	if (slot_venues(app->db, 1, &venues, &cause) != 0)
		return fail_with(cause);
	const char *hdr[] = {N_("Venue"), N_("Name"), N_("Template")};
	struct table *t = table_new_i18n(3, hdr, "lll");

	for (size_t i = 0; i < venues.n; i++) {
		const struct slot_venue *v = &venues.v[i];

		if (code == NULL || strcmp(v->code, code) == 0)
			table_add_row(t, (const char *const[]){v->code, v->name,
			                                       v->spec ? v->spec : _("(none)")});
	}
	slot_venue_list_free(&venues);
	if (t->nrows == 0 && code != NULL) {
		table_free(t);
		warnx_(_("no venue with code '%s'"), code);
		return EXIT_FAIL;
	}
	return print_table(t, NULL);
}

enum { GEN_FROM, GEN_TO, GEN_VENUE, GEN_TEMPLATE };

/* sumaho slots generate --from DATE --to DATE [--venue CODE] [--template SPEC] */
static int
cmd_generate(struct app *app, const struct cli_args *a)
{
	struct date from, to;
	struct slot_gen_result r;
	char *cause = NULL;

	if (a->value[GEN_FROM] == NULL || a->value[GEN_TO] == NULL)
		return usage_error(a->cmd);
	if (date_option("--from", a->value[GEN_FROM], &from) != 0 ||
	    date_option("--to", a->value[GEN_TO], &to) != 0)
		return EXIT_USAGE;
	if (slots_generate(app->db, a->value[GEN_VENUE], &from, &to, a->value[GEN_TEMPLATE],
	                   &app->settings.closed, &app->today, app->actor, &r, &cause) != 0) {
		warnx_("%s", _("no slots were created"));
		return fail_with(cause);
	}
	printf(P_("%ld slot created", "%ld slots created", r.created), r.created);
	printf(_(" (%ld already there, %ld left out for closures and holidays: %ld on national "
	         "holidays, %ld in the yearly closure, %ld under imported closures)\n"),
	       r.existing, r.closed, r.holiday, r.yearly, r.imported);
	return EXIT_OK;
}

/* Add the slots of one venue's day to t (only the free ones with free_only); 0 or -1. */
static int
list_day(struct app *app, const struct slot_venue *venue, const char *iso, int free_only,
         struct table *t, char **cause)
{
	struct slot_day sd;

	if (slots_day(app->db, venue->id, iso, 1, &sd, cause) != 0)
		return -1;
	for (size_t j = 0; j < sd.n; j++) {
		const struct slot_view *v = &sd.v[j];

		if (free_only && v->state != SLOT_FREE)
			continue;
		char *status = v->walk_in ? xasprintf(_("%s (walk-in)"), slot_state_label(v->state))
		                          : xstrdup(slot_state_label(v->state));

		table_add_row(t, (const char *const[]){
		                     v->date, v->start, venue->code, status, v->person_code,
		                     v->name, *v->topic ? report_topic_name(v->topic) : ""});
		free(status);
	}
	slot_day_free(&sd);
	return 0;
}

enum { LIST_VENUE, LIST_DATE, LIST_DAYS, LIST_FREE };

/* sumaho slots list [--venue CODE] [--date DATE] [--days N] [--free] */
static int
cmd_list(struct app *app, const struct cli_args *a)
{
	struct date day = app->today;
	const char *venue = a->value[LIST_VENUE];
	long days = 1;
	int free_only = a->value[LIST_FREE] != NULL, rc = EXIT_OK;
	char *cause = NULL;
	struct slot_venue_list venues;

	if ((a->value[LIST_DATE] != NULL &&
	     date_option("--date", a->value[LIST_DATE], &day) != 0) ||
	    (a->value[LIST_DAYS] != NULL &&
	     number_option("--days", a->value[LIST_DAYS], 1, 366, &days) != 0))
		return EXIT_USAGE;
	if (slot_venues(app->db, 0, &venues, &cause) != 0)
		return fail_with(cause);
	if (venue != NULL && slot_venue_id(app->db, venue, &cause) <= 0) {
		slot_venue_list_free(&venues);
		return fail_with(cause);
	}
	const char *hdr[] = {N_("Date"),   N_("Time"), N_("Venue"), N_("Status"),
	                     N_("Person"), N_("Name"), N_("Topic")};
	struct table *t = table_new_i18n(7, hdr, "lllllll");

	for (long k = 0; k < days && rc == EXIT_OK; k++) {
		struct date d = date_add_days(&day, (int)k);
		char *iso = date_iso(&d);

		for (size_t i = 0; i < venues.n && rc == EXIT_OK; i++)
			if ((venue == NULL || strcmp(venues.v[i].code, venue) == 0) &&
			    list_day(app, &venues.v[i], iso, free_only, t, &cause) != 0)
				rc = fail_with(cause);
		free(iso);
	}
	slot_venue_list_free(&venues);
	if (rc == EXIT_OK && t->nrows > 0)
		return print_table(t, NULL);
	if (rc == EXIT_OK)
		puts(free_only ? _("No free slots.") : _("No consultation slots."));
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
	fail_with(cause);
	if (r != BOOK_TAKEN)
		return EXIT_FAIL;
	struct strlist when = {0};
	char *why = NULL;

	if (slots_next_free(app->db, slot, &app->today, 3, &when, NULL, &why) == 0 && when.n > 0) {
		char *list = strlist_join(&when, ", ");

		warnx_(_("next free slots: %s"), list);
		free(list);
	} else if (why == NULL)
		warnx_("%s", _("no free slot later at this venue"));
	free(why);
	strlist_clear(&when);
	return EXIT_TAKEN;
}

/* The slot at VENUE DATE TIME in argv; > 0, or 0 after a message. */
static int64_t
slot_of(struct app *app, char **argv)
{
	char *cause = NULL;
	int64_t slot = slot_find(app->db, argv[0], argv[1], argv[2], &cause);

	if (slot <= 0)
		fail_with(cause);
	return slot > 0 ? slot : 0;
}

enum { BOOK_TOPIC, BOOK_WALK_IN };

/* sumaho slots book VENUE DATE TIME PERSON --topic TOPIC [--walk-in] */
static int
cmd_book(struct app *app, const struct cli_args *a)
{
	const char *topic = a->value[BOOK_TOPIC];
	int walk_in = a->value[BOOK_WALK_IN] != NULL;
	char *cause = NULL;
	struct person p;

	if (topic == NULL)
		return usage_error(a->cmd);
	int64_t slot = slot_of(app, a->argv);

	if (slot == 0)
		return EXIT_FAIL;
	if (cli_person(app, a->argv[3], &p) != 0)
		return EXIT_FAIL;
	struct booking_rules rules = app_rules(app);
	enum book_result r = slots_book(app->db, slot, p.id, topic, walk_in, &rules, &cause);

	if (r == BOOK_OK)
		printf(walk_in ? _("Walk-in recorded: %s %s %s, %s (%s)\n")
		               : _("Booked: %s %s %s, %s (%s)\n"),
		       a->argv[0], a->argv[1], a->argv[2], p.name, p.code);
	person_free(&p);
	return book_outcome(app, r, slot, cause);
}

/* sumaho slots cancel|attend|no-show|unmark VENUE DATE TIME */
static int
cmd_change(struct app *app, const struct cli_args *a)
{
	static const struct {
		const char *word, *status, *done;
	} ops[] = {/* TRANSLATORS: a booking cancelled (取消); "(booking)" tells it from a
	            * session's "cancelled" (中止): leave it out. */
	           {"cancel", NULL, N_("cancelled (booking)")},
	           {"attend", "attended", N_("attended")},
	           {"no-show", "no_show", N_("no-show")},
	           {"unmark", "booked", N_("booked")}};
	size_t i = 0;
	char *cause = NULL;
	enum book_result r;

	while (i < 3 && strcmp(ops[i].word, a->word) != 0)
		i++;
	int64_t slot = slot_of(app, a->argv);

	if (slot == 0)
		return EXIT_FAIL;
	struct booking_rules rules = app_rules(app);

	if (ops[i].status == NULL)
		r = slots_cancel(app->db, slot, &rules, &cause);
	else
		r = slots_mark(app->db, slot, ops[i].status, &rules, &cause);
	if (r == BOOK_OK)
		printf("%s %s %s: %s\n", a->argv[0], a->argv[1], a->argv[2], _(ops[i].done));
	return book_outcome(app, r, slot, cause);
}

enum { RESTORE_PERSON };

/* sumaho slots restore VENUE DATE TIME [--person PERSON] */
static int
cmd_restore(struct app *app, const struct cli_args *a)
{
	char *cause = NULL, *who = NULL;
	struct person p = {0};
	int64_t slot = slot_of(app, a->argv);

	if (slot == 0)
		return EXIT_FAIL;
	if (a->value[RESTORE_PERSON] != NULL && cli_person(app, a->value[RESTORE_PERSON], &p) != 0)
		return EXIT_FAIL;
	struct booking_rules rules = app_rules(app);
	enum book_result r = slots_restore(app->db, slot, 0, p.id, &rules, &who, &cause);

	if (r == BOOK_OK)
		printf(_("Restored: %s %s %s, %s\n"), a->argv[0], a->argv[1], a->argv[2], who);
	free(who);
	if (a->value[RESTORE_PERSON] != NULL)
		person_free(&p);
	return book_outcome(app, r, slot, cause);
}

enum { REBOOK_VENUE };

/* sumaho slots rebook VENUE DATE TIME NEW-DATE NEW-TIME [--venue NEW-VENUE] */
static int
cmd_rebook(struct app *app, const struct cli_args *a)
{
	const char *to_venue = a->value[REBOOK_VENUE];
	char **v = a->argv;
	char *cause = NULL;
	int64_t from = slot_of(app, v);

	if (from == 0)
		return EXIT_FAIL;
	int64_t to = slot_find(app->db, to_venue ? to_venue : v[0], v[3], v[4], &cause);

	if (to <= 0)
		return fail_with(cause);
	struct booking_rules rules = app_rules(app);
	enum book_result r = slots_rebook(app->db, from, to, &rules, &cause);

	if (r == BOOK_OK)
		printf(_("Moved: %s %s %s to %s %s %s\n"), v[0], v[1], v[2],
		       to_venue ? to_venue : v[0], v[3], v[4]);
	return book_outcome(app, r, to, cause);
}

static const struct cli_option generate_options[] = {
    {"from", 0, 1}, {"to", 0, 1}, {"venue", 0, 1}, {"template", 0, 1}, {NULL, 0, 0}};
static const struct cli_option list_options[] = {
    {"venue", 0, 1}, {"date", 0, 1}, {"days", 0, 1}, {"free", 0, 0}, {NULL, 0, 0}};
static const struct cli_option book_options[] = {{"topic", 0, 1}, {"walk-in", 0, 0}, {NULL, 0, 0}};
static const struct cli_option rebook_options[] = {{"venue", 0, 1}, {NULL, 0, 0}};
static const struct cli_option restore_options[] = {{"person", 0, 1}, {NULL, 0, 0}};

const struct cli_command cli_consult_commands[] = {
    {"slots template", N_("[VENUE [SPEC]]"),
     N_("show or set a venue's weekly consultation hours, e.g. \"tue,thu 10:00-12:00 "
        "13:00-16:00\""),
     NULL, 0, 2, CLI_DB_EXISTING, ROLE_BIT_COORDINATOR, cmd_template, NULL, NULL},
    {"slots generate", N_("--from DATE --to DATE [--venue CODE] [--template SPEC]"),
     N_("create 30-minute slots from the templates, leaving out closures and holidays"),
     generate_options, 0, 0, CLI_DB_EXISTING, ROLE_BIT_COORDINATOR, cmd_generate, NULL, NULL},
    {"slots list", N_("[--venue CODE] [--date DATE] [--days N] [--free]"),
     N_("list the slots of a day (today by default), with who booked them"), list_options, 0, 0,
     CLI_DB_EXISTING, ROLE_BITS_DESK, cmd_list, NULL, NULL},
    {"slots book", N_("VENUE DATE TIME PERSON --topic TOPIC [--walk-in]"),
     N_("book a slot; exit status 3 when another terminal took it first"), book_options, 4, 4,
     CLI_DB_EXISTING, ROLE_BITS_DESK, cmd_book, NULL, NULL},
    {"slots rebook", N_("VENUE DATE TIME NEW-DATE NEW-TIME [--venue CODE]"),
     N_("move a booking to another slot"), rebook_options, 5, 5, CLI_DB_EXISTING, ROLE_BITS_DESK,
     cmd_rebook, NULL, NULL},
    {"slots cancel|attend|no-show|unmark", N_("VENUE DATE TIME"),
     N_("cancel a booking, or mark it attended, no-show or booked again"), NULL, 3, 3,
     CLI_DB_EXISTING, ROLE_BITS_DESK, cmd_change, NULL, NULL},
    {"slots restore", N_("VENUE DATE TIME [--person PERSON]"),
     N_("restore the booking cancelled last at a slot (the person's with --person), while the "
        "slot is still free; exit status 3 when it has been booked since"),
     restore_options, 3, 3, CLI_DB_EXISTING, ROLE_BITS_DESK, cmd_restore, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, 0, CLI_DB_NONE, 0, NULL, NULL, NULL},
};
