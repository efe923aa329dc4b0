/*
 * redoxfsd's record lock table (fs/redoxfs/daemon/rfsd_lock.h): ranges
 * from flock fields, conflicts, an owner's merges, splits and
 * conversions, waiters granted in order and cancelled, release by owner
 * and node, deadlock between two owners, and the ENOLCK caps.
 */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/daemon/rfsd_lock.h"

#define RD RFSD_LOCK_RD
#define WR RFSD_LOCK_WR
#define UN RFSD_LOCK_UN
#define EOF_ RFSD_LOCK_EOF

static struct rfsd_locks *t;

static struct rfsd_lock
L(uint32_t node, uint64_t pid, int type, uint64_t s, uint64_t e)
{
	struct rfsd_lock l = { node, type, pid, s, e };
	return l;
}

static int
set(uint64_t pid, int type, uint64_t s, uint64_t e)
{
	struct rfsd_lock l = L(1, pid, type, s, e);
	return rfsd_lock_set(t, &l);
}

/* The locks pid holds on node 1, as "type:start-end " sorted by start. */
static const char *
held(uint64_t pid)
{
	static char buf[512];
	uint64_t at = 0;
	size_t n = 0;

	buf[0] = '\0';
	for (;;) {
		const struct rfsd_lock *best = NULL;
		for (unsigned i = 0; i < RFSD_LOCK_MAX; i++) {
			const struct rfsd_lock *l = &t->lk[i];
			if (l->type >= 0 && l->node == 1 && l->pid == pid &&
			    l->start >= at && (!best || l->start < best->start))
				best = l;
		}
		if (!best)
			return buf;
		if (best->end == EOF_)
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%c:%llu- ",
			    best->type == RD ? 'r' : 'w',
			    (unsigned long long)best->start);
		else
			n += (size_t)snprintf(buf + n, sizeof buf - n, "%c:%llu-%llu ",
			    best->type == RD ? 'r' : 'w',
			    (unsigned long long)best->start,
			    (unsigned long long)best->end);
		at = best->start + 1;
	}
}

static void
setup(void)
{
	t = malloc(sizeof *t);
	ck_assert_ptr_nonnull(t);
	rfsd_lock_init(t);
}

static void
teardown(void)
{
	free(t);
}

START_TEST(test_range)
{
	uint64_t s, e;

	ck_assert_int_eq(rfsd_lock_range(0, 10, 5, &s, &e), 0);
	ck_assert(s == 10 && e == 15);
	ck_assert_int_eq(rfsd_lock_range(100, -10, 0, &s, &e), 0);
	ck_assert(s == 90 && e == EOF_);
	ck_assert_int_eq(rfsd_lock_range(20, 0, -5, &s, &e), 0);
	ck_assert(s == 15 && e == 20);
	ck_assert_int_eq(rfsd_lock_range(0, -1, 1, &s, &e), -EINVAL);
	ck_assert_int_eq(rfsd_lock_range(5, -6, 1, &s, &e), -EINVAL);
	ck_assert_int_eq(rfsd_lock_range(0, 5, -6, &s, &e), -EINVAL);
	ck_assert_int_eq(rfsd_lock_range(0, 5, INT64_MIN, &s, &e), -EINVAL);
	ck_assert_int_eq(rfsd_lock_range(0, INT64_MAX, 2, &s, &e), -EOVERFLOW);
	ck_assert_int_eq(rfsd_lock_range(1, INT64_MAX, 0, &s, &e), -EOVERFLOW);
	ck_assert_int_eq(rfsd_lock_range(0, INT64_MAX, 1, &s, &e), 0);
	ck_assert(s == (uint64_t)INT64_MAX && e == (uint64_t)INT64_MAX + 1);
}
END_TEST

