/*
 * redoxfs-mkimage [-B BUILD] MANIFEST IMAGE SIZE: makes a RedoxFS image
 * of SIZE bytes (K/M/G suffixes) holding what MANIFEST lists.  One line
 * per entry, fields split by blanks, `#` comments:
 *
 *   dir     PATH MODE UID GID            a directory (`dir /` sets the root's)
 *   file    PATH MODE UID GID SOURCE     a copy of host file SOURCE
 *   tree    PATH MODE UID GID SOURCEDIR  every regular file in SOURCEDIR
 *   symlink PATH MODE UID GID TARGET     a symbolic link
 *
 * MODE is octal permission bits.  "${B}" in a SOURCE is replaced by the
 * build directory (-B, default "build"), so the manifest names built
 * programs.  Parents must come before their children.  Used by `make`
 * for build/harddrive.img.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fs/redoxfs/lib/dir.h"
#include "fs/redoxfs/host/filedisk.h"
#include "fs/redoxfs/lib/ops.h"

static struct rfs fs;
static const char *build = "build";
static uint64_t now_s;
static uint32_t now_ns;
static const char *manifest;
static int lineno;

static void
die(const char *what, int err)
{
	fprintf(stderr, "redoxfs-mkimage: %s:%d: %s: %s\n", manifest, lineno,
	    what, err ? strerror(-err) : "bad line");
	exit(1);
}

/* Finds the directory holding path's last name; *name points into path. */
static uint32_t
parent_of(const char *path, const char **name)
{
	struct rfs_node *d = malloc(sizeof *d);
	uint32_t id = 1;
	const char *p = path;
	int err;

	if (d == NULL)
		die(path, -ENOMEM);
	for (;;) {
		const char *e;
		while (*p == '/')
			p++;
		if ((e = strchr(p, '/')) == NULL)
			break;
		if ((err = rfs_node_load(&fs, id, d)) != 0 ||
		    (err = rfs_dir_lookup(&fs, d, p, (size_t)(e - p), &id)) != 0)
			die(path, err);
		p = e;
	}
	free(d);
	*name = p;
	return id;
}

/* Creates (or for directories, updates) path; fills *n. */
static void
make(const char *path, uint16_t mode, uint32_t uid, uint32_t gid,
    struct rfs_node *n)
{
	const char *name;
	uint32_t parent, id;
	int err;

	if (strcmp(path, "/") == 0) {
		id = 1;
	} else {
		parent = parent_of(path, &name);
		err = rfs_create(&fs, parent, name, strlen(name), mode, uid,
		    gid, now_s, now_ns, n);
		if (err == 0)
			return;
		if (err != -EEXIST || (mode & RFS_MODE_TYPE) != RFS_MODE_DIR)
			die(path, err);
		struct rfs_node *d = malloc(sizeof *d);
		if (d == NULL || (err = rfs_node_load(&fs, parent, d)) != 0 ||
		    (err = rfs_dir_lookup(&fs, d, name, strlen(name), &id)) != 0)
			die(path, err ? err : -ENOMEM);
		free(d);
	}
	/* An existing directory takes the listed owner and mode. */
	if ((err = rfs_node_load(&fs, id, n)) != 0)
		die(path, err);
	if (!rfs_node_is_dir(n))
		die(path, -ENOTDIR);
	n->mode = mode;
	n->uid = uid;
	n->gid = gid;
	if ((err = rfs_node_store(&fs, n)) != 0)
		die(path, err);
}

