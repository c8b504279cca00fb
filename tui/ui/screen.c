/* tui/ui/screen.c: curses set-up and tear-down, roles with a monochrome fallback. */
#include "config.h"
#include "tui/ui/screen.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <syslog.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "models/core/clock.h"
#include "models/core/i18n.h"
#include "models/core/text.h"
#include "models/kiosk/kiosk.h"
#include "models/core/util.h"
#include "models/formats/qr.h"

volatile sig_atomic_t screen_quit_requested, screen_terminal_lost;
/* How the terminal went, for the log. */
static const char *lost_how = "hang-up";

static int started, colour, kiosk;
/* Keys typed while screen_probe_ambiguous waited for the terminal's answer: given to curses
 * by screen_start, so that nothing typed ahead is lost. */
static unsigned char probe_keys[64];
static size_t nprobe_keys;
/* Seconds without a key after which a prompt gives up (0: never). */
static int prompt_idle;

static const struct {
	short fg, bg;
	attr_t attr, mono; /* mono: what stands in for the colours on a monochrome terminal */
} roles[ROLE_COUNT] = {
    [ROLE_NORMAL] = {-1, -1, A_NORMAL, A_NORMAL},
    [ROLE_TITLE] = {COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD},
    [ROLE_SELECTED] = {COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_REVERSE},
    [ROLE_HEADER] = {COLOR_CYAN, -1, A_BOLD, A_BOLD | A_UNDERLINE},
    [ROLE_KEYS] = {COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE},
    [ROLE_WARNING] = {COLOR_YELLOW, -1, A_BOLD, A_BOLD},
    [ROLE_DIM] = {-1, -1, A_NORMAL, A_NORMAL},
    [ROLE_QR] = {COLOR_BLACK, COLOR_WHITE, A_NORMAL, A_REVERSE},
    [ROLE_QR_DARK] = {COLOR_WHITE, COLOR_BLACK, A_NORMAL, A_NORMAL},
    /* The kiosk's colours come from theme_kiosk; these are their monochrome stand-ins. */
    [ROLE_K_TEXT] = {0, 0, A_NORMAL, A_NORMAL},
    [ROLE_K_TITLE] = {0, 0, A_BOLD, A_REVERSE | A_BOLD},
    [ROLE_K_HEADER] = {0, 0, A_BOLD, A_BOLD | A_UNDERLINE},
    [ROLE_K_SELECTED] = {0, 0, A_BOLD, A_REVERSE | A_BOLD},
    [ROLE_K_KEYS] = {0, 0, A_BOLD, A_REVERSE},
    [ROLE_K_OPEN] = {0, 0, A_BOLD, A_BOLD},
    [ROLE_K_FEW] = {0, 0, A_BOLD, A_BOLD},
    [ROLE_K_FULL] = {0, 0, A_BOLD, A_BOLD},
    [ROLE_K_OTHER] = {0, 0, A_NORMAL, A_NORMAL},
    [ROLE_K_WARNING] = {0, 0, A_BOLD, A_REVERSE | A_BOLD},
    [ROLE_K_QR] = {0, 0, A_NORMAL, A_REVERSE},
};

static void
on_quit_signal(int sig)
{
	if (sig == SIGHUP)
		screen_terminal_lost = 1;
	screen_quit_requested = 1;
}

/* Set on SIGWINCH: screen_getkey resizes and repaints everything. */
static volatile sig_atomic_t resized;

static void
on_winch(int sig)
{
	(void)sig;
	resized = 1;
}

static void
on_fatal_signal(int sig)
{
	/* Not async-signal-safe, but the process is dying: leaving the terminal raw is worse. */
	if (started)
		endwin();
	signal(sig, SIG_DFL);
	raise(sig);
}

