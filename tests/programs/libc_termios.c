/* libc_termios: termios.h and sys/ioctl.h (libc/src/termios/).  No server
 * serves "termios"/"winsize"/"pgrp" yet, so on anything but a terminal the
 * calls must fail cleanly with ENOTTY (EBADF for a closed fd); when stdin
 * is a terminal that answers, attributes must round-trip. */
#define NAME "libc_termios"
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "check.h"

/* Every call on fd fails with want. */
static void all_fail(int fd, int want)
{
	struct termios t;
	struct winsize ws = { 24, 80, 0, 0 };
	pid_t pg;

	memset(&t, 0, sizeof(t));
	errno = 0;
	CHECK_INT(tcgetattr(fd, &t), -1);
	CHECK_INT(errno, want);
	errno = 0;
	CHECK_INT(tcsetattr(fd, TCSANOW, &t), -1);
	CHECK_INT(errno, want);
	errno = 0;
	CHECK_INT(ioctl(fd, TIOCGWINSZ, &ws), -1);
	CHECK_INT(errno, want);
	errno = 0;
	CHECK_INT(ioctl(fd, TIOCSWINSZ, &ws), -1);
	CHECK_INT(errno, want);
	errno = 0;
	CHECK_INT(tcgetpgrp(fd), -1);
	CHECK_INT(errno, want);
	errno = 0;
	CHECK_INT(tcsetpgrp(fd, getpgrp()), -1);
	CHECK_INT(errno, want);
	errno = 0;
	CHECK_INT(ioctl(fd, TIOCGPGRP, &pg), -1);
	CHECK_INT(errno, want);
	errno = 0;
	CHECK_INT(ioctl(fd, TCGETS, &t), -1);
	CHECK_INT(errno, want);
}

int main(int argc, char **argv)
{
	struct termios t, u;
	int p[2], fd;

	(void)argc;
	/* layout and values are Linux's */
	CHECK_INT(sizeof(struct termios), 60);
	CHECK_INT(offsetof(struct termios, c_line), 16);
	CHECK_INT(offsetof(struct termios, c_cc), 17);
	CHECK_INT(offsetof(struct termios, c_ispeed), 52);
	CHECK_INT(sizeof(struct winsize), 8);
	CHECK_INT(ICANON, 2);
	CHECK_INT(ECHO, 8);
	CHECK_INT(ISIG, 1);
	CHECK_INT(VMIN, 6);
	CHECK_INT(VTIME, 5);
	CHECK_INT(VINTR, 0);
	CHECK_INT(TIOCGWINSZ, 0x5413);
	CHECK_INT(TIOCSPGRP, 0x5410);

	/* cfmakeraw */
	memset(&t, 0xff, sizeof(t));
	cfmakeraw(&t);
	CHECK_INT(t.c_lflag & (ECHO | ICANON | ISIG | IEXTEN | ECHONL), 0);
	CHECK_INT(t.c_iflag & (ICRNL | IXON | BRKINT | ISTRIP), 0);
	CHECK_INT(t.c_oflag & OPOST, 0);
	CHECK_INT(t.c_cflag & CSIZE, CS8);
	CHECK_INT(t.c_cflag & PARENB, 0);
	CHECK_INT(t.c_cc[VMIN], 1);
	CHECK_INT(t.c_cc[VTIME], 0);
	CHECK(t.c_lflag & ECHOE);	/* untouched bits stay */

	/* speeds */
	memset(&t, 0, sizeof(t));
	CHECK_INT(cfsetospeed(&t, B9600), 0);
	CHECK_INT(cfgetospeed(&t), B9600);
	CHECK_INT(t.c_cflag & CBAUD, B9600);
	CHECK_INT(cfsetispeed(&t, B115200), 0);
	CHECK_INT(cfgetispeed(&t), B115200);
	CHECK_INT(cfsetspeed(&t, B38400), 0);
	CHECK_INT(cfgetispeed(&t), B38400);
	errno = 0;
	CHECK_INT(cfsetospeed(&t, 12345), -1);
	CHECK_INT(errno, EINVAL);
	CHECK_INT(cfgetospeed(&t), B38400);

	/* a pipe and a regular file are not terminals */
	CHECK_INT(pipe(p), 0);
	all_fail(p[0], ENOTTY);
	all_fail(p[1], ENOTTY);
	close(p[0]);
	close(p[1]);
	fd = open(argv[0], O_RDONLY);
	if (fd < 0) {
		char self[256];

		self_path(argv[0], self, sizeof(self));
		fd = open(self, O_RDONLY);
	}
	CHECK(fd >= 0);
	if (fd >= 0) {
		all_fail(fd, ENOTTY);
		close(fd);
	}
	/* a closed descriptor */
	all_fail(999, EBADF);

	/* bad arguments */
	errno = 0;
	CHECK_INT(tcsetattr(0, 42, &t), -1);
	CHECK_INT(errno, EINVAL);
	errno = 0;
	CHECK_INT(ioctl(0, 0x12345678UL, &t), -1);
	CHECK_INT(errno, ENOTTY);

	/* stdin: a terminal that serves "termios" must round-trip */
	if (tcgetattr(0, &t) == 0) {
		CHECK_INT(tcsetattr(0, TCSANOW, &t), 0);
		CHECK_INT(tcgetattr(0, &u), 0);
		CHECK(memcmp(&t, &u, sizeof(t)) == 0);
		printf("%s: stdin is a terminal\n", NAME);
	} else {
		CHECK(errno == ENOTTY || errno == EBADF);
		printf("%s: stdin is not a terminal (%s)\n", NAME, strerror(errno));
	}
	return finish();
}
