/* models/core/util.h: allocation that never returns NULL, owned strings, fatal errors. */
#ifndef MODELS_CORE_UTIL_H
#define MODELS_CORE_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

/* Allocate or die; the fatal hook (see util_set_fatal_hook) runs before the process exits. */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* v (an array of *cap elements of size bytes) with room for element n: grown, when full, to
 * first elements or twice as many; *cap follows. */
void *xgrow(void *v, size_t n, size_t *cap, size_t first, size_t size);
/* Format into a new string that the caller frees. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Keep freed heap memory for reuse instead of giving it back to the system after every query:
 * with glibc's default (128 KB) each search at the counter paid page faults that grew with the
 * size of the database (measured by tests/bench/consult.sh). Call once at start. */
void util_tune_allocator(void);
struct db;
/* Give back what is not needed while nothing happens (a screen waiting for a key): SQLite's
 * page cache not in use (the next query reads its pages again, from the system's cache) and
 * the allocator's free memory (util_tune_allocator keeps it otherwise). db may be NULL. */
void util_release_memory(struct db *db);
/* Install a function (the screen's terminal restore) called once before a fatal exit. */
void util_set_fatal_hook(void (*hook)(void));
/* Restore the terminal through the hook, print "sumaho: MESSAGE" on stderr and exit(2). */
_Noreturn void fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Replace *cause (freeing the old one) with a formatted message; cause may be NULL. */
void set_cause(char **cause, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Open path for reading when it is a regular file; a FIFO (which would block the open, for
 * ever when nothing writes to it), a device or a directory is refused from stat, before it is
 * opened, and the open does not block should one take the file's place in between. NULL with
 * *cause ("PATH: not a regular file", "PATH: cannot open: ...") and errno set. */
FILE *file_open_regular(const char *path, char **cause);

/* A code as stored and the msgid that names it on screen and on paper. */
struct code_name {
	const char *code, *name;
};
/* The translated name of code among the n codes of names, or code itself when it has none. */
const char *code_name(const struct code_name *names, size_t n, const char *code);
/* code_name over the whole array names. */
#define CODE_NAME(names, code) code_name((names), sizeof(names) / sizeof(names)[0], (code))

/* A growable list of owned strings. */
struct strlist {
	char **v;
	size_t n, cap;
};
void strlist_add(struct strlist *l, char *owned);
void strlist_addf(struct strlist *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void strlist_clear(struct strlist *l);
/* The strings one after another with sep between them; the caller frees it. */
char *strlist_join(const struct strlist *l, const char *sep);

#endif
