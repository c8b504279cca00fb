/* models/core/util.c: allocation, formatted strings and the fatal path. */
#include "config.h"
#include "models/core/util.h"

#ifdef HAVE_MALLOC_H
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "models/core/db.h"
#include "models/core/i18n.h"

static void (*fatal_hook)(void);

void
util_set_fatal_hook(void (*hook)(void))
{
	fatal_hook = hook;
}

_Noreturn void
fatal(const char *fmt, ...)
{
	va_list ap;
	void (*hook)(void) = fatal_hook;

	fatal_hook = NULL;
	if (hook != NULL)
		hook();
	fputs("sumaho: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

void *
xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);

	if (p == NULL)
		fatal("%s", _("out of memory"));
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		fatal("%s", _("out of memory"));
	return p;
}

void *
xrealloc(void *p, size_t size)
{
	void *q = realloc(p, size ? size : 1);

	if (q == NULL)
		fatal("%s", _("out of memory"));
	return q;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void *
xgrow(void *v, size_t n, size_t *cap, size_t first, size_t size)
{
	if (n >= *cap) {
		*cap = *cap ? *cap * 2 : first;
		if (*cap <= n)
			*cap = n + 1;
		v = xrealloc(v, *cap * size);
	}
	return v;
}

char *
xvasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	int len;
	char *s;

	va_copy(aq, ap);
	len = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (len < 0)
		fatal("%s", _("cannot format a message"));
	s = xmalloc((size_t)len + 1);
	vsnprintf(s, (size_t)len + 1, fmt, ap);
	return s;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

void
set_cause(char **cause, const char *fmt, ...)
{
	va_list ap;

	if (cause == NULL)
		return;
	free(*cause);
	va_start(ap, fmt);
	*cause = xvasprintf(fmt, ap);
	va_end(ap);
}

void
strlist_add(struct strlist *l, char *owned)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 8;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = owned;
}

void
strlist_addf(struct strlist *l, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strlist_add(l, xvasprintf(fmt, ap));
	va_end(ap);
}

char *
strlist_join(const struct strlist *l, const char *sep)
{
	size_t len = 1, seplen = strlen(sep);
	char *out, *p;

	for (size_t i = 0; i < l->n; i++)
		len += strlen(l->v[i]) + (i ? seplen : 0);
	p = out = xmalloc(len);
	for (size_t i = 0; i < l->n; i++) {
		size_t n = strlen(l->v[i]);

		if (i) {
			memcpy(p, sep, seplen);
			p += seplen;
		}
		memcpy(p, l->v[i], n);
		p += n;
	}
	*p = '\0';
	return out;
}

void
strlist_clear(struct strlist *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->v[i]);
	free(l->v);
	l->v = NULL;
	l->n = l->cap = 0;
}

void
util_tune_allocator(void)
{
#if defined(HAVE_MALLOPT) && defined(M_TRIM_THRESHOLD)
	mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
#endif
}

void
util_release_memory(struct db *db)
{
	/* SQLite's sqlite3_db_release_memory (nothing on PostgreSQL, which skips pragmas). */
	if (db != NULL)
		db_exec(db, "PRAGMA shrink_memory", NULL);
#ifdef HAVE_MALLOC_TRIM
	malloc_trim(0);
#endif
}

FILE *
file_open_regular(const char *path, char **cause)
{
	struct stat st;
	FILE *f;
	int fd, e;

	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		set_cause(cause, _("%s: not a regular file"), path);
		errno = EINVAL;
		return NULL;
	}
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		set_cause(cause, _("%s: cannot open: %s"), path, strerror(e));
		errno = e;
		return NULL;
	}
	if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
		close(fd);
		set_cause(cause, _("%s: not a regular file"), path);
		errno = EINVAL;
		return NULL;
	}
	if (fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK) != 0 ||
	    (f = fdopen(fd, "rb")) == NULL) {
		e = errno;
		set_cause(cause, _("%s: cannot open: %s"), path, strerror(e));
		close(fd);
		errno = e;
		return NULL;
	}
	return f;
}

const char *
code_name(const struct code_name *names, size_t n, const char *code)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i].code, code) == 0)
			return _(names[i].name);
	return code;
}
