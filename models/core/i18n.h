/* models/core/i18n.h: gettext macros, with no-op fallbacks when NLS is disabled, and the
 * language the messages are in. */
#ifndef MODELS_CORE_I18N_H
#define MODELS_CORE_I18N_H

#ifdef ENABLE_NLS
#include <libintl.h>
#define _(s)        gettext(s)
#define P_(s, p, n) ngettext((s), (p), (n))
#else
#define _(s)                          ((char *)(s))
#define P_(s, p, n)                   ((n) == 1 ? (char *)(s) : (char *)(p))
#define textdomain(d)                 ((void)(d))
#define bindtextdomain(d, dir)        ((void)(d), (void)(dir))
#define bind_textdomain_codeset(d, c) ((void)(d), (void)(c))
#endif
#define N_(s) (s)

/* The language of the messages from here on: gettext's LANGUAGE set to lang ("ja", "en") and
 * its translations looked up again (models/core/i18n.c). The screens' language, and a notice
 * written in its reader's language. */
void i18n_set_language(const char *lang);
/* The LANGUAGE in force, for i18n_restore: a new string, or NULL when none is set. */
char *i18n_save(void);
/* Put back the language i18n_save returned (freeing it): the one it names, or none. */
void i18n_restore(char *saved);

#endif
