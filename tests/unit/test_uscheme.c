/*
 * test_uscheme.c - user-space scheme packets, end to end through the
 * public functions: a caller's op becomes a request a daemon reads, and
 * the daemon's response becomes the op's result.
 *
 * Two threads: th0 calls, th1 is the daemon.  When th0 sleeps the
 * scheduler switches to th1; the fake HAL's switch hook then plays th1:
 * it reads the request, answers it and yields back, so th0's op returns
 * with no real context switch.  (Each test runs in its own process:
 * sched.c's state is static.)
 */
#include "core/abi.h"
#include "core/file.h"
#include "core/proc.h"
#include "core/sched.h"
#include "core/scheme.h"
#include "core/uscheme.h"
#include "tests/unit/fake_hal.h"

#include <check.h>
#include <stdbool.h>
#include <string.h>

static struct proc fproc;
static struct thread th[2];
static const struct cred root = { 0, 0, 0 }, user = { 5, 1000, 100 };
static struct scheme *s;
static uint64_t dh;		/* the daemon's handle */
static struct file df;		/* the daemon's descriptor, as vfs would hold it */

enum mode { ANSWER, DIE, BAD_THEN_ANSWER };

/* The daemon's script and what it saw. */
static struct {
	enum mode mode;
	int64_t result;
	const void *data;
	uint32_t len;
	uint8_t req[1024] __attribute__((aligned(8)));	/* read as a header */
	long req_len;
	long write_ret;
	int turns;
} d;

#define REQ ((struct scheme_request *)d.req)

static long
respond(uint64_t id, int64_t result, const void *data, uint32_t len, uint32_t claim)
{
	uint8_t buf[1024];
	struct scheme_response r = { id, result, claim, 0 };
	memcpy(buf, &r, sizeof r);
	if (len)
		memcpy(buf + sizeof r, data, len);
	return uscheme_daemon_write(&df, buf, sizeof r + len);
}

static void
daemon(struct hal_thread *from, struct hal_thread *to)
{
	(void)from;
	if (to != th[1].hal)
		return;
	d.turns++;
	if (d.mode == DIE) {
		uscheme_daemon_close(dh);
	} else {
		if (d.mode == BAD_THEN_ANSWER) {
			/* too small for header + payload: refused, left queued */
			ck_assert_int_eq(uscheme_daemon_read(&df, d.req, sizeof(struct scheme_request)), -EINVAL);
		}
		d.req_len = uscheme_daemon_read(&df, d.req, sizeof d.req);
		ck_assert_int_gt(d.req_len, 0);
		if (d.mode == BAD_THEN_ANSWER) {
			char junk[8] = { 0 };
			/* shorter than a response header */
			ck_assert_int_eq(uscheme_daemon_write(&df, junk, sizeof junk), -EINVAL);
			/* claims more payload than it carries */
			ck_assert_int_eq(respond(REQ->id, 0, "ab", 2, 3), -EINVAL);
			/* an id nobody waits for: taken and dropped */
			ck_assert_int_eq(respond(REQ->id + 100, 0, "ab", 2, 2),
			    (long)sizeof(struct scheme_response) + 2);
		}
		d.write_ret = respond(REQ->id, d.result, d.data, d.len, d.len);
	}
	sched_give_up();	/* back to the caller */
}

static void
start(void *arg)
{
	(void)arg;
	sched_start();
}

static void
setup(void)
{
	memset(&fproc, 0, sizeof fproc);
	fproc.pid = 7;
	fproc.euid = 1000;
	fproc.egid = 100;
	memset(&d, 0, sizeof d);
	for (int i = 0; i < 2; i++) {
		memset(&th[i], 0, sizeof th[i]);
		th[i].tid = i + 1;
		th[i].proc = &fproc;
		th[i].hal = hal_thread_new(NULL, NULL);
		list_init(&th[i].run_link);
		list_init(&th[i].wait_link);
		list_init(&th[i].timer.link);
		list_init(&th[i].proc_link);
	}
	sched_init();
	sched_ready(&th[0]);
	sched_ready(&th[1]);
	ck_assert_int_eq(fake_run(start, NULL), FAKE_DROPPED);
	ck_assert_ptr_eq(sched_current(), &th[0]);

	ck_assert_int_eq(uscheme_create("vec/", 4, 0, &root, &dh), 0);
	ck_assert(uscheme_is_handle(dh));
	df = (struct file){ .refs = 1, .flags = O_RDWR, .handle = dh };
	s = scheme_find("vec", 3);
	ck_assert_ptr_nonnull(s);
	fake_switch_hook = daemon;
}

