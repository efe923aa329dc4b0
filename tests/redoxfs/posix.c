/*
 * redoxfs-posix DIR [MANY]: POSIX behaviour of a mounted RedoxFS, as a
 * user sees it: errno values, contents and stat fields.  Run as root on
 * a fresh read-write mount with -o allow_other (the daemon checks modes
 * against the stored owners for each caller); a child drops to uid/gid
 * 1000 for the permission checks.
 * MANY (default 100000) files go into one directory.
 *   redoxfs-posix DIR verify   checks what the first run left, after a
 *                              remount (it must have been committed).
 * Exit 0 if every check passed.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static int fails, checks;
static char P[8192], Q[8192];

#define CHECK(cond) check(!!(cond), #cond, __LINE__, 0)
/* The call fails with errno e. */
#define FAILS(call, e) check((call) == -1 && errno == (e), #call " -> " #e, \
    __LINE__, 1)
#define OK(call) check((call) == 0, #call, __LINE__, 1)

static void
check(int ok, const char *what, int line, int show_errno)
{
	checks++;
	if (!ok) {
		fails++;
		if (show_errno)
			printf("FAIL line %d: %s (errno %d %s)\n", line, what,
			    errno, strerror(errno));
		else
			printf("FAIL line %d: %s\n", line, what);
	}
}

static const char *
at(const char *root, const char *rel)
{
	snprintf(P, sizeof P, "%s/%s", root, rel);
	return P;
}

static const char *
at2(const char *root, const char *rel)
{
	snprintf(Q, sizeof Q, "%s/%s", root, rel);
	return Q;
}

static int
put(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	ssize_t k;

	if (fd < 0)
		return -1;
	k = write(fd, data, len);
	close(fd);
	return k == (ssize_t)len ? 0 : -1;
}

/* Reads up to cap bytes; returns the count or -1. */
static ssize_t
get(const char *path, void *buf, size_t cap)
{
	int fd = open(path, O_RDONLY);
	ssize_t k, n = 0;

	if (fd < 0)
		return -1;
	while ((size_t)n < cap && (k = read(fd, (char *)buf + n, cap - n)) > 0)
		n += k;
	close(fd);
	return n;
}

static int
same(const char *path, const char *want)
{
	char buf[256];
	ssize_t n = get(path, buf, sizeof buf);

	return n == (ssize_t)strlen(want) && memcmp(buf, want, (size_t)n) == 0;
}

static ino_t
ino_of(const char *path)
{
	struct stat st;

	return lstat(path, &st) == 0 ? st.st_ino : 0;
}

static void
t_basic(const char *d)
{
	struct stat st;
	char big[300];

	OK(put(at(d, "f"), "hello", 5));
	OK(stat(at(d, "f"), &st));
	CHECK(S_ISREG(st.st_mode) && (st.st_mode & 07777) == 0644);
	CHECK(st.st_size == 5 && st.st_nlink == 1);
	CHECK(st.st_uid == 0 && st.st_gid == 0);
	CHECK(same(at(d, "f"), "hello"));
	FAILS(open(at(d, "f"), O_CREAT | O_EXCL | O_WRONLY, 0644), EEXIST);
	FAILS(mkdir(at(d, "f"), 0755), EEXIST);
	FAILS(open(at(d, "f/x"), O_RDONLY), ENOTDIR);
	OK(unlink(at(d, "f")));
	FAILS(stat(at(d, "f"), &st), ENOENT);
	FAILS(unlink(at(d, "f")), ENOENT);
	FAILS(open(at(d, "nodir/x"), O_CREAT | O_WRONLY, 0644), ENOENT);

	/* O_APPEND, O_TRUNC, reading at the end. */
	OK(put(at(d, "a"), "12345", 5));
	int fd = open(at(d, "a"), O_WRONLY | O_APPEND);
	CHECK(fd >= 0 && write(fd, "678", 3) == 3);
	close(fd);
	CHECK(same(at(d, "a"), "12345678"));
	fd = open(at(d, "a"), O_RDONLY);
	CHECK(fd >= 0 && pread(fd, big, 10, 8) == 0);
	close(fd);
	fd = open(at(d, "a"), O_WRONLY | O_TRUNC);
	CHECK(fd >= 0 && fstat(fd, &st) == 0 && st.st_size == 0);
	close(fd);

	/* Directories. */
	OK(mkdir(at(d, "dir"), 0750));
	OK(stat(at(d, "dir"), &st));
	CHECK(S_ISDIR(st.st_mode) && (st.st_mode & 07777) == 0750);
	OK(put(at(d, "dir/inner"), "x", 1));
	FAILS(rmdir(at(d, "dir")), ENOTEMPTY);
	FAILS(unlink(at(d, "dir")), EISDIR);
	FAILS(rmdir(at(d, "dir/inner")), ENOTDIR);
	OK(unlink(at(d, "dir/inner")));
	OK(rmdir(at(d, "dir")));
	FAILS(stat(at(d, "dir"), &st), ENOENT);
}

