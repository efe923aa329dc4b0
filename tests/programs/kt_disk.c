/*
 * kt_disk - disk:0 through the HAL's block device.
 *   kt_disk write   writes a known pattern at byte 4096 (8 sectors) and syncs
 *   kt_disk read    reads it back and checks it
 * Either way it also checks the errors: unaligned writes, reads past the
 * end, a disk that is not there.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define OFF 4096
#define LEN 4096

static int bad;

static void
check(const char *what, int ok)
{
	if (!ok) {
		printf("kt_disk: FAIL %s (errno %d)\n", what, errno);
		bad = 1;
	}
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
	close(fd);
	check("disk:9 is not there", open("disk:9", O_RDONLY) == -1 && errno == ENOENT);
	printf(bad ? "kt_disk: FAILED\n" : "kt_disk: %s ok\n", writing ? "write" : "read");
	return bad;
}
