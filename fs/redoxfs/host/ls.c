/*
 * redoxfs-ls IMAGE: lists a RedoxFS image in the manifest format
 * (`PATH TYPE MODE UID GID SIZE MTIME CONTENT`, CONTENT the sha256 of a
 * file or "->target" of a link), so tests can compare what the OS wrote
 * with what they expect.  Read-only.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/redoxfs/host/filedisk.h"
#include "fs/redoxfs/host/manifest.h"

int
main(int argc, char **argv)
{
	struct rfs_disk disk;
	struct rfs fs;
	struct manifest m;
	char *text;
	int err;

	if (argc != 2) {
		fprintf(stderr, "usage: redoxfs-ls IMAGE\n");
		return 2;
	}
	if ((err = rfs_filedisk_open(&disk, argv[1], 0)) != 0 ||
	    (err = rfs_open(&fs, &disk)) != 0) {
		fprintf(stderr, "redoxfs-ls: %s: %s\n", argv[1], strerror(-err));
		return 1;
	}
	memset(&m, 0, sizeof m);
	/* 1 GiB: a corrupt size must not make us hash for hours. */
	if ((err = rfs_manifest(&fs, &m, 1ull << 30)) != 0 ||
	    (text = manifest_text(&m)) == NULL) {
		fprintf(stderr, "redoxfs-ls: %s: %s\n", argv[1],
		    fs.why ? fs.why : strerror(err ? -err : ENOMEM));
		return 1;
	}
	fputs(text, stdout);
	free(text);
	manifest_free(&m);
	rfs_close(&fs);
	rfs_filedisk_close(&disk);
	return 0;
}
