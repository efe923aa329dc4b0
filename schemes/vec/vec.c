/* vec - the book's client for vec:: prints "olleH ih/". */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int
main(void)
{
	int fd = open("vec:/hi", O_RDWR);
	if (fd < 0) {
		perror("vec: open vec:/hi");
		return 1;
	}
	if (write(fd, " Hello", 6) != 6) {
		perror("vec: write");
		return 1;
	}
	char buf[256];
	size_t have = 0;
	ssize_t n;
	while (have < sizeof buf - 1 && (n = read(fd, buf + have, sizeof buf - 1 - have)) > 0)
		have += (size_t)n;
	if (n < 0) {
		perror("vec: read");
		return 1;
	}
	buf[have] = 0;
	printf("%s\n", buf);
	close(fd);
	return 0;
}
