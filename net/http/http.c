/* http.c - the HTTP/1.1 client (see http.h). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include "net/http/http.h"
#include "net/tools/netutil.h"

/* A buffered reader over the connection. */
struct conn {
	int fd;
	char buf[16384];
	size_t pos, len;
	int eof;
};

/* Sets g->err from fmt (at most one %lld, given n); returns code. */
static int
fail(struct http_get *g, int code, const char *fmt, long long n)
{
	snprintf(g->err, sizeof g->err, fmt, n);
	return code;
}

int
http_parse_url(const char *s, struct http_url *u, char *err, size_t errlen)
{
	const char *p;
	size_t h;

	if (strncasecmp(s, "https://", 8) == 0) {
		snprintf(err, errlen, "https is not supported (no TLS)");
		return -EINVAL;
	}
	if (strncasecmp(s, "http://", 7) != 0) {
		snprintf(err, errlen, "not an http:// URL");
		return -EINVAL;
	}
	for (p = s; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f) {
			snprintf(err, errlen, "a space or control character in the URL");
			return -EINVAL;
		}
	p = s + 7;
	h = strcspn(p, ":/?#");
	if (h == 0 || h >= sizeof u->host) {
		snprintf(err, errlen, "no host in the URL");
		return -EINVAL;
	}
	if (strcspn(p, "@[") < strcspn(p, "/?#")) {
		snprintf(err, errlen, "user names and IPv6 addresses are not supported");
		return -EINVAL;
	}
	memcpy(u->host, p, h);
	u->host[h] = '\0';
	p += h;
	snprintf(u->port, sizeof u->port, "80");
	if (*p == ':') {
		size_t n = strspn(p + 1, "0123456789");
		long port = n > 0 && n <= 5 ? strtol(p + 1, NULL, 10) : 0;
		if (port < 1 || port > 65535 || (p[1 + n] && strchr("/?#", p[1 + n]) == NULL)) {
			snprintf(err, errlen, "bad port in the URL");
			return -EINVAL;
		}
		snprintf(u->port, sizeof u->port, "%ld", port);
		p += 1 + n;
	}
	h = strcspn(p, "#");	/* the fragment is not sent */
	if (h + 2 > sizeof u->path) {
		snprintf(err, errlen, "the URL's path is too long");
		return -EINVAL;
	}
	snprintf(u->path, sizeof u->path, "%s%.*s", *p == '/' ? "" : "/", (int)h, p);
	return 0;
}

/* Refills an empty buffer: 1 bytes, 0 at the end, or -errno. */
static int
fill(struct conn *c)
{
	ssize_t n;

	if (c->pos < c->len)
		return 1;
	if (c->eof)
		return 0;
	do
		n = recv(c->fd, c->buf, sizeof c->buf, 0);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK ? -ETIMEDOUT : -errno;
	if (n == 0) {
		c->eof = 1;
		return 0;
	}
	c->pos = 0;
	c->len = (size_t)n;
	return 1;
}

/* One line without its CRLF (or LF) into line; *used counts its bytes
 * against the header budget.  0, or -errno with g->err. */
static int
read_line(struct conn *c, struct http_get *g, char *line, size_t n, size_t *used)
{
	size_t i = 0;
	int r;

	for (;;) {
		if ((r = fill(c)) <= 0) {
			if (r == 0)
				return fail(g, -EPROTO, "the server closed the "
				    "connection in the middle of the headers", 0);
			snprintf(g->err, sizeof g->err, "%s", strerror(-r));
			return r;
		}
		char ch = c->buf[c->pos++];
		if (used != NULL && ++*used > HTTP_HEAD_MAX)
			return fail(g, -EPROTO, "the headers are longer than %lld bytes", HTTP_HEAD_MAX);
		if (ch == '\n')
			break;
		if (ch == '\0')	/* it would end the line early */
			return fail(g, -EPROTO, "a NUL byte in the headers", 0);
		if (i + 1 >= n)
			return fail(g, -EPROTO, "a header line is longer than %lld bytes", (long long)n - 1);
		line[i++] = ch;
	}
	if (i > 0 && line[i - 1] == '\r')
		i--;
	line[i] = '\0';
	return 0;
}

