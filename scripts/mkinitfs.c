/*
 * mkinitfs - packs a directory into an initfs image (core/initfs.h).
 *   mkinitfs DIR OUT
 * Every file and directory under DIR becomes an entry (sorted by path,
 * owned by root, permissions as on the host); file data is page-aligned.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/initfs.h"

struct item {
	char path[INITFS_PATH_MAX];
	char host[4096];
	mode_t mode;
	off_t size;
};

static struct item *items;
static size_t nitems, capitems;

static int
add(const char *rel, const char *host, const struct stat *st)
{
	if (strlen(rel) >= INITFS_PATH_MAX) {
		fprintf(stderr, "mkinitfs: path too long: %s\n", rel);
		return -1;
	}
	if (nitems == INITFS_MAX_ENTRIES) {
		fprintf(stderr, "mkinitfs: more than %d entries\n", INITFS_MAX_ENTRIES);
		return -1;
	}
	if (nitems == capitems) {
		capitems = capitems ? capitems * 2 : 64;
		items = realloc(items, capitems * sizeof *items);
		if (!items) {
			perror("mkinitfs");
			return -1;
		}
	}
	struct item *it = &items[nitems++];
	snprintf(it->path, sizeof it->path, "%s", rel);
	snprintf(it->host, sizeof it->host, "%s", host);
	it->mode = st->st_mode;
	it->size = S_ISREG(st->st_mode) ? st->st_size : 0;
	return 0;
}

static int
walk(const char *host, const char *rel)
{
	DIR *d = opendir(host);
	if (!d) {
		fprintf(stderr, "mkinitfs: %s: %s\n", host, strerror(errno));
		return -1;
	}
	struct dirent *de;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		char h[4096], r[4096];
		struct stat st;
		snprintf(h, sizeof h, "%s/%s", host, de->d_name);
		snprintf(r, sizeof r, "%s%s%s", rel, *rel ? "/" : "", de->d_name);
		if (stat(h, &st) != 0) {
			fprintf(stderr, "mkinitfs: %s: %s\n", h, strerror(errno));
			closedir(d);
			return -1;
		}
		if (!S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode))
			continue;
		if (add(r, h, &st) != 0 || (S_ISDIR(st.st_mode) && walk(h, r) != 0)) {
			closedir(d);
			return -1;
		}
	}
	closedir(d);
	return 0;
}

static int
cmp(const void *a, const void *b)
{
	return strcmp(((const struct item *)a)->path, ((const struct item *)b)->path);
}

int
main(int argc, char **argv)
{
	if (argc != 3 || !strcmp(argv[1], "--help")) {
		fprintf(argc == 2 ? stdout : stderr, "usage: mkinitfs DIR OUT\n"
		    "Packs DIR into an initfs image for the core's initfs: scheme.\n");
		return argc == 2 ? 0 : 2;
	}
	if (walk(argv[1], "") != 0)
		return 1;
	qsort(items, nitems, sizeof *items, cmp);

	uint64_t off = sizeof(struct initfs_header) + nitems * sizeof(struct initfs_entry);
	struct initfs_entry *ents = calloc(nitems ? nitems : 1, sizeof *ents);
	if (!ents) {
		perror("mkinitfs");
		return 1;
	}
	for (size_t i = 0; i < nitems; i++) {
		off = (off + 4095) & ~4095ull;
		ents[i].offset = off;
		ents[i].length = (uint64_t)items[i].size;
		ents[i].mode = (S_ISDIR(items[i].mode) ? INITFS_DIR : INITFS_FILE) | (items[i].mode & 07777);
		ents[i].path_len = (uint16_t)strlen(items[i].path);
		memcpy(ents[i].path, items[i].path, ents[i].path_len);
		off += (uint64_t)items[i].size;
	}
	struct initfs_header h = { .magic = INITFS_MAGIC, .count = (uint32_t)nitems, .size = off };
	FILE *out = fopen(argv[2], "wb");
	if (!out) {
		fprintf(stderr, "mkinitfs: %s: %s\n", argv[2], strerror(errno));
		return 1;
	}
	fwrite(&h, sizeof h, 1, out);
	fwrite(ents, sizeof *ents, nitems, out);
	for (size_t i = 0; i < nitems; i++) {
		if (fseek(out, (long)ents[i].offset, SEEK_SET) != 0)
			goto fail;
		if (!ents[i].length)
			continue;
		FILE *in = fopen(items[i].host, "rb");
		if (!in) {
			fprintf(stderr, "mkinitfs: %s: %s\n", items[i].host, strerror(errno));
			goto fail;
		}
		char buf[65536];
		size_t n;
		while ((n = fread(buf, 1, sizeof buf, in)) > 0)
			if (fwrite(buf, 1, n, out) != n)
				break;
		fclose(in);
	}
	/* Pad to the recorded size (a last empty file may sit past the data). */
	if (fseek(out, 0, SEEK_END) != 0 || ftell(out) < (long)off) {
		if (fseek(out, (long)off - 1, SEEK_SET) != 0 || fputc(0, out) == EOF)
			goto fail;
	}
	free(ents);
	free(items);
	if (fclose(out) != 0) {
		perror("mkinitfs");
		return 1;
	}
	return 0;
fail:
	fprintf(stderr, "mkinitfs: writing %s failed\n", argv[2]);
	fclose(out);
	return 1;
}