START_TEST(test_conflicts)
{
	struct rfsd_lock c, q;

	ck_assert_int_eq(set(10, WR, 0, 10), 0);
	ck_assert_int_eq(set(20, WR, 5, 6), -EAGAIN);
	ck_assert_int_eq(set(20, RD, 9, 10), -EAGAIN);
	ck_assert_int_eq(set(20, WR, 10, 20), 0);	/* touching is not overlapping */
	ck_assert_int_eq(set(10, RD, 0, 10), 0);	/* converts */
	ck_assert_int_eq(set(20, RD, 0, 5), 0);		/* readers share */
	ck_assert_int_eq(set(30, WR, 4, 5), -EAGAIN);
	/* F_GETLK: the lowest conflicting lock of another owner. */
	q = L(1, 30, WR, 0, EOF_);
	ck_assert_int_eq(rfsd_lock_test(t, &q, &c), 1);
	ck_assert(c.start == 0 && c.pid != 30);
	q = L(1, 30, RD, 6, 12);
	ck_assert_int_eq(rfsd_lock_test(t, &q, &c), 1);
	ck_assert(c.pid == 20 && c.type == WR && c.start == 10 && c.end == 20);
	q = L(1, 10, RD, 0, 10);		/* own locks never conflict */
	ck_assert_int_eq(rfsd_lock_test(t, &q, &c), 0);
	q = L(2, 30, WR, 0, EOF_);		/* another node */
	ck_assert_int_eq(rfsd_lock_test(t, &q, &c), 0);
}
END_TEST

START_TEST(test_merge_split)
{
	ck_assert_int_eq(set(1, WR, 0, 10), 0);
	ck_assert_int_eq(set(1, WR, 10, 20), 0);
	ck_assert_str_eq(held(1), "w:0-20 ");		/* touching merge */
	ck_assert_int_eq(set(1, UN, 5, 8), 0);
	ck_assert_str_eq(held(1), "w:0-5 w:8-20 ");	/* split */
	ck_assert_int_eq(set(1, RD, 3, 10), 0);
	ck_assert_str_eq(held(1), "w:0-3 r:3-10 w:10-20 ");
	ck_assert_int_eq(set(1, WR, 2, 12), 0);
	ck_assert_str_eq(held(1), "w:0-20 ");		/* all merge back */
	ck_assert_int_eq(set(1, RD, 30, 0 + EOF_), 0);
	ck_assert_int_eq(set(1, UN, 40, 50), 0);
	ck_assert_str_eq(held(1), "w:0-20 r:30-40 r:50- ");
	ck_assert_int_eq(set(1, UN, 0, EOF_), 0);
	ck_assert_str_eq(held(1), "");
	ck_assert_uint_eq(t->nlk, 0);
}
END_TEST

static uint64_t granted[RFSD_LOCK_WAITERS];
static int results[RFSD_LOCK_WAITERS];
static unsigned ngranted;

static void
grant(void *arg, uint64_t id, int result)
{
	(void)arg;
	ck_assert_uint_lt(ngranted, RFSD_LOCK_WAITERS);
	granted[ngranted] = id;
	results[ngranted++] = result;
}

START_TEST(test_waiters)
{
	struct rfsd_lock a = L(1, 20, WR, 0, 5), b = L(1, 30, RD, 3, 4),
	    c = L(1, 40, WR, 100, 101);

	ngranted = 0;
	ck_assert_int_eq(set(10, WR, 0, 10), 0);
	ck_assert_int_eq(rfsd_lock_wait(t, &c, 7), 0);	/* free: at once */
	ck_assert_int_eq(rfsd_lock_wait(t, &a, 1), 1);
	ck_assert_int_eq(rfsd_lock_wait(t, &b, 2), 1);
	ck_assert_uint_eq(rfsd_lock_wake(t, grant, NULL), 0);
	/* Unlocking [0,3) lets nobody in: both still overlap [3,10). */
	ck_assert_int_eq(set(10, UN, 0, 3), 0);
	ck_assert_uint_eq(rfsd_lock_wake(t, grant, NULL), 0);
	/* The holder lets go: the oldest goes first and bars the next. */
	rfsd_lock_release(t, 1, 10);
	ck_assert_uint_eq(rfsd_lock_wake(t, grant, NULL), 1);
	ck_assert(granted[0] == 1 && results[0] == 0);
	ck_assert_str_eq(held(20), "w:0-5 ");
	ck_assert_int_eq(set(20, RD, 0, 5), 0);		/* a downgrade frees b */
	ck_assert_uint_eq(rfsd_lock_wake(t, grant, NULL), 1);
	ck_assert(granted[1] == 2 && results[1] == 0);
	ck_assert_str_eq(held(30), "r:3-4 ");
	ck_assert_uint_eq(t->nw, 0);
}
END_TEST