/* "HTTP/1.x NNN reason": the code, or -EPROTO. */
static int
parse_status(const char *line, char *reason, size_t n)
{
	if (strncmp(line, "HTTP/1.", 7) != 0 || line[7] < '0' || line[7] > '9' ||
	    line[8] != ' ' || line[9] < '1' || line[9] > '5' ||
	    line[10] < '0' || line[10] > '9' || line[11] < '0' || line[11] > '9' ||
	    (line[12] != ' ' && line[12] != '\0'))
		return -EPROTO;
	snprintf(reason, n, "%s", line[12] ? line + 13 : "");
	return (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
}

/* A decimal (base 10) or hex (base 16) count with no sign, no junk and
 * no overflow past LLONG_MAX; -1 if it is not one. */
static long long
parse_count(const char *s, int base, size_t *used)
{
	long long v = 0;
	size_t i;

	for (i = 0; s[i]; i++) {
		int d = s[i] >= '0' && s[i] <= '9' ? s[i] - '0' :
		    base == 16 && s[i] >= 'a' && s[i] <= 'f' ? s[i] - 'a' + 10 :
		    base == 16 && s[i] >= 'A' && s[i] <= 'F' ? s[i] - 'A' + 10 : -1;
		if (d < 0)
			break;
		if (v > (LLONG_MAX - d) / base)
			return -1;
		v = v * base + d;
	}
	if (i == 0)
		return -1;
	if (used != NULL)
		*used = i;
	else if (s[i] != '\0')
		return -1;
	return v;
}

/* Hands n bytes (n < 0: to the end of the stream) to the receiver. */
static int
copy_body(struct conn *c, struct http_get *g, long long n, long long total)
{
	int r;

	while (n != 0) {
		if ((r = fill(c)) < 0) {
			snprintf(g->err, sizeof g->err, "%s after %lld bytes",
			    strerror(-r), g->got);
			return r;
		}
		if (r == 0) {
			if (n < 0)
				return 0;
			if (total >= 0)
				snprintf(g->err, sizeof g->err, "the connection closed after "
				    "%lld of %lld bytes", g->got, total);
			else
				snprintf(g->err, sizeof g->err, "the connection closed after "
				    "%lld bytes, in a chunk", g->got);
			return -EPIPE;
		}
		size_t take = c->len - c->pos;
		if (n > 0 && (long long)take > n)
			take = (size_t)n;
		if ((r = g->write(g->arg, c->buf + c->pos, take)) < 0) {
			snprintf(g->err, sizeof g->err, "%s", strerror(-r));
			return r;
		}
		c->pos += take;
		g->got += (long long)take;
		if (n > 0)
			n -= (long long)take;
		if (g->progress != NULL)
			g->progress(g->arg, g->got, total);
	}
	return 0;
}

static int
copy_chunked(struct conn *c, struct http_get *g)
{
	char line[HTTP_LINE_MAX];
	size_t used = 0, digits;
	long long n;
	int r;

	for (;;) {
		if ((r = read_line(c, g, line, sizeof line, NULL)) != 0)
			return r;
		n = parse_count(line, 16, &digits);
		if (n < 0 || (line[digits] != '\0' && line[digits] != ';' &&
		    line[digits] != ' ' && line[digits] != '\t'))
			return fail(g, -EPROTO, "a bad chunk size after %lld bytes", g->got);
		if (n == 0)
			break;
		if ((r = copy_body(c, g, n, -1)) != 0)
			return r;
		if ((r = read_line(c, g, line, sizeof line, NULL)) != 0)
			return r;
		if (line[0] != '\0')
			return fail(g, -EPROTO, "a chunk longer than its size after "
			    "%lld bytes", g->got);
	}
	do	/* trailers, bounded as headers are */
		if ((r = read_line(c, g, line, sizeof line, &used)) != 0)
			return r;
	while (line[0] != '\0');
	return 0;
}

/* The status code's error: 404 is ENOENT, as a missing file would be. */
static int
status_errno(int status)
{
	switch (status) {
	case 404: case 410: return -ENOENT;
	case 401: case 403: return -EACCES;
	default: return status >= 500 ? -EIO : -EPROTO;
	}
}

int
http_exchange(int fd, const struct http_url *u, struct http_get *g,
    char *loc, size_t loclen)
{
	char req[1536], line[HTTP_LINE_MAX], reason[HTTP_LINE_MAX];
	struct conn *c;
	size_t used = 0;
	int n, r, chunked = 0;

	loc[0] = '\0';
	g->status = 0;
	g->length = -1;
	n = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: %s%s%s\r\n"
	    "User-Agent: redox-http\r\nAccept: */*\r\nConnection: close\r\n\r\n",
	    u->path, u->host, strcmp(u->port, "80") ? ":" : "",
	    strcmp(u->port, "80") ? u->port : "");
	if (n < 0 || (size_t)n >= sizeof req)
		return fail(g, -ENAMETOOLONG, "the request is too long", 0);
	if (net_write_all(fd, req, (size_t)n) < 0) {
		r = -errno;
		snprintf(g->err, sizeof g->err, "sending the request: %s",
		    strerror(errno));
		return r;
	}
	if ((c = calloc(1, sizeof *c)) == NULL)
		return fail(g, -ENOMEM, "out of memory", 0);
	c->fd = fd;
	/* 1xx answers come before the real one; each is skipped whole. */
	do {
		if ((r = read_line(c, g, line, sizeof line, &used)) != 0)
			goto out;
		if ((g->status = parse_status(line, reason, sizeof reason)) < 0) {
			r = fail(g, -EPROTO, "not an HTTP/1.x answer", 0);
			goto out;
		}
		for (;;) {
			if ((r = read_line(c, g, line, sizeof line, &used)) != 0)
				goto out;
			if (line[0] == '\0')
				break;
			char *v = strchr(line, ':');
			if (v == NULL || v == line) {
				r = fail(g, -EPROTO, "a malformed header line", 0);
				goto out;
			}
			*v++ = '\0';
			v += strspn(v, " \t");
			size_t vl = strlen(v);
			while (vl > 0 && (v[vl - 1] == ' ' || v[vl - 1] == '\t'))
				v[--vl] = '\0';
			if (strcasecmp(line, "Content-Length") == 0) {
				long long len = parse_count(v, 10, NULL);
				if (len < 0 || (g->length >= 0 && g->length != len)) {
					r = fail(g, -EPROTO, "a bad Content-Length", 0);
					goto out;
				}
				g->length = len;
			} else if (strcasecmp(line, "Transfer-Encoding") == 0) {
				if (vl < 7 || strcasecmp(v + vl - 7, "chunked") != 0) {
					r = fail(g, -EPROTO, "an unknown Transfer-Encoding", 0);
					goto out;
				}
				chunked = 1;
			} else if (strcasecmp(line, "Location") == 0) {
				snprintf(loc, loclen, "%s", v);
			}
		}
	} while (g->status < 200);
	switch (g->status) {
	case 301: case 302: case 303: case 307: case 308:
		if (loc[0] == '\0') {
			snprintf(g->err, sizeof g->err, "%d %.100s without a Location", g->status, reason);
			r = -EPROTO;
		} else
			r = 1;
		goto out;
	}
	if (g->status >= 300) {
		snprintf(g->err, sizeof g->err, "%d %.100s", g->status, reason);
		r = status_errno(g->status);
		goto out;
	}
	if (chunked)
		g->length = -1;	/* the chunks say how long */
	if (g->status == 204)
		g->length = 0;
	if (g->begin != NULL && (r = g->begin(g->arg, g->length)) < 0) {
		snprintf(g->err, sizeof g->err, "%s", strerror(-r));
		goto out;
	}
	r = chunked ? copy_chunked(c, g) : copy_body(c, g, g->length, g->length);
out:
	free(c);
	return r;
}

