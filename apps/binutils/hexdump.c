/*
 * hexdump - shows files as hex, the way util-linux's hexdump does: the
 * default is 16-bit little-endian words, -C the canonical hex+ASCII
 * form.  Identical 16-byte lines after the first are one "*" (unless -v).
 * Several files are one stream, as in util-linux.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

struct hd {
	int canon, verbose;
	unsigned char line[16], prev[16];
	size_t fill;		/* bytes in line */
	unsigned long long off;	/* offset of line[0] */
	int have_prev, starred;
	long long limit;	/* -n: bytes left, < 0 = no limit */
	unsigned long long skip;
};

static void
usage(FILE *f)
{
	fprintf(f, "usage: hexdump [-Cv] [-n LENGTH] [-s OFFSET] [FILE...]\n"
	    "  -C         canonical hex+ASCII display\n"
	    "  -v         show identical lines instead of '*'\n"
	    "  -n LENGTH  show only LENGTH bytes of input\n"
	    "  -s OFFSET  skip OFFSET bytes from the start of input\n"
	    "             (sizes take K M G = 1024s, KB MB GB = 1000s)\n"
	    "  --help     show this help\n");
}

static void
hd_print(struct hd *h)
{
	size_t i;
	if (h->fill == 16 && !h->verbose && h->have_prev &&
	    !memcmp(h->line, h->prev, 16)) {
		if (!h->starred)
			fputs("*\n", stdout);
		h->starred = 1;
		return;
	}
	h->starred = 0;
	if (h->canon) {
		char hex[64];
		size_t n = 0;
		for (i = 0; i < 16; i++) {
			if (i == 8)
				hex[n++] = ' ';
			if (i < h->fill)
				n += (size_t)snprintf(hex + n, sizeof hex - n, "%02x ", h->line[i]);
			else {
				memcpy(hex + n, "   ", 3);
				n += 3;
			}
		}
		hex[n] = 0;
		printf("%08llx  %s |", h->off, hex);
		for (i = 0; i < h->fill; i++) {
			int c = h->line[i];
			putchar(c >= 0x20 && c < 0x7f ? c : '.');
		}
		fputs("|\n", stdout);
	} else {
		char out[64];
		size_t n = 0;
		for (i = 0; i < h->fill; i += 2) {
			unsigned w = h->line[i] | (i + 1 < h->fill ? h->line[i + 1] << 8 : 0);
			n += (size_t)snprintf(out + n, sizeof out - n, " %04x", w);
		}
		out[n] = 0;
		/* A short last line is padded to the width of a full one. */
		printf("%07llx%-40s\n", h->off, out);
		if (h->fill < 16)
			return;
	}
	memcpy(h->prev, h->line, 16);
	h->have_prev = 1;
}

/* Feeds n bytes; returns 1 when -n's limit is reached. */
static int
hd_feed(struct hd *h, const unsigned char *p, size_t n)
{
	while (n) {
		if (h->skip) {
			size_t k = n < h->skip ? n : (size_t)h->skip;
			h->skip -= k;
			h->off += k;
			p += k;
			n -= k;
			continue;
		}
		if (h->limit == 0)
			return 1;
		h->line[h->fill++] = *p++;
		n--;
		if (h->limit > 0)
			h->limit--;
		if (h->fill == 16) {
			hd_print(h);
			h->off += 16;
			h->fill = 0;
		}
	}
	return h->limit == 0;
}

static int
hd_file(struct hd *h, const char *name)
{
	int fd = name ? open(name, O_RDONLY) : 0;
	unsigned char buf[8192];
	if (fd < 0) {
		fprintf(stderr, "hexdump: %s: %s\n", name, strerror(errno));
		return -1;
	}
	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fprintf(stderr, "hexdump: %s: %s\n", name ? name : "stdin", strerror(errno));
			if (name)
				close(fd);
			return -1;
		}
		if (r == 0 || hd_feed(h, buf, (size_t)r))
			break;
	}
	if (name)
		close(fd);
	return 0;
}

/*
 * A size as util-linux takes it: decimal, 0x hex or 0 octal, then an
 * optional K, M, G (powers of 1024; "KiB" too) or KB, MB, GB (of 1000).
 */
static int
parse_size(const char *s, unsigned long long *v)
{
	static const char units[] = "KMG";
	char *end;
	if (s[0] == '-' || !*s)
		return -EINVAL;
	errno = 0;
	unsigned long long x = strtoull(s, &end, 0);
	if (errno == ERANGE)
		return -ERANGE;
	if (errno || end == s)
		return -EINVAL;
	if (*end) {
		const char *u = strchr(units, end[0] & ~0x20);
		if (!u || !end[0])
			return -EINVAL;
		unsigned base = 1024;
		if ((end[1] == 'B' || end[1] == 'b') && !end[2])
			base = 1000;
		else if (end[1] && strcasecmp(end + 1, "iB"))
			return -EINVAL;
		for (long i = 0; i <= u - units; i++) {
			if (x > ~0ULL / base)
				return -ERANGE;
			x *= base;
		}
	}
	*v = x;
	return 0;
}

int
main(int argc, char **argv)
{
	struct hd h;
	int ch, rc = 0, prc;
	unsigned long long v;

	memset(&h, 0, sizeof h);
	h.limit = -1;
	if (argc > 1 && !strcmp(argv[1], "--help")) {
		usage(stdout);
		return 0;
	}
	while ((ch = getopt(argc, argv, "Cvn:s:")) != -1) {
		switch (ch) {
		case 'C': h.canon = 1; break;
		case 'v': h.verbose = 1; break;
		case 'n':
			if ((prc = parse_size(optarg, &v)) < 0 || v > (1ULL << 62)) {
				fprintf(stderr, "hexdump: failed to parse length: '%s': %s\n",
				    optarg, strerror(prc < 0 ? -prc : ERANGE));
				return 1;
			}
			h.limit = (long long)v;
			break;
		case 's':
			if ((prc = parse_size(optarg, &v)) < 0) {
				fprintf(stderr, "hexdump: failed to parse offset: '%s': %s\n",
				    optarg, strerror(-prc));
				return 1;
			}
			h.skip = v;
			break;
		default:
			usage(stderr);
			return 1;
		}
	}
	if (optind == argc) {
		if (hd_file(&h, NULL) < 0)
			rc = 1;
	}
	for (int i = optind; i < argc && h.limit != 0; i++)
		if (hd_file(&h, argv[i]) < 0)
			rc = 1;
	if (h.fill) {
		hd_print(&h);
		h.off += h.fill;
	}
	if (h.off || h.have_prev)
		printf(h.canon ? "%08llx\n" : "%07llx\n", h.off);
	if (fflush(stdout) != 0) {
		fprintf(stderr, "hexdump: write error: %s\n", strerror(errno));
		return 1;
	}
	return rc;
}
