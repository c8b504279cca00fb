/* tui/cli/people.c: sumaho people find|add|show|history|edit: the same models functions as the
 * person search, registration and record of the screens. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/lottery/lottery.h"
#include "models/people/people.h"
#include "tui/cli/cli.h"

/* sumaho people find QUERY */
static int
cmd_people_find(struct app *app, const struct cli_args *a)
{
	struct person_list l;
	char *cause = NULL;

	/* Twenty at most, and a word when there are more. */
	if (people_search(app->db, a->argv[0], 21, &l, &cause) != 0)
		return fail_with(cause);
	if (l.n == 0) {
		puts(_("Nobody found."));
		return EXIT_OK;
	}
	int more = l.n == 21;

	if (more)
		person_free(&l.v[--l.n]);
	const char *hdr[] = {N_("Code"), N_("Name"), N_("Kana"), N_("Phone"), N_("Born")};
	struct table *t = table_new_i18n(5, hdr, "llllr");

	for (size_t i = 0; i < l.n; i++) {
		char born[16] = "";

		if (l.v[i].birth_year)
			snprintf(born, sizeof born, "%d", l.v[i].birth_year);
		table_add_row(t, (const char *const[]){l.v[i].code, l.v[i].name, l.v[i].kana,
		                                       l.v[i].phone, born});
	}
	person_list_free(&l);
	int rc = print_table(t, NULL);

	if (more)
		puts(
		    _("More people match than the 20 shown: give more of the name or kana, or more "
		      "digits of the phone."));
	return rc;
}

enum { ADD_KANA, ADD_PHONE, ADD_BIRTH_YEAR, ADD_LANGUAGE };

/* --birth-year: a year (1950), or as people write a date of birth (昭和25, S25, 1950/3/1:
 * date_parse_birth_year); whether it is a possible birth year the person functions say. 0 with
 * *year, or -1 after a message. */
static int
birth_year_option(const char *text, int *year)
{
	char *end;
	long y = strtol(text, &end, 10);

	if (end != text && *end == '\0' && y >= 1900 && y <= 2100) {
		*year = (int)y;
		return 0;
	}
	if (date_parse_birth_year(text, year, NULL) == 0)
		return 0;
	warnx_(_("--birth-year: '%s' is not a year"), text);
	return -1;
}

/* sumaho people add NAME [--kana K] [--phone P] [--birth-year Y] [--language ja|en] */
static int
cmd_people_add(struct app *app, const struct cli_args *a)
{
	const char *kana = a->value[ADD_KANA], *phone = a->value[ADD_PHONE],
	           *year = a->value[ADD_BIRTH_YEAR], *language = a->value[ADD_LANGUAGE];
	int birth = 0;
	char *cause = NULL;
	struct person p;

	if (year != NULL && birth_year_option(year, &birth) != 0)
		return EXIT_USAGE;
	if (person_create(app->db, a->argv[0], kana ? kana : "", phone ? phone : "", birth,
	                  language, app->actor, &p, &cause) != 0) {
		warnx_("%s", _("nobody was registered"));
		return fail_with(cause);
	}
	printf(_("Registered %s as %s\n"), p.name, p.code);
	person_free(&p);
	return EXIT_OK;
}

/* The history's table, or a line saying there is none. */
static int
print_history(const struct person_record *r)
{
	if (r->n == 0) {
		puts(_("No applications, consultations or class attendance yet."));
		return EXIT_OK;
	}
	return print_table(person_history_table(r), NULL);
}

/* sumaho people show|history PERSON: the details (show), then the history. */
static int
cmd_people_show(struct app *app, const struct cli_args *a)
{
	struct person_record r;
	char *cause = NULL;
	int found = person_record_load(app->db, a->argv[0], &r, &cause);

	if (cli_person_found(found, a->argv[0], cause) != 0)
		return EXIT_FAIL;
	if (strcmp(a->word, "show") == 0) {
		struct strlist lines = {0};

		person_record_details(&r, &lines);
		for (size_t i = 0; i < lines.n; i++)
			puts(lines.v[i]);
		strlist_clear(&lines);
		putchar('\n');
	}
	int rc = print_history(&r);

	person_record_free(&r);
	return rc;
}

enum { EDIT_NAME, EDIT_KANA, EDIT_PHONE, EDIT_BIRTH_YEAR, EDIT_LANGUAGE };

/* sumaho people edit PERSON [--name N] [--kana K] [--phone P] [--birth-year Y]
 * [--language ja|en] */
static int
cmd_people_edit(struct app *app, const struct cli_args *a)
{
	struct person_change ch = {a->value[EDIT_NAME], a->value[EDIT_KANA], a->value[EDIT_PHONE],
	                           0, a->value[EDIT_LANGUAGE]};
	const char *year = a->value[EDIT_BIRTH_YEAR];
	char *cause = NULL;
	int birth = 0;
	int rc;

	if (ch.name == NULL && ch.kana == NULL && ch.phone == NULL && year == NULL &&
	    ch.language == NULL)
		return usage_error(a->cmd);
	if (year != NULL && birth_year_option(year, &birth) != 0)
		return EXIT_USAGE;
	ch.birth_year = birth;
	rc = person_edit(app->db, a->argv[0], &ch, app->actor, NULL, &cause);
	if (rc == 1) {
		printf(_("No change: %s has these details already."), a->argv[0]);
		putchar('\n');
		return EXIT_OK;
	}
	if (rc != 0) {
		if (rc < 0)
			warnx_("%s", _("nothing was changed"));
		return fail_with(cause);
	}
	printf(_("Changed the details of %s."), a->argv[0]);
	putchar('\n');
	return EXIT_OK;
}

