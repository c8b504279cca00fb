/* tui/cli/cli.h: the subcommands: one table of commands (name, options, usage, the role it
 * needs, run), whose options are parsed in one place, in the manner of tmux's cmd_entry. Each
 * tui/cli/FEATURE.c holds the rows of one feature and calls that feature's models functions,
 * the same ones its screen calls. */
#ifndef TUI_CLI_CLI_H
#define TUI_CLI_CLI_H

#include <stdio.h>

#include "models/core/util.h"
#include "models/formats/csv.h"
#include "models/formats/table.h"
#include "models/staff/staff.h"
#include "tui/app.h"

/* Exit statuses, as documented in the man page. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, EXIT_TAKEN = 3 };

/* What a command needs of the database before it runs. */
enum cli_db {
	CLI_DB_NONE,     /* nothing */
	CLI_DB_EXISTING, /* an existing one, upgraded quietly */
	CLI_DB_CREATE,   /* created when missing (init) */
};

/* The most options one command takes. */
#define CLI_MAX_OPTIONS 12

/* An option of a command: --name, and -letter when letter is not 0. */
struct cli_option {
	const char *name;
	char letter;
	int has_arg; /* takes a value */
};

struct cli_command;
/* One command as typed and parsed. */
struct cli_args {
	const struct cli_command *cmd;
	const char *word; /* the name's last word as typed ("attend" of "slots attend") */
	int argc;         /* the operands after the name */
	char **argv;
	/* Each option's value by its index in the command's options: NULL when not given, "" for
	 * a flag given; values holds every value of an option given more than once. */
	const char *value[CLI_MAX_OPTIONS];
	struct strlist values[CLI_MAX_OPTIONS];
	/* --staff and --pin-file, which every command takes (as sumaho itself does), and
	 * --reason, why an admin amends a closed month (models/periods/). */
	const char *staff, *pin_file, *reason;
	char **narrowed; /* the operands as argv gives them (owned) */
};

struct cli_command {
	/* As typed: "slots book"; the last word may list alternatives ("slots cancel|attend"),
	 * the one typed is in cli_args.word. */
	const char *name;
	const char *usage;                /* N_(): what follows the name */
	const char *summary;              /* N_(): one line for --help */
	const struct cli_option *options; /* ends with a NULL name; NULL: none */
	int min_args, max_args;           /* operands after the name; max -1: any number */
	enum cli_db db;
	/* ROLE_BIT_s of a staff member allowed to run it once staff accounts exist; 0 for
	 * commands that neither change data nor show personal data. */
	int role;
	int (*run)(struct app *app, const struct cli_args *a);
	const void *data; /* the row's own data for run (e.g. a kind of record) */
	/* The options when they come from the model rather than this table (a record's fields). */
	const struct cli_option *(*options_of)(const struct cli_command *cmd);
};

/* Each feature's rows, ending with a NULL name. */
extern const struct cli_command cli_database_commands[], cli_transfer_commands[],
    cli_calendar_commands[], cli_classes_commands[], cli_people_commands[], cli_consult_commands[],
    cli_lottery_commands[], cli_reports_commands[], cli_periods_commands[], cli_staff_commands[],
    cli_audit_commands[], cli_reminders_commands[], cli_notices_commands[], cli_kiosk_commands[];

/* Find the command that argv (the words after sumaho's own options) names and parse its
 * options and operands into *a (freed with cli_args_free). EXIT_OK with *cmd set, or
 * EXIT_USAGE after a message on stderr. */
int cli_parse(int argc, char **argv, const struct cli_command **cmd, struct cli_args *a);
void cli_args_free(struct cli_args *a);
/* The commands for --help: "  NAME USAGE" and the summary under it. */
void cli_print_help(FILE *out);

/* Once staff accounts exist, sign in the staff member that --staff (or SUMAHO_STAFF) names,
 * with the PIN from --pin-file or the terminal, and check that their role is one of need (an
 * admin may do anything); from then on they are app->actor. With no accounts, or need 0,
 * nothing is asked. EXIT_OK, or a message and EXIT_FAIL (EXIT_USAGE without a staff ID). */
int cli_sign_in(struct app *app, const char *what, int need);
/* Read a PIN from f (a terminal: with the echo off, the prompt on it): a new string, wiped
 * and freed with staff_pin_free, or NULL at the end of the input. */
char *cli_read_pin(FILE *f, const char *prompt);

struct person;
/* The person of code into *p (freed with person_free): 0, or EXIT_FAIL after a message. */
int cli_person(struct app *app, const char *code, struct person *p);
/* The end of a look-up of the person of code by a models function that returned found (0:
 * found, 1: nobody has the code, -1: an error in cause, which this frees): 0, or EXIT_FAIL
 * after a message. */
int cli_person_found(int found, const char *code, char *cause);

/* Print "sumaho: MESSAGE" on stderr. */
void warnx_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print a command's usage on stderr; returns EXIT_USAGE. */
int usage_error(const struct cli_command *cmd);
/* Print *cause (or "unknown error") as an error, free it, and return EXIT_FAIL. */
int fail_with(char *cause);
/* Print errors, then cause when not NULL, each as an error. */
void print_errors(const struct strlist *errors, const char *cause);
/* Print a table for a terminal or a pipe (up to 250 columns) and free it: EXIT_OK; or, when t
 * is NULL, print *cause as fail_with does: EXIT_FAIL. */
int print_table(struct table *t, char *cause);
/* The data of a command that lists what a model's function returns as a table. */
struct cli_list {
	struct table *(*list)(struct db *db, char **cause);
	const char *empty; /* N_(): said instead of a table without rows; NULL: the table */
};
/* The run of such a command (its data a struct cli_list): the table, or the empty line. */
int cli_print_list(struct app *app, const struct cli_args *a);
/* Parse an --encoding argument (utf-8, utf-8-bom, cp932 or shift_jis); 0, or a message and
 * -1. */
int encoding_option(const char *arg, enum csv_encoding *enc);
/* Parse a date argument of option opt; 0, or a message and -1. */
int date_option(const char *opt, const char *arg, struct date *d);
/* Parse a whole number from lo to hi given to option opt; 0, or a message and -1. */
int number_option(const char *opt, const char *arg, long lo, long hi, long *n);
/* 0 when arg is one of the words (a NULL-ended list), else a message and -1. */
int choice_option(const char *arg, const char *const *words);
/* Open path for writing through a temporary file in the same folder, created 0600 (it may
 * hold personal data); "-" or NULL is standard output. *tmp gets the temporary name (NULL for
 * standard output) for cli_output_close. NULL with a message on failure. */
FILE *cli_output_open(const char *path, char **tmp);
/* Close what cli_output_open opened: renamed into place when ok, removed when not. Returns ok
 * unless the file could not be written (then a message and EXIT_FAIL). */
int cli_output_close(FILE *out, const char *path, char *tmp, int ok);

#endif
