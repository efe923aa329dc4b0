/* redoxfsd's commit policy (see rfsd.h). */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "fs/redoxfs/rfsd.h"

struct rfsd rfsd;

void
rfsd_now(uint64_t *sec, uint32_t *nsec)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	*sec = (uint64_t)ts.tv_sec;
	*nsec = (uint32_t)ts.tv_nsec;
}

static uint64_t
mono_secs(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec;
}

static int
commit(void)
{
	int err;

	if (rfsd.fs.wr == NULL || !rfsd.fs.wr->dirty) {
		rfsd.pending = 0;
		return 0;
	}
	if ((err = rfs_commit(&rfsd.fs)) != 0) {
		/*
		 * The old header still stands; what the batch held is gone.
		 * Dropping it keeps the in-memory state equal to the disk's.
		 */
		fprintf(stderr, "redoxfsd: commit failed (%s): dropping %u "
		    "changes\n", strerror(-err), rfsd.pending);
		rfs_abort(&rfsd.fs);
		rfsd.aborts++;
		rfsd.lost += rfsd.pending;
	} else {
		rfsd.commits++;
	}
	rfsd.pending = 0;
	return err;
}

void
rfsd_begin(void)
{
	if (rfsd.fs.wr && rfsd.fs.wr->dirty && rfs_wr_free_count(&rfsd.fs) < RFSD_LOW_SPACE)
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
		if (rfsd.pending++ == 0)
			rfsd.pending_since = mono_secs();
		if (rfsd.pending >= RFSD_BATCH_OPS ||
		    mono_secs() - rfsd.pending_since >= RFSD_BATCH_SECS)
			commit();
		return 0;
	}
	if (clean_error(err) || !rfsd.fs.wr->dirty)
		return err;
	/*
	 * Half a change may be in the transaction.  rfsd_begin committed
	 * the batch first when space was short, so usually only this
	 * change goes; otherwise the batch goes with it (logged).
	 */
	if (rfsd.pending)
		fprintf(stderr, "redoxfsd: %s: dropping %u uncommitted "
		    "changes\n", strerror(-err), rfsd.pending);
	rfs_abort(&rfsd.fs);
	rfsd.aborts++;
	rfsd.lost += rfsd.pending;
	rfsd.pending = 0;
	return err;
}

void
rfsd_tick(void)
{
	if (rfsd.pending && mono_secs() - rfsd.pending_since >= RFSD_BATCH_SECS)
		commit();
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