/* Special files: their type and device number, also after a remount. */
static void
specials_ok(const char *d)
{
	static const struct { const char *name; mode_t type; dev_t rdev; } sp[] = {
		{ "sp/fifo", S_IFIFO, 0 },
		{ "sp/chr", S_IFCHR, 0 },
		{ "sp/blk", S_IFBLK, 0 },
		{ "sp/sock", S_IFSOCK, 0 },
	};
	struct stat st;

	for (size_t i = 0; i < sizeof sp / sizeof sp[0]; i++) {
		dev_t want = i == 1 ? makedev(1, 3) : i == 2 ?
		    makedev(259, 70000) : sp[i].rdev;
		OK(lstat(at(d, sp[i].name), &st));
		CHECK((st.st_mode & S_IFMT) == sp[i].type);
		CHECK((st.st_mode & 07777) == 0640 && st.st_rdev == want);
		CHECK(st.st_size == 0 && st.st_nlink == 1);
	}
}

static void
t_special(const char *d)
{
	OK(mkdir(at(d, "sp"), 0755));
	OK(mkfifo(at(d, "sp/fifo"), 0640));
	OK(mknod(at(d, "sp/chr"), S_IFCHR | 0640, makedev(1, 3)));
	OK(mknod(at(d, "sp/blk"), S_IFBLK | 0640, makedev(259, 70000)));
	OK(mknod(at(d, "sp/sock"), S_IFSOCK | 0640, 0));
	FAILS(mknod(at(d, "sp/fifo"), S_IFIFO | 0640, 0), EEXIST);
	specials_ok(d);
	/* A FIFO opened for reading and writing does not block. */
	int fd = open(at(d, "sp/fifo"), O_RDWR | O_NONBLOCK);
	CHECK(fd >= 0 && write(fd, "p", 1) == 1);
	if (fd >= 0)
		close(fd);
	/* Links and renames keep the type and device. */
	OK(link(at(d, "sp/chr"), at2(d, "sp/chr2")));
	OK(unlink(at(d, "sp/chr2")));
	OK(rename(at(d, "sp/blk"), at2(d, "sp/blk2")));
	OK(rename(at(d, "sp/blk2"), at2(d, "sp/blk")));
	specials_ok(d);
}

/* The link count of directory d/rel: 2 + its subdirectories. */
static nlink_t
nlink_of(const char *d, const char *rel)
{
	struct stat st;

	return stat(at(d, rel), &st) == 0 ? st.st_nlink : 0;
}

static void
t_dirlinks(const char *d)
{
	OK(mkdir(at(d, "nl"), 0755));
	CHECK(nlink_of(d, "nl") == 2);
	OK(mkdir(at(d, "nl/a"), 0755));
	OK(mkdir(at(d, "nl/b"), 0755));
	OK(put(at(d, "nl/f"), "f", 1));
	OK(symlink("a", at(d, "nl/s")));
	CHECK(nlink_of(d, "nl") == 4);
	CHECK(nlink_of(d, "nl/a") == 2);
	OK(mkdir(at(d, "nl2"), 0755));
	OK(rename(at(d, "nl/a"), at2(d, "nl2/a")));
	CHECK(nlink_of(d, "nl") == 3 && nlink_of(d, "nl2") == 3);
	OK(rmdir(at(d, "nl/b")));
	CHECK(nlink_of(d, "nl") == 2);
	/* Over an empty directory elsewhere: one goes, one comes. */
	OK(mkdir(at(d, "nl/c"), 0755));
	OK(rename(at(d, "nl2/a"), at2(d, "nl/c")));
	CHECK(nlink_of(d, "nl") == 3 && nlink_of(d, "nl2") == 2);
	/* Within one directory, over an empty one: one fewer. */
	OK(mkdir(at(d, "nl/e"), 0755));
	CHECK(nlink_of(d, "nl") == 4);
	OK(rename(at(d, "nl/e"), at2(d, "nl/c")));
	CHECK(nlink_of(d, "nl") == 3);
	OK(rename(at(d, "nl/f"), at2(d, "nl2/f")));
	CHECK(nlink_of(d, "nl") == 3 && nlink_of(d, "nl2") == 2);
}

static int
later(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec > b->tv_sec ||
	    (a->tv_sec == b->tv_sec && a->tv_nsec > b->tv_nsec);
}

/* Stats d/rel into *st (zeroed if it fails: the checks then fail). */
static void
snap(const char *d, const char *rel, struct stat *st)
{
	if (lstat(at(d, rel), st) != 0)
		memset(st, 0, sizeof *st);
}

/*
 * Did d/rel's ctime (and mtime, if m) move past *old?  The clock is
 * read in nanoseconds: a 10 ms pause before each change is plenty.
 */
