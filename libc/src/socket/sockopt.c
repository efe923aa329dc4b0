/*
 * sockopt.c - socket names and options.  Names come from the fd's URL,
 * "tcp:REMOTE/LOCAL".  Timeouts and the TTL are settings the stack
 * serves as files (dup(fd, "read_timeout"), "ttl", "sndbuf" ...).  Options the
 * stack has no use for are accepted and change nothing: buffer sizes
 * (fixed; getsockopt reports the real ones), address
 * reuse (it never holds a port in TIME_WAIT against a bind), Nagle (it
 * sends at once), keep-alive (its own, always on).
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "../internal/libc.h"
#include "socket_impl.h"

#define URL_MAX 128

int
__sock_endpoint(const char *s, size_t len, struct sockaddr_in *out)
{
	unsigned v[5] = { 0, 0, 0, 0, 0 };
	size_t i = 0;
	int part = 0, digits = 0;

	memset(out, 0, sizeof *out);
	out->sin_family = AF_INET;
	if (len == 0)
		return 0;
	for (; i < len; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9') {
			v[part] = v[part] * 10 + (unsigned)(c - '0');
			if (v[part] > 65535 || ++digits > 5)
				return -1;
		} else if ((c == '.' && part < 3) || (c == ':' && part == 3)) {
			if (!digits || v[part] > 255)
				return -1;
			part++;
			digits = 0;
		} else {
			return -1;
		}
	}
	if (part == 3 && digits && v[3] <= 255)
		v[4] = 0;			/* no port */
	else if (part != 4 || !digits)
		return -1;
	out->sin_addr.s_addr = htonl(v[0] << 24 | v[1] << 16 | v[2] << 8 | v[3]);
	out->sin_port = htons((uint16_t)v[4]);
	return 0;
}

/* One end of the URL: remote (before the '/') or local (after). */
static int
name(int fd, struct sockaddr *addr, socklen_t *len, int local)
{
	char url[URL_MAX];
	struct sockaddr_in in;
	if (!addr || !len) {
		errno = EFAULT;
		return -1;
	}
	if (__sock_url(fd, url, sizeof url) < 0)
		return -1;
	const char *p = url + 4, *slash = strchr(p, '/');
	const char *s = local ? (slash ? slash + 1 : "") : p;
	size_t n = local ? strlen(s) : (slash ? (size_t)(slash - p) : strlen(p));
	if (__sock_endpoint(s, n, &in) < 0) {
		errno = EIO;	/* the stack gave a URL we cannot read */
		return -1;
	}
	if (!local && in.sin_port == 0 && in.sin_addr.s_addr == 0) {
		errno = ENOTCONN;
		return -1;
	}
	memcpy(addr, &in, *len < sizeof in ? *len : sizeof in);
	*len = sizeof in;
	return 0;
}

int
getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	return name(fd, addr, len, 1);
}

int
getpeername(int fd, struct sockaddr *addr, socklen_t *len)
{
	return name(fd, addr, len, 0);
}

/* Writes or reads a setting file of the socket: dup(fd, what). */
static int
setting(int fd, const char *what, void *val, size_t len, int write_it)
{
	int s = (int)__syscall_ret(__syscall3(SYS_DUP, fd, (long)what, (long)strlen(what)));
	if (s < 0) {
		errno = ENOPROTOOPT;
		return -1;
	}
	ssize_t n = write_it ? write(s, val, len) : read(s, val, len);
	int e = errno;
	close(s);
	if (n < 0) {
		errno = e;
		return -1;
	}
	return (int)n;
}

int
setsockopt(int fd, int level, int opt, const void *val, socklen_t len)
{
	if (__sock_kind(fd) < 0)
		return -1;
	if (!val && len) {
		errno = EFAULT;
		return -1;
	}
	if (level == SOL_SOCKET && (opt == SO_RCVTIMEO || opt == SO_SNDTIMEO)) {
		const struct timeval *tv = val;
		if (len < sizeof *tv) {
			errno = EINVAL;
			return -1;
		}
		struct timespec ts = { tv->tv_sec, tv->tv_usec * 1000 };
		return setting(fd, opt == SO_RCVTIMEO ? "read_timeout" : "write_timeout", &ts,
		    sizeof ts, 1) < 0 ? -1 : 0;
	}
	if (level == IPPROTO_IP && opt == IP_TTL) {
		if (len < sizeof(int) || *(const int *)val < 1 || *(const int *)val > 255) {
			errno = EINVAL;
			return -1;
		}
		unsigned char ttl = (unsigned char)*(const int *)val;
		return setting(fd, "ttl", &ttl, 1, 1) < 0 ? -1 : 0;
	}
	if ((level == SOL_SOCKET && (opt == SO_REUSEADDR || opt == SO_REUSEPORT ||
	    opt == SO_KEEPALIVE || opt == SO_BROADCAST || opt == SO_SNDBUF ||
	    opt == SO_RCVBUF || opt == SO_LINGER || opt == SO_OOBINLINE)) ||
	    (level == IPPROTO_TCP && opt == TCP_NODELAY))
		return 0;
	errno = ENOPROTOOPT;
	return -1;
}

int
getsockopt(int fd, int level, int opt, void *val, socklen_t *len)
{
	int kind = __sock_kind(fd), v;
	if (kind < 0)
		return -1;
	if (!val || !len) {
		errno = EFAULT;
		return -1;
	}
	if (level == IPPROTO_IP && opt == IP_TTL) {
		unsigned char ttl;
		if (setting(fd, "ttl", &ttl, 1, 0) != 1)
			return -1;
		v = ttl;
		memcpy(val, &v, *len < sizeof v ? *len : sizeof v);
		*len = sizeof v;
		return 0;
	}
	if (level != SOL_SOCKET) {
		errno = ENOPROTOOPT;
		return -1;
	}
	switch (opt) {
	case SO_TYPE: v = kind; break;
	case SO_ERROR: v = 0; break;
	case SO_ACCEPTCONN: {
		/* Listening: no remote end, a local port. */
		struct sockaddr_in r, l;
		socklen_t rl = sizeof r, ll = sizeof l;
		v = kind == SOCK_STREAM && getpeername(fd, (struct sockaddr *)&r, &rl) < 0 &&
		    getsockname(fd, (struct sockaddr *)&l, &ll) == 0 && l.sin_port != 0;
		errno = 0;
		break;
	}
	case SO_REUSEADDR: case SO_KEEPALIVE: case SO_BROADCAST: v = 0; break;
	case SO_SNDBUF: case SO_RCVBUF:
		if (setting(fd, opt == SO_SNDBUF ? "sndbuf" : "rcvbuf", &v, sizeof v, 0) !=
		    (int)sizeof v)
			return -1;
		break;
	default:
		errno = ENOPROTOOPT;
		return -1;
	}
	memcpy(val, &v, *len < sizeof v ? *len : sizeof v);
	*len = sizeof v;
	return 0;
}
