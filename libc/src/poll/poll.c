/*
 * poll.c - poll, select and pselect over the event: scheme.
 *
 * Each call opens a fresh event: queue and registers every fd in it.
 * Registering asks the file's scheme for its readiness at once, so a
 * fresh queue answers "ready now?" (level-triggered, as poll is).  If
 * nothing is ready and the caller will wait, a time: file armed at the
 * deadline joins the queue, and one blocking read returns whatever
 * became ready first.  Signals interrupt the wait (EINTR).
 *
 * What files report: regular files and directories are always ready
 * (POSIX; poll does not ask their scheme).  Pipes are readable with
 * data or no writers left, writable with room or no readers left; the
 * console, pty: ends, event: queues and time: files report their own
 * readiness.  POLLHUP is never reported: at a pipe's end of file poll
 * says POLLIN and read returns 0.  A scheme that does not implement
 * readiness answers "not ready" (the kernel's default for a missing
 * fevent), so such a device is never reported ready: poll waits for the
 * timeout rather than say "ready" for a read that could block.  A
 * registration the kernel refuses gives POLLERR.
 */
#include <poll.h>
#include <sys/select.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <redox/abi.h>

#define TIMER_COOKIE (~(uint64_t)0)
#define STACK_EVENTS 32

static uint64_t to_event(short events)
{
	uint64_t f = 0;

	if (events & (POLLIN | POLLRDNORM | POLLRDBAND | POLLPRI))
		f |= EVENT_READ;
	if (events & (POLLOUT | POLLWRNORM | POLLWRBAND))
		f |= EVENT_WRITE;
	return f;
}

static short from_event(uint64_t f, short events)
{
	short r = 0;

	if (f & EVENT_READ)
		r |= events & (POLLIN | POLLRDNORM);
	if (f & EVENT_WRITE)
		r |= events & (POLLOUT | POLLWRNORM);
	return r;
}

/* Sets revents bits on every entry for fd. */
static void mark(struct pollfd *fds, nfds_t n, int fd, uint64_t ev, short extra)
{
	nfds_t k;

	for (k = 0; k < n; k++)
		if (fds[k].fd == fd)
			fds[k].revents |= from_event(ev, fds[k].events) | extra;
}

/* Registers the fds in q; -1 with errno on a failure of q itself. */
static int watch_all(int q, struct pollfd *fds, nfds_t n)
{
	nfds_t i, j;

	for (i = 0; i < n; i++) {
		struct redox_event ev;
		struct stat st;
		int fd = fds[i].fd, seen = 0;

		if (fd < 0)
			continue;
		for (j = 0; j < i && !seen; j++)
			seen = fds[j].fd == fd;
		if (seen)
			continue;	/* one watch per fd: the union of the events */
		ev.id = (uint64_t)fd;
		ev.flags = 0;
		ev.data = (uint64_t)fd;
		for (j = i; j < n; j++)
			if (fds[j].fd == fd)
				ev.flags |= to_event(fds[j].events);
		if (fstat(fd, &st) < 0) {
			if (errno != EBADF)
				return -1;
			mark(fds, n, fd, 0, POLLNVAL);
			continue;
		}
		if (ev.flags == 0)
			continue;	/* nothing to wait for */
		if (S_ISREG(st.st_mode) || S_ISDIR(st.st_mode)) {
			mark(fds, n, fd, ev.flags, 0);	/* never block */
			continue;
		}
		if (write(q, &ev, sizeof(ev)) == (ssize_t)sizeof(ev))
			continue;
		if (errno == EINTR || errno == ENOMEM)
			return -1;
		mark(fds, n, fd, 0, errno == EBADF ? POLLNVAL : POLLERR);
	}
	return 0;
}

static int count_ready(const struct pollfd *fds, nfds_t n)
{
	nfds_t i;
	int c = 0;

	for (i = 0; i < n; i++)
		if (fds[i].revents)
			c++;
	return c;
}

/* Reads the queue once: the events ready now, or (blocking) the first
 * to come.  Returns 0 or -1 with errno. */
static int collect(int q, struct pollfd *fds, nfds_t n, struct redox_event *evs, size_t cap)
{
	ssize_t r = read(q, evs, cap * sizeof(*evs));
	size_t i;

	if (r < 0)
		return errno == EAGAIN ? 0 : -1;
	for (i = 0; i < (size_t)r / sizeof(*evs); i++)
		if (evs[i].data != TIMER_COOKIE)
			mark(fds, n, (int)evs[i].id, evs[i].flags, 0);
	return 0;
}

/* Arms a time: file at now + ms in q; its fd, or -1 with errno. */
static int arm_timer(int q, int ms)
{
	struct redox_timespec t;
	struct redox_event ev;
	ssize_t r;
	int tf = open("time:4", O_RDWR | O_CLOEXEC), e;

	if (tf < 0)
		return -1;
	if ((r = read(tf, &t, sizeof(t))) != (ssize_t)sizeof(t))
		goto fail;
	t.tv_sec += ms / 1000;
	t.tv_nsec += (ms % 1000) * 1000000;
	if (t.tv_nsec >= 1000000000) {
		t.tv_sec++;
		t.tv_nsec -= 1000000000;
	}
	if ((r = write(tf, &t, sizeof(t))) != (ssize_t)sizeof(t))
		goto fail;
	ev.id = (uint64_t)tf;
	ev.flags = EVENT_READ;
	ev.data = TIMER_COOKIE;
	if ((r = write(q, &ev, sizeof(ev))) != (ssize_t)sizeof(ev))
		goto fail;
	return tf;
fail:
	e = r < 0 ? errno : EIO;	/* a short transfer: the file misbehaves */
	close(tf);
	errno = e;
	return -1;
}