static int
moved(const char *d, const char *rel, const struct stat *old, int m)
{
	struct stat st;

	if (lstat(at(d, rel), &st) != 0)
		return 0;
	return later(&st.st_ctim, &old->st_ctim) &&
	    (!m || later(&st.st_mtim, &old->st_mtim));
}

#define PAUSE() usleep(10000)
/* Times a call changes: ctime only (C) or mtime and ctime (MC). */
#define C(rel, st) CHECK(moved(d, rel, st, 0))
#define MC(rel, st) CHECK(moved(d, rel, st, 1))

static void
t_times(const char *d)
{
	struct timespec old[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
	struct stat a, b, c;
	int fd;

	OK(mkdir(at(d, "tm"), 0755));
	OK(mkdir(at(d, "tm2"), 0755));
	OK(put(at(d, "tm/f"), "data", 4));
	/* create, mkdir, symlink, mknod: the parent's mtime and ctime. */
	snap(d, "tm", &a); PAUSE();
	OK(put(at(d, "tm/new"), "n", 1));
	MC("tm", &a);
	snap(d, "tm", &a); PAUSE();
	OK(mkdir(at(d, "tm/sub"), 0755));
	MC("tm", &a);
	snap(d, "tm", &a); PAUSE();
	OK(mkfifo(at(d, "tm/fifo"), 0644));
	MC("tm", &a);
	/* link: the file's ctime, the directory's mtime and ctime. */
	snap(d, "tm/f", &a); snap(d, "tm2", &b); PAUSE();
	OK(link(at(d, "tm/f"), at2(d, "tm2/l")));
	C("tm/f", &a);
	MC("tm2", &b);
	/* unlink of one of two links: the survivor's ctime. */
	snap(d, "tm/f", &a); snap(d, "tm2", &b); PAUSE();
	OK(unlink(at(d, "tm2/l")));
	C("tm/f", &a);
	MC("tm2", &b);
	/* unlink of the last link, rmdir: the parent. */
	snap(d, "tm", &a); PAUSE();
	OK(unlink(at(d, "tm/new")));
	MC("tm", &a);
	snap(d, "tm", &a); PAUSE();
	OK(rmdir(at(d, "tm/sub")));
	MC("tm", &a);
	/* rename over a target with another link: the target's ctime. */
	OK(put(at(d, "tm/t"), "t", 1));
	OK(link(at(d, "tm/t"), at2(d, "tm/t2")));
	OK(put(at(d, "tm/src"), "s", 1));
	snap(d, "tm/t2", &a); snap(d, "tm/src", &b); snap(d, "tm", &c);
	PAUSE();
	OK(rename(at(d, "tm/src"), at2(d, "tm/t")));
	C("tm/t2", &a);
	C("tm/t", &b);		/* the moved file */
	MC("tm", &c);
	/* rename across directories: both, and the moved entry. */
	OK(mkdir(at(d, "tm/mv"), 0755));
	snap(d, "tm", &a); snap(d, "tm2", &b); snap(d, "tm/mv", &c);
	PAUSE();
	OK(rename(at(d, "tm/mv"), at2(d, "tm2/mv")));
	MC("tm", &a);
	MC("tm2", &b);
	C("tm2/mv", &c);
	snap(d, "tm", &a); snap(d, "tm2", &b); snap(d, "tm/t", &c);
	PAUSE();
	OK(rename(at(d, "tm/t"), at2(d, "tm2/t")));
	MC("tm", &a);
	MC("tm2", &b);
	C("tm2/t", &c);
	/* O_TRUNC, of a full and of an empty file: mtime and ctime. */
	OK(utimensat(AT_FDCWD, at(d, "tm/f"), old, 0));
	snap(d, "tm/f", &a); PAUSE();
	fd = open(at(d, "tm/f"), O_WRONLY | O_TRUNC);
	CHECK(fd >= 0);
	if (fd >= 0)
		close(fd);
	MC("tm/f", &a);
	OK(utimensat(AT_FDCWD, at(d, "tm/f"), old, 0));
	snap(d, "tm/f", &a); PAUSE();
	fd = open(at(d, "tm/f"), O_WRONLY | O_TRUNC);
	CHECK(fd >= 0);
	if (fd >= 0)
		close(fd);
	MC("tm/f", &a);
	/* write, truncate, ftruncate: mtime and ctime. */
	snap(d, "tm/f", &a); PAUSE();
	OK(put(at(d, "tm/f"), "more", 4));
	MC("tm/f", &a);
	snap(d, "tm/f", &a); PAUSE();
	OK(truncate(at(d, "tm/f"), 2));
	MC("tm/f", &a);
	snap(d, "tm/f", &a); PAUSE();
	fd = open(at(d, "tm/f"), O_WRONLY);
	CHECK(fd >= 0 && ftruncate(fd, 1) == 0);
	if (fd >= 0)
		close(fd);
	MC("tm/f", &a);
	/* chmod, chown, utimensat: ctime. */
	snap(d, "tm/f", &a); PAUSE();
	OK(chmod(at(d, "tm/f"), 0600));
	C("tm/f", &a);
	snap(d, "tm/f", &a); PAUSE();
	OK(chown(at(d, "tm/f"), 5, 6));
	C("tm/f", &a);
	snap(d, "tm/f", &a); PAUSE();
	OK(utimensat(AT_FDCWD, at(d, "tm/f"), old, 0));
	C("tm/f", &a);
}

static void
t_rename(const char *d)
{
	struct stat st;
	ino_t a, b;

	OK(mkdir(at(d, "r1"), 0755));
	OK(mkdir(at(d, "r2"), 0755));
	OK(put(at(d, "r1/a"), "A", 1));
	a = ino_of(P);
	OK(rename(at(d, "r1/a"), at2(d, "r1/b")));		/* same dir */
	FAILS(stat(at(d, "r1/a"), &st), ENOENT);
	CHECK(ino_of(at(d, "r1/b")) == a && same(P, "A"));
	OK(rename(at(d, "r1/b"), at2(d, "r2/c")));		/* across dirs */
	CHECK(ino_of(at(d, "r2/c")) == a && same(P, "A"));
	FAILS(stat(at(d, "r1/b"), &st), ENOENT);
	OK(put(at(d, "r2/t"), "T", 1));			/* over a file */
	b = ino_of(P);
	OK(rename(at(d, "r2/c"), at2(d, "r2/t")));
	CHECK(ino_of(at(d, "r2/t")) == a && same(P, "A") && b != a);
	FAILS(stat(at(d, "r2/c"), &st), ENOENT);
	OK(rename(at(d, "r2/t"), at2(d, "r2/t")));		/* onto itself */
	CHECK(same(at(d, "r2/t"), "A"));
	OK(put(at(d, "r2/u"), "U", 1));
	FAILS(renameat2(AT_FDCWD, at(d, "r2/t"), AT_FDCWD, at2(d, "r2/u"),
	    RENAME_NOREPLACE), EEXIST);
	CHECK(same(at(d, "r2/u"), "U"));

	/* Directories: moved with their contents, over empty ones only. */
	OK(mkdir(at(d, "r1/sub"), 0755));
	OK(put(at(d, "r1/sub/in"), "I", 1));
	OK(rename(at(d, "r1/sub"), at2(d, "r2/sub")));
	CHECK(same(at(d, "r2/sub/in"), "I"));
	OK(mkdir(at(d, "r1/empty"), 0755));
	OK(rename(at(d, "r2/sub"), at2(d, "r1/empty")));	/* over empty */
	CHECK(same(at(d, "r1/empty/in"), "I"));
	OK(mkdir(at(d, "r2/full"), 0755));
	OK(put(at(d, "r2/full/x"), "x", 1));
	FAILS(rename(at(d, "r1/empty"), at2(d, "r2/full")), ENOTEMPTY);
	FAILS(rename(at(d, "r2/u"), at2(d, "r2/full")), EISDIR);
	FAILS(rename(at(d, "r2/full"), at2(d, "r2/u")), ENOTDIR);
	OK(mkdir(at(d, "r1/empty/deeper"), 0755));
	FAILS(rename(at(d, "r1/empty"), at2(d, "r1/empty/deeper/x")), EINVAL);
	FAILS(rename(at(d, "r1/nothere"), at2(d, "r1/x")), ENOENT);
	CHECK(same(at(d, "r2/full/x"), "x"));
}

static void
t_attrs(const char *d)
{
	struct timespec ts[2] = { { 1000000000, 123456789 },
		{ 1100000000, 987654321 } };
	struct stat st, st2;
	time_t t0 = time(NULL);

	OK(put(at(d, "attr"), "x", 1));
	OK(stat(P, &st));
	CHECK(st.st_mtime >= t0 - 2 && st.st_mtime <= t0 + 2);
	OK(chmod(P, 04751));
	OK(stat(P, &st));
	CHECK((st.st_mode & 07777) == 04751 && S_ISREG(st.st_mode));
	OK(chown(P, 1234, 5678));
	OK(stat(P, &st));
	CHECK(st.st_uid == 1234 && st.st_gid == 5678);
	CHECK((st.st_mode & 07777) == 0751);	/* chown drops set-uid */
	OK(utimensat(AT_FDCWD, P, ts, 0));
	OK(stat(P, &st));
	CHECK(st.st_atim.tv_sec == 1000000000 && st.st_atim.tv_nsec == 123456789);
	CHECK(st.st_mtim.tv_sec == 1100000000 && st.st_mtim.tv_nsec == 987654321);
	CHECK(st.st_ctime >= t0 - 2);		/* ctime: now, not set */
	OK(utimensat(AT_FDCWD, P, NULL, 0));
	OK(stat(P, &st));
	CHECK(st.st_mtime >= t0 - 2 && st.st_mtime <= time(NULL) + 2);
	/* A write moves mtime and ctime forward. */
	OK(utimensat(AT_FDCWD, P, ts, 0));
	int fd = open(P, O_WRONLY);
	CHECK(fd >= 0 && write(fd, "y", 1) == 1);
	close(fd);
	OK(stat(P, &st2));
	CHECK(st2.st_mtime >= t0 - 2 && st2.st_size == 1);
	CHECK(same(P, "y"));
	/* Symlinks are not followed by lchown. */
	OK(symlink("attr", at(d, "attr-link")));
	OK(lchown(P, 77, 88));
	OK(lstat(P, &st));
	CHECK(st.st_uid == 77 && st.st_gid == 88);
	OK(stat(at(d, "attr"), &st));
	CHECK(st.st_uid == 1234);
}

static int
all_zero(const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (b[i])
			return 0;
	return 1;
}

static void
t_truncate(const char *d)
{
	static char buf[1 << 20];
	struct stat st;
	int fd;

	memset(buf, 'a', 200000);
	OK(put(at(d, "tr"), buf, 200000));
	OK(truncate(P, 100));			/* down, inside one record */
	OK(stat(P, &st));
	CHECK(st.st_size == 100);
	OK(truncate(P, 300000));			/* up: zeros, no old data */
	CHECK(get(P, buf, sizeof buf) == 300000);
	CHECK(buf[99] == 'a' && all_zero(buf + 100, 300000 - 100));
	OK(truncate(P, 0));
	OK(stat(P, &st));
	CHECK(st.st_size == 0);
	/* Inline-sized files too (RedoxFS keeps < 3968 bytes in the node). */
	OK(put(at(d, "tr2"), "abcdef", 6));
	fd = open(P, O_RDWR);
	OK(ftruncate(fd, 3));
	OK(ftruncate(fd, 5000));
	CHECK(pread(fd, buf, 6000, 0) == 5000);
	CHECK(memcmp(buf, "abc", 3) == 0 && all_zero(buf + 3, 4997));
	close(fd);
	FAILS(truncate(at(d, "."), 0), EISDIR);
	FAILS(truncate(at(d, "tr2"), -1), EINVAL);
}

static void
t_sparse(const char *d)
{
	static char buf[1 << 16];
	struct stat st;
	off_t far = (off_t)10 << 30;		/* 10 GiB, past the disk */
	int fd = open(at(d, "sparse"), O_RDWR | O_CREAT, 0644);

	CHECK(fd >= 0);
	CHECK(pwrite(fd, "end", 3, far) == 3);
	CHECK(pwrite(fd, "mid", 3, 5 << 20) == 3);
	OK(fstat(fd, &st));
	CHECK(st.st_size == far + 3);
	CHECK(st.st_blocks * 512 < (1 << 20));	/* holes take no space */
	CHECK(pread(fd, buf, sizeof buf, 1 << 30) == sizeof buf &&
	    all_zero(buf, sizeof buf));
	CHECK(pread(fd, buf, 3, far) == 3 && memcmp(buf, "end", 3) == 0);
	CHECK(pread(fd, buf, 6, (5 << 20) - 3) == 6 &&
	    memcmp(buf, "\0\0\0mid", 6) == 0);
	close(fd);
}

static void
t_links(const char *d)
{
	char buf[5000], target[4096];
	struct stat st, st2;

	OK(put(at(d, "h1"), "hard", 4));
	OK(link(P, at2(d, "h2")));
	OK(stat(at(d, "h1"), &st));
	OK(stat(at(d, "h2"), &st2));
	CHECK(st.st_ino == st2.st_ino && st.st_nlink == 2 && st2.st_nlink == 2);
	int fd = open(at(d, "h2"), O_WRONLY | O_APPEND);
	CHECK(fd >= 0 && write(fd, "er", 2) == 2);
	close(fd);
	CHECK(same(at(d, "h1"), "harder"));
	FAILS(link(at(d, "h1"), at2(d, "h2")), EEXIST);
	OK(mkdir(at(d, "ldir"), 0755));
	FAILS(link(at(d, "ldir"), at2(d, "ldir2")), EPERM);
	OK(unlink(at(d, "h1")));
	OK(stat(at(d, "h2"), &st));
	CHECK(st.st_nlink == 1 && same(P, "harder"));

	OK(symlink("h2", at(d, "s1")));
	OK(lstat(P, &st));
	CHECK(S_ISLNK(st.st_mode) && st.st_size == 2);
	CHECK(readlink(P, buf, sizeof buf) == 2 && memcmp(buf, "h2", 2) == 0);
	CHECK(same(P, "harder"));		/* followed */
	OK(symlink("/nowhere/at/all", at(d, "dangling")));
	FAILS(stat(P, &st), ENOENT);
	OK(lstat(P, &st));
	FAILS(readlink(at(d, "h2"), buf, sizeof buf), EINVAL);
	memset(target, 'x', 4095);
	target[4095] = 0;
	OK(symlink(target, at(d, "longlink")));
	CHECK(readlink(P, buf, sizeof buf) == 4095 &&
	    memcmp(buf, target, 4095) == 0);
	FAILS(symlink("x", at(d, "s1")), EEXIST);
}

/* 252 bytes is RedoxFS's longest name; ':' is refused as upstream does. */
static void
t_names(const char *d)
{
	char name[300];
	struct statvfs sv;
	struct stat st;
	DIR *dir;
	struct dirent *e;
	int seen = 0;

	OK(statvfs(d, &sv));
	CHECK(sv.f_namemax == 252);
	OK(mkdir(at(d, "names"), 0755));
	memset(name, 'n', 252);
	name[252] = 0;
	snprintf(P, sizeof P, "%s/names/%s", d, name);
	OK(put(P, "long", 4));
	CHECK(same(P, "long"));
	dir = opendir(at(d, "names"));
	while (dir && (e = readdir(dir)) != NULL)
		seen += strlen(e->d_name) == 252;
	if (dir)
		closedir(dir);
	CHECK(seen == 1);
	for (int len = 253; len <= 256; len++) {
		memset(name, 'm', (size_t)len);
		name[len] = 0;
		snprintf(P, sizeof P, "%s/names/%s", d, name);
		FAILS(open(P, O_CREAT | O_WRONLY, 0644), ENAMETOOLONG);
		FAILS(mkdir(P, 0755), ENAMETOOLONG);
		FAILS(symlink("x", P), ENAMETOOLONG);
		FAILS(rename(at2(d, "r2/u"), P), ENAMETOOLONG);
	}
	/* UTF-8: 84 three-byte characters = 252 bytes. */
	for (int i = 0; i < 84; i++)
		memcpy(name + 3 * i, "\xe2\x82\xac", 3);
	name[252] = 0;
	snprintf(P, sizeof P, "%s/names/%s", d, name);
	OK(put(P, "euro", 4));
	CHECK(same(P, "euro"));
	FAILS(open(at(d, "names/a:b"), O_CREAT | O_WRONLY, 0644), EINVAL);
	FAILS(mkdir(at(d, "names/c:"), 0755), EINVAL);
	FAILS(symlink("x", at(d, "names/:s")), EINVAL);
	FAILS(link(at(d, "h2"), at2(d, "names/l:k")), EINVAL);
	FAILS(rename(at(d, "h2"), at2(d, "names/r:n")), EINVAL);
	FAILS(stat(at(d, "names/a:b"), &st), ENOENT);
	CHECK(same(at(d, "h2"), "harder"));
}

static void
t_deep(const char *d)
{
	char path[8192];
	size_t len = (size_t)snprintf(path, sizeof path, "%s", d);
	int depth = 0;

	/* 200 levels, a 3.2 KB path, then a file at the bottom. */
	for (; depth < 200 && len + 20 < 3300; depth++) {
		len += (size_t)snprintf(path + len, sizeof path - len,
		    "/deep%03d-xxxxxx", depth);
		if (mkdir(path, 0755) != 0)
			break;
	}
	CHECK(depth == 200);
	snprintf(path + len, sizeof path - len, "/bottom");
	OK(put(path, "deep", 4));
	CHECK(same(path, "deep"));
}

static void
t_many(const char *d, long n)
{
	char path[512];
	long count = 0;
	DIR *dir;
	struct dirent *e;
	struct stat st;
	int bad = 0;

	snprintf(path, sizeof path, "%s/many", d);
	OK(mkdir(path, 0755));
	for (long i = 0; i < n && !bad; i++) {
		snprintf(path, sizeof path, "%s/many/file-%07ld", d, i);
		int fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0644);
		bad = fd < 0;
		if (fd >= 0)
			close(fd);
	}
	CHECK(!bad);
	dir = opendir(at(d, "many"));
	while (dir && (e = readdir(dir)) != NULL)
		count += e->d_name[0] != '.';
	if (dir)
		closedir(dir);
	CHECK(count == n);
	/* Spot checks, then every other one removed. */
	for (long i = 0; i < n; i += n / 97 + 1) {
		snprintf(path, sizeof path, "%s/many/file-%07ld", d, i);
		bad |= stat(path, &st) != 0 || !S_ISREG(st.st_mode);
	}
	CHECK(!bad);
	for (long i = 0; i < n; i += 2) {
		snprintf(path, sizeof path, "%s/many/file-%07ld", d, i);
		bad |= unlink(path) != 0;
	}
	CHECK(!bad);
	count = 0;
	dir = opendir(at(d, "many"));
	while (dir && (e = readdir(dir)) != NULL)
		count += e->d_name[0] != '.';
	if (dir)
		closedir(dir);
	CHECK(count == n / 2);
	printf("     %ld files in one directory, %ld left\n", n, count);
}

