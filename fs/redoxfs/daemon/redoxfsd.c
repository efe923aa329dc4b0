/*
 * redoxfsd [-r] DISK [SCHEME]: serves the RedoxFS on DISK (e.g. disk:0)
 * as the scheme SCHEME (default "file").  Started by init with `notify`:
 * it reports ready once the file system is mounted, and exits (status 1,
 * with a message) when there is no disk or no RedoxFS on it, so a boot
 * without a disk goes on.  SIGTERM (shutdown) commits and exits.
 * Commits follow policy.h (rfsd.h); the request loop also wakes for the
 * commit window through an event: queue and a time:4 timeout
 * (serve_fd_timed), so an idle daemon still commits in time.
 *
 * One request at a time: the library keeps per-fs scratch buffers, and
 * a file system daemon gains little from concurrency on one disk.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <redox.h>

#include "fs/redoxfs/lib/fddisk.h"
#include "fs/redoxfs/lib/wbdisk.h"
#include "fs/redoxfs/daemon/rfsd.h"
#include "fs/redoxfs/daemon/rfsd_file.h"
#include "fs/redoxfs/daemon/rfsd_flock.h"
#include "fs/redoxfs/daemon/rfsd_handle.h"
#include "fs/redoxfs/daemon/rfsd_meta.h"
#include "schemes/lib/serve.h"

static volatile sig_atomic_t stop;
/*
 * handle() has just read the clock and run the policy: the loop's idle
 * tick that follows at once (no request waiting) need not read it again
 * (a clock_gettime per request saved); one after a wakeup must.
 */
static int ticked;

static void
on_term(int sig)
{
	(void)sig;
	stop = 1;
}

static const rfsd_op ops[SCHEME_OP_MAX] = {
	[SCHEME_OPEN] = rfsd_open,
	[SCHEME_READ] = rfsd_read,
	[SCHEME_WRITE] = rfsd_write,
	[SCHEME_SEEK] = rfsd_seek,
	[SCHEME_CLOSE] = rfsd_close,
	[SCHEME_DUP] = rfsd_dup,
	[SCHEME_FSTAT] = rfsd_fstat,
	[SCHEME_FSTATVFS] = rfsd_fstatvfs,
	[SCHEME_FSYNC] = rfsd_fsync,
	[SCHEME_FTRUNCATE] = rfsd_ftruncate,
	[SCHEME_FPATH] = rfsd_fpath,
	[SCHEME_FCHMOD] = rfsd_fchmod,
	[SCHEME_FCHOWN] = rfsd_fchown,
	[SCHEME_FRENAME] = rfsd_frename,
	[SCHEME_UNLINK] = rfsd_unlink,
	[SCHEME_RMDIR] = rfsd_rmdir,
	[SCHEME_FEVENT] = rfsd_fevent,
	[SCHEME_GETDENTS] = rfsd_getdents,
	[SCHEME_MKDIR] = rfsd_mkdir,
	[SCHEME_FUTIMENS] = rfsd_futimens,
	[SCHEME_CANCEL] = rfsd_flock_cancel,
	[SCHEME_LOCK] = rfsd_flock,
};

/* Opens and mounts the disk; returns 0 or prints why not. */
static int
mount_disk(void)
{
	struct stat st;
	off_t size;
	int err;

	rfsd.diskfd = open(rfsd.disk_name, rfsd.readonly ? O_RDONLY : O_RDWR);
	if (rfsd.diskfd < 0) {
		fprintf(stderr, "redoxfsd: %s: %s\n", rfsd.disk_name,
		    strerror(errno));
		return -1;
	}
	/* A disk's fstat gives its size; lseek does too for plain files. */
	size = fstat(rfsd.diskfd, &st) == 0 && st.st_size > 0 ? st.st_size :
	    lseek(rfsd.diskfd, 0, SEEK_END);
	if (size <= 0) {
		fprintf(stderr, "redoxfsd: %s: empty or unsized\n",
		    rfsd.disk_name);
		return -1;
	}
	/* Batches reach the disk once, at their commit (wbdisk.h). */
	err = rfs_fddisk_open(&rfsd.raw, rfsd.diskfd, (uint64_t)size);
	if (err == 0 && (err = rfs_wbdisk_open(&rfsd.disk, &rfsd.raw,
	    RFSD_WB_BLOCKS)) != 0)
		rfs_fddisk_close(&rfsd.raw);
	if (err == 0)
		err = rfs_open(&rfsd.fs, &rfsd.disk);
	/* Its page faults now, not in the first changes (fs.h); a cache
	 * that cannot be had is only slower. */
	if (err == 0)
		(void)rfs_mcache_warm(&rfsd.fs);
	if (err != 0) {
		fprintf(stderr, "redoxfsd: %s: %s\n", rfsd.disk_name,
		    err == -ENOENT ? "no RedoxFS (version 8) on it" :
		    rfsd.fs.why ? rfsd.fs.why : strerror(-err));
		return -1;
	}
	if (!rfsd.readonly) {
		if ((err = rfs_write_open(&rfsd.fs)) != 0) {
			fprintf(stderr, "redoxfsd: %s: cannot write: %s\n",
			    rfsd.disk_name, rfsd.fs.why ? rfsd.fs.why :
			    strerror(-err));
			return -1;
		}
		rfsd.fs.busy = rfsd_handle_busy;
		/* Files unlinked while open when it last ran go now. */
		if ((err = rfs_release_all(&rfsd.fs)) != 0 ||
		    (err = rfs_commit(&rfsd.fs)) != 0) {
			fprintf(stderr, "redoxfsd: %s: release list: %s\n",
			    rfsd.disk_name, strerror(-err));
			return -1;
		}
	}
	return 0;
}