static void
copy_file(const char *path, uint16_t mode, uint32_t uid, uint32_t gid,
    const char *src)
{
	struct rfs_node *n = malloc(sizeof *n);
	static char buf[1 << 17];
	uint64_t off = 0;
	ssize_t k;
	int fd = open(src, O_RDONLY), err;

	if (fd < 0 || n == NULL) {
		fprintf(stderr, "redoxfs-mkimage: %s:%d: %s: %s\n", manifest,
		    lineno, src, strerror(errno));
		exit(1);
	}
	make(path, (uint16_t)(RFS_MODE_FILE | mode), uid, gid, n);
	while ((k = read(fd, buf, sizeof buf)) > 0) {
		if ((err = rfs_node_write(&fs, n, off, buf, (size_t)k)) != 0)
			die(path, err);
		off += (uint64_t)k;
	}
	if (k < 0)
		die(src, -errno);
	close(fd);
	free(n);
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Copies every regular file of host directory src into directory path. */
static void
copy_tree(const char *path, uint16_t mode, uint32_t uid, uint32_t gid,
    const char *src)
{
	DIR *d = opendir(src);
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;

	if (d == NULL) {
		fprintf(stderr, "redoxfs-mkimage: %s:%d: %s: %s\n", manifest,
		    lineno, src, strerror(errno));
		exit(1);
	}
	while ((e = readdir(d)) != NULL) {
		char **v;
		if (e->d_name[0] == '.')
			continue;
		if ((v = realloc(names, (n + 1) * sizeof *v)) == NULL ||
		    (v[n] = strdup(e->d_name)) == NULL)
			die(src, -ENOMEM);
		names = v;
		n++;
	}
	closedir(d);
	/* Sorted, so the image does not depend on readdir's order. */
	qsort(names, n, sizeof *names, cmp_names);
	for (size_t i = 0; i < n; i++) {
		char s[4096], p[4096];
		struct stat st;
		if (snprintf(s, sizeof s, "%s/%s", src, names[i]) >=
		    (int)sizeof s || snprintf(p, sizeof p, "%s/%s",
		    strcmp(path, "/") ? path : "", names[i]) >= (int)sizeof p)
			die(names[i], -ENAMETOOLONG);
		if (stat(s, &st) == 0 && S_ISREG(st.st_mode))
			copy_file(p, mode, uid, gid, s);
		free(names[i]);
	}
	free(names);
}

/* Replaces "${B}" with the build directory. */
static void
expand(const char *in, char *out, size_t cap)
{
	const char *b = strstr(in, "${B}");

	if (b == NULL)
		snprintf(out, cap, "%s", in);
	else
		snprintf(out, cap, "%.*s%s%s", (int)(b - in), in, build, b + 4);
}

static void
do_line(char *line)
{
	char *w[7], src[4096], *end;
	int n = 0;
	unsigned long mode, uid, gid;
	struct rfs_node *node;
	int err;

	for (char *t = strtok(line, " \t\r\n"); t && n < 7;
	    t = strtok(NULL, " \t\r\n"))
		w[n++] = t;
	if (n == 0 || w[0][0] == '#')
		return;
	if (n < 5 || w[1][0] != '/')
		die("fields", 0);
	mode = strtoul(w[2], &end, 8);
	if (*end || mode > 07777)
		die("mode", 0);
	uid = strtoul(w[3], &end, 10);
	if (*end)
		die("uid", 0);
	gid = strtoul(w[4], &end, 10);
	if (*end)
		die("gid", 0);
	if (n > 5)
		expand(w[5], src, sizeof src);
	if ((node = malloc(sizeof *node)) == NULL)
		die(w[1], -ENOMEM);
	if (!strcmp(w[0], "dir") && n == 5) {
		make(w[1], (uint16_t)(RFS_MODE_DIR | mode), (uint32_t)uid,
		    (uint32_t)gid, node);
	} else if (!strcmp(w[0], "file") && n == 6) {
		copy_file(w[1], (uint16_t)mode, (uint32_t)uid, (uint32_t)gid,
		    src);
	} else if (!strcmp(w[0], "tree") && n == 6) {
		copy_tree(w[1], (uint16_t)mode, (uint32_t)uid, (uint32_t)gid,
		    src);
	} else if (!strcmp(w[0], "symlink") && n == 6) {
		make(w[1], (uint16_t)(RFS_MODE_SYMLINK | mode), (uint32_t)uid,
		    (uint32_t)gid, node);
		if ((err = rfs_node_write(&fs, node, 0, w[5], strlen(w[5]))))
			die(w[1], err);
	} else {
		die(w[0], 0);
	}
	free(node);
}

static int
parse_size(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	int shift = 0;

	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	}
	if (end == s || *end || v == 0 || v > (UINT64_MAX >> shift))
		return -1;
	*out = (uint64_t)v << shift;
	return 0;
}

int
main(int argc, char **argv)
{
	struct rfs_disk disk;
	struct timespec ts;
	uint8_t uuid[16];
	uint64_t size;
	char line[8192];
	FILE *m;
	int i = 1, fd, err;

	if (argc > 2 && !strcmp(argv[1], "-B")) {
		build = argv[2];
		i = 3;
	}
	if (argc - i != 3 || parse_size(argv[i + 2], &size) != 0) {
		fprintf(stderr, "usage: redoxfs-mkimage [-B BUILD] MANIFEST "
		    "IMAGE SIZE\n");
		return 2;
	}
	manifest = argv[i];
	if ((m = fopen(manifest, "r")) == NULL) {
		perror(manifest);
		return 1;
	}
	/* A fresh sparse file: nothing of an old image survives. */
	unlink(argv[i + 1]);
	if ((fd = open(argv[i + 1], O_RDWR | O_CREAT | O_TRUNC, 0644)) < 0 ||
	    ftruncate(fd, (off_t)size) != 0) {
		perror(argv[i + 1]);
		return 1;
	}
	close(fd);
	if ((err = rfs_filedisk_open(&disk, argv[i + 1], 1)) != 0) {
		fprintf(stderr, "redoxfs-mkimage: %s: %s\n", argv[i + 1],
		    strerror(-err));
		return 1;
	}
	if ((fd = open("/dev/urandom", O_RDONLY)) < 0 ||
	    read(fd, uuid, sizeof uuid) != (ssize_t)sizeof uuid) {
		fprintf(stderr, "redoxfs-mkimage: cannot read /dev/urandom\n");
		return 1;
	}
	close(fd);
	uuid[6] = (uint8_t)((uuid[6] & 0x0F) | 0x40);
	uuid[8] = (uint8_t)((uuid[8] & 0x3F) | 0x80);
	clock_gettime(CLOCK_REALTIME, &ts);
	now_s = (uint64_t)ts.tv_sec;
	now_ns = (uint32_t)ts.tv_nsec;
	if ((err = rfs_format(&fs, &disk, 0, disk.size_blocks, uuid, now_s,
	    now_ns)) != 0) {
		fprintf(stderr, "redoxfs-mkimage: %s: %s\n", argv[i + 1],
		    strerror(-err));
		return 1;
	}
	while (fgets(line, sizeof line, m)) {
		lineno++;
		do_line(line);
	}
	fclose(m);
	if ((err = rfs_commit(&fs)) != 0) {
		fprintf(stderr, "redoxfs-mkimage: commit: %s\n", strerror(-err));
		return 1;
	}
	printf("redoxfs-mkimage: %s: %llu MiB, %llu blocks used\n", argv[i + 1],
	    (unsigned long long)(size >> 20),
	    (unsigned long long)(fs.blocks - rfs_wr_free_count(&fs)));
	rfs_write_close(&fs);
	rfs_close(&fs);
	rfs_filedisk_close(&disk);
	return 0;
}
