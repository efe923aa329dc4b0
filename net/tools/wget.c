/*
 * wget - fetches an http:// URL into a file with HTTP/1.1.
 *   wget [-q] [-O FILE] URL     (-O - writes to stdout)
 * The file is named after the URL's last path part (index.html for a
 * directory).  Follows up to 5 redirects; reads Content-Length and
 * chunked bodies; a progress bar on stderr when it is a terminal.  A
 * status other than 2xx is an error (exit 1), and nothing is kept.
 * No https: there is no TLS here.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "net/tools/netutil.h"

struct url {
	char host[256], port[8], path[1024];
};

/* A buffered reader over the connection. */
struct conn {
	int fd;
	char buf[16384];
	size_t pos, len;
};

static int quiet;

static int
parse_url(const char *u, struct url *out)
{
	if (!strncasecmp(u, "https://", 8)) {
		fprintf(stderr, "wget: %s: https is not supported (no TLS)\n", u);
		return -1;
	}
	if (!strncasecmp(u, "http://", 7))
		u += 7;
	size_t h = strcspn(u, ":/");
	if (h == 0 || h >= sizeof out->host) {
		fprintf(stderr, "wget: %s: no host in the URL\n", u);
		return -1;
	}
	memcpy(out->host, u, h);
	out->host[h] = 0;
	u += h;
	snprintf(out->port, sizeof out->port, "80");
	if (*u == ':') {
		size_t p = strspn(u + 1, "0123456789");
		if (p == 0 || p > 5 || (u[1 + p] && u[1 + p] != '/')) {
			fprintf(stderr, "wget: bad port in the URL\n");
			return -1;
		}
		snprintf(out->port, sizeof out->port, "%.*s", (int)p, u + 1);
		u += 1 + p;
	}
	if (strlen(*u ? u : "/") >= sizeof out->path) {
		fprintf(stderr, "wget: the URL's path is too long\n");
		return -1;
	}
	snprintf(out->path, sizeof out->path, "%s", *u ? u : "/");
	return 0;
}

/* The next byte, or -1 at the end (or an error). */
static int
getb(struct conn *c)
{
	if (c->pos == c->len) {
		ssize_t n = recv(c->fd, c->buf, sizeof c->buf, 0);
		if (n <= 0)
			return -1;
		c->pos = 0;
		c->len = (size_t)n;
	}
	return (unsigned char)c->buf[c->pos++];
}

/* One header line without its CRLF; -1 at the end of the stream. */
static int
getline_crlf(struct conn *c, char *line, size_t n)
{
	size_t i = 0;
	int ch;
	while ((ch = getb(c)) >= 0 && ch != '\n')
		if (i + 1 < n)
			line[i++] = (char)ch;
	if (ch < 0 && i == 0)
		return -1;
	if (i > 0 && line[i - 1] == '\r')
		i--;
	line[i] = 0;
	return 0;
}

static void
progress(long long got, long long total, time_t start)
{
	if (quiet || !isatty(2))
		return;
	double secs = difftime(time(NULL), start);
	double rate = secs > 0 ? (double)got / secs / 1024 : 0;
	if (total > 0) {
		int pct = (int)(got * 100 / total), w = pct * 30 / 100;
		fprintf(stderr, "\r%3d%% [%.*s%*s] %lld bytes %.0f KiB/s ", pct, w,
		    "==============================", 30 - w, "", got, rate);
	} else {
		fprintf(stderr, "\r%lld bytes %.0f KiB/s ", got, rate);
	}
}

/* Copies n bytes (or to the end, n < 0) of the body to out. */
static int
copy_body(struct conn *c, int out, long long n, long long *got, long long total, time_t start)
{
	while (n != 0) {
		if (c->pos == c->len) {
			ssize_t r = recv(c->fd, c->buf, sizeof c->buf, 0);
			if (r < 0)
				return -1;
			if (r == 0)
				return n < 0 ? 0 : -1;	/* cut short */
			c->pos = 0;
			c->len = (size_t)r;
		}
		size_t take = c->len - c->pos;
		if (n > 0 && (long long)take > n)
			take = (size_t)n;
		if (net_write_all(out, c->buf + c->pos, take) < 0)
			return -1;
		c->pos += take;
		*got += (long long)take;
		if (n > 0)
			n -= (long long)take;
		progress(*got, total, start);
	}
	return 0;
}

static int
copy_chunked(struct conn *c, int out, long long *got, time_t start)
{
	char line[128];
	for (;;) {
		if (getline_crlf(c, line, sizeof line) < 0)
			return -1;
		char *end;
		long long n = strtoll(line, &end, 16);
		if (end == line || n < 0)
			return -1;
		if (n == 0)
			break;
		if (copy_body(c, out, n, got, -1, start) < 0 || getline_crlf(c, line, sizeof line) < 0)
			return -1;
	}
	while (getline_crlf(c, line, sizeof line) == 0 && line[0])	/* trailers */
		;
	return 0;
}