static void
teardown(void)
{
	fake_switch_hook = NULL;
	sched_init();	/* see test_sched.c: LeakSanitizer calls sched_yield */
}

START_TEST(test_open_packet)
{
	uint64_t h = 0;
	d.result = 42;
	ck_assert_int_eq(s->ops->open(s, "a/b", 3, O_RDWR | O_CREAT | 0644, &user, &h), 0);
	ck_assert_uint_eq(h, 42);
	ck_assert_int_eq(d.turns, 1);
	ck_assert_ptr_eq(sched_current(), &th[0]);
	ck_assert_int_eq(d.req_len, sizeof(struct scheme_request) + 3);
	ck_assert_uint_eq(REQ->id, 1);
	ck_assert_uint_eq(REQ->pid, 7);
	ck_assert_uint_eq(REQ->uid, 1000);
	ck_assert_uint_eq(REQ->gid, 100);
	ck_assert_uint_eq(REQ->op, SCHEME_OPEN);
	ck_assert_uint_eq(REQ->flags, O_RDWR | O_CREAT | 0644);
	ck_assert_uint_eq(REQ->len, 3);
	ck_assert_uint_eq(REQ->reserved, 0);
	ck_assert(memcmp(d.req + sizeof(struct scheme_request), "a/b", 3) == 0);
	ck_assert_int_eq(d.write_ret, sizeof(struct scheme_response));

	/* ids go up; the next op is a separate request */
	d.result = 43;
	ck_assert_int_eq(s->ops->open(s, "", 0, O_RDONLY, &user, &h), 0);
	ck_assert_uint_eq(h, 43);
	ck_assert_uint_eq(REQ->id, 2);
	ck_assert_int_eq(d.req_len, sizeof(struct scheme_request));
}
END_TEST

START_TEST(test_read_reply)
{
	struct file *f = file_new(s, 42, O_RDONLY | O_NONBLOCK);
	f->pos = 100;
	char buf[16];
	memset(buf, 0, sizeof buf);
	d.data = "hello world";
	d.len = 11;
	d.result = 11;
	/* the daemon sends more than was asked: the caller gets only 5 */
	ck_assert_int_eq(s->ops->read(s, f, buf, 5), 5);
	ck_assert_str_eq(buf, "hello");
	ck_assert_uint_eq(REQ->op, SCHEME_READ);
	ck_assert_uint_eq(REQ->a, 42);
	/* a plain read: the daemon's position, not the description's */
	ck_assert_uint_eq(REQ->b, 0);
	ck_assert_uint_eq(REQ->c, 5);
	ck_assert_uint_eq(REQ->d, 0);
	ck_assert_uint_eq(REQ->len, 0);
	ck_assert_uint_eq(REQ->flags, O_RDONLY | O_NONBLOCK);

	/* a result larger than the data sent is cut to the data */
	d.data = "abc";
	d.len = 3;
	d.result = 9;
	ck_assert_int_eq(s->ops->read(s, f, buf, sizeof buf), 3);
	ck_assert(memcmp(buf, "abc", 3) == 0);
	d.mode = DIE;	/* so file_put's close finds no daemon */
	uscheme_daemon_close(dh);
	file_put(f);
}
END_TEST

START_TEST(test_write_payload)
{
	struct file *f = file_new(s, 9, O_WRONLY);
	f->pos = 4096;
	d.result = 1000;	/* a daemon claiming more than it got */
	ck_assert_int_eq(s->ops->write(s, f, "xyz", 3), 3);
	ck_assert_uint_eq(REQ->op, SCHEME_WRITE);
	ck_assert_uint_eq(REQ->a, 9);
	ck_assert_uint_eq(REQ->b, 0);
	ck_assert_uint_eq(REQ->c, 3);
	ck_assert_uint_eq(REQ->d, 0);
	ck_assert_uint_eq(REQ->len, 3);
	ck_assert(memcmp(d.req + sizeof(struct scheme_request), "xyz", 3) == 0);
	uscheme_daemon_close(dh);
	file_put(f);
}
END_TEST

