/*
 * syslog.c - messages to the console.  There is no syslog daemon and
 * sys:log (the kernel log) cannot be written, so each message becomes
 * one line on debug:, "IDENT[PID]: MESSAGE" (the pid with LOG_PID, as
 * syslogd prints it), and also on stderr with LOG_PERROR.  %m is
 * strerror(errno), as syslog(3) says.  One lock keeps lines whole
 * between threads.
 */
#include <syslog.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "../internal/libc.h"

#define CONSOLE "debug:"

static volatile uint32_t lock;
static const char *ident;
static int options;
static int mask = 0xff;
static int fd = -1;

static void open_console(void)
{
	if (fd < 0)
		fd = open(CONSOLE, O_WRONLY | O_CLOEXEC);
}

void openlog(const char *id, int option, int facility)
{
	(void)facility;
	__lock(&lock);
	ident = id;
	options = option;
	if (option & LOG_NDELAY)
		open_console();
	__unlock(&lock);
}

void closelog(void)
{
	__lock(&lock);
	if (fd >= 0)
		close(fd);
	fd = -1;
	ident = NULL;
	options = 0;
	__unlock(&lock);
}

int setlogmask(int m)
{
	int old;

	__lock(&lock);
	old = mask;
	if (m != 0)
		mask = m;
	__unlock(&lock);
	return old;
}

/* Copies fmt into out with each %m replaced by msg (bounded). */
static void expand_m(char *out, size_t cap, const char *fmt, const char *msg)
{
	size_t n = 0, ml = strlen(msg);

	for (; *fmt && n + 1 < cap; fmt++) {
		if (fmt[0] == '%' && fmt[1] == '%') {
			if (n + 2 >= cap)
				break;
			out[n++] = '%';
			out[n++] = '%';
			fmt++;
		} else if (fmt[0] == '%' && fmt[1] == 'm') {
			/* %% keeps a literal % in msg from reaching vsnprintf */
			size_t i;
			for (i = 0; i < ml && n + 2 < cap; i++) {
				if (msg[i] == '%')
					out[n++] = '%';
				out[n++] = msg[i];
			}
			fmt++;
		} else {
			out[n++] = *fmt;
		}
	}
	out[n] = '\0';
}

void vsyslog(int priority, const char *fmt, va_list ap)
{
	char f[512], line[1024];
	int saved = errno, n = 0, len;
	const char *id;

	__lock(&lock);
	if (!(mask & LOG_MASK(LOG_PRI(priority)))) {
		__unlock(&lock);
		return;
	}
	id = ident ? ident : program_invocation_short_name;
	if (id && *id)
		n = snprintf(line, sizeof(line), (options & LOG_PID) ? "%s[%d]: " : "%s: ",
		    id, (int)getpid());
	if (n < 0 || (size_t)n >= sizeof(line))
		n = 0;
	expand_m(f, sizeof(f), fmt, strerror(saved));
	len = vsnprintf(line + n, sizeof(line) - (size_t)n, f, ap);
	if (len < 0)
		len = 0;
	n += len;
	if ((size_t)n >= sizeof(line) - 1)
		n = (int)sizeof(line) - 2;	/* truncated */
	if (n == 0 || line[n - 1] != '\n')
		line[n++] = '\n';
	open_console();
	/* A failed write has nowhere left to be reported. */
	if (fd >= 0)
		(void)!write(fd, line, (size_t)n);
	if (options & LOG_PERROR)
		(void)!write(2, line, (size_t)n);
	__unlock(&lock);
	errno = saved;
}

void syslog(int priority, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsyslog(priority, fmt, ap);
	va_end(ap);
}
