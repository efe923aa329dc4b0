/*
 * kt_fs - file system checks run inside the OS against redoxfsd.
 *   kt_fs write DIR   makes DIR/kt (files, directories, a symlink, a
 *                     rename, an unlink, a big file), checks them, errors
 *                     and permission denials as uid 1000 (after setuid),
 *                     and leaves the files for the host to check.
 *   kt_fs read DIR    checks the files the host put in DIR (hello.txt,
 *                     big.bin: 300000 bytes of the pattern below, sub/).
 * Ends with "kt_fs: all N checks passed".
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>
#include <redox.h>

#define NAME "kt_fs"
#include "check.h"

#define CHECK_ERR(expr, e) do {						\
		errno = 0;						\
		long r_ = (long)(expr);					\
		checks++;						\
		if (r_ != -1 || errno != (e)) {				\
			failures++;					\
			printf("%s: FAIL %s:%d: %s gave %ld errno %d, want errno %d\n", \
			    NAME, __FILE__, __LINE__, #expr, r_, errno, (e)); \
		}							\
	} while (0)

static char path_buf[8][512];
static int path_next;

/* DIR/rel in a rotating buffer. */
static const char *
P(const char *dir, const char *rel)
{
	char *p = path_buf[path_next++ % 8];
	snprintf(p, 512, "%s/%s", dir, rel);
	return p;
}

static unsigned char pattern(size_t i) { return (unsigned char)(i * 7 + i / 251); }

static int
write_file(const char *path, const void *buf, size_t len, int mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (fd < 0)
		return -1;
	ssize_t w = write(fd, buf, len);
	close(fd);
	return w == (ssize_t)len ? 0 : -1;
}

/* Reads a whole (small) file into buf; returns its length or -1. */
static long
read_file(const char *path, char *buf, size_t cap)
{
	int fd = open(path, O_RDONLY);
	size_t got = 0;
	ssize_t r;
	if (fd < 0)
		return -1;
	while (got < cap && (r = read(fd, buf + got, cap - got)) > 0)
		got += (size_t)r;
	close(fd);
	return (long)got;
}

/* Is name in directory dir? */
static int
listed(const char *dir, const char *name)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int found = 0;
	if (!d)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (!strcmp(e->d_name, name))
			found = 1;
	closedir(d);
	return found;
}

static void
check_big(const char *path, size_t size)
{
	static unsigned char buf[65536];
	int fd = open(path, O_RDONLY);
	size_t off = 0, bad = 0;
	ssize_t r;
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	/* Odd-sized reads cross record boundaries. */
	while ((r = read(fd, buf, 40000)) > 0) {
		for (ssize_t i = 0; i < r; i++)
			if (buf[i] != pattern(off + (size_t)i))
				bad++;
		off += (size_t)r;
	}
	CHECK_INT(off, size);
	CHECK_INT(bad, 0);
	CHECK_INT(lseek(fd, 123457, SEEK_SET), 123457);
	CHECK_INT(read(fd, buf, 1), 1);
	CHECK_INT(buf[0], pattern(123457));
	CHECK_INT(lseek(fd, -1, SEEK_END), (long)size - 1);
	CHECK_INT(read(fd, buf, 10), 1);
	close(fd);
}

/* Compares len bytes of buf with the pattern at off; 0 if they match. */
static size_t
pattern_diff(const unsigned char *buf, size_t off, size_t len)
{
	size_t bad = 0;
	for (size_t i = 0; i < len; i++)
		if (buf[i] != pattern(off + i))
			bad++;
	return bad;
}

/*
 * pread and pwrite on a file of redoxfsd: across record (128 KiB)
 * boundaries, into and over holes, past the end; the position stays put.
 */
