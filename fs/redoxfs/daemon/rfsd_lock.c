/* rfsd_lock.c - POSIX record locks by node and owner (rfsd_lock.h). */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "fs/redoxfs/daemon/rfsd_lock.h"

void
rfsd_lock_init(struct rfsd_locks *t)
{
	unsigned i;

	memset(t, 0, sizeof *t);
	for (i = 0; i < RFSD_LOCK_MAX; i++)
		t->lk[i].type = -1;
}

int
rfsd_lock_range(int64_t base, int64_t l_start, int64_t l_len,
    uint64_t *start, uint64_t *end)
{
	int64_t st;

	if (base < 0)
		return -EINVAL;
	if (l_start > 0 && base > INT64_MAX - l_start)
		return -EOVERFLOW;
	st = base + l_start;
	if (st < 0)
		return -EINVAL;
	if (l_len == 0) {
		*start = (uint64_t)st;
		*end = RFSD_LOCK_EOF;
	} else if (l_len > 0) {
		/* The last byte, st + l_len - 1, must be an off_t. */
		if (l_len - 1 > INT64_MAX - st)
			return -EOVERFLOW;
		*start = (uint64_t)st;
		*end = (uint64_t)st + (uint64_t)l_len;
	} else {
		/* The -l_len bytes before st (POSIX). */
		if (l_len == INT64_MIN || st + l_len < 0)
			return -EINVAL;
		*start = (uint64_t)(st + l_len);
		*end = (uint64_t)st;
	}
	return 0;
}

static int
overlap(const struct rfsd_lock *a, uint64_t start, uint64_t end)
{
	return a->start < end && start < a->end;
}

static int
own(const struct rfsd_lock *l, const struct rfsd_lock *want)
{
	return l->type >= 0 && l->node == want->node && l->pid == want->pid;
}

/* Another owner's lock l that bars `want`: one of the two writes. */
static int
conflicts(const struct rfsd_lock *l, const struct rfsd_lock *want)
{
	return l->type >= 0 && l->node == want->node && l->pid != want->pid &&
	    overlap(l, want->start, want->end) &&
	    (l->type == RFSD_LOCK_WR || want->type == RFSD_LOCK_WR);
}

int
rfsd_lock_test(const struct rfsd_locks *t, const struct rfsd_lock *want,
    struct rfsd_lock *out)
{
	const struct rfsd_lock *best = NULL;
	unsigned i;

	for (i = 0; i < RFSD_LOCK_MAX; i++)
		if (conflicts(&t->lk[i], want) &&
		    (best == NULL || t->lk[i].start < best->start))
			best = &t->lk[i];
	if (best == NULL)
		return 0;
	*out = *best;
	return 1;
}

static void
put(struct rfsd_locks *t, const struct rfsd_lock *l)
{
	unsigned i;

	for (i = 0; i < RFSD_LOCK_MAX; i++)
		if (t->lk[i].type < 0) {
			t->lk[i] = *l;
			t->nlk++;
			return;
		}
}

static void
drop(struct rfsd_locks *t, struct rfsd_lock *l)
{
	l->type = -1;
	t->nlk--;
}

/*
 * Makes the owner's locks on want's range what want says, with no check
 * against other owners.  The owner's locks never overlap one another, so
 * at most one of them strictly contains the range (and splits in two),
 * and none then touches it: the room needed is known before anything
 * changes, and a change either happens whole or not at all.
 */
static int
apply(struct rfsd_locks *t, const struct rfsd_lock *want)
{
	uint64_t s = want->start, e = want->end;
	struct rfsd_lock nl = *want, right;
	int split = 0, merge;
	unsigned i, need = want->type != RFSD_LOCK_UN, gain = 0;

	for (i = 0; i < RFSD_LOCK_MAX; i++) {
		struct rfsd_lock *l = &t->lk[i];
		if (!own(l, want))
			continue;
		/* Same type, overlapping or touching: merged into the new one. */
		if (l->type == want->type && l->start <= e && s <= l->end)
			gain++;
		else if (overlap(l, s, e) && l->start < s && l->end > e)
			need++;
		else if (overlap(l, s, e) && l->start >= s && l->end <= e)
			gain++;
	}
	if (t->nlk + need > RFSD_LOCK_MAX + gain)
		return -ENOLCK;
	for (i = 0; i < RFSD_LOCK_MAX; i++) {
		struct rfsd_lock *l = &t->lk[i];
		if (!own(l, want))
			continue;
		merge = l->type == want->type && l->start <= e && s <= l->end;
		if (merge) {
			if (l->start < nl.start)
				nl.start = l->start;
			if (l->end > nl.end)
				nl.end = l->end;
			drop(t, l);
		} else if (!overlap(l, s, e)) {
			continue;
		} else if (l->start < s && l->end > e) {
			right = *l;
			right.start = e;
			l->end = s;
			split = 1;
		} else if (l->start >= s && l->end <= e) {
			drop(t, l);
		} else if (l->start < s) {
			l->end = s;
		} else {
			l->start = e;
		}
	}
	if (split)
		put(t, &right);
	if (want->type != RFSD_LOCK_UN)
		put(t, &nl);
	return 0;
}