START_TEST(test_cancel_release)
{
	struct rfsd_lock a = L(1, 20, WR, 0, 1);

	ngranted = 0;
	ck_assert_int_eq(set(10, RD, 0, 10), 0);
	ck_assert_int_eq(rfsd_lock_wait(t, &a, 5), 1);
	ck_assert_int_eq(rfsd_lock_cancel(t, 5), 1);
	ck_assert_int_eq(rfsd_lock_cancel(t, 5), 0);
	rfsd_lock_release(t, 1, 10);
	ck_assert_uint_eq(rfsd_lock_wake(t, grant, NULL), 0);
	ck_assert_uint_eq(t->nlk, 0);
	/* Release is by owner and node; forget_node drops every owner. */
	ck_assert_int_eq(set(10, RD, 0, 10), 0);
	ck_assert_int_eq(set(11, RD, 0, 10), 0);
	a = L(2, 10, WR, 0, 1);
	ck_assert_int_eq(rfsd_lock_set(t, &a), 0);
	rfsd_lock_release(t, 1, 10);
	ck_assert_str_eq(held(10), "");
	ck_assert_str_eq(held(11), "r:0-10 ");
	ck_assert_uint_eq(t->nlk, 2);
	rfsd_lock_forget_node(t, 1);
	ck_assert_uint_eq(t->nlk, 1);
}
END_TEST

START_TEST(test_deadlock)
{
	struct rfsd_lock a = L(1, 10, WR, 20, 21), b = L(1, 20, WR, 0, 1);

	ck_assert_int_eq(set(10, WR, 0, 10), 0);
	ck_assert_int_eq(set(20, WR, 20, 30), 0);
	ck_assert_int_eq(rfsd_lock_wait(t, &a, 1), 1);	/* 10 waits for 20 */
	ck_assert_int_eq(rfsd_lock_wait(t, &b, 2), -EDEADLK);
	ck_assert_uint_eq(t->nw, 1);
}
END_TEST

START_TEST(test_caps)
{
	struct rfsd_lock w;
	unsigned i;

	/* Locks of one owner that never touch: one slot each. */
	for (i = 0; i < RFSD_LOCK_MAX; i++)
		ck_assert_int_eq(set(1, WR, 2 * i, 2 * i + 1), 0);
	ck_assert_int_eq(set(2, WR, 1000, 1001), -ENOLCK);
	/* A split needs a slot too; merging frees them. */
	ck_assert_int_eq(set(1, UN, 0, 1), 0);
	ck_assert_int_eq(set(1, WR, 2000, 2010), 0);
	ck_assert_int_eq(set(1, UN, 2004, 2005), -ENOLCK);
	ck_assert_uint_eq(t->nlk, RFSD_LOCK_MAX);
	ck_assert_int_eq(set(1, WR, 0, 600), 0);
	ck_assert_uint_eq(t->nlk, 2);
	for (i = 0; i < RFSD_LOCK_WAITERS; i++) {
		w = L(1, 100 + i, RD, 0, 1);
		ck_assert_int_eq(rfsd_lock_wait(t, &w, i + 1), 1);
	}
	w = L(1, 99, RD, 0, 1);
	ck_assert_int_eq(rfsd_lock_wait(t, &w, 999), -ENOLCK);
	/* The owner goes: every reader gets in at once. */
	ngranted = 0;
	rfsd_lock_release(t, 1, 1);
	ck_assert_uint_eq(rfsd_lock_wake(t, grant, NULL), RFSD_LOCK_WAITERS);
	ck_assert_uint_eq(t->nw, 0);
	ck_assert_uint_eq(t->nlk, RFSD_LOCK_WAITERS);
	ck_assert(granted[0] == 1 && granted[RFSD_LOCK_WAITERS - 1] == RFSD_LOCK_WAITERS);
	for (i = 0; i < RFSD_LOCK_WAITERS; i++)
		ck_assert_int_eq(results[i], 0);
}
END_TEST

Suite *
rfsd_lock_suite(void)
{
	Suite *s = suite_create("rfsd-lock");
	TCase *tc = tcase_create("lock");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_range);
	tcase_add_test(tc, test_conflicts);
	tcase_add_test(tc, test_merge_split);
	tcase_add_test(tc, test_waiters);
	tcase_add_test(tc, test_cancel_release);
	tcase_add_test(tc, test_deadlock);
	tcase_add_test(tc, test_caps);
	suite_add_tcase(s, tc);
	return s;
}