void
screen_start(int use_colour)
{
	struct sigaction sa;
	static const int quit_signals[] = {SIGTERM, SIGHUP, SIGINT, SIGQUIT};
	static const int fatal_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_quit_signal;
	for (size_t i = 0; i < sizeof quit_signals / sizeof quit_signals[0]; i++)
		sigaction(quit_signals[i], &sa, NULL);
	sa.sa_handler = on_fatal_signal;
	sa.sa_flags = SA_RESETHAND;
	for (size_t i = 0; i < sizeof fatal_signals / sizeof fatal_signals[0]; i++)
		sigaction(fatal_signals[i], &sa, NULL);

	/* Our own SIGWINCH handler (ncurses then installs none): every resize, even one back to
	 * the size curses last saw, repaints the whole screen, since terminals such as tmux move
	 * the old content around when they resize. No SA_RESTART: the wait for a key returns. */
	sa.sa_handler = on_winch;
	sa.sa_flags = 0;
	sigaction(SIGWINCH, &sa, NULL);
	if (initscr() == NULL)
		fatal("%s", _("cannot start the terminal screen (is TERM set?)"));
	started = 1;
	util_set_fatal_hook(screen_stop);
	/* Keys typed while the terminal was asked its ambiguous width come first. */
	while (nprobe_keys > 0)
		ungetch(probe_keys[--nprobe_keys]);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	curs_set(0);
	set_escdelay(50);
	colour = use_colour && getenv("NO_COLOR") == NULL && has_colors();
	if (colour) {
		start_color();
		use_default_colors();
		for (int r = 1; r < ROLE_K_TEXT; r++)
			init_pair((short)r, roles[r].fg, roles[r].bg);
		/* The kiosk theme: its exact colours where the terminal has the 256 of xterm's
		 * palette, else the nearest of the eight, bright. */
		for (int r = ROLE_K_TEXT; r < ROLE_COUNT; r++) {
			const struct theme_colours *t = &theme_kiosk[r - ROLE_K_TEXT];

			if (COLORS >= 256)
				init_pair((short)r, (short)t->fg, (short)t->bg);
			else
				init_pair((short)r, (short)t->fg8, (short)t->bg8);
		}
	}
}

void
screen_kiosk_theme(int on)
{
	kiosk = on;
	if (colour)
		bkgdset(on ? ' ' | COLOR_PAIR(ROLE_K_TEXT) : ' ');
}

void
screen_kiosk_lock(void)
{
	static const int keyboard_signals[] = {SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU};

	/* raw: the terminal sends Ctrl-C, Ctrl-\, Ctrl-Z and Ctrl-S/Q to us as keys. The signals
	 * are ignored as well, for when they come from elsewhere (a kill -INT by mistake). */
	raw();
	for (size_t i = 0; i < sizeof keyboard_signals / sizeof keyboard_signals[0]; i++)
		signal(keyboard_signals[i], SIG_IGN);
}

void
screen_stop(void)
{
	if (!started)
		return;
	started = 0;
	curs_set(1);
	endwin();
	if (screen_terminal_lost) {
		openlog("sumaho", LOG_PID, LOG_USER);
		syslog(LOG_NOTICE, "the terminal went away (%s); ending", lost_how);
		closelog();
	}
}

int
screen_big_enough(void)
{
	return COLS >= SCREEN_MIN_COLS && LINES >= SCREEN_MIN_LINES;
}

attr_t
screen_attr(enum role role)
{
	if (!colour)
		return roles[role].mono;
	/* Bright text on the 8-colour fallback of the kiosk theme. */
	if (role >= ROLE_K_TEXT && COLORS < 256)
		return roles[role].attr | A_BOLD | COLOR_PAIR(role);
	return roles[role].attr | (role == ROLE_NORMAL ? 0 : COLOR_PAIR(role));
}

void
screen_text(int y, int x, const char *s, int width, int pad, enum role role)
{
	char *fit;

	if (width <= 0 || y < 0 || y >= LINES || x >= COLS)
		return;
	if (x + width > COLS)
		width = COLS - x;
	fit = text_fit(s, width, pad);
	attrset(screen_attr(role));
	mvaddstr(y, x, fit);
	attrset(A_NORMAL);
	free(fit);
}

void
screen_text_right(int y, int x_end, const char *s, enum role role)
{
	int w = text_width(s);

	if (w > x_end)
		w = x_end;
	screen_text(y, x_end - w, s, w, 0, role);
}

void
screen_fill(int y, int x, int width, enum role role)
{
	attrset(screen_attr(role));
	mvhline(y, x, ' ', width);
	attrset(A_NORMAL);
}

void
screen_bar(int y, const char *left, const char *right, enum role role)
{
	int rw = right ? text_width(right) : 0;

	screen_fill(y, 0, COLS, role);
	if (right != NULL && rw + 2 < COLS)
		screen_text_right(y, COLS - 1, right, role);
	screen_text(y, 1, left, COLS - 2 - (right && rw + 2 < COLS ? rw + 2 : 0), 0, role);
}

