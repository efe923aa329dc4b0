/*
 * kt_hostile - a scheme daemon that misbehaves on purpose, and the
 * client that checks the core survives it.
 *
 *   kt_hostile          (as root) starts the daemon, runs every check
 *                       and lets the daemon die.
 *   kt_hostile meminfo  prints sys:meminfo's used pages and kernel heap;
 *                       the test compares runs before and after (from
 *                       separate processes, so our own heap does not count).
 *   kt_hostile daemon   serves hostile:, each handle a different offence.
 *   kt_hostile poke MS SIG PID   sleeps MS ms, then sends SIG to PID.
 *   kt_hostile blocked  reads hostile:silent and reports what it got.
 *
 * The offences: responses with wrong ids, payload lengths past what was
 * written, results that are huge, negative beyond any errno, or positive
 * where only 0 or an errno is allowed, a stat shorter than a stat, two
 * responses to one request, a response to a request whose caller gave
 * up, a late answer to an open, events for handles that do not exist, a
 * daemon that never answers, and one that answers and dies with callers
 * waiting.  The caller must see a clear error or the clamped truth, never
 * a crash, a hang it cannot interrupt, or kernel memory.
 */
#define NAME "kt_hostile"
#include "check.h"
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <redox.h>
#include "meminfo.h"

extern char **environ;

enum { H_WRONGID = 1, H_LONGLEN, H_HUGE, H_NEG, H_TWICE, H_EVENT, H_SILENT,
	H_DIE, H_STATUS, H_SLOWOPEN, H_STATOPEN, H_STATSHORT, H_AT, H_LATE = 99 };

static const struct { const char *ref; int handle; } refs[] = {
	{ "wrongid", H_WRONGID }, { "longlen", H_LONGLEN }, { "huge", H_HUGE },
	{ "neg", H_NEG }, { "twice", H_TWICE }, { "event", H_EVENT },
	{ "silent", H_SILENT }, { "die", H_DIE }, { "status", H_STATUS },
	{ "slowopen", H_SLOWOPEN }, { "statopen", H_STATOPEN },
	{ "statshort", H_STATSHORT }, { "at", H_AT },
};

/* ---- the daemon ---- */

static int dfd;
static uint64_t silent_ids[8], slowopen_id;
static int nsilent, bad_len_refused, late_closed;

static int
respond(uint64_t id, int64_t result, const void *data, uint32_t len,
    uint32_t claim, uint32_t flags)
{
	static unsigned char buf[sizeof(struct scheme_response) + 4096];
	struct scheme_response r = { id, result, claim, flags };

	if (len > 4096)
		return -1;
	memcpy(buf, &r, sizeof r);
	if (len)
		memcpy(buf + sizeof r, data, len);
	return (int)write(dfd, buf, sizeof r + len);
}

static void
answer(uint64_t id, int64_t result, const void *data, uint32_t len)
{
	if (respond(id, result, data, len, len, 0) < 0)
		printf("%s: daemon: write: %s\n", NAME, strerror(errno));
}

static void
serve_open(const struct scheme_request *rq, const char *ref)
{
	for (unsigned i = 0; i < sizeof refs / sizeof refs[0]; i++) {
		if (strlen(refs[i].ref) != rq->len ||
		    memcmp(refs[i].ref, ref, rq->len) != 0)
			continue;
		if (refs[i].handle == H_SLOWOPEN) {
			/* What was silent is answered now, to a caller that
			 * gave up; this open waits for the next request. */
			for (int k = 0; k < nsilent; k++)
				answer(silent_ids[k], 1, "x", 1);
			nsilent = 0;
			slowopen_id = rq->id;
			return;
		}
		if (refs[i].handle == H_STATOPEN && (rq->flags & O_STAT)) {
			/* The stat with the handle (core/PROTOCOL.md). */
			struct redox_stat st;
			memset(&st, 0, sizeof st);
			st.st_mode = S_IFREG | 0640;
			st.st_size = 4242;
			answer(rq->id, H_STATOPEN, &st, sizeof st);
		} else if (refs[i].handle == H_STATSHORT && (rq->flags & O_STAT)) {
			answer(rq->id, H_STATSHORT, "short", 5);	/* ignored */
		} else {
			answer(rq->id, refs[i].handle, NULL, 0);
		}
		return;
	}
	answer(rq->id, -ENOENT, NULL, 0);
}

