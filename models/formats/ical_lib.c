/* models/formats/ical_lib.c: libical, loaded when a calendar is first written or read (see
 * ical_lib.h). */
#include "config.h"
#include "models/formats/ical_lib.h"

#include <dlfcn.h>
#include <stddef.h>
#include <string.h>

#include "models/core/i18n.h"
#include "models/core/util.h"

#define ICAL_SONAME "libical.so.3"

struct ical_lib ical;

int
ical_lib_load(char **cause)
{
	static const struct {
		const char *name;
		size_t offset;
	} fns[] = {
#define X(f) {#f, offsetof(struct ical_lib, f)},
	    ICAL_FUNCTIONS(X)
#undef X
	};
	void *h;

	if (ical.loaded)
		return 0;
	if ((h = dlopen(ICAL_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL) {
		set_cause(cause, _("cannot load %s for the calendar: %s"), ICAL_SONAME, dlerror());
		return -1;
	}
	for (size_t i = 0; i < sizeof fns / sizeof fns[0]; i++) {
		void *sym = dlsym(h, fns[i].name);

		if (sym == NULL) {
			set_cause(cause, _("cannot load %s for the calendar: %s"), ICAL_SONAME,
			          dlerror());
			return -1;
		}
		/* A function's address as dlsym returns it (POSIX: the same representation). */
		memcpy((char *)&ical + fns[i].offset, &sym, sizeof sym);
	}
	ical.loaded = 1;
	return 0;
}