#define REC (128u * 1024u)
static void
check_pio(const char *dir)
{
	static unsigned char w[3 * REC], r[3 * REC];
	const char *path = P(dir, "pio.bin");
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0);
	if (fd < 0)
		return;
	for (size_t i = 0; i < sizeof w; i++)
		w[i] = pattern(i);
	/* A write across the first record boundary, then one far past the
	 * end: the gap is a hole that reads as zeros. */
	CHECK_INT(pwrite(fd, w + REC - 1000, 5000, REC - 1000), 5000);
	CHECK_INT(lseek(fd, 0, SEEK_CUR), 0);
	CHECK_INT(pwrite(fd, w + 2 * REC + 7, 100, 2 * REC + 7), 100);
	CHECK_INT(lseek(fd, 0, SEEK_CUR), 0);
	struct stat st;
	CHECK_INT(fstat(fd, &st), 0);
	CHECK_INT(st.st_size, 2 * REC + 107);
	memset(r, 0xee, sizeof r);
	CHECK_INT(pread(fd, r, 5000, REC - 1000), 5000);
	CHECK_INT(pattern_diff(r, REC - 1000, 5000), 0);
	/* From the hole before the data to the hole after it. */
	memset(r, 0xee, sizeof r);
	CHECK_INT(pread(fd, r, REC, REC / 2), REC);
	size_t bad = 0;
	for (size_t i = 0; i < REC; i++) {
		size_t at = REC / 2 + i;
		unsigned char want = at >= REC - 1000 && at < REC + 4000 ? pattern(at) : 0;
		if (r[i] != want)
			bad++;
	}
	CHECK_INT(bad, 0);
	/* Across the second boundary: hole, then the data, then the end. */
	CHECK_INT(pread(fd, r, 3 * REC, 2 * REC - 10), 117);
	CHECK(r[0] == 0 && r[16] == 0 && r[17] == pattern(2 * REC + 7) &&
	    r[116] == pattern(2 * REC + 106));
	CHECK_INT(pread(fd, r, 10, 2 * REC + 107), 0);
	CHECK_INT(pread(fd, r, 10, 10 * REC), 0);
	/* One big pwrite over all three records, read back in odd pieces. */
	CHECK_INT(pwrite(fd, w, sizeof w, 0), (long)sizeof w);
	size_t off = 0;
	bad = 0;
	while (off < sizeof w) {
		ssize_t n = pread(fd, r, 50001, (off_t)off);
		if (n <= 0)
			break;
		bad += pattern_diff(r, off, (size_t)n);
		off += (size_t)n;
	}
	CHECK_INT(off, sizeof w);
	CHECK_INT(bad, 0);
	/* The position is the plain calls' alone. */
	CHECK_INT(lseek(fd, 0, SEEK_CUR), 0);
	CHECK_INT(read(fd, r, 3), 3);
	CHECK_INT(pread(fd, r + 3, 3, REC), 3);
	CHECK_INT(read(fd, r + 6, 3), 3);
	CHECK(r[0] == pattern(0) && r[3] == pattern(REC) && r[6] == pattern(3));
	CHECK_ERR(pread(fd, r, 1, -1), EINVAL);
	CHECK_ERR(pwrite(fd, r, 1, -5), EINVAL);
	close(fd);
	fd = open(path, O_WRONLY);
	CHECK_ERR(pread(fd, r, 1, 0), EBADF);
	close(fd);
	fd = open(path, O_RDONLY);
	CHECK_ERR(pwrite(fd, r, 1, 0), EBADF);
	close(fd);
	CHECK_INT(unlink(path), 0);
}

