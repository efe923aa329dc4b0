/*
 * rfsd_lock: POSIX record locks (fcntl F_GETLK/F_SETLK/F_SETLKW) of the
 * files redoxfsd serves, by node and owner process.  A pure table: no
 * I/O, no globals (the daemon keeps one `struct rfsd_locks`), so the
 * unit tests drive it directly.
 *
 * Semantics (POSIX): read locks are shared, a write lock excludes every
 * other owner's lock on the bytes it covers; an owner's own locks never
 * conflict with each other: a new lock replaces whatever the owner had
 * on its range (converting, splitting), and touching ranges of one type
 * merge.  Unlocking part of a range splits it.  Waiters (F_SETLKW) are
 * kept in arrival order and granted, in that order, as soon as nothing
 * conflicts.  Ranges are [start, end) with end RFSD_LOCK_EOF for "to the
 * end of the file, however far it grows".
 *
 * Bounded memory: at most RFSD_LOCK_MAX locks and RFSD_LOCK_WAITERS
 * waiters in all; past that, -ENOLCK.
 */
#ifndef REDOXFS_RFSD_LOCK_H
#define REDOXFS_RFSD_LOCK_H

#include <stdint.h>

#define RFSD_LOCK_MAX		256
#define RFSD_LOCK_WAITERS	64
#define RFSD_LOCK_EOF		UINT64_MAX

/* Lock types: fcntl's F_RDLCK, F_WRLCK, F_UNLCK values. */
#define RFSD_LOCK_RD	0
#define RFSD_LOCK_WR	1
#define RFSD_LOCK_UN	2

struct rfsd_lock {
	uint32_t node;
	int type;		/* RFSD_LOCK_RD or RFSD_LOCK_WR; -1: free slot */
	uint64_t pid;		/* the owner process */
	uint64_t start, end;	/* [start, end) */
};

struct rfsd_lock_waiter {
	uint64_t id;		/* the request to answer when granted */
	struct rfsd_lock want;
};

struct rfsd_locks {
	struct rfsd_lock lk[RFSD_LOCK_MAX];
	unsigned nlk;		/* slots in use */
	struct rfsd_lock_waiter w[RFSD_LOCK_WAITERS];	/* FIFO, packed */
	unsigned nw;
};

/* An empty table. */
void rfsd_lock_init(struct rfsd_locks *t);

/*
 * The range of a flock: l_start from base (0, the position or the size,
 * by l_whence) and l_len (0: to EOF, negative: the bytes before).
 * 0, or -EINVAL (before byte 0), -EOVERFLOW (past INT64_MAX).
 */
int rfsd_lock_range(int64_t base, int64_t l_start, int64_t l_len,
    uint64_t *start, uint64_t *end);

/*
 * F_GETLK: the first (lowest) lock of another owner that conflicts with
 * `want` (type RD or WR): 1 and *out set, or 0 when there is none.
 */
int rfsd_lock_test(const struct rfsd_locks *t, const struct rfsd_lock *want,
    struct rfsd_lock *out);

/*
 * F_SETLK: sets (RD/WR) or removes (UN) `want` for its owner.  0,
 * -EAGAIN on a conflict, -ENOLCK when the table has no room.  A change
 * that frees bytes may unblock waiters: call rfsd_lock_wake after.
 */
int rfsd_lock_set(struct rfsd_locks *t, const struct rfsd_lock *want);

/*
 * F_SETLKW: as rfsd_lock_set, but on a conflict the request `id` waits:
 * 1 (answer later, when rfsd_lock_wake grants it), -EDEADLK when the
 * holder waits for a lock of this owner (a cycle of two), -ENOLCK when
 * no waiter slot is free.
 */
int rfsd_lock_wait(struct rfsd_locks *t, const struct rfsd_lock *want,
    uint64_t id);

/* The caller of request id gave up: forgets its waiter; 1 if it had one. */
int rfsd_lock_cancel(struct rfsd_locks *t, uint64_t id);

/* Drops every lock of pid on node (a close by pid); its waiters stay. */
void rfsd_lock_release(struct rfsd_locks *t, uint32_t node, uint64_t pid);

/* Drops every lock on node (its last handle closed). */
void rfsd_lock_forget_node(struct rfsd_locks *t, uint32_t node);

/*
 * Grants the waiters nothing blocks any more, oldest first: for each,
 * grant(arg, id, result) with 0 (now held) or -ENOLCK.  Returns how many.
 */
unsigned rfsd_lock_wake(struct rfsd_locks *t,
    void (*grant)(void *arg, uint64_t id, int result), void *arg);

#endif
