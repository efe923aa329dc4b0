/*
 * socket.c - BSD sockets over the stack's tcp: and udp: schemes, as the
 * original's libc maps them (net/README.md has the URLs):
 *
 *   socket()   open("tcp:") or open("udp:"): a socket bound to nothing
 *   connect()  dup(fd, "A.B.C.D:PORT"), moved onto fd with dup2
 *   bind()     dup(fd, "/A.B.C.D:PORT"), moved onto fd (a TCP socket
 *              bound this way listens; listen() only checks)
 *   accept()   dup(fd, "listen"): the next connection
 *   sendto()   on UDP, dup(fd, "A.B.C.D:PORT") aims one datagram
 *   getsockname/getpeername  read the fd's URL, "tcp:REMOTE/LOCAL"
 *   shutdown(SHUT_WR)  dup(fd, "shutdown"): the stack sends FIN
 *   shutdown(SHUT_RD)  dup(fd, "shutdown_read"): reads give 0, data is dropped
 *
 * send and recv are write and read (the fd's kind kept per fd, so no
 * fpath each time); poll and select see sockets as any other fd.  Only AF_INET: the stack speaks IPv4.
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <redox.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "../internal/libc.h"
#include "socket_impl.h"

#define URL_MAX 128

/* dup(fd, name) with a name, the Redox way; the new fd or -1. */
static int
dup_named(int fd, const char *name)
{
	return (int)__syscall_ret(__syscall3(SYS_DUP, fd, (long)name, (long)strlen(name)));
}

/* Moves the socket dup_named made onto fd, keeping fd's number (and its
 * close-on-exec flag). */
static int
replace(int fd, const char *name)
{
	int fdflags = fcntl(fd, F_GETFD);
	int n = dup_named(fd, name);
	if (n < 0)
		return -1;
	if (n != fd && dup2(n, fd) < 0) {
		int e = errno;
		close(n);
		errno = e;
		return -1;
	}
	if (n != fd)
		close(n);
	if (fdflags > 0)
		fcntl(fd, F_SETFD, fdflags);
	return 0;
}

int
__sock_url(int fd, char *url, size_t n)
{
	ssize_t len = redox_fpath(fd, url, n - 1);
	if (len < 0)
		return -1;
	url[len] = 0;
	if (!strncmp(url, "tcp:", 4))
		return SOCK_STREAM;
	if (!strncmp(url, "udp:", 4))
		return SOCK_DGRAM;
	errno = ENOTSOCK;
	return -1;
}

/*
 * What each fd is (0 unknown, else a KIND_), so send and recv skip the
 * fpath round trip to the stack.  socket() and accept() fill it, else
 * the first call that needs it: fds also come from posix_spawn, and the
 * cache starts empty in every program, so an inherited fd is asked
 * about once.  close and dup2 forget the number (__sock_forget): a
 * number changes what it names only through them (or by being free and
 * handed out again, which a close made so).  connect and bind dup2 onto
 * the fd, which forgets; the kind is the same anyway.
 */
enum { KIND_UNKNOWN, KIND_STREAM, KIND_DGRAM, KIND_NOTSOCK };
#define KIND_FDS 1024
static unsigned char sock_kinds[KIND_FDS];

void
__sock_forget(int fd)
{
	if (fd >= 0 && fd < KIND_FDS)
		__atomic_store_n(&sock_kinds[fd], KIND_UNKNOWN, __ATOMIC_RELAXED);
}

static void
remember(int fd, int kind)
{
	if (fd >= 0 && fd < KIND_FDS)
		__atomic_store_n(&sock_kinds[fd], kind == SOCK_STREAM ? KIND_STREAM :
		    kind == SOCK_DGRAM ? KIND_DGRAM : KIND_NOTSOCK, __ATOMIC_RELAXED);
}

int
__sock_kind(int fd)
{
	char url[URL_MAX];
	int k = fd >= 0 && fd < KIND_FDS ?
	    __atomic_load_n(&sock_kinds[fd], __ATOMIC_RELAXED) : KIND_UNKNOWN;

	if (k == KIND_STREAM)
		return SOCK_STREAM;
	if (k == KIND_DGRAM)
		return SOCK_DGRAM;
	if (k == KIND_NOTSOCK) {
		errno = ENOTSOCK;
		return -1;
	}
	k = __sock_url(fd, url, sizeof url);
	/* EBADF and the like say nothing about the number's next life. */
	if (k >= 0 || errno == ENOTSOCK)
		remember(fd, k);
	return k;
}

