/* models/core/i18n.h: gettext macros, with no-op fallbacks when NLS is disabled. */
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

#endif
