/* tui/screens/reports.h: the Reports section: the city's tables and charts for a half year. */
#ifndef TUI_SCREENS_REPORTS_H
#define TUI_SCREENS_REPORTS_H

#include "tui/app.h"

/* Show the reports until the user goes back (0) or quits (1). */
int reports_run(struct app *app);

#endif