/* "A.B.C.D:PORT" for an AF_INET address, with a '/' before it if lead. */
static int
endpoint(const struct sockaddr *sa, socklen_t len, char *buf, size_t n, int lead)
{
	const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
	if (!sa) {
		errno = EFAULT;
		return -1;
	}
	if (len < sizeof(sa_family_t) || sa->sa_family != AF_INET) {
		errno = EAFNOSUPPORT;
		return -1;
	}
	if (len < sizeof *in) {
		errno = EINVAL;
		return -1;
	}
	uint32_t a = ntohl(in->sin_addr.s_addr);
	snprintf(buf, n, "%s%u.%u.%u.%u:%u", lead ? "/" : "", a >> 24, (a >> 16) & 255,
	    (a >> 8) & 255, a & 255, ntohs(in->sin_port));
	return 0;
}

int
socket(int domain, int type, int protocol)
{
	int kind = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
	const char *url;

	if (domain != AF_INET) {
		errno = EAFNOSUPPORT;
		return -1;
	}
	if (kind == SOCK_STREAM && (protocol == 0 || protocol == IPPROTO_TCP))
		url = "tcp:";
	else if (kind == SOCK_DGRAM && (protocol == 0 || protocol == IPPROTO_UDP))
		url = "udp:";
	else {
		errno = kind == SOCK_STREAM || kind == SOCK_DGRAM ? EPROTONOSUPPORT : EPROTOTYPE;
		return -1;
	}
	int fd = open(url, O_RDWR | (type & SOCK_NONBLOCK ? O_NONBLOCK : 0) |
	    (type & SOCK_CLOEXEC ? O_CLOEXEC : 0));
	if (fd >= 0)
		remember(fd, kind);
	return fd;
}

int
socketpair(int domain, int type, int protocol, int sv[2])
{
	(void)type; (void)protocol; (void)sv;
	errno = domain == AF_UNIX ? EOPNOTSUPP : EAFNOSUPPORT;
	return -1;
}

int
connect(int fd, const struct sockaddr *addr, socklen_t len)
{
	char ep[40];
	if (__sock_kind(fd) < 0 || endpoint(addr, len, ep, sizeof ep, 0) < 0)
		return -1;
	return replace(fd, ep);
}

int
bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	char ep[40];
	if (__sock_kind(fd) < 0 || endpoint(addr, len, ep, sizeof ep, 1) < 0)
		return -1;
	return replace(fd, ep);
}

int
listen(int fd, int backlog)
{
	char url[URL_MAX];
	(void)backlog;
	int kind = __sock_url(fd, url, sizeof url);
	if (kind < 0)
		return -1;
	if (kind != SOCK_STREAM) {
		errno = EOPNOTSUPP;
		return -1;
	}
	/* bind() made it listen; a socket never bound listens on nothing. */
	if (!strcmp(url, "tcp:")) {
		errno = EDESTADDRREQ;
		return -1;
	}
	return 0;
}

int
accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	if (__sock_kind(fd) < 0)
		return -1;
	int n = dup_named(fd, "listen");
	if (n < 0)
		return -1;
	remember(n, SOCK_STREAM);
	/* The connection's description starts blocking, as accept's does. */
	int fl = fcntl(n, F_GETFL);
	if (fl >= 0)
		fcntl(n, F_SETFL, (flags & SOCK_NONBLOCK) ? fl | O_NONBLOCK : fl & ~O_NONBLOCK);
	if (flags & SOCK_CLOEXEC)
		fcntl(n, F_SETFD, FD_CLOEXEC);
	if (addr && len && getpeername(n, addr, len) < 0) {
		int e = errno;
		close(n);
		errno = e;
		return -1;
	}
	return n;
}

int
accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	return accept4(fd, addr, len, 0);
}

/* Runs op with O_NONBLOCK set for one call (MSG_DONTWAIT). */
static int
nonblock_begin(int fd, int flags, int *saved)
{
	*saved = -1;
	if (!(flags & MSG_DONTWAIT))
		return 0;
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0)
		return -1;
	if (!(fl & O_NONBLOCK)) {
		*saved = fl;
		fcntl(fd, F_SETFL, fl | O_NONBLOCK);
	}
	return 0;
}

static void
nonblock_end(int fd, int saved)
{
	if (saved >= 0) {
		int e = errno;
		fcntl(fd, F_SETFL, saved);
		errno = e;
	}
}

