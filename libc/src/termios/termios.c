/*
 * termios.c - terminal attributes, window size and foreground process
 * group, the Redox way: each is a small file of the terminal opened with
 * dup(fd, NAME) ("termios", "winsize", "pgrp"), read whole to get it and
 * written whole to set it.  A descriptor whose scheme does not know NAME
 * is not a terminal: ENOTTY.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "../internal/libc.h"

_Static_assert(sizeof(struct termios) == 60, "termios is Linux's layout");
_Static_assert(sizeof(struct winsize) == 8, "winsize is 4 x uint16");

/* Read (wr = 0) or write len bytes of the terminal file name. */
static int tty_xfer(int fd, const char *name, void *buf, size_t len, int wr)
{
	long d;
	ssize_t n;
	int err;

	d = __syscall3(SYS_DUP, fd, name, strlen(name));
	if (d < 0) {
		err = (int)-d;
		if (fcntl(fd, F_GETFD) < 0)
			err = EBADF;
		else if (err != ENOMEM && err != EMFILE && err != ENFILE &&
		    err != EINTR && err != EACCES && err != EPERM)
			err = ENOTTY;	/* the scheme has no such file */
		errno = err;
		return -1;
	}
	n = wr ? write((int)d, buf, len) : read((int)d, buf, len);
	err = errno;
	close((int)d);
	if (n < 0) {
		errno = err;
		return -1;
	}
	if ((size_t)n != len) {
		errno = EIO;	/* the server sent or took a wrong size */
		return -1;
	}
	return 0;
}

int tcgetattr(int fd, struct termios *t)
{
	return tty_xfer(fd, "termios", t, sizeof(*t), 0);
}

int tcsetattr(int fd, int action, const struct termios *t)
{
	struct termios copy;

	if (action != TCSANOW && action != TCSADRAIN && action != TCSAFLUSH) {
		errno = EINVAL;
		return -1;
	}
	copy = *t;
	return tty_xfer(fd, "termios", &copy, sizeof(copy), 1);
}

void cfmakeraw(struct termios *t)
{
	t->c_iflag &= ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR |
	    IGNCR | ICRNL | IXON);
	t->c_oflag &= ~(tcflag_t)OPOST;
	t->c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	t->c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
	t->c_cflag |= CS8;
	t->c_cc[VMIN] = 1;
	t->c_cc[VTIME] = 0;
}

static int speed_ok(speed_t s)
{
	return (s & ~(speed_t)CBAUD) == 0 &&
	    (s <= B38400 || (s >= B57600 && s <= B921600));
}

speed_t cfgetispeed(const struct termios *t)
{
	return t->c_ispeed;
}

speed_t cfgetospeed(const struct termios *t)
{
	return t->c_ospeed;
}

int cfsetispeed(struct termios *t, speed_t s)
{
	if (!speed_ok(s)) {
		errno = EINVAL;
		return -1;
	}
	t->c_ispeed = s;
	return 0;
}

/* The output speed is also in c_cflag's CBAUD bits, as on Linux. */
int cfsetospeed(struct termios *t, speed_t s)
{
	if (!speed_ok(s)) {
		errno = EINVAL;
		return -1;
	}
	t->c_ospeed = s;
	t->c_cflag = (t->c_cflag & ~(tcflag_t)CBAUD) | s;
	return 0;
}

int cfsetspeed(struct termios *t, speed_t s)
{
	if (cfsetospeed(t, s) < 0)
		return -1;
	return cfsetispeed(t, s);
}

pid_t tcgetpgrp(int fd)
{
	int32_t pg;

	if (tty_xfer(fd, "pgrp", &pg, sizeof(pg), 0) < 0)
		return -1;
	return (pid_t)pg;
}

int tcsetpgrp(int fd, pid_t pgid)
{
	int32_t pg = (int32_t)pgid;

	if (pgid < 0) {
		errno = EINVAL;
		return -1;
	}
	return tty_xfer(fd, "pgrp", &pg, sizeof(pg), 1);
}

/* The session of a terminal's foreground group: sessions are not in the
 * ABI, so this is the caller's, once fd is known to be a terminal. */
pid_t tcgetsid(int fd)
{
	if (tcgetpgrp(fd) < 0)
		return -1;
	return getsid(0);
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);
	switch (request) {
	case TCGETS:
		return tcgetattr(fd, arg);
	case TCSETS:
		return tcsetattr(fd, TCSANOW, arg);
	case TCSETSW:
		return tcsetattr(fd, TCSADRAIN, arg);
	case TCSETSF:
		return tcsetattr(fd, TCSAFLUSH, arg);
	case TIOCGWINSZ:
		return tty_xfer(fd, "winsize", arg, sizeof(struct winsize), 0);
	case TIOCSWINSZ: {
		struct winsize ws;

		memcpy(&ws, arg, sizeof(ws));
		return tty_xfer(fd, "winsize", &ws, sizeof(ws), 1);
	}
	case TIOCGPGRP: {
		pid_t pg = tcgetpgrp(fd);

		if (pg < 0)
			return -1;
		*(pid_t *)arg = pg;
		return 0;
	}
	case TIOCSPGRP:
		return tcsetpgrp(fd, *(const pid_t *)arg);
	}
	errno = ENOTTY;
	return -1;
}