/* Location loc, seen while asking cur, as an absolute URL in out. */
static int
join_location(const struct http_url *u, const char *loc,
    char *out, size_t n)
{
	int k;

	if (strstr(loc, "://") != NULL)
		k = snprintf(out, n, "%s", loc);
	else if (loc[0] == '/' && loc[1] == '/')
		k = snprintf(out, n, "http:%s", loc);
	else if (loc[0] == '/')
		k = snprintf(out, n, "http://%s:%s%s", u->host, u->port, loc);
	else {	/* relative to the current path's directory */
		const char *slash = strrchr(u->path, '/');
		k = snprintf(out, n, "http://%s:%s%.*s%s", u->host, u->port,
		    (int)(slash - u->path + 1), u->path, loc);
	}
	return k < 0 || (size_t)k >= n ? -ENAMETOOLONG : 0;
}

int
http_get(const char *url, struct http_get *g)
{
	char loc[HTTP_URL_MAX], next[HTTP_URL_MAX];
	struct http_url u;
	int hop, r, fd;

	g->got = 0;
	g->status = 0;
	g->length = -1;
	g->err[0] = '\0';
	snprintf(g->url, sizeof g->url, "%s", url);
	for (hop = 0;; hop++) {
		if ((r = http_parse_url(g->url, &u, g->err, sizeof g->err)) != 0)
			return r;
		fd = net_dial(u.host, u.port, SOCK_STREAM,
		    g->timeout_ms > 0 ? g->timeout_ms : HTTP_TIMEOUT_MS, g->err, sizeof g->err);
		if (fd < 0)
			return fd;
		r = http_exchange(fd, &u, g, loc, sizeof loc);
		close(fd);
		if (r <= 0)
			return r;
		if (hop == HTTP_REDIRECTS)
			return fail(g, -ELOOP, "more than %lld redirects", HTTP_REDIRECTS);
		if (join_location(&u, loc, next, sizeof next) != 0)
			return fail(g, -ENAMETOOLONG, "the redirect's Location is "
			    "too long", 0);
		if (g->redirect != NULL)
			g->redirect(g->arg, next);
		snprintf(g->url, sizeof g->url, "%s", next);
	}
}