ssize_t
send(int fd, const void *buf, size_t len, int flags)
{
	return sendto(fd, buf, len, flags, NULL, 0);
}

ssize_t
recv(int fd, void *buf, size_t len, int flags)
{
	return recvfrom(fd, buf, len, flags, NULL, NULL);
}

ssize_t
sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *to,
    socklen_t tolen)
{
	char ep[40];
	int saved, kind = __sock_kind(fd);
	if (kind < 0)
		return -1;
	if (flags & ~(MSG_DONTWAIT | MSG_NOSIGNAL | MSG_EOR)) {
		errno = EOPNOTSUPP;
		return -1;
	}
	/* A connected stream ignores the address, as on Linux. */
	int target = fd;
	if (to && kind == SOCK_DGRAM) {
		if (endpoint(to, tolen, ep, sizeof ep, 0) < 0 || (target = dup_named(fd, ep)) < 0)
			return -1;
	}
	if (nonblock_begin(target, flags, &saved) < 0)
		return -1;
	ssize_t n = write(target, buf, len);
	nonblock_end(target, saved);
	if (target != fd) {
		int e = errno;
		close(target);
		errno = e;
	}
	return n;
}

ssize_t
recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from, socklen_t *fromlen)
{
	int saved, kind = __sock_kind(fd);
	if (kind < 0)
		return -1;
	if (flags & ~(MSG_DONTWAIT | MSG_WAITALL | MSG_NOSIGNAL)) {
		errno = EOPNOTSUPP;	/* no MSG_PEEK, MSG_OOB */
		return -1;
	}
	if (nonblock_begin(fd, flags, &saved) < 0)
		return -1;
	size_t got = 0;
	ssize_t n;
	do {
		n = read(fd, (char *)buf + got, len - got);
		if (n > 0)
			got += (size_t)n;
	} while (n > 0 && kind == SOCK_STREAM && (flags & MSG_WAITALL) && got < len);
	nonblock_end(fd, saved);
	if (n < 0 && got == 0)
		return -1;
	/* A datagram's sender is the socket's remote end after the read. */
	if (from && fromlen && getpeername(fd, from, fromlen) < 0)
		return -1;
	return (ssize_t)got;
}

/* sendmsg and recvmsg through one buffer: a datagram is one write. */
ssize_t
sendmsg(int fd, const struct msghdr *msg, int flags)
{
	size_t total = 0;
	for (int i = 0; i < msg->msg_iovlen; i++)
		total += msg->msg_iov[i].iov_len;
	char *b = malloc(total ? total : 1);
	if (!b)
		return -1;
	for (int i = 0, off = 0; i < msg->msg_iovlen; off += (int)msg->msg_iov[i].iov_len, i++)
		memcpy(b + off, msg->msg_iov[i].iov_base, msg->msg_iov[i].iov_len);
	ssize_t n = sendto(fd, b, total, flags, msg->msg_name, msg->msg_namelen);
	free(b);
	return n;
}

ssize_t
recvmsg(int fd, struct msghdr *msg, int flags)
{
	size_t total = 0;
	for (int i = 0; i < msg->msg_iovlen; i++)
		total += msg->msg_iov[i].iov_len;
	char *b = malloc(total ? total : 1);
	if (!b)
		return -1;
	socklen_t nl = msg->msg_namelen;
	ssize_t n = recvfrom(fd, b, total, flags, msg->msg_name, msg->msg_name ? &nl : NULL);
	if (n >= 0) {
		size_t left = (size_t)n;
		for (int i = 0, off = 0; i < msg->msg_iovlen && left; i++) {
			size_t c = msg->msg_iov[i].iov_len < left ? msg->msg_iov[i].iov_len : left;
			memcpy(msg->msg_iov[i].iov_base, b + off, c);
			off += (int)c;
			left -= c;
		}
		msg->msg_namelen = nl;
		msg->msg_controllen = 0;
		msg->msg_flags = 0;
	}
	free(b);
	return n;
}

int
shutdown(int fd, int how)
{
	if (__sock_kind(fd) < 0)
		return -1;
	if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR) {
		errno = EINVAL;
		return -1;
	}
	/* SHUT_RD: reads give 0 from now on and what arrives is dropped. */
	if (how != SHUT_WR) {
		int r = dup_named(fd, "shutdown_read");
		if (r < 0)
			return -1;
		close(r);
	}
	if (how == SHUT_RD)
		return 0;
	int n = dup_named(fd, "shutdown");
	if (n < 0)
		return -1;
	close(n);
	return 0;
}