static void
do_write(const char *top)
{
	static unsigned char big[300000];
	char buf[256];
	struct stat st;
	struct statvfs sv;
	const char *d = P(top, "kt");
	char dir[512];
	int fd;

	snprintf(dir, sizeof dir, "%s", d);
	CHECK_INT(mkdir(dir, 0755), 0);
	CHECK_ERR(mkdir(dir, 0755), EEXIST);
	CHECK_INT(mkdir(P(dir, "sub"), 0750), 0);
	CHECK_INT(stat(P(dir, "sub"), &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	CHECK_INT(st.st_mode & 0777, 0750);
	check_pio(dir);

	/* A small file: write, fsync, read back, stat. */
	fd = open(P(dir, "a.txt"), O_RDWR | O_CREAT | O_EXCL, 0644);
	CHECK(fd >= 0);
	CHECK_INT(write(fd, "hello redoxfs\n", 14), 14);
	CHECK_INT(fsync(fd), 0);
	CHECK_INT(lseek(fd, 0, SEEK_SET), 0);
	memset(buf, 0, sizeof buf);
	CHECK_INT(read(fd, buf, sizeof buf), 14);
	CHECK_STR(buf, "hello redoxfs\n");
	CHECK_INT(fstat(fd, &st), 0);
	CHECK_INT(st.st_size, 14);
	CHECK(S_ISREG(st.st_mode));
	CHECK_INT(st.st_mode & 0777, 0644);
	CHECK_INT(st.st_uid, 0);
	CHECK(redox_fpath(fd, buf, sizeof buf) > 0 && strstr(buf, "file:/") == buf);
	close(fd);
	CHECK_ERR(open(P(dir, "a.txt"), O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST);

	/* O_APPEND, O_TRUNC, ftruncate. */
	fd = open(P(dir, "a.txt"), O_WRONLY | O_APPEND);
	CHECK_INT(write(fd, "more\n", 5), 5);
	close(fd);
	CHECK_INT(read_file(P(dir, "a.txt"), buf, sizeof buf), 19);
	CHECK(memcmp(buf, "hello redoxfs\nmore\n", 19) == 0);
	CHECK_INT(write_file(P(dir, "t.txt"), "0123456789", 10, 0600), 0);
	fd = open(P(dir, "t.txt"), O_RDWR | O_TRUNC);
	CHECK_INT(fstat(fd, &st), 0);
	CHECK_INT(st.st_size, 0);
	CHECK_INT(write(fd, "abc", 3), 3);
	CHECK_INT(ftruncate(fd, 8192), 0);
	CHECK_INT(fstat(fd, &st), 0);
	CHECK_INT(st.st_size, 8192);
	CHECK_INT(ftruncate(fd, 2), 0);
	close(fd);
	CHECK_INT(read_file(P(dir, "t.txt"), buf, sizeof buf), 2);

	/* A big file in uneven writes, across records. */
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = pattern(i);
	fd = open(P(dir, "big.bin"), O_WRONLY | O_CREAT, 0644);
	CHECK(fd >= 0);
	for (size_t off = 0; off < sizeof big; ) {
		size_t n = sizeof big - off < 70001 ? sizeof big - off : 70001;
		if (write(fd, big + off, n) != (ssize_t)n)
			break;
		off += n;
	}
	CHECK_INT(fsync(fd), 0);
	close(fd);
	check_big(P(dir, "big.bin"), sizeof big);

	/* Rename, unlink, listing. */
	CHECK_INT(rename(P(dir, "a.txt"), P(dir, "sub/b.txt")), 0);
	CHECK_ERR(stat(P(dir, "a.txt"), &st), ENOENT);
	CHECK_INT(stat(P(dir, "sub/b.txt"), &st), 0);
	CHECK_INT(st.st_size, 19);
	CHECK_INT(write_file(P(dir, "gone"), "x", 1, 0644), 0);
	CHECK_INT(unlink(P(dir, "gone")), 0);
	CHECK_ERR(unlink(P(dir, "gone")), ENOENT);
	CHECK_INT(listed(dir, "big.bin"), 1);
	CHECK_INT(listed(dir, "sub"), 1);
	CHECK_INT(listed(dir, "gone"), 0);
	CHECK_INT(listed(dir, "a.txt"), 0);

	/* A file unlinked while open lives until it is closed. */
	CHECK_INT(write_file(P(dir, "open"), "still here", 10, 0644), 0);
	fd = open(P(dir, "open"), O_RDONLY);
	CHECK_INT(unlink(P(dir, "open")), 0);
	memset(buf, 0, sizeof buf);
	CHECK_INT(read(fd, buf, sizeof buf), 10);
	CHECK_STR(buf, "still here");
	close(fd);

	/* Symlinks are followed inside the file system. */
	CHECK_INT(symlink("sub/b.txt", P(dir, "link")), 0);
	memset(buf, 0, sizeof buf);
	CHECK_INT(readlink(P(dir, "link"), buf, sizeof buf), 9);
	CHECK_STR(buf, "sub/b.txt");
	CHECK_INT(read_file(P(dir, "link"), buf, sizeof buf), 19);
	CHECK_INT(lstat(P(dir, "link"), &st), 0);
	CHECK(S_ISLNK(st.st_mode));
	CHECK_INT(stat(P(dir, "link"), &st), 0);
	CHECK(S_ISREG(st.st_mode));
	CHECK_INT(read_file("file:/usr/bin/kt_true", buf, 4), 4);

	/* Errors. */
	CHECK_ERR(rmdir(dir), ENOTEMPTY);
	CHECK_ERR(open(P(dir, "nope"), O_RDONLY), ENOENT);
	CHECK_ERR(open(P(dir, "nope/x"), O_RDONLY | O_CREAT, 0644), ENOENT);
	CHECK_ERR(open(P(dir, "sub"), O_WRONLY), EISDIR);
	CHECK_ERR(open(P(dir, "big.bin"), O_RDONLY | O_DIRECTORY), ENOTDIR);
	CHECK_ERR(open(P(dir, "big.bin/x"), O_RDONLY), ENOTDIR);
	CHECK_ERR(rmdir(P(dir, "big.bin")), ENOTDIR);
	CHECK_ERR(unlink(P(dir, "sub")), EISDIR);
	/* Odd requests get errors, and the daemon goes on. */
	memset(buf, 'n', 253);
	buf[253] = 0;
	CHECK_ERR(open(P(dir, buf), O_WRONLY | O_CREAT, 0644), ENAMETOOLONG);
	CHECK_INT(symlink("loop2", P(dir, "loop1")), 0);
	CHECK_INT(symlink("loop1", P(dir, "loop2")), 0);
	CHECK_ERR(open(P(dir, "loop1"), O_RDONLY), ELOOP);
	CHECK_INT(unlink(P(dir, "loop1")), 0);
	CHECK_INT(unlink(P(dir, "loop2")), 0);
	CHECK_ERR(open(P(dir, "link"), O_RDONLY | O_NOFOLLOW), ELOOP);
	CHECK_INT(stat("file:/../../tmp/../tmp", &st), 0);
	CHECK(S_ISDIR(st.st_mode));
	CHECK_ERR(rmdir("file:/"), EBUSY);
	fd = open(P(dir, "big.bin"), O_RDONLY);
	CHECK_ERR(lseek(fd, -5, SEEK_SET), EINVAL);
	CHECK_INT(__syscall6(SYS_DUP, fd, (long)"bogus", 5, 0, 0, 0), -EINVAL);
	CHECK_INT(__syscall6(SYS_GETDENTS, fd, (long)buf, sizeof buf, 0, 0, 0), -ENOTDIR);
	CHECK_ERR(write(fd, "x", 1), EBADF);
	close(fd);
	CHECK_INT(mkdir(P(dir, "empty"), 0755), 0);
	CHECK_INT(rmdir(P(dir, "empty")), 0);
	CHECK_INT(statvfs("file:", &sv), 0);
	CHECK(sv.f_blocks > 0 && sv.f_bfree > 0 && sv.f_bfree < sv.f_blocks);
	CHECK_INT(sv.f_bsize, 4096);

	/* Special files: the type travels in open's mode (mkfifo, mknod). */
	CHECK_INT(mkfifo(P(dir, "fifo"), 0640), 0);
	CHECK_INT(lstat(P(dir, "fifo"), &st), 0);
	CHECK(S_ISFIFO(st.st_mode));
	CHECK_INT(st.st_mode & 07777, 0640);
	CHECK_ERR(mkfifo(P(dir, "fifo"), 0640), EEXIST);
	CHECK_INT(mknod(P(dir, "chr"), S_IFCHR | 0600, 0), 0);
	CHECK_INT(lstat(P(dir, "chr"), &st), 0);
	CHECK(S_ISCHR(st.st_mode));
	CHECK_INT(mknod(P(dir, "blk"), S_IFBLK | 0600, 0), 0);
	CHECK_INT(lstat(P(dir, "blk"), &st), 0);
	CHECK(S_ISBLK(st.st_mode));
	CHECK_INT(mknod(P(dir, "sock"), S_IFSOCK | 0600, 0), 0);
	CHECK_INT(lstat(P(dir, "sock"), &st), 0);
	CHECK(S_ISSOCK(st.st_mode));
	CHECK_ERR(mknod(P(dir, "chr2"), S_IFCHR | 0600, 5), EINVAL);
	CHECK(listed(dir, "fifo") && listed(dir, "sock"));

	/* A directory's link count: 2 + its subdirectories. */
	CHECK_INT(mkdir(P(dir, "nl"), 0755), 0);
	CHECK_INT(stat(P(dir, "nl"), &st), 0);
	CHECK_INT(st.st_nlink, 2);
	CHECK_INT(mkdir(P(dir, "nl/a"), 0755), 0);
	CHECK_INT(mkdir(P(dir, "nl/b"), 0755), 0);
	CHECK_INT(write_file(P(dir, "nl/f"), "f", 1, 0644), 0);
	CHECK_INT(stat(P(dir, "nl"), &st), 0);
	CHECK_INT(st.st_nlink, 4);
	CHECK_INT(mkdir(P(dir, "nl2"), 0755), 0);
	CHECK_INT(rename(P(dir, "nl/a"), P(dir, "nl2/a")), 0);
	CHECK_INT(rmdir(P(dir, "nl/b")), 0);
	CHECK_INT(stat(P(dir, "nl"), &st), 0);
	CHECK_INT(st.st_nlink, 2);
	CHECK_INT(stat(P(dir, "nl2"), &st), 0);
	CHECK_INT(st.st_nlink, 3);

	/* O_TRUNC moves mtime and ctime, of a full and of an empty file. */
	{
		struct timespec old[2] = { { 1000000000, 0 }, { 1000000000, 0 } };
		for (int i = 0; i < 2; i++) {
			CHECK_INT(utimensat(AT_FDCWD, P(dir, "nl/f"), old, 0), 0);
			fd = open(P(dir, "nl/f"), O_WRONLY | O_TRUNC);
			CHECK(fd >= 0);
			CHECK_INT(fstat(fd, &st), 0);
			CHECK(st.st_mtime > 1000000000 && st.st_size == 0);
			close(fd);
		}
	}

	/* Owners and modes, then denials as an ordinary user. */
	CHECK_INT(write_file(P(dir, "secret"), "root only", 9, 0600), 0);
	CHECK_INT(mkdir(P(dir, "user"), 0755), 0);
	CHECK_INT(chown(P(dir, "user"), 1000, 1000), 0);
	CHECK_INT(write_file(P(dir, "rootfile"), "r", 1, 0644), 0);
	CHECK_INT(chmod(P(dir, "rootfile"), 0444), 0);
	CHECK_INT(stat(P(dir, "rootfile"), &st), 0);
	CHECK_INT(st.st_mode & 0777, 0444);
	CHECK_INT(write_file("file:/tmp/kt_rootfile", "r", 1, 0666), 0);
	CHECK_INT(chmod("file:/tmp/kt_rootfile", 0666), 0);
	CHECK_INT(setgid(1000), 0);
	CHECK_INT(setuid(1000), 0);
	CHECK_INT(getuid(), 1000);
	CHECK_ERR(open(P(dir, "secret"), O_RDONLY), EACCES);
	CHECK_ERR(open(P(dir, "rootfile"), O_WRONLY), EACCES);
	/* O_TRUNC asks to write, whatever the access mode (as Linux). */
	CHECK_ERR(open(P(dir, "rootfile"), O_RDONLY | O_TRUNC), EACCES);
	CHECK_INT(read_file(P(dir, "rootfile"), buf, sizeof buf), 1);
	CHECK_ERR(open(P(dir, "new"), O_WRONLY | O_CREAT, 0644), EACCES);
	CHECK_ERR(mkdir(P(dir, "newdir"), 0755), EACCES);
	CHECK_ERR(unlink(P(dir, "rootfile")), EACCES);
	CHECK_ERR(chmod(P(dir, "rootfile"), 0777), EPERM);
	CHECK_ERR(chown(P(dir, "user"), 0, 0), EPERM);
	CHECK_ERR(open("file:/root/x", O_WRONLY | O_CREAT, 0644), EACCES);
	CHECK_ERR(opendir("file:/root") ? 0 : -1, EACCES);
	/* /tmp is sticky: others' files stay, though the file is writable. */
	CHECK_ERR(unlink("file:/tmp/kt_rootfile"), EPERM);
	CHECK_INT(write_file(P(dir, "user/u.txt"), "user data\n", 10, 0640), 0);
	CHECK_INT(stat(P(dir, "user/u.txt"), &st), 0);
	CHECK_INT(st.st_uid, 1000);
	CHECK_INT(st.st_gid, 1000);
	CHECK_INT(stat(P(dir, "secret"), &st), 0);	/* stat needs no read access */
	CHECK_INT(read_file(P(dir, "big.bin"), buf, 16), 16);
}

static void
do_read(const char *dir)
{
	char buf[256];
	struct stat st;

	memset(buf, 0, sizeof buf);
	CHECK_INT(read_file(P(dir, "hello.txt"), buf, sizeof buf), 14);
	CHECK_STR(buf, "from the host\n");
	CHECK_INT(stat(P(dir, "hello.txt"), &st), 0);
	CHECK_INT(st.st_uid, 1000);
	CHECK_INT(st.st_mode & 0777, 0640);
	check_big(P(dir, "big.bin"), 300000);
	CHECK_INT(listed(dir, "sub"), 1);
	CHECK_INT(listed(P(dir, "sub"), "deep.txt"), 1);
	CHECK_INT(read_file(P(dir, "sub/deep.txt"), buf, sizeof buf), 5);
	/* The OS may change what the host made. */
	CHECK_INT(write_file(P(dir, "sub/deep.txt"), "changed\n", 8, 0644), 0);
	CHECK_INT(unlink(P(dir, "hello.txt")), 0);
}

int
main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: kt_fs write|read DIR\n");
		return 2;
	}
	if (!strcmp(argv[1], "write"))
		do_write(argv[2]);
	else if (!strcmp(argv[1], "read"))
		do_read(argv[2]);
	else
		return 2;
	return finish();
}