/* pread: b carries the offset and d says "positioned"; f->pos stays. */
START_TEST(test_pread_packet)
{
	struct file *f = file_new(s, 42, O_RDWR | O_APPEND);
	f->pos = 100;
	char buf[16];
	memset(buf, 0, sizeof buf);
	d.data = "positioned";
	d.len = 10;
	d.result = 10;
	ck_assert_int_eq(s->ops->pread(s, f, buf, 8, 0x123456789ull), 8);
	ck_assert(memcmp(buf, "position", 8) == 0);
	ck_assert_int_eq(d.req_len, sizeof(struct scheme_request));
	ck_assert_uint_eq(REQ->op, SCHEME_READ);
	ck_assert_uint_eq(REQ->a, 42);
	ck_assert_uint_eq(REQ->b, 0x123456789ull);
	ck_assert_uint_eq(REQ->c, 8);
	ck_assert_uint_eq(REQ->d, SCHEME_IO_POSITIONED);
	ck_assert_uint_eq(REQ->len, 0);
	ck_assert_uint_eq(REQ->flags, O_RDWR | O_APPEND);
	ck_assert_uint_eq(f->pos, 100);
	/* a daemon that cannot seek says so */
	d.len = 0;
	d.result = -ESPIPE;
	ck_assert_int_eq(s->ops->pread(s, f, buf, 8, 0), -ESPIPE);
	ck_assert_uint_eq(REQ->d, SCHEME_IO_POSITIONED);
	ck_assert_uint_eq(REQ->b, 0);
	/* more than a packet carries is cut to one packet */
	d.result = 0;
	ck_assert_int_eq(s->ops->pread(s, f, buf, SCHEME_PAYLOAD_MAX + 1, 7), 0);
	ck_assert_uint_eq(REQ->c, SCHEME_PAYLOAD_MAX);
	ck_assert_uint_eq(REQ->b, 7);
	uscheme_daemon_close(dh);
	file_put(f);
}
END_TEST

START_TEST(test_pwrite_packet)
{
	struct file *f = file_new(s, 9, O_WRONLY);
	f->pos = 4096;
	d.result = 1000;	/* a daemon claiming more than it got */
	ck_assert_int_eq(s->ops->pwrite(s, f, "xyz", 3, 1ull << 40), 3);
	ck_assert_int_eq(d.req_len, sizeof(struct scheme_request) + 3);
	ck_assert_uint_eq(REQ->op, SCHEME_WRITE);
	ck_assert_uint_eq(REQ->a, 9);
	ck_assert_uint_eq(REQ->b, 1ull << 40);
	ck_assert_uint_eq(REQ->c, 3);
	ck_assert_uint_eq(REQ->d, SCHEME_IO_POSITIONED);
	ck_assert_uint_eq(REQ->len, 3);
	ck_assert(memcmp(d.req + sizeof(struct scheme_request), "xyz", 3) == 0);
	ck_assert_uint_eq(f->pos, 4096);
	uscheme_daemon_close(dh);
	file_put(f);
}
END_TEST

START_TEST(test_fstat_reply)
{
	struct file *f = file_new(s, 3, O_RDONLY);
	struct redox_stat in = { .st_ino = 77, .st_mode = MODE_FILE | 0600, .st_size = 1234 };
	struct redox_stat out;
	memset(&out, 0, sizeof out);
	d.data = &in;
	d.len = sizeof in;
	d.result = 0;
	ck_assert_int_eq(s->ops->fstat(s, f, &out), 0);
	ck_assert_uint_eq(REQ->op, SCHEME_FSTAT);
	ck_assert_uint_eq(REQ->c, sizeof(struct redox_stat));
	ck_assert(memcmp(&in, &out, sizeof in) == 0);
	uscheme_daemon_close(dh);
	file_put(f);
}
END_TEST

START_TEST(test_errors)
{
	uint64_t h;
	d.result = -ENOENT;
	ck_assert_int_eq(s->ops->open(s, "x", 1, O_RDONLY, &user, &h), -ENOENT);
	/* not an errno at all: the caller sees an I/O error */
	d.result = -5000;
	ck_assert_int_eq(s->ops->open(s, "x", 1, O_RDONLY, &user, &h), -EIO);
	/* too big a path never reaches the daemon */
	static char big[SCHEME_PAYLOAD_MAX + 1];
	int turns = d.turns;
	ck_assert_int_eq(s->ops->open(s, big, sizeof big, O_RDONLY, &user, &h), -EINVAL);
	ck_assert_int_eq(d.turns, turns);
}
END_TEST

