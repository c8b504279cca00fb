/* tui/screens/lottery.h: the Lotteries screen. */
#ifndef TUI_SCREENS_LOTTERY_H
#define TUI_SCREENS_LOTTERY_H

#include "tui/app.h"

/* Offerings, applications and draws until the user goes back (0) or quits (1). */
int lottery_screen_run(struct app *app);

#endif