void
screen_draw_too_small(void)
{
	/* Each line of the notice is wrapped to the width there is. */
	char *lines[3];
	int y0;

	lines[0] = xstrdup(_("The window is too small."));
	lines[1] = xasprintf(_("Please enlarge it to at least %d x %d."), SCREEN_MIN_COLS,
	                     SCREEN_MIN_LINES);
	lines[2] = xasprintf(_("Now: %d x %d"), COLS, LINES);
	erase();
	y0 = LINES / 2 - 2;
	if (y0 < 0)
		y0 = 0;
	for (int i = 0, y = y0; i < 3 && y < LINES; i++) {
		const char *p = lines[i];

		/* Wrap on character boundaries: take as much as fits, then go on below. */
		while (*p && y < LINES) {
			size_t n = text_prefix_bytes(p, COLS);

			if (n == 0)
				break;
			char *part = xstrndup(p, n);
			int w = text_width(part);

			screen_text(y++, (COLS - w) / 2, part, w, 0,
			            i == 0 ? ROLE_WARNING : ROLE_NORMAL);
			p += n;
			free(part);
		}
	}
	for (int i = 0; i < 3; i++)
		free(lines[i]);
}

/* Called when a read of the keyboard gave nothing: nonzero when that is because the terminal
 * is gone (hung up, end of file, a read error such as EIO once its pseudo-terminal was
 * closed), not because no key came. Then every loop ends: without this, each read would
 * return at once and the screens would spin a CPU for ever. */
static int
terminal_gone(void)
{
	struct pollfd p = {.fd = STDIN_FILENO, .events = POLLIN};
	unsigned char c;
	ssize_t n = -1;

	if (screen_terminal_lost)
		return 1;
	if (poll(&p, 1, 0) <= 0)
		return 0;
	if (p.revents & (POLLHUP | POLLERR | POLLNVAL))
		goto gone;
	/* Readable, yet curses read nothing: see what is there. A byte goes back to curses. */
	n = read(STDIN_FILENO, &c, 1);
	if (n == 1) {
		ungetch(c);
		return 0;
	}
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
gone:
	lost_how = p.revents & POLLHUP ? "hang-up" : n == 0 ? "end of file" : "read error";
	screen_terminal_lost = 1;
	screen_quit_requested = 1;
	return 1;
}

time_t screen_last_key;

int
screen_getkey(int *is_key_code, wint_t *ch)
{
	/* Set after a resize until the keyboard has been quiet for one timeout: then the screen
	 * is measured and repainted once more, in case the terminal moved the content again after
	 * our repaint (a storm of resizes in tmux does) without another SIGWINCH. */
	static int settle;
	int rc = ERR;

	timeout(500);
	/* A key read before the resize is noticed is returned; the resize comes next call. */
	if (!resized && (rc = get_wch(ch)) != ERR) {
		*is_key_code = rc == KEY_CODE_YES;
		screen_last_key = clock_now();
		return rc;
	}
	if (resized || settle) {
		struct winsize ws;

		settle = resized;
		resized = 0;
		if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
			resizeterm(ws.ws_row, ws.ws_col);
		clearok(curscr, TRUE);
		*is_key_code = 1;
		*ch = KEY_RESIZE;
		return KEY_CODE_YES;
	}
	terminal_gone();
	/* No key: a quiet keyboard, or a terminal that is gone (hung up: its reads end at once
	 * and it is no longer a terminal). A program whose terminal is gone quits, as on SIGHUP,
	 * which a wrapper such as runuser may not pass on; it would otherwise spin. */
	if (!isatty(STDIN_FILENO))
		screen_quit_requested = 1;
	*is_key_code = 0;
	return ERR;
}

void
screen_hold(int seconds)
{
	time_t until = clock_now() + seconds;

	refresh();
	timeout(100);
	while (!screen_quit_requested && clock_now() < until)
		if (getch() == ERR)
			terminal_gone();
	flushinp();
}

