/* wc - counts lines, words and bytes (-l -w -c; all three by default). */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "lib/cu.h"

struct wc_counts {
	unsigned long long lines, words, bytes;
};

static int
wc_fd(int fd, struct wc_counts *n)
{
	char buf[8192];
	ssize_t r;
	int inword = 0;
	while ((r = read(fd, buf, sizeof buf)) > 0) {
		n->bytes += (unsigned long long)r;
		for (ssize_t i = 0; i < r; i++) {
			unsigned char ch = (unsigned char)buf[i];
			if (ch == '\n')
				n->lines++;
			if (isspace(ch)) {
				inword = 0;
			} else if (!inword) {
				inword = 1;
				n->words++;
			}
		}
	}
	return r < 0 ? -errno : 0;
}

static void
wc_print(const struct wc_counts *n, int l, int w, int c, int width, const char *name)
{
	const char *sep = "";
	if (l)
		printf("%*llu", width, n->lines), sep = " ";
	if (w)
		printf("%s%*llu", sep, width, n->words), sep = " ";
	if (c)
		printf("%s%*llu", sep, width, n->bytes);
	if (name)
		printf(" %s", name);
	putchar('\n');
}

int
main(int argc, char **argv)
{
	struct cu_opt o;
	struct wc_counts total = { 0, 0, 0 }, *counts;
	int l = 0, w = 0, cflag = 0, status = 0, c, nfiles;

	cu_init("wc", "[-lwc] [FILE]...\nPrint line, word and byte counts of each FILE (or stdin).\n", 1);
	cu_opt_init(&o, argc, argv);
	while ((c = cu_opt_next(&o, "lwcm")) != -1) {
		if (c == 'l')
			l = 1;
		else if (c == 'w')
			w = 1;
		else
			cflag = 1;
	}
	if (!l && !w && !cflag)
		l = w = cflag = 1;
	nfiles = argc - o.ind;
	struct wc_counts one[nfiles ? nfiles : 1];
	int ok[nfiles ? nfiles : 1];
	counts = one;
	if (nfiles == 0) {
		memset(&counts[0], 0, sizeof counts[0]);
		if (wc_fd(0, &counts[0]) != 0) {
			cu_err("standard input", errno);
			return 1;
		}
		/* GNU sizes columns from a regular file's size, else 7. */
		struct stat sb;
		int width = 7;
		if (fstat(0, &sb) == 0 && S_ISREG(sb.st_mode))
			for (width = 1; sb.st_size >= 10; sb.st_size /= 10)
				width++;
		wc_print(&counts[0], l, w, cflag, l + w + cflag == 1 ? 1 : width, NULL);
		return 0;
	}
	/* GNU sizes the columns from the total byte count of regular files. */
	for (int i = 0; i < nfiles; i++) {
		const char *name = argv[o.ind + i];
		int fd = strcmp(name, "-") ? open(name, O_RDONLY) : 0;
		memset(&counts[i], 0, sizeof counts[i]);
		ok[i] = 0;
		if (fd < 0) {
			cu_err(name, errno);
			status = 1;
			continue;
		}
		int e = wc_fd(fd, &counts[i]);
		if (fd != 0)
			close(fd);
		if (e) {
			cu_err(name, -e);
			status = 1;
			continue;
		}
		ok[i] = 1;
		total.lines += counts[i].lines;
		total.words += counts[i].words;
		total.bytes += counts[i].bytes;
	}
	int width = 1;
	for (unsigned long long v = total.bytes; v >= 10; v /= 10)
		width++;
	if (nfiles == 1 && l + w + cflag == 1)
		width = 1;
	for (int i = 0; i < nfiles; i++)
		if (ok[i])
			wc_print(&counts[i], l, w, cflag, width, argv[o.ind + i]);
	if (nfiles > 1)
		wc_print(&total, l, w, cflag, width, "total");
	return status;
}
