/* cu - the coreutils programs' shared helpers (see cu.h). */
#include "cu.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *cu_name = "?";
static const char *cu_text = "";
static int cu_bad = 1;

void
cu_init(const char *prog, const char *usage, int bad_status)
{
	cu_name = prog;
	cu_text = usage;
	cu_bad = bad_status;
}

const char *
cu_prog(void)
{
	return cu_name;
}

_Noreturn void
cu_usage(int status)
{
	FILE *f = status == 0 ? stdout : stderr;
	fprintf(f, "usage: %s %s", cu_name, cu_text);
	if (status != 0)
		fprintf(f, "Try '%s --help' for more information.\n", cu_name);
	exit(fflush(f) == 0 ? status : 1);
}

void
cu_opt_init(struct cu_opt *o, int argc, char **argv)
{
	o->argc = argc;
	o->argv = argv;
	o->ind = 1;
	o->next = NULL;
	o->arg = NULL;
	o->permute = 1;
	o->moved = 0;
}

long long
cu_opt_old_count(struct cu_opt *o)
{
	const char *a = o->argc > 1 ? o->argv[1] : NULL;
	char *end;
	long long n;

	if (a == NULL || a[0] != '-' || a[1] < '0' || a[1] > '9')
		return -1;
	n = strtoll(a + 1, &end, 10);
	if (*end != '\0' || n < 0)
		return -1;
	o->ind = 2;
	return n;
}

static int
cu_is_opt(const char *a)
{
	return a[0] == '-' && a[1] != 0;
}

/* Moves argv[from] down to argv[to], shifting the words between up. */
static void
cu_rotate(char **argv, int to, int from)
{
	char *w = argv[from];
	memmove(argv + to + 1, argv + to, (size_t)(from - to) * sizeof *argv);
	argv[to] = w;
}

int
cu_opt_next(struct cu_opt *o, const char *spec)
{
	o->arg = NULL;
	if (o->next == NULL || *o->next == 0) {
		const char *a;
		if (o->ind >= o->argc)
			return -1;
		a = o->argv[o->ind];
		o->moved = 0;
		if (!cu_is_opt(a)) {
			int j = o->ind + 1;
			if (!o->permute)
				return -1;
			while (j < o->argc && !cu_is_opt(o->argv[j]))
				j++;
			if (j >= o->argc)
				return -1;
			/* "--" ends the options; the operands after it stay. */
			if (!strcmp(o->argv[j], "--")) {
				cu_rotate(o->argv, o->ind, j);
				o->ind++;
				return -1;
			}
			cu_rotate(o->argv, o->ind, j);
			o->moved = j;
			a = o->argv[o->ind];
		}
		if (!strcmp(a, "--")) {
			o->ind++;
			return -1;
		}
		if (a[1] == '-') {
			if (!strcmp(a, "--help"))
				cu_usage(0);
			fprintf(stderr, "%s: unrecognized option '%s'\n", cu_name, a);
			cu_usage(cu_bad);
		}
		o->next = a + 1;
		o->ind++;
	}
	int c = (unsigned char)*o->next++;
	const char *p = c == ':' ? NULL : strchr(spec, c);
	if (p == NULL) {
		fprintf(stderr, "%s: invalid option -- '%c'\n", cu_name, c);
		cu_usage(cu_bad);
	}
	if (p[1] == ':') {
		if (*o->next) {
			o->arg = o->next;
		} else if (o->moved ? o->moved + 1 < o->argc : o->ind < o->argc) {
			/* A moved option's argument was the word after it. */
			if (o->moved && o->moved + 1 < o->argc)
				cu_rotate(o->argv, o->ind, o->moved + 1);
			o->arg = o->argv[o->ind++];
		} else {
			fprintf(stderr, "%s: option requires an argument -- '%c'\n", cu_name, c);
			cu_usage(cu_bad);
		}
		o->next = NULL;
	}
	return c;
}

void
cu_err(const char *what, int err)
{
	fprintf(stderr, "%s: %s: %s\n", cu_name, what, strerror(err));
}

void
cu_msg(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s: ", cu_name);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
cu_human(uint64_t n, char *buf, size_t len)
{
	static const char units[] = "KMGTPE";
	if (n < 1024) {
		snprintf(buf, len, "%llu", (unsigned long long)n);
		return;
	}
	/* Work in tenths, rounding up as GNU does. */
	int u = 0;
	uint64_t div = 1024;
	while (u < 5 && n >= div * 1024) {
		div *= 1024;
		u++;
	}
	uint64_t tenths = (n * 10 + div - 1) / div;
	if (tenths < 100) {
		snprintf(buf, len, "%llu.%llu%c", (unsigned long long)(tenths / 10),
		    (unsigned long long)(tenths % 10), units[u]);
		return;
	}
	uint64_t whole = (n + div - 1) / div;
	if (whole >= 1024 && u < 5) {
		snprintf(buf, len, "1.0%c", units[u + 1]);
		return;
	}
	snprintf(buf, len, "%llu%c", (unsigned long long)whole, units[u]);
}

char *
cu_join(const char *dir, const char *name)
{
	size_t dl = strlen(dir), nl = strlen(name);
	int slash = dl > 0 && dir[dl - 1] == '/';
	char *p;
	if (dl + nl + 2 > 4096) {
		errno = ENAMETOOLONG;
		return NULL;
	}
	if ((p = malloc(dl + nl + 2)) == NULL)
		return NULL;
	memcpy(p, dir, dl);
	if (!slash)
		p[dl++] = '/';
	memcpy(p + dl, name, nl + 1);
	return p;
}

int
cu_write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
cu_copy_fd(int in, int out, int *which)
{
	char buf[16384];
	for (;;) {
		ssize_t r = read(in, buf, sizeof buf);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			*which = 0;
			return -errno;
		}
		if (r == 0)
			return 0;
		int e = cu_write_all(out, buf, (size_t)r);
		if (e) {
			*which = 1;
			return e;
		}
	}
}

const char *
cu_dest(int argc, char **argv, int ind, int *isdir)
{
	struct stat sb;
	int n = argc - ind;
	if (n < 2) {
		if (n == 0)
			cu_msg("missing file operand");
		else
			cu_msg("missing destination file operand after '%s'", argv[ind]);
		cu_usage(1);
	}
	const char *dest = argv[argc - 1];
	*isdir = stat(dest, &sb) == 0 && S_ISDIR(sb.st_mode);
	if (n > 2 && !*isdir) {
		cu_msg("target '%s' is not a directory", dest);
		return NULL;
	}
	return dest;
}

void
cu_target(const char *dest, int isdir, const char *src, char *buf, size_t len)
{
	if (!isdir) {
		snprintf(buf, len, "%s", dest);
		return;
	}
	size_t l = strlen(src);
	while (l > 1 && src[l - 1] == '/')
		l--;
	const char *b = src + l;
	while (b > src && b[-1] != '/')
		b--;
	snprintf(buf, len, "%s/%.*s", dest, (int)(src + l - b), b);
}
