/*
 * wget - fetches an http:// URL into a file (net/http does the HTTP).
 *   wget [-q] [-O FILE] URL     (-O - writes to stdout; "http://" may
 *                                be left out)
 * The file is named after the URL's last path part (index.html for a
 * directory).  A progress bar on stderr when it is a terminal.  A status
 * other than 2xx, or a body cut short, is an error (exit 1), and nothing
 * is kept.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "net/http/http.h"
#include "net/tools/netutil.h"

struct out {
	const char *name;
	int fd;		/* -1 until the body starts */
	int quiet, bar;
	int ferr;	/* the file's own error (errno), to name the file */
	time_t start;
};

static int
out_begin(void *arg, long long length)
{
	struct out *o = arg;

	(void)length;
	if (strcmp(o->name, "-") == 0)
		o->fd = 1;
	else if ((o->fd = open(o->name, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
		return -(o->ferr = errno);
	o->start = time(NULL);
	return 0;
}

static int
out_write(void *arg, const void *buf, size_t len)
{
	struct out *o = arg;

	return net_write_all(o->fd, buf, len) < 0 ? -(o->ferr = errno) : 0;
}

static void
out_progress(void *arg, long long got, long long total)
{
	struct out *o = arg;
	double secs = difftime(time(NULL), o->start);
	double rate = secs > 0 ? (double)got / secs / 1024 : 0;

	if (!o->bar)
		return;
	if (total > 0) {
		int pct = (int)(got * 100 / total), w = pct * 30 / 100;
		fprintf(stderr, "\r%3d%% [%.*s%*s] %lld bytes %.0f KiB/s ", pct, w,
		    "==============================", 30 - w, "", got, rate);
	} else {
		fprintf(stderr, "\r%lld bytes %.0f KiB/s ", got, rate);
	}
}

static void
out_redirect(void *arg, const char *url)
{
	struct out *o = arg;

	if (!o->quiet)
		fprintf(stderr, "wget: redirected to %s\n", url);
}

static int
usage(void)
{
	fprintf(stderr, "usage: wget [-q] [-O FILE] URL\n");
	return 2;
}

int
main(int argc, char **argv)
{
	struct out o = { .fd = -1 };
	struct http_get g = { .begin = out_begin, .write = out_write,
	    .progress = out_progress, .redirect = out_redirect, .arg = &o };
	char url[HTTP_URL_MAX], name[256], err[256];
	struct http_url u;
	int c, r;

	net_prog = "wget";
	while ((c = getopt(argc, argv, "qO:")) != -1) {
		if (c == 'q')
			o.quiet = 1;
		else if (c == 'O')
			o.name = optarg;
		else
			return usage();
	}
	if (argc - optind != 1)
		return usage();
	r = snprintf(url, sizeof url, "%s%s", strstr(argv[optind], "://") ? "" : "http://",
	    argv[optind]);
	if (r < 0 || (size_t)r >= sizeof url) {
		fprintf(stderr, "wget: %s: the URL is too long\n", argv[optind]);
		return 1;
	}
	if (http_parse_url(url, &u, err, sizeof err) < 0) {
		fprintf(stderr, "wget: %s: %s\n", argv[optind], err);
		return 1;
	}
	if (o.name == NULL) {
		const char *base = strrchr(u.path, '/') + 1;
		size_t l = strcspn(base, "?");
		if (l == 0)
			snprintf(name, sizeof name, "index.html");
		else
			snprintf(name, sizeof name, "%.*s", (int)(l < 255 ? l : 255), base);
		o.name = name;
	}
	o.bar = !o.quiet && isatty(2);
	r = http_get(url, &g);
	if (o.bar && o.fd >= 0)
		fputc('\n', stderr);
	if (o.fd > 1 && close(o.fd) < 0 && r == 0)
		r = -(o.ferr = errno);
	if (r < 0) {
		if (o.ferr)
			fprintf(stderr, "wget: %s: %s\n", o.name, strerror(o.ferr));
		else
			fprintf(stderr, "wget: %s: %s\n", g.url, g.err);
		if (o.fd > 1)
			unlink(o.name);
		return 1;
	}
	if (!o.quiet)
		fprintf(stderr, "wget: %s: %lld bytes\n", o.name, g.got);
	return 0;
}
