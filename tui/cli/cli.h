/* tui/cli/cli.h: the subcommands, one table. */
#ifndef TUI_CLI_CLI_H
#define TUI_CLI_CLI_H

#include "tui/app.h"
#include "models/consult/slots.h"
#include "models/formats/table.h"

struct command {
	const char *name;
	const char *usage;   /* N_(): arguments after the name */
	const char *summary; /* N_(): one line for --help */
	int needs_db;        /* 0: none, 1: an existing database, 2: create it */
	int (*run)(struct app *app, int argc, char **argv);
};

extern const struct command commands[];

/* The command called name, or NULL. */
const struct command *command_find(const char *name);
/* Print "sumaho: MESSAGE" on stderr. */
void warnx_(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Exit statuses, as documented in the man page. */
enum { EXIT_OK = 0, EXIT_FAIL = 1, EXIT_USAGE = 2, EXIT_TAKEN = 3 };

/* Print the usage of a subcommand on stderr; returns EXIT_USAGE. */
int usage_error(const char *name, const char *usage);
/* Print *cause (or "unknown error") as an error, free it, and return EXIT_FAIL. */
int fail_with(char *cause);
/* Print a table for a terminal or a pipe (up to 250 columns). */
void print_table(const struct table *t);
/* Parse an --encoding argument (utf-8, utf-8-bom, cp932 or shift_jis); 0, or a message and
 * -1. */
int encoding_option(const char *arg, enum csv_encoding *enc);
/* Parse a date argument of option opt; 0, or a message and -1. */
int date_option(const char *opt, const char *arg, struct date *d);

/* sumaho slots ... and sumaho people ...: tui/slotcmds.c */
int cmd_slots(struct app *app, int argc, char **argv);
int cmd_people(struct app *app, int argc, char **argv);
int cmd_lottery(struct app *app, int argc, char **argv);
int cmd_venue(struct app *app, int argc, char **argv);
int cmd_course(struct app *app, int argc, char **argv);
int cmd_offering(struct app *app, int argc, char **argv);
int cmd_session(struct app *app, int argc, char **argv);
int cmd_apply(struct app *app, int argc, char **argv);
/* sumaho staff ... and sumaho audit: tui/staffcmds.c */
int cmd_staff(struct app *app, int argc, char **argv);
int cmd_audit(struct app *app, int argc, char **argv);
struct lottery_config;
struct lottery_round;
/* Print a round's summary: seed, rules, and a line an offering. */
void print_round(const struct lottery_round *r);




#endif
