/* tui/cli/setup.c: sumaho venue|course|offering|session add|edit|show|list|cancel; the same
 * models functions as the forms of the Classes and Lotteries screens. */
#include "config.h"
#include "tui/cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/classes/setup.h"
#include "models/formats/table.h"
#include "models/core/util.h"

static int
record_cmd(struct app *app, const char *kind, int argc, char **argv)
{
	size_t nf;
	const struct field_spec *f = record_fields(kind, &nf);
	char *cause = NULL;
	const char *op = argc >= 2 ? argv[1] : "";
	char usage[512];

	snprintf(usage, sizeof usage, "add|edit CODE [--FIELD VALUE]... | show CODE | list%s",
	         strcmp(kind, "offering") == 0 || strcmp(kind, "session") == 0 ? " | cancel CODE"
	                                                                       : "");
	if (f == NULL || argc < 2)
		return usage_error(kind, usage);
	if (strcmp(op, "list") == 0 && argc == 2) {
		struct table *t = record_list(app->db, kind, &cause);

		if (t == NULL)
			return fail_with(cause);
		print_table(t);
		table_free(t);
		return EXIT_OK;
	}
	if (strcmp(op, "show") == 0 && argc == 3) {
		struct strlist v = {0};
		int rc = record_get(app->db, kind, argv[2], &v, &cause);

		if (rc != 0) {
			if (rc > 0)
				warnx_(_("there is no %s '%s'"), kind, argv[2]);
			else
				warnx_("%s", cause);
			free(cause);
			return EXIT_FAIL;
		}
		printf("code: %s\n", argv[2]);
		for (size_t i = 0; i < nf && i < v.n; i++)
			printf("%s: %s\n", f[i].name, v.v[i]);
		strlist_clear(&v);
		return EXIT_OK;
	}
	if (strcmp(op, "cancel") == 0 && argc == 3) {
		if (record_cancel(app->db, kind, argv[2], app->actor, &cause) != 0) {
			warnx_("%s", cause);
			free(cause);
			return EXIT_FAIL;
		}
		printf(_("%s %s is cancelled; it stays in the history and in calendars as "
		         "cancelled\n"),
		       kind, argv[2]);
		return EXIT_OK;
	}
	if ((strcmp(op, "add") != 0 && strcmp(op, "edit") != 0) || argc < 3)
		return usage_error(kind, usage);
	/* --FIELD VALUE for each field of the kind. */
	struct option *opts = xcalloc(nf + 1, sizeof *opts);
	const char **names = xcalloc(nf + 1, sizeof *names), **values = xcalloc(nf + 1,
	                                                                        sizeof *values);
	size_t n = 0;
	int c, idx, rc = EXIT_OK;

	for (size_t i = 0; i < nf; i++)
		opts[i] = (struct option){f[i].name, required_argument, NULL, 1000 + (int)i};
	optind = 0;
	while ((c = getopt_long(argc - 1, argv + 1, "", opts, &idx)) != -1) {
		if (c < 1000 || n >= nf) {
			rc = usage_error(kind, usage);
			goto out;
		}
		names[n] = f[c - 1000].name;
		values[n++] = optarg;
	}
	if (optind + 1 != argc - 1) {
		rc = usage_error(kind, usage);
		goto out;
	}
	const char *code = argv[optind + 1];

	if (record_save(app->db, kind, code, strcmp(op, "add") == 0, names, values, n, app->actor,
	                &cause) != 0) {
		warnx_("%s", cause);
		warnx_(_("%s %s: nothing was saved"), kind, code);
		free(cause);
		rc = EXIT_FAIL;
	} else
		printf(strcmp(op, "add") == 0 ? _("%s %s added\n") : _("%s %s changed\n"), kind,
		       code);
out:
	free(opts);
	free(names);
	free(values);
	return rc;
}

int
cmd_venue(struct app *app, int argc, char **argv)
{
	return record_cmd(app, "venue", argc, argv);
}

int
cmd_course(struct app *app, int argc, char **argv)
{
	return record_cmd(app, "course", argc, argv);
}

int
cmd_offering(struct app *app, int argc, char **argv)
{
	return record_cmd(app, "offering", argc, argv);
}

int
cmd_session(struct app *app, int argc, char **argv)
{
	return record_cmd(app, "session", argc, argv);
}