static int
blocked(const struct rfsd_locks *t, const struct rfsd_lock *want)
{
	struct rfsd_lock c;

	return want->type != RFSD_LOCK_UN && rfsd_lock_test(t, want, &c);
}

int
rfsd_lock_set(struct rfsd_locks *t, const struct rfsd_lock *want)
{
	if (blocked(t, want))
		return -EAGAIN;
	return apply(t, want);
}

/*
 * A cycle of two: some holder that bars `want` is itself waiting for a
 * range a lock of want's owner bars.  (Longer cycles are not looked for;
 * POSIX makes the check optional.)
 */
static int
deadlock(const struct rfsd_locks *t, const struct rfsd_lock *want)
{
	unsigned i, j, k;

	for (i = 0; i < RFSD_LOCK_MAX; i++) {
		if (!conflicts(&t->lk[i], want))
			continue;
		for (j = 0; j < t->nw; j++) {
			const struct rfsd_lock *w = &t->w[j].want;
			if (w->pid != t->lk[i].pid)
				continue;
			for (k = 0; k < RFSD_LOCK_MAX; k++)
				if (t->lk[k].type >= 0 &&
				    t->lk[k].pid == want->pid &&
				    conflicts(&t->lk[k], w))
					return 1;
		}
	}
	return 0;
}

int
rfsd_lock_wait(struct rfsd_locks *t, const struct rfsd_lock *want,
    uint64_t id)
{
	if (!blocked(t, want))
		return apply(t, want);
	if (deadlock(t, want))
		return -EDEADLK;
	if (t->nw == RFSD_LOCK_WAITERS)
		return -ENOLCK;
	t->w[t->nw].id = id;
	t->w[t->nw].want = *want;
	t->nw++;
	return 1;
}

static void
unqueue(struct rfsd_locks *t, unsigned i)
{
	memmove(&t->w[i], &t->w[i + 1], (t->nw - i - 1) * sizeof t->w[0]);
	t->nw--;
}

int
rfsd_lock_cancel(struct rfsd_locks *t, uint64_t id)
{
	unsigned i;

	for (i = 0; i < t->nw; i++)
		if (t->w[i].id == id) {
			unqueue(t, i);
			return 1;
		}
	return 0;
}

void
rfsd_lock_release(struct rfsd_locks *t, uint32_t node, uint64_t pid)
{
	unsigned i;

	for (i = 0; i < RFSD_LOCK_MAX; i++)
		if (t->lk[i].type >= 0 && t->lk[i].node == node &&
		    t->lk[i].pid == pid)
			drop(t, &t->lk[i]);
}

void
rfsd_lock_forget_node(struct rfsd_locks *t, uint32_t node)
{
	unsigned i;

	for (i = 0; i < RFSD_LOCK_MAX; i++)
		if (t->lk[i].type >= 0 && t->lk[i].node == node)
			drop(t, &t->lk[i]);
}

unsigned
rfsd_lock_wake(struct rfsd_locks *t,
    void (*grant)(void *arg, uint64_t id, int result), void *arg)
{
	unsigned i = 0, n = 0;

	/* A grant can free bytes too (a waiter converting its own write
	 * lock), so each one starts the scan again from the oldest. */
	while (i < t->nw) {
		struct rfsd_lock_waiter w = t->w[i];
		if (blocked(t, &w.want)) {
			i++;
			continue;
		}
		unqueue(t, i);
		grant(arg, w.id, apply(t, &w.want));
		n++;
		i = 0;
	}
	return n;
}
