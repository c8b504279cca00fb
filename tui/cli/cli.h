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
/* The lottery rules of this run, from the configuration. */
struct lottery_config app_lottery_config(struct app *app);
/* Print a round's summary: seed, rules, and a line an offering. */
void print_round(const struct lottery_round *r);
/* The booking rules of this run: the configured limit and topics, today, the actor. */
struct booking_rules app_rules(struct app *app);
/* A slot's state in words ("free", "booked", ...). */
const char *slot_state_label(enum slot_state s);

/* A roll-call status as people read it ("present", "absent (substitute)", ...); the string is
 * borrowed until the next call. */
const char *attendance_label(const char *status, int substitute);

struct ical_filter;
/* Export the events f selects to path ("-" or NULL: standard output) through a temporary file
 * renamed over it; *n gets the number of events. 0, or -1 with *cause. */
int export_to(const char *path, struct app *app, const struct ical_filter *f, long *n,
              char **cause);

/* Where the demo data set is: the installed copy, else the source tree's. */
const char *demo_dir(void);

#endif
