/* tui/cli/lottery.c: sumaho lottery ... and sumaho apply: the same models functions as the
 * Lotteries screen. */
#include "config.h"
#include "tui/cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "models/core/i18n.h"
#include "models/lottery/lottery.h"
#include "models/people/people.h"
#include "models/formats/table.h"
#include "models/core/util.h"

void
print_round(const struct lottery_round *r)
{
	printf(_("Draw %lld (%s) by %s at %s\n"), (long long)r->id, r->algorithm, r->run_by,
	       r->run_at);
	printf(_("Seed: %s\n"), r->seed);
	printf(_("Priority: %s; waiting list: %d places\n"), *r->priority ? r->priority : _("none"),
	       r->waiting_max);
	const char *hdr[] = {N_("Offering"), N_("Class"),   N_("Venue"), N_("Seats"),
	                     N_("Applicants"), N_("Won"), N_("Waiting"), N_("Lost"),
	                     N_("Excluded")};
	struct table *t = table_new_i18n(9, hdr, "lllrrrrrr");

	for (size_t i = 0; i < r->n; i++) {
		char cap[16], a[16], w[16], wt[16], l[16], x[16];
		const struct lottery_offering *o = &r->v[i];

		snprintf(cap, sizeof cap, "%d", o->capacity);
		snprintf(a, sizeof a, "%ld", o->applicants);
		snprintf(w, sizeof w, "%ld", o->won);
		snprintf(wt, sizeof wt, "%ld", o->waiting);
		snprintf(l, sizeof l, "%ld", o->lost);
		snprintf(x, sizeof x, "%ld", o->excluded);
		table_add_row(t, (const char *const[]){o->code, o->title, o->venue, cap, a, w, wt, l,
		                                       x});
	}
	print_table(t);
	table_free(t);
}

/* sumaho lottery run OFFERING... [--seed HEX] [--redraw] */
static int
lottery_run_cmd(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {{"seed", required_argument, NULL, 's'},
	                                     {"redraw", no_argument, NULL, 'r'},
	                                     {NULL, 0, NULL, 0}};
	static const char usage[] = N_("run OFFERING... [--seed HEX] [--redraw]");
	const char *seed = NULL;
	int c, redraw = 0;
	char *cause = NULL;
	struct lottery_round r;

	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 's')
			seed = optarg;
		else if (c == 'r')
			redraw = 1;
		else
			return usage_error("lottery", usage);
	}
	if (optind >= argc)
		return usage_error("lottery", usage);
	struct lottery_config cfg = app_lottery_config(app);

	if (lottery_run(app->db, argv + optind, (size_t)(argc - optind), seed, redraw, &cfg, &r,
	                &cause) != 0) {
		warnx_("%s", _("nothing was drawn"));
		return fail_with(cause);
	}
	print_round(&r);
	lottery_round_free(&r);
	return EXIT_OK;
}

static int
round_of(struct app *app, const char *offering, struct lottery_round *r)
{
	char *cause = NULL;
	int rc = lottery_round_of(app->db, offering, r, &cause);

	if (rc == 1)
		set_cause(&cause, _("%s has not been drawn"), offering);
	if (rc != 0) {
		fail_with(cause);
		return -1;
	}
	return 0;
}

/* sumaho lottery show|verify OFFERING */
static int
lottery_show(struct app *app, int argc, char **argv, int verify)
{
	struct lottery_round r;
	struct strlist problems = {0};
	char *cause = NULL;
	int rc;

	if (argc != 2)
		return usage_error("lottery", verify ? N_("verify OFFERING") : N_("show OFFERING"));
	if (round_of(app, argv[1], &r) != 0)
		return EXIT_FAIL;
	print_round(&r);
	if (!verify) {
		lottery_round_free(&r);
		return EXIT_OK;
	}
	rc = lottery_verify(app->db, r.id, &problems, &cause);
	if (rc < 0) {
		lottery_round_free(&r);
		return fail_with(cause);
	}
	if (rc == 0)
		printf(_("Verified: every result follows from the seed and the recorded "
		         "applications.\n"));
	else {
		for (size_t i = 0; i < problems.n && i < 50; i++)
			warnx_("%s", problems.v[i]);
		warnx_(P_("%zu result does not follow from the seed", "%zu results do not follow "
		                                                        "from the seed",
		          problems.n),
		       problems.n);
	}
	strlist_clear(&problems);
	lottery_round_free(&r);
	return rc == 0 ? EXIT_OK : EXIT_FAIL;
}