/* Found by sysfuzz: an unlink answered 0x7fffffffb6a6e884 reached the
 * caller as the int -1230575484, neither a value nor an errno. */
START_TEST(test_int_ops_result_too_big)
{
	d.result = 0x7fffffffb6a6e884ll;
	ck_assert_int_eq(s->ops->unlink(s, "x", 1, &user), -EIO);
	d.result = 0x100000000ll;
	ck_assert_int_eq(s->ops->mkdir(s, "x", 1, 0755, &user), -EIO);
	/* A status is 0 or an errno: any other answer is no answer. */
	d.result = 0x7fffffff;
	ck_assert_int_eq(s->ops->rmdir(s, "x", 1, &user), -EIO);
	d.result = 1;
	ck_assert_int_eq(s->ops->rmdir(s, "x", 1, &user), -EIO);
	d.result = 0;
	ck_assert_int_eq(s->ops->unlink(s, "x", 1, &user), 0);
}
END_TEST

START_TEST(test_bad_daemon_buffers)
{
	uint64_t h;
	d.mode = BAD_THEN_ANSWER;
	d.result = 5;
	ck_assert_int_eq(s->ops->open(s, "path", 4, O_RDONLY, &user, &h), 0);
	ck_assert_uint_eq(h, 5);
	ck_assert_int_eq(d.turns, 1);
}
END_TEST

START_TEST(test_daemon_dies)
{
	uint64_t h;
	d.mode = DIE;
	ck_assert_int_eq(s->ops->open(s, "x", 1, O_RDONLY, &user, &h), -EIO);
	ck_assert_ptr_null(scheme_find("vec", 3));
	/* later calls fail at once */
	int turns = d.turns;
	ck_assert_int_eq(s->ops->open(s, "x", 1, O_RDONLY, &user, &h), -EIO);
	ck_assert_int_eq(d.turns, turns);
	scheme_put(s);
}
END_TEST

START_TEST(test_close_is_one_way)
{
	unsigned sw = fake_switches;
	ck_assert_int_eq(uscheme_daemon_fevent(&df, EVENT_READ | EVENT_WRITE), EVENT_WRITE);
	ck_assert_int_eq(s->ops->close(s, 42), 0);
	ck_assert_uint_eq(fake_switches, sw);	/* nobody waited */
	ck_assert_int_eq(uscheme_daemon_fevent(&df, EVENT_READ | EVENT_WRITE),
	    EVENT_READ | EVENT_WRITE);
	ck_assert_int_eq(uscheme_daemon_fevent(&df, EVENT_READ), EVENT_READ);
	d.req_len = uscheme_daemon_read(&df, d.req, sizeof d.req);
	ck_assert_int_eq(d.req_len, sizeof(struct scheme_request));
	ck_assert_uint_eq(REQ->op, SCHEME_CLOSE);
	ck_assert_uint_eq(REQ->a, 42);
	ck_assert_int_eq(uscheme_daemon_fevent(&df, EVENT_READ), 0);
	/* an answer to a close is dropped quietly */
	ck_assert_int_eq(respond(REQ->id, 0, "", 0, 0), sizeof(struct scheme_response));
	/* nothing pending: a non-blocking daemon read says so */
	df.flags |= O_NONBLOCK;
	ck_assert_int_eq(uscheme_daemon_read(&df, d.req, sizeof d.req), -EAGAIN);
	/* an unsolicited event is accepted */
	struct scheme_response ev = { 42, EVENT_READ, 0, SCHEME_RESP_EVENT };
	ck_assert_int_eq(uscheme_daemon_write(&df, &ev, sizeof ev), sizeof ev);
}
END_TEST

/* LOCK: the caller's flock goes out whole; GET's answer must come back
 * whole; RELEASE is one-way like CLOSE. */
