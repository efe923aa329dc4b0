/*
 * redoxfs-libio: the library's side of the FUSE interoperability test.
 *   list IMAGE        prints the image's manifest listing (library reader)
 *   put IMAGE SRCDIR  copies a host directory tree into the image's root
 *                     with the library writer (modes, owners, times, hard
 *                     links, symlinks, holes), one operation per entry
 *                     batched into one transaction, then commits.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs/redoxfs/host/filedisk.h"
#include "fs/redoxfs/host/manifest.h"
#include "fs/redoxfs/lib/ops.h"

static struct rfs fs;
static struct { dev_t dev; ino_t ino; uint32_t id; } *links;
static size_t nlinks;

static int
copy_data(struct rfs_node *n, const char *path, off_t size)
{
	static uint8_t buf[1 << 20];
	int fd = open(path, O_RDONLY), err = 0;
	off_t at = 0;
	ssize_t k;

	if (fd < 0)
		return -errno;
	while (at < size && (k = pread(fd, buf, sizeof buf, at)) > 0) {
		if ((err = rfs_node_write(&fs, n, (uint64_t)at, buf,
		    (size_t)k)) != 0)
			break;
		at += k;
	}
	close(fd);
	/* A trailing hole: only the size moves. */
	if (err == 0 && (uint64_t)size > n->size)
		err = rfs_node_truncate(&fs, n, (uint64_t)size);
	return err;
}

static int
set_times(uint32_t id, const struct stat *st)
{
	struct rfs_node *n = malloc(sizeof *n);
	int err = n ? rfs_node_load(&fs, id, n) : -ENOMEM;

	if (err == 0) {
		n->mtime = (uint64_t)st->st_mtim.tv_sec;
		n->mtime_nsec = (uint32_t)st->st_mtim.tv_nsec;
		n->atime = (uint64_t)st->st_atim.tv_sec;
		n->atime_nsec = (uint32_t)st->st_atim.tv_nsec;
		err = rfs_node_store(&fs, n);
	}
	free(n);
	return err;
}

/* Copies the entries of host dir `src` into node `parent`. */
static int
put_dir(const char *src, uint32_t parent)
{
	DIR *d = opendir(src);
	struct dirent *e;
	struct rfs_node *n = malloc(sizeof *n);
	int err = 0;

	if (d == NULL || n == NULL) {
		free(n);
		if (d)
			closedir(d);
		return -ENOMEM;
	}
	while (err == 0 && (e = readdir(d)) != NULL) {
		char path[4096], target[4097];
		struct stat st;
		size_t i, len = strlen(e->d_name);

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(path, sizeof path, "%s/%s", src, e->d_name);
		if (lstat(path, &st) != 0)
			return -errno;
		for (i = 0; i < nlinks; i++)
			if (links[i].dev == st.st_dev && links[i].ino == st.st_ino)
				break;
		rfs_op_begin(&fs);
		if (i < nlinks) {
			err = rfs_op_end(&fs, rfs_link(&fs, parent, e->d_name,
			    len, links[i].id));
			continue;
		}
		err = rfs_create(&fs, parent, e->d_name, len,
		    (uint16_t)st.st_mode, st.st_uid, st.st_gid,
		    (uint64_t)st.st_ctim.tv_sec, (uint32_t)st.st_ctim.tv_nsec, n);
		if (err == 0 && S_ISREG(st.st_mode))
			err = copy_data(n, path, st.st_size);
		if (err == 0 && S_ISLNK(st.st_mode)) {
			ssize_t k = readlink(path, target, sizeof target - 1);
			err = k < 0 ? -errno :
			    rfs_node_write(&fs, n, 0, target, (size_t)k);
		}
		err = rfs_op_end(&fs, err);
		if (err == 0 && S_ISDIR(st.st_mode))
			err = put_dir(path, n->id);
		if (err == 0 && S_ISREG(st.st_mode) && st.st_nlink > 1) {
			void *v = realloc(links, (nlinks + 1) * sizeof *links);
			if (v == NULL)
				err = -ENOMEM;
			else {
				links = v;
				links[nlinks].dev = st.st_dev;
				links[nlinks].ino = st.st_ino;
				links[nlinks++].id = n->id;
			}
		}
		/* Times last: adding entries moves a directory's mtime. */
		if (err == 0) {
			rfs_op_begin(&fs);
			err = rfs_op_end(&fs, set_times(n->id, &st));
		}
		if (err)
			fprintf(stderr, "redoxfs-libio: %s: %s\n", path,
			    strerror(-err));
	}
	closedir(d);
	free(n);
	return err;
}

int
main(int argc, char **argv)
{
	struct rfs_disk disk;
	struct manifest m;
	int put = argc == 4 && !strcmp(argv[1], "put");
	int err;

	if (!put && !(argc == 3 && !strcmp(argv[1], "list"))) {
		fprintf(stderr, "usage: redoxfs-libio list IMAGE | "
		    "put IMAGE SRCDIR\n");
		return 2;
	}
	if ((err = rfs_filedisk_open(&disk, argv[2], put)) != 0 ||
	    (err = rfs_open(&fs, &disk)) != 0) {
		fprintf(stderr, "redoxfs-libio: %s: %s\n", argv[2],
		    strerror(-err));
		return 1;
	}
	if (put) {
		if ((err = rfs_write_open(&fs)) == 0 &&
		    (err = put_dir(argv[3], 1)) == 0)
			err = rfs_commit(&fs);
		rfs_write_close(&fs);
	} else {
		memset(&m, 0, sizeof m);
		if ((err = rfs_manifest(&fs, &m, (uint64_t)1 << 40)) == 0) {
			char *text = manifest_text(&m);
			if (text == NULL)
				err = -ENOMEM;
			else
				fputs(text, stdout);
			free(text);
		}
		manifest_free(&m);
	}
	rfs_close(&fs);
	rfs_filedisk_close(&disk);
	free(links);
	if (err)
		fprintf(stderr, "redoxfs-libio: %s: %s\n", argv[2],
		    fs.why ? fs.why : strerror(-err));
	return err != 0;
}