static void
serve_read(const struct scheme_request *rq)
{
	char text[128];
	struct scheme_response fake = { rq->id, 5, 0, 0 };

	switch (rq->a) {
	case H_WRONGID:
		answer(rq->id + 7777, 3, "bad", 3);
		answer(rq->id, 5, "right", 5);
		break;
	case H_LONGLEN:
		/* Claims 100 payload bytes and writes 10: refused. */
		if (respond(rq->id, 10, "0123456789", 10, 100, 0) < 0 &&
		    errno == EINVAL)
			bad_len_refused++;
		/* A header alone, shorter than a header: refused too. */
		if (write(dfd, &fake, sizeof fake - 1) < 0 && errno == EINVAL)
			bad_len_refused++;
		answer(rq->id, 2, "ok", 2);
		break;
	case H_HUGE:
		answer(rq->id, (int64_t)1 << 40, "abcd", 4);
		break;
	case H_NEG:
		answer(rq->id, -100000, NULL, 0);
		break;
	case H_TWICE:
		answer(rq->id, 5, "first", 5);
		answer(rq->id, 6, "second", 6);
		break;
	case H_EVENT:
		respond(0xdeadbeef, -1, NULL, 0, 0, SCHEME_RESP_EVENT);
		respond(H_EVENT, 0x7fffffff, NULL, 0, 0, SCHEME_RESP_EVENT);
		answer(rq->id, 2, "ev", 2);
		break;
	case H_AT: {
		/* The payload by address (SCHEME_RESP_AT): outside the
		 * daemon's memory it is refused, and the request waits. */
		static const char there[] = "from-the-cache";
		struct { struct scheme_response r; uint64_t addr; } at = {
			{ rq->id, 14, 14, SCHEME_RESP_AT }, 16 };
		if (write(dfd, &at, sizeof at) < 0 && errno == EFAULT)
			bad_len_refused++;
		at.addr = (uint64_t)(uintptr_t)there;
		if (write(dfd, &at, sizeof at - 1) < 0 && errno == EINVAL)
			bad_len_refused++;	/* the address cut short */
		write(dfd, &at, sizeof at);
		break;
	}
	case H_SILENT:
		if (nsilent < 8)
			silent_ids[nsilent++] = rq->id;
		break;
	case H_DIE:
		answer(rq->id, 4, "bye!", 4);
		exit(0);
	case H_STATUS:
		snprintf(text, sizeof text, "refused=%d late_closed=%d",
		    bad_len_refused, late_closed);
		answer(rq->id, (int64_t)strlen(text), text, (uint32_t)strlen(text));
		break;
	default:
		answer(rq->id, -EBADF, NULL, 0);
	}
}