static void
unmount_disk(void)
{
	if (rfsd.fs.wr) {
		if (rfsd_sync() != 0)
			fprintf(stderr, "redoxfsd: final commit failed\n");
		rfs_write_close(&rfsd.fs);
	}
	rfs_close(&rfsd.fs);
	if (rfs_wbdisk_close(&rfsd.disk) != 0)
		fprintf(stderr, "redoxfsd: writing the last blocks failed\n");
	rfs_fddisk_close(&rfsd.raw);
	close(rfsd.diskfd);
	rfsd_handle_free_all();
}

/*
 * One request: the op's handler, then the commit policy's turn: a write
 * counts its bytes, and one through an O_SYNC/O_DSYNC description
 * (libc's O_SYNC and O_DSYNC are both O_FSYNC, which the kernel sends
 * with each write, fcntl's changes included) commits before it answers.
 */
static int64_t
handle(void *ctx, const struct scheme_request *rq, const void *in, void *out,
    size_t cap, uint32_t *out_len)
{
	int64_t r;
	int err;

	(void)ctx;
	rfsd_request();
	rfsd_begin();	/* before any node is loaded (rfsd.h) */
	if (rq->op < SCHEME_OP_MAX && ops[rq->op])
		r = ops[rq->op](rq, in, out, cap, out_len);
	else
		r = scheme_op_missing(rq->op);	/* core/PROTOCOL.md */
	if (rq->op == SCHEME_WRITE && r > 0) {
		rfsd_wrote((uint64_t)r);
		if ((rq->flags & O_FSYNC) && (err = rfsd_sync()) != 0)
			r = err;
	}
	rfsd_tick();
	ticked = 1;
	return r;
}

/* The loop's timer: commits a due batch while no request comes. */
static int64_t
tick(void *ctx)
{
	(void)ctx;
	if (!ticked)
		rfsd_request();
	ticked = 0;
	return rfsd_tick();
}

static void
usage(FILE *f)
{
	fprintf(f, "usage: redoxfsd [-r] DISK [SCHEME]\n"
	    "Serve the RedoxFS on DISK (e.g. disk:0) as SCHEME (default file).\n"
	    "  -r  read-only\n");
}

int
main(int argc, char **argv)
{
	struct sigaction sa;
	int i = 1, fd, ret;

	if (argc > 1 && (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))) {
		usage(stdout);
		return 0;
	}
	if (i < argc && !strcmp(argv[i], "-r")) {
		rfsd.readonly = 1;
		i++;
	}
	if (i >= argc || argc - i > 2) {
		usage(stderr);
		return 2;
	}
	rfsd.disk_name = argv[i];
	rfsd.scheme = i + 1 < argc ? argv[i + 1] : "file";
	if (strlen(rfsd.scheme) > 32 || strchr(rfsd.scheme, ':') ||
	    strchr(rfsd.scheme, '/')) {
		fprintf(stderr, "redoxfsd: bad scheme name '%s'\n", rfsd.scheme);
		return 2;
	}
	if (mount_disk() != 0)
		return 1;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_term;
	sigaction(SIGTERM, &sa, NULL);
	if ((fd = serve_register(rfsd.scheme)) < 0) {
		unmount_disk();
		return 1;
	}
	rfsd.schemefd = fd;
	fprintf(stderr, "redoxfsd: %s: %llu MiB, %s, serving %s:\n",
	    rfsd.disk_name, (unsigned long long)(rfsd.fs.blocks / 256),
	    rfsd.readonly ? "read-only" : "read-write", rfsd.scheme);
	daemon_ready();
	ret = serve_fd_timed(fd, "redoxfsd", handle, tick, NULL, &stop) != 0;
	unmount_disk();
	close(fd);
	return ret;
}