int poll(struct pollfd *fds, nfds_t n, int timeout)
{
	struct redox_event stack_evs[STACK_EVENTS], *evs = stack_evs;
	size_t cap = n + 1;
	int q, tf = -1, r = -1, e, fl;
	nfds_t i;

	if (n > (nfds_t)OPEN_MAX) {
		errno = EINVAL;
		return -1;
	}
	for (i = 0; i < n; i++)
		fds[i].revents = 0;
	if (cap > STACK_EVENTS && (evs = malloc(cap * sizeof(*evs))) == NULL)
		return -1;
	if ((q = open("event:", O_RDWR | O_NONBLOCK | O_CLOEXEC)) < 0)
		goto out;
	if (watch_all(q, fds, n) < 0 || collect(q, fds, n, evs, cap) < 0)
		goto out;
	if (count_ready(fds, n) == 0 && timeout != 0) {
		if (timeout > 0 && (tf = arm_timer(q, timeout)) < 0)
			goto out;
		if ((fl = fcntl(q, F_GETFL)) < 0 || fcntl(q, F_SETFL, fl & ~O_NONBLOCK) < 0)
			goto out;
		if (collect(q, fds, n, evs, cap) < 0)
			goto out;
	}
	r = count_ready(fds, n);
out:
	e = errno;
	if (tf >= 0)
		close(tf);
	if (q >= 0)
		close(q);
	if (evs != stack_evs)
		free(evs);
	errno = e;
	return r;
}

/* ---- select: fd_sets to pollfds and back ---- */

static int do_select(int n, fd_set *rs, fd_set *ws, fd_set *es, int ms)
{
	struct pollfd stack_p[64], *p = stack_p;
	int fd, np = 0, r, ready = 0, k;

	if (n < 0 || n > FD_SETSIZE) {
		errno = EINVAL;
		return -1;
	}
	if (n > 64 && (p = malloc((size_t)n * sizeof(*p))) == NULL)
		return -1;
	for (fd = 0; fd < n; fd++) {
		short ev = 0;
		if (rs && FD_ISSET(fd, rs))
			ev |= POLLIN;
		if (ws && FD_ISSET(fd, ws))
			ev |= POLLOUT;
		if (ev || (es && FD_ISSET(fd, es))) {
			p[np].fd = fd;
			p[np].events = ev;
			np++;
		}
	}
	r = poll(p, (nfds_t)np, ms);
	if (r < 0)
		goto out;
	for (k = 0; k < np; k++) {
		if (p[k].revents & POLLNVAL) {
			errno = EBADF;
			r = -1;
			goto out;
		}
	}
	if (rs)
		FD_ZERO(rs);
	if (ws)
		FD_ZERO(ws);
	if (es)
		FD_ZERO(es);	/* no exceptional conditions are reported */
	for (k = 0; k < np; k++) {
		short re = p[k].revents;
		if (rs && (re & (POLLIN | POLLERR | POLLHUP)) && (p[k].events & POLLIN)) {
			FD_SET(p[k].fd, rs);
			ready++;
		}
		if (ws && (re & (POLLOUT | POLLERR)) && (p[k].events & POLLOUT)) {
			FD_SET(p[k].fd, ws);
			ready++;
		}
	}
	r = ready;
out:
	if (p != stack_p) {
		int e = errno;
		free(p);
		errno = e;
	}
	return r;
}

/* Milliseconds, rounded up so a short timeout still waits; -1 for none. */
static int to_ms(long long sec, long long nsec)
{
	long long ms;

	if (sec < 0 || nsec < 0 || nsec >= 1000000000) {
		errno = EINVAL;
		return -2;
	}
	if (sec > 2000000)
		return 2000000000;
	ms = sec * 1000 + (nsec + 999999) / 1000000;
	return (int)ms;
}

int select(int n, fd_set *restrict r, fd_set *restrict w, fd_set *restrict e,
    struct timeval *restrict timeout)
{
	int ms = -1;

	if (timeout) {
		if (timeout->tv_usec >= 1000000) {
			errno = EINVAL;
			return -1;
		}
		if ((ms = to_ms(timeout->tv_sec, (long long)timeout->tv_usec * 1000)) == -2)
			return -1;
	}
	return do_select(n, r, w, e, ms);
}

/* The mask is swapped around the wait, not atomically with it: a signal
 * arriving between the swap and the wait is handled but does not end
 * the wait early. */
int pselect(int n, fd_set *restrict r, fd_set *restrict w, fd_set *restrict e,
    const struct timespec *restrict timeout, const sigset_t *restrict mask)
{
	sigset_t old;
	int ms = -1, res, err;

	if (timeout && (ms = to_ms(timeout->tv_sec, timeout->tv_nsec)) == -2)
		return -1;
	if (mask && sigprocmask(SIG_SETMASK, mask, &old) < 0)
		return -1;
	res = do_select(n, r, w, e, ms);
	err = errno;
	if (mask)
		sigprocmask(SIG_SETMASK, &old, NULL);
	errno = err;
	return res;
}