START_TEST(test_lock_packet)
{
	struct file *f = file_new(s, 12, O_RDWR);
	struct redox_flock fl = { F_WRLCK, SEEK_END, 0, -5, 10, 0, 0 };
	struct redox_flock ans = { F_RDLCK, SEEK_SET, 0, 3, 4, 99, 0 };

	d.result = 0;
	ck_assert_int_eq(s->ops->lock(s, f, SCHEME_LOCK_SET, &fl), 0);
	ck_assert_uint_eq(REQ->op, SCHEME_LOCK);
	ck_assert_uint_eq(REQ->a, 12);
	ck_assert_uint_eq(REQ->d, SCHEME_LOCK_SET);
	ck_assert_uint_eq(REQ->flags, O_RDWR);
	ck_assert_uint_eq(REQ->len, sizeof fl);
	ck_assert(memcmp(d.req + sizeof(struct scheme_request), &fl, sizeof fl) == 0);
	d.result = -EAGAIN;
	ck_assert_int_eq(s->ops->lock(s, f, SCHEME_LOCK_WAIT, &fl), -EAGAIN);
	ck_assert_uint_eq(REQ->d, SCHEME_LOCK_WAIT);
	/* a status is 0 or an errno */
	d.result = 1;
	ck_assert_int_eq(s->ops->lock(s, f, SCHEME_LOCK_SET, &fl), -EIO);
	/* GET: the answer whole, or an I/O error */
	d.result = 0;
	d.data = &ans;
	d.len = sizeof ans;
	ck_assert_int_eq(s->ops->lock(s, f, SCHEME_LOCK_GET, &fl), 0);
	ck_assert(memcmp(&fl, &ans, sizeof ans) == 0);
	d.len = sizeof ans - 1;
	ck_assert_int_eq(s->ops->lock(s, f, SCHEME_LOCK_GET, &fl), -EIO);
	/* RELEASE: nobody waits, and the daemon's answer is not looked for */
	unsigned sw = fake_switches;
	fake_switch_hook = NULL;
	ck_assert_int_eq(s->ops->lock(s, f, SCHEME_LOCK_RELEASE, NULL), 0);
	ck_assert_uint_eq(fake_switches, sw);
	d.req_len = uscheme_daemon_read(&df, d.req, sizeof d.req);
	ck_assert_int_eq(d.req_len, sizeof(struct scheme_request));
	ck_assert_uint_eq(REQ->op, SCHEME_LOCK);
	ck_assert_uint_eq(REQ->d, SCHEME_LOCK_RELEASE);
	ck_assert_uint_eq(REQ->pid, 7);
	ck_assert(scheme_request_oneway(REQ->op, REQ->d));
	ck_assert(!scheme_request_oneway(SCHEME_LOCK, SCHEME_LOCK_WAIT));
	uscheme_daemon_close(dh);
	file_put(f);
}
END_TEST

static long
kern_read(struct scheme *sc, struct file *f, void *buf, size_t len)
{
	(void)sc; (void)f; (void)buf; (void)len;
	return 0;
}

static const struct scheme_ops kern_ops = { .read = kern_read };

START_TEST(test_create_remove)
{
	uint64_t h;
	ck_assert_int_eq(uscheme_create("other", 5, 0, &user, &h), -EACCES);
	ck_assert_int_eq(uscheme_create("vec", 3, 0, &root, &h), -EEXIST);
	ck_assert_int_eq(uscheme_remove("vec", 3, &user), -EACCES);
	ck_assert_int_eq(uscheme_remove("none", 4, &root), -ENOENT);
	struct scheme *k;
	ck_assert_int_eq(scheme_register("kern", 4, &kern_ops, NULL, &k), 0);
	ck_assert_int_eq(uscheme_remove("kern", 4, &root), -EPERM);
	ck_assert_ptr_eq(scheme_find("kern", 4), k);
	scheme_put(k);
	ck_assert_int_eq(uscheme_remove("vec", 3, &root), 0);
	ck_assert_ptr_null(scheme_find("vec", 3));
	scheme_put(s);
}
END_TEST

Suite *
uscheme_suite(void)
{
	Suite *su = suite_create("uscheme");
	TCase *tc = tcase_create("packets");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_open_packet);
	tcase_add_test(tc, test_read_reply);
	tcase_add_test(tc, test_write_payload);
	tcase_add_test(tc, test_pread_packet);
	tcase_add_test(tc, test_lock_packet);
	tcase_add_test(tc, test_pwrite_packet);
	tcase_add_test(tc, test_fstat_reply);
	tcase_add_test(tc, test_errors);
	tcase_add_test(tc, test_int_ops_result_too_big);
	tcase_add_test(tc, test_bad_daemon_buffers);
	tcase_add_test(tc, test_daemon_dies);
	tcase_add_test(tc, test_close_is_one_way);
	tcase_add_test(tc, test_create_remove);
	suite_add_tcase(su, tc);
	return su;
}
