/* tui/main.c: options, language, configuration, then a subcommand or the screens. */
#include "config.h"

#include <getopt.h>
#include <langinfo.h>
#include <locale.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tui/app.h"
#include "tui/cli/cli.h"
#include "tui/screens/kiosk.h"
#include "tui/screens/login.h"
#include "models/core/clock.h"
#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/staff/staff.h"
#include "models/core/util.h"
#include "tui/screens/home.h"
#include "tui/ui/screen.h"

/* The language the environment asks for: "ja", "en", or NULL for none (C or POSIX). */
static const char *
env_language(void)
{
	static const char *const vars[] = {"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"};

	for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
		const char *v = getenv(vars[i]);

		if (v == NULL || *v == '\0')
			continue;
		if (strncmp(v, "ja", 2) == 0)
			return "ja";
		if (strcmp(v, "C") == 0 || strncmp(v, "C.", 2) == 0 || strcmp(v, "POSIX") == 0)
			continue;
		return "en";
	}
	return NULL;
}

/* Japanese unless the configuration or the environment chooses English. */
static void
choose_language(enum lang_pref pref)
{
	const char *lang = pref == LANG_JA ? "ja" : pref == LANG_EN ? "en" : env_language();

	app_set_language(lang ? lang : "ja");
}

static void
setup_locale(void)
{
	const char *dir = LOCALEDIR;

	/* Wide characters need a UTF-8 locale; C.UTF-8 is always there on Debian. */
	if (setlocale(LC_ALL, "") == NULL || strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_ALL, "C.UTF-8");
	/* Uninstalled, from the build tree: use the catalogs built there. */
	if (access(LOCALEDIR "/ja/LC_MESSAGES/" PACKAGE ".mo", R_OK) != 0 &&
	    access(BUILD_LOCALEDIR "/ja/LC_MESSAGES/" PACKAGE ".mo", R_OK) == 0)
		dir = BUILD_LOCALEDIR;
	bindtextdomain(PACKAGE, dir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	choose_language(LANG_AUTO);
}

static void
usage(FILE *out)
{
	fprintf(out, _("Usage: sumaho [OPTION]... [COMMAND [ARGUMENT]...]\n"));
	fprintf(out, "%s\n\n",
	        _("Smartphone classes and consultations for residents aged 65 and "
	          "over: the staff screens, or one COMMAND."));
	fprintf(out, "%s\n", _("Options:"));
	fprintf(out, "  -c, --config=FILE  %s\n",
	        _("read FILE after the system and user configuration"));
	fprintf(out, "  -d, --db=PATH      %s\n", _("use the database at PATH"));
	fprintf(out, "  -k, --kiosk        %s\n",
	        _("show the lobby kiosk for residents (read-only; a staff PIN leaves it)"));
	fprintf(out, "      --today=DATE   %s\n", _("take DATE (YYYY-MM-DD) as today"));
	fprintf(out, "      --staff=ID     %s\n",
	        _("sign in as this staff member for a command (or SUMAHO_STAFF); needed once "
	          "staff accounts exist for every command that changes data or shows personal "
	          "data"));
	fprintf(out, "      --pin-file=FILE  %s\n",
	        _("read the PIN from FILE, your own and readable by you alone, instead of the "
	          "terminal (for scheduled jobs)"));
	fprintf(out, "      --reason=TEXT  %s\n",
	        _("why an admin changes what a closed month counts (see period close)"));
	fprintf(out, "  -h, --help         %s\n", _("show this help and exit"));
	fprintf(out, "  -V, --version      %s\n\n", _("show the version and exit"));
	fprintf(out, "%s\n", _("Commands:"));
	cli_print_help(out);
	fprintf(out, "\n%s\n",
	        _("Without a command, sumaho opens the staff screens on the database; once staff "
	          "accounts exist they ask for a staff ID and PIN ([access] login)."));
	fprintf(out, "%s\n",
	        _("Configuration: /etc/sumaho/sumaho.ini, then "
	          "$XDG_CONFIG_HOME/sumaho/sumaho.ini, then --config."));
	fprintf(out, "%s\n",
	        _("Exit status: 0 success, 1 failure (nothing changed), 2 usage error, 3 the "
	          "slot was taken by another terminal first."));
	fprintf(out, "%s\n", _("See sumaho(1) for the file formats and settings."));
}

static const char *
actor_name(void)
{
	const char *u = getenv("USER");
	struct passwd *pw;

	if (u != NULL && *u != '\0')
		return u;
	pw = getpwuid(getuid());
	return pw != NULL ? pw->pw_name : "unknown";
}

/* Read the configuration layers; 0, or -1 when one cannot be used (message printed unless
 * quiet). */
static int
load_settings(struct app *app, const char *extra, int quiet)
{
	char *cause = NULL, *user = settings_user_path();
	int rc = 0;

	if (settings_load_file(&app->settings, SETTINGS_SYSTEM_PATH, 0, &cause) < 0 ||
	    (user != NULL && settings_load_file(&app->settings, user, 0, &cause) < 0) ||
	    (extra != NULL && settings_load_file(&app->settings, extra, 1, &cause) < 0)) {
		if (!quiet)
			warnx_("%s", cause);
		rc = -1;
	}
	free(user);
	free(cause);
	return rc;
}

int
main(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"config", required_argument, NULL, 'c'}, {"db", required_argument, NULL, 'd'},
	    {"today", required_argument, NULL, 't'},  {"help", no_argument, NULL, 'h'},
	    {"version", no_argument, NULL, 'V'},      {"kiosk", no_argument, NULL, 'k'},
	    {"staff", required_argument, NULL, 's'},  {"pin-file", required_argument, NULL, 'P'},
	    {"reason", required_argument, NULL, 'R'}, {NULL, 0, NULL, 0},
	};
	struct app app;
	const char *config_file = NULL, *db_arg = NULL, *today_arg = NULL;
	const struct cli_command *cmd = NULL;
	struct cli_args args;
	char *default_db = NULL, *cause = NULL;
	int c, status;

	util_tune_allocator();
	/* A file size limit (a full disk, as a test makes it) fails the write with EFBIG, which
	 * SQLite reports, instead of killing the process. */
	signal(SIGXFSZ, SIG_IGN);

	setup_locale();
	memset(&app, 0, sizeof app);
	memset(&args, 0, sizeof args);
	settings_init(&app.settings);
	int want_help = 0, want_version = 0, kiosk = 0;

	opterr = 0; /* our own messages, named "sumaho:" whatever argv[0] is */
	while ((c = getopt_long(argc, argv, "+:c:d:hkV", opts, NULL)) != -1) {
		switch (c) {
		case 'k': kiosk = 1; break;
		case 's': app.staff_id = optarg; break;
		case 'P': app.pin_file = optarg; break;
		case 'R': app.reason = optarg; break;
		case 'c': config_file = optarg; break;
		case 'd': db_arg = optarg; break;
		case 't': today_arg = optarg; break;
		case 'h': want_help = 1; break;
		case 'V': want_version = 1; break;
		case ':':
			warnx_(_("option '%s' needs an argument"), argv[optind - 1]);
			fprintf(stderr, "%s\n", _("Try 'sumaho --help' for more information."));
			status = EXIT_USAGE;
			goto out;
		default:
			if (optopt != 0)
				warnx_(_("unknown option '-%c'"), optopt);
			else
				warnx_(_("unknown option '%s'"), argv[optind - 1]);
			fprintf(stderr, "%s\n", _("Try 'sumaho --help' for more information."));
			status = EXIT_USAGE;
			goto out;
		}
	}
	if (want_help || want_version) {
		/* The configuration may choose the language; a broken one does not stop the help.
		 */
		load_settings(&app, config_file, 1);
		choose_language(app.settings.language);
		settings_free(&app.settings);
		if (want_help)
			usage(stdout);
		else {
			printf("sumaho %s\n", PACKAGE_VERSION);
			printf("%s\n", _("License GPLv3+: GNU GPL version 3 or later."));
		}
		return EXIT_OK;
	}
	if (optind < argc && kiosk) {
		warnx_("%s", _("--kiosk takes no command"));
		fprintf(stderr, "%s\n", _("Try 'sumaho --help' for more information."));
		status = EXIT_USAGE;
		goto out;
	}
	if (optind < argc && cli_parse(argc - optind, argv + optind, &cmd, &args) != EXIT_OK) {
		status = EXIT_USAGE;
		goto out;
	}
	if (today_arg != NULL) {
		if (date_parse(today_arg, &app.today) != 0) {
			warnx_(_("--today: '%s' is not a date of the form YYYY-MM-DD that exists"),
			       today_arg);
			status = EXIT_USAGE;
			goto out;
		}
		clock_set_today(&app.today);
	} else
		app.today = clock_today();

	if (load_settings(&app, config_file, 0) != 0) {
		status = EXIT_FAIL;
		goto out;
	}
	if (app.settings.language != LANG_AUTO) {
		/* Read the files again so that their warnings are in the language they chose. */
		enum lang_pref lang = app.settings.language;

		choose_language(lang);
		settings_free(&app.settings);
		settings_init(&app.settings);
		load_settings(&app, config_file, 1);
		app.settings.language = lang;
	}
	for (size_t i = 0; i < app.settings.warnings.n; i++)
		warnx_(_("warning: %s"), app.settings.warnings.v[i]);

	/* A command that needs no database (kiosk font) runs without one. */
	if (cmd != NULL && cmd->db == CLI_DB_NONE) {
		status = cmd->run(&app, &args);
		goto out;
	}

	if (db_arg != NULL)
		app.db_path = db_arg;
	else if (app.settings.db_path != NULL)
		app.db_path = app.settings.db_path;
	else if ((default_db = settings_default_db_path()) != NULL)
		app.db_path = default_db;
	else {
		warnx_("%s", _("no database: give --db PATH, or set HOME or XDG_DATA_HOME"));
		status = EXIT_USAGE;
		goto out;
	}
	app.user = actor_name();
	app.actor = app.user;
	app.role = ROLE_BITS_ALL;

	if (cmd == NULL && (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		warnx_("%s",
		       _("the staff screens need a terminal; see 'sumaho --help' for commands"));
		status = EXIT_USAGE;
		goto out;
	}
	/* The kiosk writes nothing: it opens the database read-only, and may run as a user the
	 * operating system lets only read it. */
	app.db = db_open(app.db_path,
	                 kiosk                                     ? DB_OPEN_READONLY
	                 : cmd != NULL && cmd->db == CLI_DB_CREATE ? DB_OPEN_CREATE
	                                                           : DB_OPEN_EXISTING,
	                 app.settings.busy_timeout_ms, &cause);
	if (app.db == NULL) {
		warnx_("%s", cause);
		status = EXIT_FAIL;
		goto out;
	}
	/* An older database is upgraded before use; init reports it, the others do it quietly. */
	if (cmd == NULL || cmd->db == CLI_DB_EXISTING) {
		if (db_migrate(app.db, &cause) < 0) {
			warnx_("%s", cause);
			status = EXIT_FAIL;
			goto out;
		}
	}
	/* Who runs a command that changes data or shows personal data: a staff member signed
	 * in here once accounts exist, whatever the configuration says. */
	if (args.staff != NULL)
		app.staff_id = args.staff;
	if (args.pin_file != NULL)
		app.pin_file = args.pin_file;
	if (args.reason != NULL)
		app.reason = args.reason;
	if (app.staff_id == NULL)
		app.staff_id = getenv("SUMAHO_STAFF");
	if (cmd != NULL && (status = cli_sign_in(&app, cmd->name, cmd->role)) != EXIT_OK)
		goto out;
	/* How wide the terminal draws ambiguous characters: as set, or asked of it. */
	if (app.settings.ambiguous == AMBIGUOUS_WIDE)
		text_ambiguous_wide(1);
	else if (app.settings.ambiguous == AMBIGUOUS_AUTO)
		text_ambiguous_wide(screen_probe_ambiguous());
	if (cmd != NULL)
		status = cmd->run(&app, &args);
	else if (kiosk) {
		screen_start(app.settings.colour != COLOUR_OFF);
		status = kiosk_run(&app, 0) == 0 ? EXIT_OK : EXIT_FAIL;
		screen_stop();
	} else {
		screen_start(app.settings.colour != COLOUR_OFF);
		status = home_run(&app);
		screen_stop();
	}
out:
	cli_args_free(&args);
	db_close(app.db);
	free(cause);
	free(default_db);
	settings_free(&app.settings);
	return status;
}