/* sumaho lottery export OFFERING [--format csv|list] [--encoding ENC] [-o FILE] */
static int
lottery_export_cmd(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
	                                     {"encoding", required_argument, NULL, 'e'},
	                                     {"output", required_argument, NULL, 'o'},
	                                     {NULL, 0, NULL, 0}};
	static const char usage[] =
	    N_("export OFFERING [--format csv|list] [--encoding utf-8|utf-8-bom|cp932] [-o FILE]");
	const char *format = "csv", *encoding = "utf-8", *path = NULL;
	enum csv_encoding enc = CSV_UTF8;
	char *cause = NULL;
	int c;

	optind = 0;
	while ((c = getopt_long(argc, argv, "o:", opts, NULL)) != -1) {
		if (c == 'f')
			format = optarg;
		else if (c == 'e')
			encoding = optarg;
		else if (c == 'o')
			path = optarg;
		else
			return usage_error("lottery", usage);
	}
	if (optind + 1 != argc)
		return usage_error("lottery", usage);
	if (encoding_option(encoding, &enc) != 0)
		return EXIT_USAGE;
	if (strcmp(format, "csv") != 0 && strcmp(format, "list") != 0) {
		warnx_(_("'%s' is not one of: %s"), format, "csv, list");
		return EXIT_USAGE;
	}
	const char *offering = argv[optind];
	struct lottery_round r;

	if (round_of(app, offering, &r) != 0)
		return EXIT_FAIL;
	FILE *out = stdout;
	char *tmp = NULL;

	/* Names and phone numbers: a file only its owner reads (mkstemp makes it 0600), renamed
	 * into place when whole. */
	if (path != NULL && strcmp(path, "-") != 0) {
		int fd;

		tmp = xasprintf("%s.XXXXXX", path);
		if ((fd = mkstemp(tmp)) < 0 || (out = fdopen(fd, "w")) == NULL) {
			warnx_(_("%s: cannot write: %s"), path, strerror(errno));
			if (fd >= 0)
				close(fd), unlink(tmp);
			free(tmp);
			lottery_round_free(&r);
			return EXIT_FAIL;
		}
	}
	int rc = EXIT_OK;

	if (strcmp(format, "csv") == 0) {
		struct table *t = lottery_export(app->db, r.id, &cause);

		if (t == NULL || table_write_csv(t, out, enc, &cause) != 0)
			rc = fail_with(cause);
		table_free(t);
	} else {
		struct strlist lines = {0};

		fprintf(out, "%s\n\n", offering);
		if (lottery_session_lists(app->db, offering, app->settings.date_style, 200, &lines,
		                          &cause) != 0)
			rc = fail_with(cause);
		for (size_t i = 0; i < lines.n; i++)
			fprintf(out, "%s\n", lines.v[i]);
		strlist_clear(&lines);
	}
	if (out != stdout) {
		if (fclose(out) != 0 && rc == EXIT_OK) {
			warnx_(_("%s: cannot write: %s"), path, strerror(errno));
			rc = EXIT_FAIL;
		}
		if (rc == EXIT_OK && rename(tmp, path) != 0) {
			warnx_(_("%s: cannot write: %s"), path, strerror(errno));
			rc = EXIT_FAIL;
		}
		if (rc != EXIT_OK)
			unlink(tmp);
		free(tmp);
	}
	lottery_round_free(&r);
	return rc;
}

