/*
 * kt_disk - disk:0 through the HAL's block device.
 *   kt_disk write   writes a known pattern at byte 4096 (8 sectors) and syncs
 *   kt_disk read    reads it back and checks it
 * Either way it also checks the errors: unaligned writes, reads past the
 * end, a disk that is not there.  pwrite puts a second pattern at an odd
 * sector (PIO_OFF); pread checks it at odd byte offsets, and in pieces
 * larger than the disk's 64 KiB transfer buffer.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define OFF 4096
#define LEN 4096
#define PIO_OFF (65536 + 512 * 5)
#define BIG (140 * 1024)

static int bad;

static void
check(const char *what, int ok)
{
	if (!ok) {
		printf("kt_disk: FAIL %s (errno %d)\n", what, errno);
		bad = 1;
	}
}

static unsigned char big[BIG + 8], big2[BIG + 8];

/* The pattern of the positioned checks at byte i of the disk. */
static unsigned char
pio_byte(long i)
{
	return (unsigned char)(i * 13 + i / 509 + 1);
}

static void
check_pio(int fd, int writing, long size)
{
	unsigned char w[3 * 512], r[2000];
	for (int i = 0; i < (int)sizeof w; i++)
		w[i] = pio_byte(PIO_OFF + i);
	off_t pos = lseek(fd, 100, SEEK_SET);
	if (writing) {
		check("pwrite at an odd sector", pwrite(fd, w, sizeof w, PIO_OFF) == sizeof w);
		check("pwrite at a byte offset is EINVAL",
		    pwrite(fd, w, 512, PIO_OFF + 3) == -1 && errno == EINVAL);
		check("pwrite of part of a sector is EINVAL",
		    pwrite(fd, w, 100, PIO_OFF) == -1 && errno == EINVAL);
		check("pwrite past the end is ENOSPC",
		    pwrite(fd, w, 512, size) == -1 && errno == ENOSPC);
		check("fsync after pwrite", fsync(fd) == 0);
	}
	check("pread at an odd sector", pread(fd, r, sizeof w, PIO_OFF) == sizeof w &&
	    memcmp(r, w, sizeof w) == 0);
	check("pread at an odd byte", pread(fd, r, 1001, PIO_OFF + 7) == 1001 &&
	    memcmp(r, w + 7, 1001) == 0);
	check("pread across sectors from a byte offset",
	    pread(fd, r, 3, PIO_OFF + 511) == 3 && memcmp(r, w + 511, 3) == 0);
	check("pread leaves the position", lseek(fd, 0, SEEK_CUR) == pos && pos == 100);
	check("pread at the end gives 0", pread(fd, r, 512, size) == 0);
	check("pread near the end is short", pread(fd, r, 512, size - 3) == 3);
	check("pread at a negative offset is EINVAL",
	    pread(fd, r, 1, -1) == -1 && errno == EINVAL);
	/* Bigger than the disk's transfer buffer, aligned and not: the same
	 * bytes as a plain read from there. */
	long offs[] = { 0, 1, 512 * 7, 512 * 7 + 300 };
	for (int i = 0; i < 4; i++) {
		memset(big, 0xaa, sizeof big);
		memset(big2, 0x55, sizeof big2);
		check("big pread", pread(fd, big + (i & 1), BIG, offs[i]) == BIG);
		check("big read", lseek(fd, offs[i], SEEK_SET) == offs[i] &&
		    read(fd, big2, BIG) == BIG);
		check("big pread and read agree", memcmp(big + (i & 1), big2, BIG) == 0);
	}
	check("big pread saw the pattern", memcmp(big2 + PIO_OFF - 512 * 7 - 300, w,
	    sizeof w) == 0);
}

static void
pattern(unsigned char *p)
{
	for (int i = 0; i < LEN; i++)
		p[i] = (unsigned char)(i * 7 + 3);
	memcpy(p, "REDOX-C DISK TEST PATTERN", 25);
}

int
main(int argc, char **argv)
{
	unsigned char want[LEN], got[LEN];
	int writing = argc > 1 && !strcmp(argv[1], "write");
	pattern(want);
	int fd = open("disk:0", O_RDWR);
	if (fd < 0) {
		printf("kt_disk: open disk:0: %s\n", strerror(errno));
		return 1;
	}
	struct stat st;
	check("fstat", fstat(fd, &st) == 0 && st.st_size >= 65536);
	if (writing) {
		check("seek", lseek(fd, OFF, SEEK_SET) == OFF);
		check("write", write(fd, want, LEN) == LEN);
		check("fsync", fsync(fd) == 0);
		check("unaligned write is EINVAL", lseek(fd, 7, SEEK_SET) == 7 &&
		    write(fd, want, 512) == -1 && errno == EINVAL);
		check("short write is EINVAL", lseek(fd, 0, SEEK_SET) == 0 &&
		    write(fd, want, 100) == -1 && errno == EINVAL);
	}
	check("seek back", lseek(fd, OFF, SEEK_SET) == OFF);
	check("read", read(fd, got, LEN) == LEN && memcmp(got, want, LEN) == 0);
	check("read at an odd offset", lseek(fd, OFF + 3, SEEK_SET) == OFF + 3 &&
	    read(fd, got, 10) == 10 && memcmp(got, want + 3, 10) == 0);
	check("read at the end gives 0", lseek(fd, st.st_size, SEEK_SET) == st.st_size &&
	    read(fd, got, 512) == 0);
	check_pio(fd, writing, (long)st.st_size);
	close(fd);
	check("disk:9 is not there", open("disk:9", O_RDONLY) == -1 && errno == ENOENT);
	printf(bad ? "kt_disk: FAILED\n" : "kt_disk: %s ok\n", writing ? "write" : "read");
	return bad;
}
