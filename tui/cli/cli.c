/* tui/cli/cli.c: finding a command in the table, parsing its options, and what every command
 * shares for printing and checking arguments. */
#include "config.h"
#include "tui/cli/cli.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "models/core/date.h"
#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/people/people.h"

/* The features' rows, in the order --help lists them. */
static const struct cli_command *const groups[] = {
    cli_database_commands,  cli_transfer_commands, cli_calendar_commands,
    cli_classes_commands,   cli_people_commands,   cli_consult_commands,
    cli_reminders_commands, cli_lottery_commands,  cli_notices_commands,
    cli_reports_commands,   cli_periods_commands,  cli_staff_commands,
    cli_audit_commands,     cli_kiosk_commands,    NULL,
};

void
warnx_(const char *fmt, ...)
{
	va_list ap;

	fputs("sumaho: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
usage_error(const struct cli_command *cmd)
{
	warnx_(_("usage: sumaho %s %s"), cmd->name, *cmd->usage ? _(cmd->usage) : "");
	fprintf(stderr, "%s\n", _("Try 'sumaho --help' for more information."));
	return EXIT_USAGE;
}

/* Nonzero when word is one of the alternatives in alts ("cancel|attend") of length n. */
static int
word_in(const char *word, const char *alts, size_t n)
{
	size_t len = strlen(word);

	for (const char *p = alts, *end = alts + n; p < end;) {
		const char *bar = memchr(p, '|', (size_t)(end - p));
		size_t k = bar ? (size_t)(bar - p) : (size_t)(end - p);

		if (k == len && strncmp(p, word, k) == 0)
			return 1;
		p += k + 1;
	}
	return 0;
}

/* How many words of argv cmd's name takes (0: it does not match). */
static int
name_matches(const struct cli_command *cmd, int argc, char **argv)
{
	const char *p = cmd->name;
	int n = 0;

	while (*p) {
		size_t len = strcspn(p, " ");

		if (n >= argc || !word_in(argv[n], p, len))
			return 0;
		n++;
		p += len;
		p += *p == ' ';
	}
	return n;
}

/* The operations of the commands whose name begins with word ("slots"), for an error. */
static void
print_operations(const char *word)
{
	char *ops = xstrdup("");
	size_t len = strlen(word);

	for (size_t g = 0; groups[g] != NULL; g++)
		for (const struct cli_command *c = groups[g]; c->name != NULL; c++) {
			if (strncmp(c->name, word, len) != 0 || c->name[len] != ' ')
				continue;
			char *more =
			    xasprintf("%s%s%.*s", ops, *ops ? "|" : "",
			              (int)strcspn(c->name + len + 1, " "), c->name + len + 1);

			free(ops);
			ops = more;
		}
	warnx_(_("usage: sumaho %s %s"), word, *ops ? ops : "...");
	fprintf(stderr, "%s\n", _("Try 'sumaho --help' for more information."));
	free(ops);
}

/* Parse cmd's options in argv (argv[0] is the name's last word); EXIT_OK or EXIT_USAGE. */
/* Nonzero for an option whose value is kept as typed: names, free text, file names. */
static int
text_option(const char *name)
{
	static const char *const text[] = {"name",        "kana",  "address",      "title",
	                                   "description", "bring", "report-group", "output",
	                                   "good-rows",   NULL};

	for (size_t i = 0; text[i] != NULL; i++)
		if (strcmp(text[i], name) == 0)
			return 1;
	return 0;
}

/* Nonzero for an operand kept as typed: a name or a file name. The other operands are codes,
 * numbers, dates and times, read as text_narrow makes them ("２０" is 20, "Ｐ０００１" is
 * P0001), as are the values of the options but text_option's. */
static int
text_operand(const char *command, int k)
{
	static const struct {
		const char *command;
		int k;
	} text[] = {
	    {"import", 1}, {"import ics", 0}, {"backup", 0}, {"people add", 0}, {"staff add", 2}};

	for (size_t i = 0; i < sizeof text / sizeof text[0]; i++)
		if (strcmp(text[i].command, command) == 0 && text[i].k == k)
			return 1;
	return 0;
}

static int
parse_options(const struct cli_command *cmd, int argc, char **argv, struct cli_args *a)
{
	struct option longs[CLI_MAX_OPTIONS + 4];
	char shorts[2 * CLI_MAX_OPTIONS + 2] = ":";
	const struct cli_option *opts = cmd->options_of ? cmd->options_of(cmd) : cmd->options;
	size_t n = 0, ns = 1;
	int c;

	for (const struct cli_option *o = opts; o != NULL && o->name != NULL && n < CLI_MAX_OPTIONS;
	     o++, n++) {
		longs[n] = (struct option){o->name, o->has_arg ? required_argument : no_argument,
		                           NULL, 1000 + (int)n};
		if (o->letter) {
			shorts[ns++] = o->letter;
			if (o->has_arg)
				shorts[ns++] = ':';
		}
	}
	shorts[ns] = '\0';
	longs[n] = (struct option){"staff", required_argument, NULL, 2000};
	longs[n + 1] = (struct option){"pin-file", required_argument, NULL, 2001};
	longs[n + 2] = (struct option){"reason", required_argument, NULL, 2002};
	longs[n + 3] = (struct option){NULL, 0, NULL, 0};
	optind = 0; /* GNU getopt: start over, permuting operands to the end */
	opterr = 0; /* our own messages */
	while ((c = getopt_long(argc, argv, shorts, longs, NULL)) != -1) {
		size_t i = (size_t)c - 1000;

		if (c >= 2000 && c <= 2002) {
			*(c == 2000 ? &a->staff : c == 2001 ? &a->pin_file : &a->reason) = optarg;
			continue;
		}
		if (c > 0 && c < 1000)
			for (i = 0; i < n && opts[i].letter != c; i++)
				;
		if (c == ':') {
			warnx_(_("option '%s' needs an argument"), argv[optind - 1]);
			return usage_error(cmd);
		}
		if (c == '?' || i >= n) {
			if (optopt > 0 && optopt < 1000)
				warnx_(_("unknown option '-%c'"), optopt);
			else
				warnx_(_("unknown option '%s'"), argv[optind - 1]);
			return usage_error(cmd);
		}
		/* Names, free text and file names as typed; codes, numbers, dates as meant. */
		strlist_add(&a->values[i], optarg == NULL              ? xstrdup("")
		                           : text_option(opts[i].name) ? xstrdup(optarg)
		                                                       : text_narrow(optarg));
		a->value[i] = a->values[i].v[a->values[i].n - 1];
	}
	a->argc = argc - optind;
	a->narrowed = xcalloc((size_t)a->argc + 1, sizeof *a->narrowed);
	for (int k = 0; k < a->argc; k++)
		a->narrowed[k] = text_operand(cmd->name, k) ? xstrdup(argv[optind + k])
		                                            : text_narrow(argv[optind + k]);
	a->argv = a->narrowed;
	if (a->argc < cmd->min_args || (cmd->max_args >= 0 && a->argc > cmd->max_args))
		return usage_error(cmd);
	return EXIT_OK;
}

int
cli_parse(int argc, char **argv, const struct cli_command **cmd, struct cli_args *a)
{
	const struct cli_command *best = NULL;
	int words = 0;

	memset(a, 0, sizeof *a);
	for (size_t g = 0; groups[g] != NULL; g++)
		for (const struct cli_command *c = groups[g]; c->name != NULL; c++) {
			int n = name_matches(c, argc, argv);

			if (n > words) {
				best = c;
				words = n;
			}
		}
	if (best == NULL) {
		for (size_t g = 0; groups[g] != NULL; g++)
			for (const struct cli_command *c = groups[g]; c->name != NULL; c++)
				if (strncmp(c->name, argv[0], strlen(argv[0])) == 0 &&
				    c->name[strlen(argv[0])] == ' ') {
					if (argc > 1)
						warnx_(_("unknown %s operation '%s'"), argv[0],
						       argv[1]);
					print_operations(argv[0]);
					return EXIT_USAGE;
				}
		warnx_(_("unknown command '%s'"), argv[0]);
		fprintf(stderr, "%s\n", _("Try 'sumaho --help' for more information."));
		return EXIT_USAGE;
	}
	*cmd = best;
	a->cmd = best;
	a->word = argv[words - 1];
	return parse_options(best, argc - words + 1, argv + words - 1, a);
}

void
cli_args_free(struct cli_args *a)
{
	for (size_t i = 0; i < CLI_MAX_OPTIONS; i++)
		strlist_clear(&a->values[i]);
	for (int k = 0; a->narrowed != NULL && k < a->argc; k++)
		free(a->narrowed[k]);
	free(a->narrowed);
	a->narrowed = NULL;
}

void
cli_print_help(FILE *out)
{
	for (size_t g = 0; groups[g] != NULL; g++)
		for (const struct cli_command *c = groups[g]; c->name != NULL; c++) {
			fprintf(out, "  %s %s\n", c->name, *c->usage ? _(c->usage) : "");
			fprintf(out, "      %s\n", _(c->summary));
		}
}

int
fail_with(char *cause)
{
	warnx_("%s", cause ? cause : _("unknown error"));
	free(cause);
	return EXIT_FAIL;
}

void
print_errors(const struct strlist *errors, const char *cause)
{
	for (size_t i = 0; i < errors->n; i++)
		warnx_("%s", errors->v[i]);
	if (cause != NULL)
		warnx_("%s", cause);
}

int
print_table(struct table *t, char *cause)
{
	struct strlist lines = {0};

	if (t == NULL)
		return fail_with(cause);
	free(cause);
	table_format(t, 250, &lines);
	for (size_t i = 0; i < lines.n; i++)
		puts(lines.v[i]);
	strlist_clear(&lines);
	table_free(t);
	return EXIT_OK;
}

int
cli_print_list(struct app *app, const struct cli_args *a)
{
	const struct cli_list *l = a->cmd->data;
	char *cause = NULL;
	struct table *t = l->list(app->db, &cause);

	if (t != NULL && t->nrows == 0 && l->empty != NULL) {
		table_free(t);
		puts(_(l->empty));
		return EXIT_OK;
	}
	return print_table(t, cause);
}

int
encoding_option(const char *arg, enum csv_encoding *enc)
{
	if (strcmp(arg, "utf-8") == 0)
		*enc = CSV_UTF8;
	else if (strcmp(arg, "utf-8-bom") == 0)
		*enc = CSV_UTF8_BOM;
	else if (strcmp(arg, "cp932") == 0 || strcmp(arg, "shift_jis") == 0)
		*enc = CSV_CP932;
	else {
		warnx_(_("'%s' is not one of: %s"), arg, "utf-8, utf-8-bom, cp932");
		return -1;
	}
	return 0;
}

int
date_option(const char *opt, const char *arg, struct date *d)
{
	if (date_parse(arg, d) != 0) {
		warnx_(_("%s: '%s' is not a date of the form YYYY-MM-DD that exists"), opt, arg);
		return -1;
	}
	return 0;
}

int
number_option(const char *opt, const char *arg, long lo, long hi, long *n)
{
	char *end;

	errno = 0;
	*n = strtol(arg, &end, 10);
	if (*arg == '\0' || *end != '\0' || errno != 0 || *n < lo || *n > hi) {
		warnx_(_("%s: '%s' is not a number from %ld to %ld"), opt, arg, lo, hi);
		return -1;
	}
	return 0;
}

int
choice_option(const char *arg, const char *const *words)
{
	char *list = xstrdup("");

	for (size_t i = 0; words[i] != NULL; i++) {
		char *more;

		if (strcmp(arg, words[i]) == 0) {
			free(list);
			return 0;
		}
		more = xasprintf("%s%s%s", list, i ? ", " : "", words[i]);
		free(list);
		list = more;
	}
	warnx_(_("'%s' is not one of: %s"), arg, list);
	free(list);
	return -1;
}

FILE *
cli_output_open(const char *path, char **tmp)
{
	FILE *out;
	char *cause = NULL;
	int fd;

	*tmp = NULL;
	if (path == NULL || strcmp(path, "-") == 0)
		return stdout;
	/* 0600, or 0660 in the configured group: the file may hold personal data. */
	if ((fd = db_file_create(path, tmp, &cause)) < 0) {
		fail_with(cause);
		return NULL;
	}
	if ((out = fdopen(fd, "w")) == NULL) {
		warnx_(_("%s: cannot write: %s"), path, strerror(errno));
		close(fd);
		unlink(*tmp);
		free(*tmp);
		*tmp = NULL;
	}
	return out;
}

int
cli_output_close(FILE *out, const char *path, char *tmp, int ok)
{
	if (out == stdout)
		return ok;
	if (fclose(out) != 0 && ok == EXIT_OK) {
		warnx_(_("%s: cannot write: %s"), path, strerror(errno));
		ok = EXIT_FAIL;
	}
	if (ok == EXIT_OK && rename(tmp, path) != 0) {
		warnx_(_("%s: cannot write: %s"), path, strerror(errno));
		ok = EXIT_FAIL;
	}
	if (ok != EXIT_OK)
		unlink(tmp);
	free(tmp);
	return ok;
}

char *
cli_read_pin(FILE *f, const char *prompt)
{
	char buf[64];
	int fd = fileno(f), tty = isatty(fd);
	struct termios old, quiet;

	if (tty) {
		fprintf(f == stdin ? stderr : f, "%s ", prompt);
		fflush(f == stdin ? stderr : f);
		if (tcgetattr(fd, &old) == 0) {
			quiet = old;
			quiet.c_lflag &= ~(tcflag_t)ECHO;
			tcsetattr(fd, TCSAFLUSH, &quiet);
		} else
			tty = 0;
	}
	char *got = fgets(buf, sizeof buf, f);

	if (tty) {
		tcsetattr(fd, TCSAFLUSH, &old);
		fputc('\n', f == stdin ? stderr : f);
	}
	if (got == NULL)
		return NULL;
	buf[strcspn(buf, "\r\n")] = '\0';
	char *pin = xstrdup(buf);

	sodium_memzero(buf, sizeof buf);
	return pin;
}

/* The PIN of a sign-in: the first line of the --pin-file, which must be the caller's own and
 * readable by nobody else, or asked on the terminal. NULL after a message. */
static char *
sign_in_pin(const char *pin_file)
{
	struct stat sb;
	FILE *f;
	char *pin;
	int fd;

	if (pin_file == NULL) {
		if ((f = fopen("/dev/tty", "r+")) == NULL) {
			warnx_("%s", _("no terminal to ask for the PIN: give --pin-file FILE"));
			return NULL;
		}
		pin = cli_read_pin(f, _("PIN:"));
		fclose(f);
		if (pin == NULL)
			warnx_("%s", _("no PIN given"));
		return pin;
	}
	/* Not followed through a link, and not a FIFO or device that could block or lie. */
	fd = open(pin_file, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &sb) != 0) {
		warnx_(_("%s: cannot read: %s"), pin_file, strerror(errno));
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if (!S_ISREG(sb.st_mode) || sb.st_uid != geteuid() || (sb.st_mode & 077) != 0) {
		warnx_(_("%s: a PIN file must be a file of your own that nobody else can read or "
		         "write (chmod 600)"),
		       pin_file);
		close(fd);
		return NULL;
	}
	if ((f = fdopen(fd, "r")) == NULL) {
		close(fd);
		return NULL;
	}
	pin = cli_read_pin(f, "");
	fclose(f);
	if (pin == NULL || *pin == '\0') {
		warnx_(_("%s: the file holds no PIN"), pin_file);
		staff_pin_free(pin);
		return NULL;
	}
	return pin;
}

int
cli_sign_in(struct app *app, const char *what, int need)
{
	struct staff who;
	char *pin, *cause = NULL;
	const char *id = app->staff_id;

	/* A new database (init) has no accounts yet: the one case with nobody to ask. */
	if (need == 0 || *app->staff_login != '\0' || db_schema_version(app->db, NULL) <= 0)
		return EXIT_OK;
	int64_t accounts = staff_count_active(app->db, &cause);

	if (accounts < 0)
		return fail_with(cause);
	if (accounts == 0)
		return EXIT_OK;
	if (id == NULL || *id == '\0') {
		warnx_(_("'%s' needs a signed-in staff member: give --staff STAFF-ID (or set "
		         "SUMAHO_STAFF), with the PIN from the terminal or --pin-file FILE"),
		       what);
		return EXIT_USAGE;
	}
	if ((pin = sign_in_pin(app->pin_file)) == NULL)
		return EXIT_FAIL;
	enum staff_auth a = staff_login(app->db, id, pin, app->settings.max_failures,
	                                app->settings.lockout_seconds, "command", &who, &cause);

	staff_pin_free(pin);
	if (a != AUTH_OK)
		return fail_with(cause);
	if (!staff_may(who.role, need)) {
		warnx_(_("%s (%s) may not run '%s'"), who.login, staff_role_label(who.role), what);
		return EXIT_FAIL;
	}
	snprintf(app->staff_login, sizeof app->staff_login, "%s", who.login);
	snprintf(app->staff_name, sizeof app->staff_name, "%s", who.name);
	app->actor = app->staff_login;
	app->role = who.role;
	return EXIT_OK;
}

int
cli_person_found(int found, const char *code, char *cause)
{
	if (found > 0)
		set_cause(&cause, _("no person with code '%s'"), code);
	return found == 0 ? 0 : fail_with(cause);
}

int
cli_person(struct app *app, const char *code, struct person *p)
{
	char *cause = NULL;
	int found = person_find(app->db, code, p, &cause);

	return cli_person_found(found, code, cause);
}