/* sumaho lottery cancel OFFERING PERSON */
static int
lottery_cancel_cmd(struct app *app, int argc, char **argv)
{
	char *cause = NULL, *promoted = NULL;

	if (argc != 3)
		return usage_error("lottery", N_("cancel OFFERING PERSON"));
	struct lottery_config cfg = app_lottery_config(app);

	if (lottery_cancel(app->db, argv[1], argv[2], &cfg, &promoted, &cause) != 0)
		return fail_with(cause);
	printf(_("%s: the application of %s is cancelled\n"), argv[1], argv[2]);
	if (promoted != NULL)
		printf(_("%s: %s moves up from the waiting list and wins the seat (繰り上げ当選)\n"),
		       argv[1], promoted);
	free(promoted);
	return EXIT_OK;
}

int
cmd_lottery(struct app *app, int argc, char **argv)
{
	static const char usage[] = N_("run|show|verify|export|cancel ...");

	if (argc < 2)
		return usage_error("lottery", usage);
	if (strcmp(argv[1], "run") == 0)
		return lottery_run_cmd(app, argc - 1, argv + 1);
	if (strcmp(argv[1], "show") == 0)
		return lottery_show(app, argc - 1, argv + 1, 0);
	if (strcmp(argv[1], "verify") == 0)
		return lottery_show(app, argc - 1, argv + 1, 1);
	if (strcmp(argv[1], "export") == 0)
		return lottery_export_cmd(app, argc - 1, argv + 1);
	if (strcmp(argv[1], "cancel") == 0)
		return lottery_cancel_cmd(app, argc - 1, argv + 1);
	warnx_(_("unknown lottery operation '%s'"), argv[1]);
	return usage_error("lottery", usage);
}

/* sumaho apply OFFERING PERSON [--choice N] [--channel counter|phone|postcard|online] */
int
cmd_apply(struct app *app, int argc, char **argv)
{
	static const struct option opts[] = {{"choice", required_argument, NULL, 'c'},
	                                     {"channel", required_argument, NULL, 'h'},
	                                     {NULL, 0, NULL, 0}};
	static const char usage[] =
	    N_("OFFERING PERSON [--choice N] [--channel counter|phone|postcard|online]");
	const char *channel = "counter";
	long choice = 1;
	char *cause = NULL, *end, *why = NULL;
	int c;
	struct person p;

	optind = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		if (c == 'c') {
			choice = strtol(optarg, &end, 10);
			if (*end != '\0' || choice < 1 || choice > 9) {
				warnx_(_("--choice: '%s' is not a number from 1 to 9"), optarg);
				return EXIT_USAGE;
			}
		} else if (c == 'h') {
			channel = optarg;
			if (strcmp(channel, "counter") != 0 && strcmp(channel, "phone") != 0 &&
			    strcmp(channel, "postcard") != 0 && strcmp(channel, "online") != 0) {
				warnx_(_("'%s' is not one of: %s"), channel,
				       "counter, phone, postcard, online");
				return EXIT_USAGE;
			}
		} else
			return usage_error("apply", usage);
	}
	if (optind + 2 != argc)
		return usage_error("apply", usage);
	int found = person_find(app->db, argv[optind + 1], &p, &cause);

	if (found != 0) {
		if (found > 0)
			set_cause(&cause, _("no person with code '%s'"), argv[optind + 1]);
		return fail_with(cause);
	}
	struct lottery_config cfg = app_lottery_config(app);

	if (lottery_apply(app->db, argv[optind], p.id, (int)choice, channel, &app->today, &cfg,
	                  &why, &cause) != 0) {
		person_free(&p);
		warnx_("%s", _("no application was recorded"));
		return fail_with(cause);
	}
	if (why != NULL)
		printf(_("Recorded as ineligible: %s, %s (%s)\n"), argv[optind], p.name, why);
	else
		printf(_("Application recorded: %s, %s (%s), choice %ld\n"), argv[optind], p.name,
		       p.code, choice);
	free(why);
	person_free(&p);
	return EXIT_OK;
}
