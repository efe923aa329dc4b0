/* redoxfsd's commit policy (see rfsd.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "fs/redoxfs/daemon/rfsd.h"

struct rfsd rfsd;

void
rfsd_now(uint64_t *sec, uint32_t *nsec)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	*sec = (uint64_t)ts.tv_sec;
	*nsec = (uint32_t)ts.tv_nsec;
}

/* The policy's clock, read once per request (rfsd_request). */
static uint64_t req_ms;
static int req_ms_read;

static uint64_t
mono_ms(void)
{
	struct timespec ts;

	if (req_ms_read)
		return req_ms;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	req_ms = (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
	req_ms_read = 1;
	return req_ms;
}

void
rfsd_request(void)
{
	req_ms_read = 0;
}

static int
commit(void)
{
	int err;

	if (rfsd.fs.wr == NULL || !rfsd.fs.wr->dirty) {
		rfs_policy_committed(&rfsd.pol);
		return 0;
	}
	if ((err = rfs_commit(&rfsd.fs)) != 0) {
		/*
		 * The old header still stands; what the batch held is gone.
		 * Dropping it keeps the in-memory state equal to the disk's.
		 */
		fprintf(stderr, "redoxfsd: commit failed (%s): dropping %u "
		    "changes\n", strerror(-err), rfsd.pol.ops);
		rfs_abort(&rfsd.fs);
		rfsd.aborts++;
		rfsd.lost += rfsd.pol.ops;
	} else {
		rfsd.commits++;
	}
	rfs_policy_committed(&rfsd.pol);
	return err;
}

void
rfsd_begin(void)
{
	/* Freed blocks come back at a commit; so does rollback alone. */
	if (rfsd.fs.wr && rfsd.fs.wr->dirty &&
	    (rfsd.fs.wr->nfree < RFSD_LOW_SPACE ||
	    rfs_policy_space_due(&rfsd.fs, 0)))
		commit();
}

/*
 * Errors the library reports before it changes anything: the caller
 * asked for something impossible.  Others (ENOSPC, EIO, ENOMEM, ...) may
 * come half way through a change.
 */
static int
clean_error(int err)
{
	switch (-err) {
	case ENOENT: case EEXIST: case ENOTDIR: case EISDIR: case ENOTEMPTY:
	case EINVAL: case ENAMETOOLONG: case EPERM: case EACCES: case ELOOP:
	case EXDEV: case EBADF:
		return 1;
	}
	return 0;
}

int
rfsd_end(int err)
{
	if (rfsd.fs.wr == NULL)
		return err;
	if (err == 0) {
		if (!rfsd.fs.wr->dirty)
			return 0;
		rfs_policy_change(&rfsd.pol, 0, mono_ms());
		return 0;
	}
	if (clean_error(err) || !rfsd.fs.wr->dirty)
		return err;
	/*
	 * Half a change may be in the transaction.  rfsd_begin committed
	 * the batch first when space was short, so usually only this
	 * change goes; otherwise the batch goes with it (logged).
	 */
	if (rfsd.pol.ops)
		fprintf(stderr, "redoxfsd: %s: dropping %u uncommitted "
		    "changes\n", strerror(-err), rfsd.pol.ops);
	rfs_abort(&rfsd.fs);
	rfsd.aborts++;
	rfsd.lost += rfsd.pol.ops;
	rfs_policy_committed(&rfsd.pol);
	return err;
}

void
rfsd_wrote(uint64_t bytes)
{
	/* rfsd_end counted the change; add its bytes to the same batch. */
	if (rfsd.pol.ops)
		rfsd.pol.bytes += bytes;
}

int64_t
rfsd_tick(void)
{
	uint64_t now = mono_ms();

	if (rfs_policy_due(&rfsd.pol, now)) {
		commit();
		return -1;
	}
	return rfs_policy_wait_ms(&rfsd.pol, now);
}

int
rfsd_sync(void)
{
	int dirty = rfsd.fs.wr && rfsd.fs.wr->dirty;
	int err = commit();

	/* A commit flushes the disk itself; otherwise flush what others wrote. */
	if (err == 0 && !dirty && rfsd.disk.flush)
		err = rfsd.disk.flush(rfsd.disk.ctx);
	return err;
}