/* The prompt of screen_prompt; with secret, digits only, at most max, drawn as stars. */
static char *
prompt(const char *label, const char *initial, int secret, size_t max)
{
	wchar_t buf[512];
	size_t n = mbstowcs(buf, initial, sizeof buf / sizeof buf[0] - 1);
	enum role bar = kiosk ? ROLE_K_KEYS : ROLE_KEYS;
	time_t last_key = clock_now();

	if (secret && max > sizeof buf / sizeof buf[0] - 1)
		max = sizeof buf / sizeof buf[0] - 1;
	if (!secret)
		max = sizeof buf / sizeof buf[0] - 1;

	if (n == (size_t)-1)
		n = 0;
	buf[n] = L'\0';
	curs_set(1);
	for (;;) {
		char *text = xmalloc(n * MB_CUR_MAX + 1);
		int lw = text_width(label), is_code, rc;
		wint_t ch;

		if (secret) {
			memset(text, '*', n);
			text[n] = '\0';
		} else
			wcstombs(text, buf, n * MB_CUR_MAX + 1);
		screen_bar(LINES - 1, label, NULL, bar);
		/* Show the end of the text when it is longer than the room. */
		int room = COLS - lw - 3, tw = text_width(text);
		const char *shown = text;

		while (tw > room && *shown) {
			uint32_t cp;
			int len = utf8_decode(shown, strlen(shown), &cp);

			len = len < 1 ? 1 : len;
			tw -= text_char_width(cp);
			shown += len;
		}
		screen_text(LINES - 1, lw + 2, shown, room, 0, bar);
		move(LINES - 1, lw + 2 + (tw < room ? tw : room));
		free(text);
		refresh();
		rc = screen_getkey(&is_code, &ch);
		if (screen_quit_requested)
			break;
		if (rc == ERR) {
			/* screen_getkey waits half a second at a time. */
			if (prompt_idle > 0 && clock_now() - last_key >= prompt_idle)
				break;
			continue;
		}
		last_key = clock_now();
		if (is_code) {
			if (ch == KEY_BACKSPACE && n > 0)
				buf[--n] = L'\0';
			else if (ch == KEY_ENTER)
				goto accept;
			continue;
		}
		if (ch == 27)
			break;
		if (ch == '\r' || ch == '\n')
			goto accept;
		if ((ch == 127 || ch == 8) && n > 0)
			buf[--n] = L'\0';
		else if (ch == 21) /* Ctrl-U clears */
			buf[n = 0] = L'\0';
		else if (ch >= 0x20 && ch != 127 && !(ch >= 0x80 && ch < 0xA0) && n < max &&
		         (!secret || (ch >= '0' && ch <= '9'))) {
			buf[n++] = (wchar_t)ch;
			buf[n] = L'\0';
		}
	}
	curs_set(0);
	sodium_memzero(buf, sizeof buf);
	return NULL;
accept:
	curs_set(0);
	{
		char *out = xmalloc(n * MB_CUR_MAX + 1);

		wcstombs(out, buf, n * MB_CUR_MAX + 1);
		sodium_memzero(buf, sizeof buf); /* it may have held a PIN */
		return out;
	}
}

void
screen_prompt_timeout(int seconds)
{
	prompt_idle = seconds;
}

char *
screen_prompt(const char *label, const char *initial)
{
	return prompt(label, initial, 0, 0);
}

char *
screen_prompt_narrow(const char *label, const char *initial)
{
	char *in = prompt(label, initial, 0, 0), *narrow = in != NULL ? text_narrow(in) : NULL;

	free(in);
	return narrow;
}

char *
screen_prompt_secret(const char *label, size_t max)
{
	return prompt(label, "", 1, max);
}

/* curses measures characters with wcwidth, which says one cell for every East Asian Ambiguous
 * character. On a terminal that draws them two cells wide (text_ambiguous_wide), this
 * definition, which the program's own takes precedence over the C library's, makes curses lay
 * them out as the terminal draws them, as text_width does. */
int
wcwidth(wchar_t wc)
{
	static int (*libc_wcwidth)(wchar_t);

	if (text_ambiguous_is_wide() && wc >= 0 && text_is_ambiguous((uint32_t)wc))
		return 2;
	if (libc_wcwidth == NULL)
		*(void **)&libc_wcwidth = dlsym(RTLD_NEXT, "wcwidth");
	if (libc_wcwidth == NULL || libc_wcwidth == wcwidth)
		return wc < 0x7f && wc >= 0x20 ? 1 : -1;
	return libc_wcwidth(wc);
}