/* One request; 0 done, 1 a redirect (loc filled), -1 an error. */
static int
fetch(const struct url *u, const char *outname, char *loc, size_t locn)
{
	int s = net_connect(u->host, u->port, SOCK_STREAM);
	if (s < 0)
		return -1;
	char req[1536];
	int n = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: redox-wget\r\n"
	    "Accept: */*\r\nConnection: close\r\n\r\n", u->path, u->host);
	if (n < 0 || (size_t)n >= sizeof req || net_write_all(s, req, (size_t)n) < 0) {
		perror("wget: sending the request");
		close(s);
		return -1;
	}
	struct conn c = { .fd = s };
	char line[2048];
	int status = 0, chunked = 0;
	long long length = -1;
	if (getline_crlf(&c, line, sizeof line) < 0 || sscanf(line, "HTTP/%*d.%*d %d", &status) != 1) {
		fprintf(stderr, "wget: %s: not an HTTP answer\n", u->host);
		close(s);
		return -1;
	}
	loc[0] = 0;
	while (getline_crlf(&c, line, sizeof line) == 0 && line[0]) {
		char *v = strchr(line, ':');
		if (!v)
			continue;
		*v++ = 0;
		v += strspn(v, " \t");
		if (!strcasecmp(line, "Content-Length"))
			length = strtoll(v, NULL, 10);
		else if (!strcasecmp(line, "Transfer-Encoding") && strcasestr(v, "chunked"))
			chunked = 1;
		else if (!strcasecmp(line, "Location"))
			snprintf(loc, locn, "%s", v);
	}
	if (status >= 300 && status < 400 && loc[0]) {
		close(s);
		return 1;
	}
	if (status < 200 || status >= 300) {
		fprintf(stderr, "wget: %s:%s%s: HTTP status %d\n", u->host, u->port, u->path, status);
		close(s);
		return -1;
	}
	int out = strcmp(outname, "-") ? open(outname, O_WRONLY | O_CREAT | O_TRUNC, 0644) : 1;
	if (out < 0) {
		fprintf(stderr, "wget: %s: %s\n", outname, strerror(errno));
		close(s);
		return -1;
	}
	long long got = 0;
	time_t start = time(NULL);
	int r = chunked ? copy_chunked(&c, out, &got, start) :
	    copy_body(&c, out, length, &got, length, start);
	if (!quiet && isatty(2))
		fputc('\n', stderr);
	close(s);
	if (out != 1 && close(out) < 0)
		r = -1;
	if (r < 0) {
		fprintf(stderr, "wget: %s: the transfer broke off after %lld bytes\n", u->host, got);
		if (out != 1)
			unlink(outname);
		return -1;
	}
	if (!quiet)
		fprintf(stderr, "wget: %s: %lld bytes\n", outname, got);
	return 0;
}

int
main(int argc, char **argv)
{
	const char *outname = NULL;
	char name[256], loc[1024];
	struct url u;
	int c;

	net_prog = "wget";
	while ((c = getopt(argc, argv, "qO:")) != -1) {
		if (c == 'q')
			quiet = 1;
		else if (c == 'O')
			outname = optarg;
		else {
			fprintf(stderr, "usage: wget [-q] [-O FILE] URL\n");
			return 2;
		}
	}
	if (argc - optind != 1) {
		fprintf(stderr, "usage: wget [-q] [-O FILE] URL\n");
		return 2;
	}
	if (parse_url(argv[optind], &u) < 0)
		return 1;
	if (!outname) {
		const char *base = strrchr(u.path, '/');
		base = base ? base + 1 : u.path;
		size_t l = strcspn(base, "?#");
		if (l == 0)
			snprintf(name, sizeof name, "index.html");
		else
			snprintf(name, sizeof name, "%.*s", (int)(l < 255 ? l : 255), base);
		outname = name;
	}
	for (int hops = 0; hops <= 5; hops++) {
		int r = fetch(&u, outname, loc, sizeof loc);
		if (r <= 0)
			return r < 0;
		if (loc[0] == '/') {	/* same host */
			snprintf(u.path, sizeof u.path, "%s", loc);
		} else if (parse_url(loc, &u) < 0) {
			return 1;
		}
		if (!quiet)
			fprintf(stderr, "wget: redirected to %s\n", loc);
	}
	fprintf(stderr, "wget: too many redirects\n");
	return 1;
}