/* Runs path in a child; its exit status, or 200 + errno if exec failed. */
static int
run(const char *path)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		execl(path, path, (char *)NULL);
		_exit(200 + errno);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/*
 * stat(path) fails with EACCES, within 2 s: names the kernel had cached
 * below a directory that has just been closed to us are dropped by a
 * thread of the daemon, just after the change.
 */
static int
becomes_closed(const char *path)
{
	struct stat st;

	for (int i = 0; i < 200; i++) {
		if (stat(path, &st) == -1 && errno == EACCES)
			return 1;
		usleep(10000);
	}
	return 0;
}

/* As uid/gid 1000 with no groups: what the modes allow and refuse. */
static void
t_other_user(const char *d)
{
	struct timespec ts[2] = { { 1, 0 }, { 2, 0 } };
	struct stat st;
	char buf[16];
	int fd;

	FAILS(access(at(d, "perm/rootfile"), W_OK), EACCES);
	OK(access(P, R_OK));
	FAILS(chdir(at(d, "perm/closed")), EACCES);
	CHECK(run(at(d, "perm/ownerexec")) == 200 + EACCES);	/* 0744 */
	CHECK(run(at(d, "perm/allexec")) == 0);			/* 0755 */
	FAILS(utimensat(AT_FDCWD, at(d, "perm/rootfile"), NULL, 0), EACCES);
	/* Cached by root before the change, closed now. */
	CHECK(becomes_closed(at(d, "perm/hide/f")));
	CHECK(becomes_closed(at(d, "perm/closed/moved/g")));

	FAILS(open(at(d, "perm/rootfile"), O_WRONLY), EACCES);
	/* O_TRUNC asks to write, whatever the access mode (Linux). */
	FAILS(open(at(d, "perm/rootfile"), O_RDONLY | O_TRUNC), EACCES);
	CHECK(same(at(d, "perm/rootfile"), "root"));
	CHECK(same(at(d, "perm/rootfile"), "root"));	/* 0644: readable */
	FAILS(open(at(d, "perm/secret"), O_RDONLY), EACCES);
	FAILS(open(at(d, "perm/new"), O_CREAT | O_WRONLY, 0644), EACCES);
	FAILS(mkdir(at(d, "perm/newdir"), 0755), EACCES);
	FAILS(unlink(at(d, "perm/rootfile")), EACCES);
	FAILS(rename(at(d, "perm/rootfile"), at2(d, "perm/x")), EACCES);
	FAILS(chmod(at(d, "perm/rootfile"), 0777), EPERM);
	FAILS(chown(at(d, "perm/rootfile"), 1000, 1000), EPERM);
	FAILS(utimensat(AT_FDCWD, at(d, "perm/rootfile"), ts, 0), EPERM);
	FAILS(truncate(at(d, "perm/rootfile"), 0), EACCES);
	FAILS(stat(at(d, "perm/closed/inside"), &st), EACCES);
	/* EPERM first where fs.protected_hardlinks is on. */
	CHECK(link(at(d, "perm/rootfile"), at2(d, "perm/l")) == -1 &&
	    (errno == EACCES || errno == EPERM));

	/* In its own directory it may do anything to its own files. */
	OK(put(at(d, "perm/mine/f"), "mine", 4));
	OK(stat(P, &st));
	CHECK(st.st_uid == 1000 && st.st_gid == 1000);
	OK(chmod(P, 0600));
	OK(utimensat(AT_FDCWD, P, ts, 0));
	FAILS(chown(P, 0, 0), EPERM);
	OK(rename(P, at2(d, "perm/mine/g")));
	/* Sticky /tmp-like directory: root's file stays. */
	FAILS(unlink(at(d, "perm/sticky/rootfile")), EPERM);
	OK(put(at(d, "perm/sticky/userfile"), "u", 1));
	OK(unlink(P));
	/* Group and other bits. */
	fd = open(at(d, "perm/groupw"), O_WRONLY);	/* 0664 root:1000 */
	CHECK(fd >= 0 && write(fd, "g", 1) == 1);
	if (fd >= 0)
		close(fd);
	OK(utimensat(AT_FDCWD, at(d, "perm/groupw"), NULL, 0));
	CHECK(get(at(d, "perm/groupw"), buf, sizeof buf) == 1);
}