/* sumaho people merge KEEP OTHER: what moved, then what was settled or wants a look. */
static const struct cli_option merge_options[] = {{"different", 0, 0}, {NULL, 0, 0}};

static int
cmd_people_merge(struct app *app, const struct cli_args *a)
{
	struct lottery_config cfg = app_lottery_config(app);
	struct person_merge_result r;
	struct strlist notes = {0};
	char *cause = NULL;

	int different = a->value[0] != NULL;

	/* Two records that do not look like one person: a coordinator's word. */
	if (different && !staff_may(app->role, ROLE_BIT_COORDINATOR)) {
		warnx_("%s", _("only a coordinator may merge records that differ in name or birth "
		               "year"));
		return EXIT_FAIL;
	}
	if (person_merge(app->db, a->argv[0], a->argv[1], different, &cfg, &r, &notes, &cause) !=
	    0) {
		warnx_("%s", _("nothing was changed"));
		strlist_clear(&notes);
		return fail_with(cause);
	}
	printf(_("Merged %s into %s. Moved: applications %ld, bookings %ld, roll-call marks %ld."),
	       a->argv[1], a->argv[0], r.applications, r.bookings, r.marks);
	putchar('\n');
	for (size_t i = 0; i < notes.n; i++)
		printf("  %s\n", notes.v[i]);
	strlist_clear(&notes);
	return EXIT_OK;
}

/* sumaho people erase PERSON: 個人情報の削除; what is still to come is listed when refused. */
static int
cmd_people_erase(struct app *app, const struct cli_args *a)
{
	struct strlist pending = {0};
	char *cause = NULL;
	int rc = person_erase(app->db, a->argv[0], &app->today, app->actor, &pending, &cause);

	if (rc == 1) {
		printf("%s\n", cause);
		free(cause);
		return EXIT_OK;
	}
	if (rc != 0) {
		if (rc < 0)
			warnx_("%s", _("nothing was changed"));
		rc = fail_with(cause);
		for (size_t i = 0; i < pending.n; i++)
			fprintf(stderr, "  %s\n", pending.v[i]);
		strlist_clear(&pending);
		return rc;
	}
	printf(_("Erased the personal data of %s; its anonymous record stays for the counts."),
	       a->argv[0]);
	putchar('\n');
	return EXIT_OK;
}

static const struct cli_option edit_options[] = {{"name", 0, 1},     {"kana", 0, 1},
                                                 {"phone", 0, 1},    {"birth-year", 0, 1},
                                                 {"language", 0, 1}, {NULL, 0, 0}};

static const struct cli_option add_options[] = {
    {"kana", 0, 1}, {"phone", 0, 1}, {"birth-year", 0, 1}, {"language", 0, 1}, {NULL, 0, 0}};

const struct cli_command cli_people_commands[] = {
    {"people find", N_("QUERY"),
     N_("find people by name, family or given name, kana (any form), the phone's first digits or "
        "any four in a row, or code; best matches first"),
     NULL, 1, 1, CLI_DB_EXISTING, ROLE_BIT_RECEPTION | ROLE_BIT_COORDINATOR, cmd_people_find, NULL,
     NULL},
    {"people add", N_("NAME [--kana KANA] [--phone PHONE] [--birth-year YEAR] [--language ja|en]"),
     N_("register a person; prints the new code; --language is the language of their notices "
        "(Japanese when not given)"),
     add_options, 1, 1, CLI_DB_EXISTING, ROLE_BIT_RECEPTION | ROLE_BIT_COORDINATOR, cmd_people_add,
     NULL, NULL},
    {"people show", N_("PERSON"),
     N_("a person's details and history, newest first: applications and the draw's results, "
        "consultation bookings, class attendance"),
     NULL, 1, 1, CLI_DB_EXISTING, ROLE_BIT_RECEPTION | ROLE_BIT_COORDINATOR, cmd_people_show, NULL,
     NULL},
    {"people history", N_("PERSON"), N_("a person's history alone, as people show lists it"), NULL,
     1, 1, CLI_DB_EXISTING, ROLE_BIT_RECEPTION | ROLE_BIT_COORDINATOR, cmd_people_show, NULL, NULL},
    {"people edit",
     N_("PERSON [--name NAME] [--kana KANA] [--phone PHONE] [--birth-year YEAR] [--language "
        "ja|en]"),
     N_("correct a person's details, checked as at registration; the old and new values are "
        "audited"),
     edit_options, 1, 1, CLI_DB_EXISTING, ROLE_BIT_RECEPTION | ROLE_BIT_COORDINATOR,
     cmd_people_edit, NULL, NULL},
    {"people merge", N_("KEEP OTHER [--different]"),
     N_("merge two records of one person: OTHER's applications, bookings and roll-call marks "
        "move to KEEP, OTHER is marked merged; what was settled is listed and audited; records "
        "that differ in name and kana or in birth year need --different (a coordinator's)"),
     merge_options, 2, 2, CLI_DB_EXISTING, ROLE_BIT_RECEPTION | ROLE_BIT_COORDINATOR,
     cmd_people_merge, NULL, NULL},
    {"people erase", N_("PERSON"),
     N_("erase a resident's name, kana, phone and birth year on request (個人情報の削除); the "
        "anonymous record stays, so the reports' counts do not change"),
     NULL, 1, 1, CLI_DB_EXISTING, ROLE_BIT_COORDINATOR, cmd_people_erase, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, 0, CLI_DB_NONE, 0, NULL, NULL, NULL},
};
