/* TAP devices (tap.h). */
#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "net/host/tap.h"

int
tap_open(const char *name)
{
	struct ifreq ifr;
	int fd, e;

	if (strlen(name) >= IFNAMSIZ)
		return -ENAMETOOLONG;
	fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	memset(&ifr, 0, sizeof(ifr));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	memcpy(ifr.ifr_name, name, strlen(name));
	if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
		e = errno;
		close(fd);
		return -e;
	}
	return fd;
}

ssize_t
tap_read(int fd, void *buf, size_t n)
{
	ssize_t r = read(fd, buf, n);

	if (r < 0)
		return errno == EINTR ? -EAGAIN : -errno;
	return r;
}

int
tap_write(int fd, const void *frame, size_t n)
{
	ssize_t r = write(fd, frame, n);

	if (r < 0)
		return -errno;
	return (size_t)r == n ? 0 : -EIO;
}
