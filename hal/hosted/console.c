/*
 * console.c - the terminal as the OS console.
 *
 * On a tty the terminal is put in raw mode and restored on every exit path
 * (atexit, fatal signals, the timeout).  Ctrl-] ends the OS.  Input arrival
 * raises SIGIO where the descriptor supports it; hal_idle() also polls.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "hal/hal.h"
#include "hal/hosted/hosted.h"
#include "hal/hosted/rawsys.h"

#define ESCAPE_KEY 0x1d		/* Ctrl-] */

static struct termios saved;
static int raw;
static int input_closed;
static int saved_fl = -1;

void
hosted_console_restore(void)
{
	if (saved_fl >= 0)
		fcntl(0, F_SETFL, saved_fl);
	if (raw) {
		tcsetattr(0, TCSAFLUSH, &saved);
		raw = 0;
	}
}

void
hosted_console_init(int raw_tty)
{
	if (raw_tty && isatty(0) && tcgetattr(0, &saved) == 0) {
		struct termios t = saved;
		cfmakeraw(&t);
		t.c_oflag |= OPOST | ONLCR;	/* keep "\n" meaning a new line */
		if (tcsetattr(0, TCSAFLUSH, &t) == 0) {
			raw = 1;
			atexit(hosted_console_restore);
			/* The terminal no longer echoes; the core's console does. */
			hosted_set_console_echo(true);
		}
	}
	int fl = fcntl(0, F_GETFL);
	if (fl >= 0) {
		saved_fl = fl;
		if (!raw)
			atexit(hosted_console_restore);
		fcntl(0, F_SETFL, fl | O_NONBLOCK);
		if (fcntl(0, F_SETOWN, getpid()) == 0)
			fcntl(0, F_SETFL, fl | O_NONBLOCK | O_ASYNC);
	}
}

int
hosted_console_fd(void)
{
	return input_closed ? -1 : 0;
}

/*
 * Without a thunk: a program's every line of output would otherwise swap
 * the FS base twice.  Raw system calls only (rawsys.h).
 */
void
hal_console_write(const char *buf, size_t len)
{
	while (len > 0) {
		long n = hosted_rawsys3(SYS_write, 1, buf, len);
		if (n == -EINTR)
			continue;
		if (n == -EAGAIN) {
			struct timespec ts = { 0, 1000000 };
			(void)hosted_rawsys3(SYS_nanosleep, &ts, 0, 0);
			continue;
		}
		if (n <= 0)
			return;
		buf += n;
		len -= (size_t)n;
	}
}

long
hosted_console_read(char *buf, size_t len)
{
	if (input_closed)
		return -1;
	ssize_t n = read(0, buf, len);
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		input_closed = 1;
		return -1;
	}
	if (n < 0)
		return 0;
	if (raw && memchr(buf, ESCAPE_KEY, (size_t)n))
		hosted_event_post(HAL_EV_STOP);
	return n;
}
