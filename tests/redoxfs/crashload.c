/*
 * redoxfs-crashload: the workload of the crash test (tests/redoxfs/crash.sh).
 *   run DIR LOG SEED   until killed: writes new files of random sizes in
 *                      random pieces, fsyncs each (or opens it O_DSYNC)
 *                      and then appends
 *                      "NAME SIZE HASH" to LOG (on the host); in between,
 *                      churn that is never fsync'd (overwrites, truncates,
 *                      renames, unlinks, directories).
 *   verify DIR LOG     every file LOG names is there with that size and
 *                      hash; every other file in DIR reads without error.
 * Exit 0 on success.  Same SEED, same sequence of operations.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static uint64_t rs;

static uint64_t
rnd(void)
{
	rs ^= rs << 13;
	rs ^= rs >> 7;
	rs ^= rs << 17;
	return rs;
}

static uint64_t
fnv(const uint8_t *p, size_t n, uint64_t h)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 0x100000001b3ull;
	return h;
}

/* Sizes: mostly small, some across inline data, records and indirects. */
static size_t
pick_size(void)
{
	switch (rnd() % 6) {
	case 0: return rnd() % 100;
	case 1: return 3900 + rnd() % 200;
	case 2: return rnd() % 40000;
	case 3: return 131000 + rnd() % 2000;
	case 4: return rnd() % 300000;
	default: return rnd() % (1 << 20);
	}
}

static void
fill(uint8_t *b, size_t n)
{
	/* Half the files compress (runs), half do not. */
	int runs = rnd() & 1;
	for (size_t i = 0; i < n; i++)
		b[i] = runs ? (uint8_t)(i / 512) : (uint8_t)rnd();
}

static int
run(const char *dir, const char *logpath, uint64_t seed)
{
	static uint8_t buf[2 << 20];
	char path[4096], path2[4096], line[4400];
	int log = open(logpath, O_WRONLY | O_APPEND | O_CREAT, 0644);

	rs = seed * 0x9E3779B97F4A7C15ull + 1;
	if (log < 0)
		return 1;
	for (long n = 0;; n++) {
		unsigned op = (unsigned)(rnd() % 10);
		size_t size = pick_size();
		if (op < 5) {
			/* A file that must survive: pieces, then fsync. */
			snprintf(path, sizeof path, "%s/k%llu-%ld", dir,
			    (unsigned long long)seed, n);
			fill(buf, size);
			/* Every third file is O_DSYNC: each write durable. */
			int dsync = n % 3 == 2 && size > 0;
			int fd = open(path, O_WRONLY | O_CREAT | O_EXCL |
			    (dsync ? O_DSYNC : 0), 0644);
			if (fd < 0)
				return 1;
			for (size_t at = 0; at < size;) {
				size_t k = 1 + rnd() % (size - at);
				if (pwrite(fd, buf + at, k, (off_t)at) != (ssize_t)k)
					return 1;
				at += k;
			}
			if ((!dsync && fsync(fd) != 0) || close(fd) != 0)
				return 1;
			int len = snprintf(line, sizeof line, "%s %zu %016llx\n",
			    path + strlen(dir) + 1, size,
			    (unsigned long long)fnv(buf, size, 0xcbf29ce484222325ull));
			if (write(log, line, (size_t)len) != len)
				return 1;
			continue;
		}
		/* Churn, never synced (the timer may still commit it). */
		snprintf(path, sizeof path, "%s/churn%llu", dir,
		    (unsigned long long)(rnd() % 12));
		snprintf(path2, sizeof path2, "%s/churn%llu", dir,
		    (unsigned long long)(rnd() % 12));
		switch (op) {
		case 5:
		case 6: {
			int fd = open(path, O_WRONLY | O_CREAT, 0644);
			fill(buf, size / 4);
			if (fd >= 0) {
				if (pwrite(fd, buf, size / 4,
				    (off_t)(rnd() % 300000)) < 0) {
					close(fd);
					return 1;
				}
				close(fd);
			}
			break;
		}
		case 7:
			truncate(path, (off_t)(rnd() % 200000));
			break;
		case 8:
			rename(path, path2);
			break;
		default:
			if (unlink(path) != 0 && mkdir(path, 0755) != 0)
				rmdir(path);
			break;
		}
	}
}

static int
verify(const char *dir, const char *logpath)
{
	static uint8_t buf[2 << 20];
	char name[256], path[4096];
	FILE *f = fopen(logpath, "r");
	unsigned long long want;
	size_t size;
	long files = 0, bad = 0;
	DIR *d;
	struct dirent *e;

	if (f == NULL)
		return 1;
	while (fscanf(f, "%255s %zu %llx", name, &size, &want) == 3) {
		snprintf(path, sizeof path, "%s/%s", dir, name);
		int fd = open(path, O_RDONLY);
		ssize_t k = fd < 0 ? -1 : read(fd, buf, sizeof buf);
		if (fd >= 0)
			close(fd);
		files++;
		if (k != (ssize_t)size ||
		    fnv(buf, size, 0xcbf29ce484222325ull) != want) {
			printf("FAIL: %s: %s (read %zd, want %zu bytes)\n", name,
			    fd < 0 ? strerror(errno) : "wrong contents", k, size);
			bad++;
		}
	}
	fclose(f);
	/* Whatever else survived must read cleanly. */
	if ((d = opendir(dir)) == NULL)
		return 1;
	while ((e = readdir(d)) != NULL) {
		struct stat st;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (strncmp(e->d_name, "churn", 5) || lstat(path, &st) != 0 ||
		    !S_ISREG(st.st_mode))
			continue;
		int fd = open(path, O_RDONLY);
		ssize_t k, tot = 0;
		while (fd >= 0 && (k = read(fd, buf, sizeof buf)) > 0)
			tot += k;
		if (fd < 0 || k < 0 || tot != st.st_size) {
			printf("FAIL: %s unreadable\n", e->d_name);
			bad++;
		}
		if (fd >= 0)
			close(fd);
	}
	closedir(d);
	printf("     %ld fsync'd files intact, %ld bad\n", files - bad, bad);
	return bad != 0;
}

int
main(int argc, char **argv)
{
	if (argc == 5 && !strcmp(argv[1], "run"))
		return run(argv[2], argv[3], strtoull(argv[4], NULL, 10));
	if (argc == 4 && !strcmp(argv[1], "verify"))
		return verify(argv[2], argv[3]);
	fprintf(stderr, "usage: redoxfs-crashload run DIR LOG SEED | "
	    "verify DIR LOG\n");
	return 2;
}
