/* tests/fuzz/fuzz_ini.c: the configuration loader.
 *
 * The input is written to a file and read twice over the defaults, as a site file and then a
 * user's file are; then the settings in effect are described, as `sumaho config` does. */
#include "config.h"

#include <stdlib.h>

#include "models/core/settings.h"
#include "models/core/util.h"
#include "tests/fuzz/fuzz.h"

const char fuzz_target[] = "ini";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct settings s;
	struct strlist out = {0};
	const char *path;

	if (size > 65536)
		return 0;
	path = fuzz_write("sumaho.ini", data, size);
	settings_init(&s);
	for (int i = 0; i < 2; i++) {
		char *cause = NULL;
		int rc = settings_load_file(&s, path, 1, &cause);

		/* Read, or refused with the reason; never "no such file" for a file there. */
		if ((rc == 0) == (cause != NULL) || rc == 1)
			abort();
		free(cause);
	}
	if (s.monthly_limit < 0 || s.busy_timeout_ms < 0 || s.topics.n == 0)
		abort();
	settings_describe(&s, &out);
	strlist_clear(&out);
	settings_free(&s);
	return 0;
}
