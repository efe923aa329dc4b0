/*
 * strings - prints the runs of printable characters (and tabs) at least
 * -n long (default 4) found anywhere in each file, as GNU strings does
 * by default (it scans the whole file).  -t d|o|x puts the offset first.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct st {
	size_t min;
	char radix;		/* 0, 'd', 'o', 'x' */
	char *run;
	size_t len, cap;
	unsigned long long start, off;
};

static void
usage(FILE *f)
{
	fprintf(f, "usage: strings [-a] [-n MIN] [-t d|o|x] [FILE...]\n"
	    "  -a         scan the whole file (always done)\n"
	    "  -n MIN     print runs of at least MIN characters (default 4)\n"
	    "  -t RADIX   print each run's offset in decimal, octal or hex\n"
	    "  --help     show this help\n");
}

static void
st_flush(struct st *s)
{
	if (s->len >= s->min) {
		if (s->radix == 'd')
			printf("%7llu ", s->start);
		else if (s->radix == 'o')
			printf("%7llo ", s->start);
		else if (s->radix == 'x')
			printf("%7llx ", s->start);
		fwrite(s->run, 1, s->len, stdout);
		putchar('\n');
	}
	s->len = 0;
}

static int
st_byte(struct st *s, int c)
{
	if ((c >= 0x20 && c < 0x7f) || c == '\t') {
		if (s->len == 0)
			s->start = s->off;
		if (s->len + 1 > s->cap) {
			size_t nc = s->cap ? s->cap * 2 : 256;
			char *p = realloc(s->run, nc);
			if (!p)
				return -ENOMEM;
			s->run = p;
			s->cap = nc;
		}
		s->run[s->len++] = (char)c;
	} else {
		st_flush(s);
	}
	s->off++;
	return 0;
}

static int
st_file(struct st *s, const char *name)
{
	int fd = name ? open(name, O_RDONLY) : 0;
	unsigned char buf[8192];
	const char *shown = name ? name : "{standard input}";
	if (fd < 0) {
		fprintf(stderr, "strings: %s: %s\n", name, strerror(errno));
		return -1;
	}
	s->len = 0;
	s->off = 0;
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fprintf(stderr, "strings: %s: %s\n", shown, strerror(errno));
			break;
		}
		if (r == 0)
			break;
		for (ssize_t i = 0; i < r; i++)
			if (st_byte(s, buf[i]) < 0) {
				fprintf(stderr, "strings: out of memory\n");
				if (name)
					close(fd);
				return -1;
			}
	}
	st_flush(s);
	if (name)
		close(fd);
	return 0;
}

int
main(int argc, char **argv)
{
	struct st s;
	int ch, rc = 0;
	char *end;

	memset(&s, 0, sizeof s);
	s.min = 4;
	if (argc > 1 && !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	while ((ch = getopt(argc, argv, "an:t:")) != -1) {
		switch (ch) {
		case 'a': break;
		case 'n': {
			errno = 0;
			long v = strtol(optarg, &end, 10);
			if (errno || end == optarg || *end || v < 1) {
				fprintf(stderr, "strings: invalid minimum string length %s\n", optarg);
				return 1;
			}
			s.min = (size_t)v;
			break;
		}
		case 't':
			if (strlen(optarg) != 1 || !strchr("dox", optarg[0])) {
				fprintf(stderr, "strings: invalid radix: %s\n", optarg);
				return 1;
			}
			s.radix = optarg[0];
			break;
		default:
			usage(stderr);
			return 1;
		}
	}
	if (optind == argc && st_file(&s, NULL) < 0)
		rc = 1;
	for (int i = optind; i < argc; i++)
		if (st_file(&s, argv[i]) < 0)
			rc = 1;
	free(s.run);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "strings: write error: %s\n", strerror(errno));
		return 1;
	}
	return rc;
}
