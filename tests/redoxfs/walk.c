/*
 * redoxfs-walk DIR: prints a manifest listing (the fixtures' format) of a
 * mounted tree, so a FUSE mount can be compared with the manifest.
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs/redoxfs/host/manifest.h"
#include "fs/redoxfs/lib/sha256.h"

static struct manifest m;
static size_t rootlen;

static int
hash_file(const char *path, char hex[65])
{
	static unsigned char buf[1 << 17];
	struct sha256 s;
	unsigned char d[32];
	int fd = open(path, O_RDONLY);
	ssize_t k;

	if (fd < 0)
		return -1;
	sha256_init(&s);
	while ((k = read(fd, buf, sizeof buf)) > 0)
		sha256_update(&s, buf, (size_t)k);
	close(fd);
	if (k < 0)
		return -1;
	sha256_final(&s, d);
	sha256_hex(d, hex);
	return 0;
}

static int
walk(char *path)
{
	struct stat st;
	const char *rel = path[rootlen] ? path + rootlen : "/";
	char content[3 * 4096 + 3];
	unsigned long long size;
	char type;

	if (lstat(path, &st) != 0) {
		perror(path);
		return -1;
	}
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *e;
		size_t n = 0, pl = strlen(path);
		int err = 0;

		if (d == NULL) {
			perror(path);
			return -1;
		}
		while ((e = readdir(d)) != NULL) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			n++;
			snprintf(path + pl, 4096, "/%s", e->d_name);
			err |= walk(path);
			path[pl] = 0;
		}
		closedir(d);
		if (err)
			return err;
		type = 'd';
		size = n;
		strcpy(content, "-");
	} else if (S_ISLNK(st.st_mode)) {
		char target[4097];
		ssize_t k = readlink(path, target, sizeof target - 1);
		if (k < 0) {
			perror(path);
			return -1;
		}
		type = 'l';
		size = (unsigned long long)st.st_size;
		strcpy(content, "->");
		manifest_escape(content + 2, target, (size_t)k);
	} else if (!S_ISREG(st.st_mode)) {
		/* FIFOs, devices, sockets: as redoxfs-ls lists them (opening
		 * a FIFO to hash it would wait for a writer). */
		type = S_ISFIFO(st.st_mode) ? 'p' : S_ISCHR(st.st_mode) ? 'c' :
		    S_ISBLK(st.st_mode) ? 'b' : 's';
		size = 0;
		snprintf(content, 32, "rdev=%llu", (unsigned long long)st.st_rdev);
	} else {
		type = 'f';
		size = (unsigned long long)st.st_size;
		if (hash_file(path, content) != 0) {
			perror(path);
			return -1;
		}
	}
	return manifest_add(&m, rel, strlen(rel), type, st.st_mode & 07777,
	    st.st_uid, st.st_gid, size, (uint64_t)st.st_mtim.tv_sec,
	    (uint32_t)st.st_mtim.tv_nsec, content) ? -1 : 0;
}

int
main(int argc, char **argv)
{
	static char path[65536];
	char *text;

	if (argc != 2 || !strcmp(argv[1], "--help")) {
		fprintf(stderr, "usage: redoxfs-walk DIR\n");
		return 2;
	}
	snprintf(path, 4096, "%s", argv[1]);
	rootlen = strlen(path);
	while (rootlen > 1 && path[rootlen - 1] == '/')
		path[--rootlen] = 0;
	if (walk(path) != 0)
		return 1;
	text = manifest_text(&m);
	fputs(text, stdout);
	free(text);
	manifest_free(&m);
	return 0;
}