/* The cursor position report "ESC [ row ; col R" in buf[0..n): its column, and its start and
 * length in *at and *len; -1 when it is not (yet) there. */
static int
find_report(const unsigned char *buf, size_t n, size_t *at, size_t *len)
{
	for (size_t i = 0; i + 1 < n; i++) {
		size_t j = i + 2;
		int row = 0, col = 0, digits = 0;

		if (buf[i] != 0x1b || buf[i + 1] != '[')
			continue;
		for (; j < n && buf[j] >= '0' && buf[j] <= '9'; j++, digits++)
			row = row * 10 + (buf[j] - '0');
		if (digits == 0 || j >= n || buf[j++] != ';')
			continue;
		for (digits = 0; j < n && buf[j] >= '0' && buf[j] <= '9'; j++, digits++)
			col = col * 10 + (buf[j] - '0');
		if (digits == 0 || j >= n || buf[j] != 'R' || row > 9999 || col > 9999)
			continue;
		*at = i;
		*len = j + 1 - i;
		return col;
	}
	return -1;
}

int
screen_probe_ambiguous(void)
{
	struct termios saved, raw;
	unsigned char buf[sizeof probe_keys];
	size_t n = 0, at = 0, len = 0;
	int fd = STDIN_FILENO, col = -1;
	time_t until;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return 0;
	if (tcgetattr(fd, &saved) != 0)
		return 0;
	raw = saved;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(fd, TCSANOW, &raw) != 0)
		return 0;
	/* From the first column: U+2026, then where is the cursor? Then back and wipe it. */
	static const char ask[] = "\r\xE2\x80\xA6\x1b[6n";
	if (write(STDOUT_FILENO, ask, sizeof ask - 1) == (ssize_t)(sizeof ask - 1)) {
		/* Real time, not the test clock: this waits for the terminal, not for a person. */
		until = time(NULL) + 1;
		while (n < sizeof buf && col < 0) {
			struct pollfd p = {.fd = fd, .events = POLLIN};

			if (time(NULL) > until || poll(&p, 1, 500) <= 0)
				break;
			if (read(fd, buf + n, 1) != 1)
				break;
			n++;
			col = find_report(buf, n, &at, &len);
		}
	}
	/* What came besides the answer was typed: keep it for curses. */
	if (col < 0)
		at = len = 0;
	memcpy(probe_keys, buf, at);
	memcpy(probe_keys + at, buf + at + len, n - at - len);
	nprobe_keys = n - len;
	static const char wipe[] = "\r\x1b[K";
	if (write(STDOUT_FILENO, wipe, sizeof wipe - 1) < 0)
		col = -1;
	tcsetattr(fd, TCSANOW, &saved);
	/* The cursor was at column 1: after one cell it is at 2, after two at 3. */
	return col == 3;
}

int
screen_qr_cols(const struct qr *q, int quiet, int full)
{
	return (q->width + 2 * quiet) * (full ? 2 : 1);
}

int
screen_qr_lines(const struct qr *q, int quiet, int full)
{
	return full ? q->width + 2 * quiet : (q->width + 2 * quiet + 1) / 2;
}

void
screen_qr(const struct qr *q, int quiet, int full, int y, int x)
{
	/* full: two blanks a module, in its colour. Else two module rows a line: a blank for
	 * two equal modules, the dark half as a half block, black on white, for unequal ones. */
	int side = q->width + 2 * quiet, step = full ? 2 : 1;

	for (int r = 0; r < side; r += full ? 1 : 2) {
		int row = y + (full ? r : r / 2);

		if (row >= LINES)
			break;
		for (int c = 0; c < side; c++) {
			int top = qr_dark(q, c - quiet, r - quiet);
			int bottom =
			    full ? top : r + 1 < side && qr_dark(q, c - quiet, r + 1 - quiet);

			if (x + (c + 1) * step > COLS)
				break;
			attrset(screen_attr(top && bottom ? ROLE_QR_DARK : ROLE_QR));
			mvaddstr(row, x + c * step,
			         full            ? "  "
			         : top == bottom ? " "
			         : top           ? "\xE2\x96\x80"
			                         : "\xE2\x96\x84");
		}
	}
	attrset(A_NORMAL);
}