static void
serve_other(const struct scheme_request *rq)
{
	static const unsigned char shortstat[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

	switch (rq->op) {
	case SCHEME_WRITE:	/* claims more than it was given */
		answer(rq->id, rq->a == H_HUGE ? (int64_t)1 << 40 : (int64_t)rq->len,
		    NULL, 0);
		break;
	case SCHEME_FSTAT:	/* 8 bytes of a stat */
		answer(rq->id, 0, shortstat, sizeof shortstat);
		break;
	case SCHEME_FSYNC:	/* 0 in the low 32 bits */
		answer(rq->id, (int64_t)1 << 32, NULL, 0);
		break;
	case SCHEME_FCHMOD:	/* neither 0 nor an errno */
		answer(rq->id, 7, NULL, 0);
		break;
	case SCHEME_FTRUNCATE:	/* below every errno */
		answer(rq->id, INT64_MIN, NULL, 0);
		break;
	case SCHEME_CLOSE:
		if (rq->a == H_LATE)
			late_closed++;
		break;		/* closes want no answer */
	default:
		answer(rq->id, -ENOSYS, NULL, 0);
	}
}

static int
daemon_main(void)
{
	static unsigned char buf[sizeof(struct scheme_request) + 4096];

	dfd = open(":hostile", O_RDWR | O_CREAT, 0600);
	if (dfd < 0) {
		printf("%s: daemon: register: %s\n", NAME, strerror(errno));
		return 1;
	}
	for (;;) {
		ssize_t n = read(dfd, buf, sizeof buf);
		if (n < (ssize_t)sizeof(struct scheme_request))
			return n == 0 ? 0 : 1;
		const struct scheme_request *rq = (const void *)buf;
		if (slowopen_id != 0) {
			answer(slowopen_id, H_LATE, NULL, 0);
			slowopen_id = 0;
		}
		if (rq->op == SCHEME_OPEN)
			serve_open(rq, (const char *)(buf + sizeof *rq));
		else if (rq->op == SCHEME_READ)
			serve_read(rq);
		else
			serve_other(rq);
	}
}

/* ---- the client ---- */

static volatile sig_atomic_t got_int;

static void
on_int(int sig)
{
	(void)sig;
	got_int = 1;
}

static pid_t
spawn(char *a1, char *a2, char *a3, char *a4)
{
	char *args[] = { "kt_hostile", a1, a2, a3, a4, NULL };
	pid_t pid;

	if (posix_spawnp(&pid, "kt_hostile", NULL, NULL, args, environ) != 0)
		return -1;
	return pid;
}

/* Sends sig to us after ms milliseconds, from a child. */
static pid_t
poke_me(int ms, int sig)
{
	char a[16], b[16], c[16];

	snprintf(a, sizeof a, "%d", ms);
	snprintf(b, sizeof b, "%d", sig);
	snprintf(c, sizeof c, "%d", (int)getpid());
	return spawn("poke", a, b, c);
}

static int
hopen(const char *ref)
{
	char path[64];

	snprintf(path, sizeof path, "hostile:%s", ref);
	return open(path, O_RDWR);
}

/* Reads fd; returns the count (or -errno) and the bytes in buf. */
static long
hread(int fd, char *buf, size_t len)
{
	ssize_t n;

	memset(buf, 0, len);
	n = read(fd, buf, len);
	return n < 0 ? -errno : (long)n;
}

static void
check_replies(void)
{
	char buf[64];
	struct stat st;
	int fd;

	fd = hopen("wrongid");
	CHECK_INT(hread(fd, buf, sizeof buf), 5);
	CHECK_STR(buf, "right");
	close(fd);

	fd = hopen("longlen");
	CHECK_INT(hread(fd, buf, sizeof buf), 2);
	CHECK_STR(buf, "ok");
	close(fd);

	fd = hopen("huge");
	CHECK_INT(hread(fd, buf, sizeof buf), 4);	/* what came, not 2^40 */
	CHECK_STR(buf, "abcd");
	CHECK_INT(write(fd, "xyz", 3), 3);		/* what went, not 2^40 */
	close(fd);

	fd = hopen("neg");
	CHECK_INT(hread(fd, buf, sizeof buf), -EIO);
	memset(&st, 0xAA, sizeof st);
	CHECK(fstat(fd, &st) == -1 && errno == EIO);	/* a short stat */
	CHECK(fsync(fd) == -1 && errno == EIO);
	CHECK(fchmod(fd, 0644) == -1 && errno == EIO);
	CHECK(ftruncate(fd, 0) == -1 && errno == EIO);
	close(fd);

	fd = hopen("twice");
	CHECK_INT(hread(fd, buf, sizeof buf), 5);
	CHECK_STR(buf, "first");
	CHECK_INT(hread(fd, buf, sizeof buf), 5);	/* the second was dropped */
	close(fd);

	fd = hopen("event");
	CHECK_INT(hread(fd, buf, sizeof buf), 2);
	close(fd);

	fd = hopen("at");
	CHECK_INT(hread(fd, buf, sizeof buf), 14);
	CHECK_STR(buf, "from-the-cache");
	memset(buf, 0, sizeof buf);
	CHECK_INT(read(fd, buf, 4), 4);	/* cut to what was asked */
	CHECK_STR(buf, "from");
	close(fd);

	/* An O_STAT open's stat answers the first fstat; later ones ask
	 * (and get this daemon's short stat); a short one is not kept. */
	memset(&st, 0, sizeof st);
	CHECK(stat("hostile:statopen", &st) == 0 && st.st_size == 4242 &&
	    st.st_mode == (S_IFREG | 0640));
	fd = open("hostile:statopen", O_STAT);
	CHECK(fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 4242);
	CHECK(fstat(fd, &st) == -1 && errno == EIO);
	close(fd);
	close(open("hostile:statopen", O_STAT));	/* kept stat freed unused */
	CHECK(stat("hostile:statshort", &st) == -1 && errno == EIO);
}

/* A read the daemon never answers ends with EINTR when a signal comes. */
static void
check_silent(void)
{
	struct sigaction sa;
	char buf[64];
	pid_t poker;
	int fd, st;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_int;		/* no SA_RESTART */
	CHECK(sigaction(SIGINT, &sa, NULL) == 0);
	fd = hopen("silent");
	CHECK(fd >= 0);
	got_int = 0;
	poker = poke_me(200, SIGINT);
	CHECK(poker > 0);
	CHECK_INT(hread(fd, buf, sizeof buf), -EINTR);
	CHECK(got_int == 1);
	CHECK(waitpid(poker, &st, 0) == poker && WIFEXITED(st));
	close(fd);

	/* An open the daemon answers only after we gave up: its handle must
	 * be closed by the kernel, not leaked. */
	got_int = 0;
	poker = poke_me(200, SIGINT);
	CHECK(hopen("slowopen") == -1 && errno == EINTR);
	CHECK(waitpid(poker, &st, 0) == poker && WIFEXITED(st));

	/* The daemon answers the late open before this one; the kernel's
	 * close of that handle reaches it before this read. */
	fd = hopen("status");
	CHECK_INT(hread(fd, buf, sizeof buf), (long)strlen("refused=6 late_closed=1"));
	CHECK_STR(buf, "refused=6 late_closed=1");
	close(fd);
}

/* The daemon answers and dies with another caller blocked on it. */
static void
check_death(pid_t daemon)
{
	char buf[16];
	pid_t blocked;
	int fd, st;

	blocked = spawn("blocked", NULL, NULL, NULL);
	CHECK(blocked > 0);
	usleep(200 * 1000);	/* let it block in its read */
	fd = hopen("die");
	CHECK_INT(hread(fd, buf, sizeof buf), 4);
	CHECK(waitpid(daemon, &st, 0) == daemon && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	CHECK(waitpid(blocked, &st, 0) == blocked && WIFEXITED(st) &&
	    WEXITSTATUS(st) == 0);
	close(fd);
	CHECK(hopen("wrongid") == -1 && errno == ENODEV);
}

static int
blocked_main(void)
{
	char buf[16];
	int fd = hopen("silent");

	if (fd < 0)
		return 2;
	long n = hread(fd, buf, sizeof buf);
	printf("%s: blocked caller: read gave %ld\n", NAME, n);
	return n == -EIO ? 0 : 1;
}

int
main(int argc, char **argv)
{
	long pages, heap;
	pid_t daemon;


	if (argc == 2 && strcmp(argv[1], "daemon") == 0)
		return daemon_main();
	if (argc == 2 && strcmp(argv[1], "blocked") == 0)
		return blocked_main();
	if (argc == 5 && strcmp(argv[1], "poke") == 0) {
		usleep((useconds_t)atoi(argv[2]) * 1000);
		return kill((pid_t)atoi(argv[4]), atoi(argv[3])) == 0 ? 0 : 1;
	}

	if (argc == 2 && strcmp(argv[1], "meminfo") == 0) {
		pages = meminfo("PagesUsed:");
		heap = meminfo("KernelHeap:");
		printf("%s: meminfo pages %ld heap %ld\n", NAME, pages, heap);
		return pages > 0 && heap > 0 ? 0 : 1;
	}

	daemon = spawn("daemon", NULL, NULL, NULL);
	CHECK(daemon > 0);
	for (int i = 0; i < 500; i++) {	/* up to 5 s for it to register */
		int fd = hopen("status");
		if (fd >= 0) {
			close(fd);
			break;
		}
		usleep(10 * 1000);
	}
	check_replies();
	check_silent();
	check_death(daemon);
	return finish();
}