static void
t_perm(const char *d)
{
	struct stat st;
	pid_t pid;
	int status;

	OK(mkdir(at(d, "perm"), 0755));
	OK(put(at(d, "perm/rootfile"), "root", 4));
	OK(put(at(d, "perm/secret"), "s", 1));
	OK(chmod(P, 0600));
	OK(mkdir(at(d, "perm/closed"), 0700));
	OK(put(at(d, "perm/closed/inside"), "i", 1));
	OK(mkdir(at(d, "perm/mine"), 0755));
	OK(chown(P, 1000, 1000));
	OK(mkdir(at(d, "perm/sticky"), 0777));
	OK(chmod(P, 01777));
	OK(put(at(d, "perm/sticky/rootfile"), "r", 1));
	OK(chmod(P, 0666));
	OK(put(at(d, "perm/groupw"), "", 0));
	OK(chmod(P, 0664));
	OK(chown(P, 0, 1000));
	OK(put(at(d, "perm/ownerexec"), "#!/bin/sh\nexit 0\n", 18));
	OK(chmod(P, 0744));
	OK(put(at(d, "perm/allexec"), "#!/bin/sh\nexit 0\n", 18));
	OK(chmod(P, 0755));
	/* Names the kernel caches, then closed to others. */
	OK(mkdir(at(d, "perm/hide"), 0755));
	OK(put(at(d, "perm/hide/f"), "f", 1));
	OK(stat(P, &st));
	OK(chmod(at(d, "perm/hide"), 0700));
	OK(mkdir(at(d, "perm/moved"), 0755));
	OK(put(at(d, "perm/moved/g"), "g", 1));
	OK(stat(P, &st));
	OK(rename(at(d, "perm/moved"), at2(d, "perm/closed/moved")));
	fflush(stdout);
	if ((pid = fork()) == 0) {
		fails = checks = 0;
		if (setgroups(0, NULL) != 0 || setresgid(1000, 1000, 1000) != 0 ||
		    setresuid(1000, 1000, 1000) != 0) {
			perror("setresuid");
			_exit(100);
		}
		t_other_user(d);
		printf("     as uid 1000: %d checks, %d failed\n", checks, fails);
		fflush(stdout);
		_exit(fails ? 1 : 0);
	}
	CHECK(pid > 0 && waitpid(pid, &status, 0) == pid &&
	    WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CHECK(same(at(d, "perm/rootfile"), "root"));
}

/* After a remount: what the first run left is there. */
static void
t_verify(const char *d)
{
	char name[300];
	struct stat st;

	memset(name, 'n', 252);
	name[252] = 0;
	snprintf(P, sizeof P, "%s/names/%s", d, name);
	CHECK(same(P, "long"));
	CHECK(same(at(d, "h2"), "harder"));
	CHECK(same(at(d, "r1/empty/in"), "I"));
	OK(stat(at(d, "attr"), &st));
	/* chown cleared the set-uid bit; the write moved mtime only. */
	CHECK(st.st_uid == 1234 && (st.st_mode & 07777) == 0751);
	CHECK(st.st_atim.tv_sec == 1000000000 && st.st_atim.tv_nsec == 123456789);
	CHECK(st.st_mtime > 1100000000 && st.st_size == 1);
	OK(stat(at(d, "sparse"), &st));
	CHECK(st.st_size == ((off_t)10 << 30) + 3);
	OK(stat(at(d, "perm/mine/g"), &st));
	CHECK(st.st_uid == 1000 && (st.st_mode & 07777) == 0600);
	CHECK(readlink(at(d, "s1"), name, sizeof name) == 2);
	specials_ok(d);
	CHECK(nlink_of(d, "nl") == 3 && nlink_of(d, "nl2") == 2);
	CHECK(nlink_of(d, "nl/c") == 2 && nlink_of(d, "tm2") == 3);
}

int
main(int argc, char **argv)
{
	long many = 100000;

	if (argc < 2) {
		fprintf(stderr, "usage: redoxfs-posix DIR [MANY|verify]\n");
		return 2;
	}
	umask(0);
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 2 && !strcmp(argv[2], "verify")) {
		t_verify(argv[1]);
		printf("%s verify: %d checks, %d failed\n", fails ? "FAIL" : "ok  ",
		    checks, fails);
		return fails != 0;
	}
	if (argc > 2)
		many = atol(argv[2]);
#define RUN(f, ...) do { int before = fails; f(__VA_ARGS__); \
	printf("%s %s\n", fails == before ? "ok  " : "FAIL", #f); } while (0)
	RUN(t_basic, argv[1]);
	RUN(t_rename, argv[1]);
	RUN(t_special, argv[1]);
	RUN(t_dirlinks, argv[1]);
	RUN(t_times, argv[1]);
	RUN(t_attrs, argv[1]);
	RUN(t_truncate, argv[1]);
	RUN(t_sparse, argv[1]);
	RUN(t_links, argv[1]);
	RUN(t_names, argv[1]);
	RUN(t_deep, argv[1]);
	RUN(t_perm, argv[1]);
	RUN(t_many, argv[1], many);
	printf("%s posix: %d checks, %d failed\n", fails ? "FAIL" : "ok  ",
	    checks, fails);
	return fails != 0;
}
