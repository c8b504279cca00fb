/* tui/cli/kiosk.c: sumaho kiosk font: the lobby appliance's terminal font, for its launcher
 * (assets/kiosk/sumaho-kiosk), read from the configuration as sumaho reads it. */
#include "config.h"

#include <stdio.h>

#include "models/core/i18n.h"
#include "tui/cli/cli.h"

/* sumaho kiosk font: "FAMILY:size=POINTS", as foot's --font takes it. */
static int
cmd_kiosk_font(struct app *app, const struct cli_args *a)
{
	(void)a;
	printf("%s:size=%d\n", app->settings.kiosk_font, app->settings.kiosk_font_size);
	return EXIT_OK;
}

const struct cli_command cli_kiosk_commands[] = {
    {"kiosk font", "",
     N_("print the kiosk appliance's terminal font from [kiosk] font and font_size"), NULL, 0, 0,
     CLI_DB_NONE, 0, cmd_kiosk_font, NULL, NULL},
    {NULL, NULL, NULL, NULL, 0, 0, CLI_DB_NONE, 0, NULL, NULL, NULL},
};
