/*
 * redoxfs-fsck IMAGE: checks a RedoxFS image and says what is wrong and
 * where.  Exit status as e2fsck's: 0 clean, 4 problems left, 8 could not
 * check, 16 usage.  It never writes to the image.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/host/check.h"
#include "fs/redoxfs/host/filedisk.h"

static const char usage[] =
    "usage: redoxfs-fsck [-q] IMAGE\n"
    "Check a RedoxFS (version 8) image: header ring, allocation log,\n"
    "node tree, nodes, records, directories.  Read-only.\n"
    "  -q      print problems and the summary only on errors\n"
    "Exit status: 0 clean (warnings allowed), 4 problems found,\n"
    "8 could not check (missing or foreign file), 16 usage error.\n";

struct out {
	const char *image;
	int quiet;
};

static void
report(void *arg, int sev, const char *msg)
{
	struct out *o = arg;

	if (sev == RFS_CHECK_INFO && o->quiet)
		return;
	printf("%s: %s%s\n", o->image, sev == RFS_CHECK_ERROR ? "error: " :
	    sev == RFS_CHECK_WARN ? "warning: " : "", msg);
}

/* Why no file system was found: foreign data, or another version. */
static void
explain(struct rfs_disk *d, const char *image)
{
	uint8_t raw[RFS_BLOCK_SIZE];

	for (uint64_t b = 0; b < d->size_blocks && b < RFS_PROBE_BLOCKS; b++) {
		if (d->read(d->ctx, b, raw, 1) != 0)
			break;
		if (memcmp(raw, RFS_SIGNATURE, 8) != 0)
			continue;
		unsigned long long v = 0;
		for (int i = 7; i >= 0; i--)
			v = v << 8 | raw[RFS_HDR_VERSION + i];
		if (v != RFS_VERSION) {
			fprintf(stderr, "redoxfs-fsck: %s: RedoxFS version %llu "
			    "at block %llu; only version 8 is supported\n",
			    image, v, (unsigned long long)b);
			return;
		}
	}
	fprintf(stderr, "redoxfs-fsck: %s: not a RedoxFS image (no valid "
	    "version 8 header in its first %u blocks)\n", image,
	    RFS_PROBE_BLOCKS);
}

int
main(int argc, char **argv)
{
	struct out o = { NULL, 0 };
	struct rfs_disk disk;
	struct rfs fs;
	struct rfs_check_stats st;
	int err;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			fputs(usage, stdout);
			return 0;
		} else if (!strcmp(argv[i], "-q")) {
			o.quiet = 1;
		} else if (argv[i][0] == '-' && argv[i][1]) {
			fprintf(stderr, "redoxfs-fsck: unknown option %s\n%s",
			    argv[i], usage);
			return 16;
		} else if (o.image == NULL) {
			o.image = argv[i];
		} else {
			fputs(usage, stderr);
			return 16;
		}
	}
	if (o.image == NULL) {
		fputs(usage, stderr);
		return 16;
	}
	if ((err = rfs_filedisk_open(&disk, o.image, 0)) != 0) {
		fprintf(stderr, "redoxfs-fsck: %s: %s\n", o.image,
		    err == -EINVAL ? "not a file or block device" :
		    strerror(-err));
		return 8;
	}
	if ((err = rfs_open(&fs, &disk)) != 0) {
		if (err == -ENOENT)
			explain(&disk, o.image);
		else
			fprintf(stderr, "redoxfs-fsck: %s: %s\n", o.image,
			    fs.why ? fs.why : strerror(-err));
		rfs_filedisk_close(&disk);
		return 8;
	}
	if (!o.quiet)
		printf("%s: RedoxFS v8, generation %llu, %llu blocks at disk "
		    "block %llu\n", o.image,
		    (unsigned long long)fs.hdr.generation,
		    (unsigned long long)fs.blocks, (unsigned long long)fs.block);
	if ((err = rfs_check(&fs, report, &o, &st)) != 0) {
		fprintf(stderr, "redoxfs-fsck: %s: %s\n", o.image,
		    strerror(-err));
		rfs_close(&fs);
		rfs_filedisk_close(&disk);
		return 8;
	}
	if (!o.quiet || st.errors)
		printf("%s: %s: %llu nodes (%llu dirs, %llu files, %llu "
		    "symlinks), %llu entries, %llu records (%llu compressed); "
		    "blocks: %llu used, %llu free, %llu leaked; %u errors, %u "
		    "warnings\n", o.image, st.errors ? "PROBLEMS" : "clean",
		    (unsigned long long)st.nodes, (unsigned long long)st.dirs,
		    (unsigned long long)st.files,
		    (unsigned long long)st.symlinks,
		    (unsigned long long)st.entries,
		    (unsigned long long)st.records,
		    (unsigned long long)st.compressed,
		    (unsigned long long)st.used_blocks,
		    (unsigned long long)st.free_blocks,
		    (unsigned long long)st.leaked_blocks, st.errors,
		    st.warnings);
	rfs_close(&fs);
	rfs_filedisk_close(&disk);
	return st.errors ? 4 : 0;
}
