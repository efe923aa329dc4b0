/*
 * http - a small HTTP/1.1 client: GET of an http:// URL, one request per
 * connection (Connection: close), Content-Length, chunked and
 * read-to-the-end bodies, redirects.  No TLS.  Every read is bounded by
 * a timeout and every buffer by a size, so a bad server gives an error.
 * Errors are negative errno values with the reason in http_get.err.
 */
#ifndef NET_HTTP_HTTP_H
#define NET_HTTP_HTTP_H

#include <stddef.h>

#define HTTP_TIMEOUT_MS 30000	/* a read or connect waits at most this */
#define HTTP_REDIRECTS 5	/* redirects followed */
#define HTTP_LINE_MAX 2048	/* one status or header line */
#define HTTP_HEAD_MAX 16384	/* all the header lines of one answer */
#define HTTP_URL_MAX 1300

struct http_url {
	char host[256];
	char port[6];
	char path[1024];	/* starts with '/' */
};

/* One GET: callers fill the callbacks, http fills the results. */
struct http_get {
	/* A 2xx answer's body starts; length is -1 when unknown.  May be
	 * NULL.  A negative return stops the transfer with that error. */
	int (*begin)(void *arg, long long length);
	/* Body bytes, in order; a negative return stops the transfer. */
	int (*write)(void *arg, const void *buf, size_t len);
	/* After each write (may be NULL); total is -1 when unknown. */
	void (*progress)(void *arg, long long got, long long total);
	/* Before following a redirect to url (may be NULL). */
	void (*redirect)(void *arg, const char *url);
	void *arg;
	int timeout_ms;		/* 0: HTTP_TIMEOUT_MS */

	int status;		/* the last answer's status code */
	long long length;	/* its Content-Length, or -1 */
	long long got;		/* body bytes handed to write */
	char url[HTTP_URL_MAX];	/* the URL last asked (after redirects) */
	char err[512];		/* why, when http_get fails */
};

/* Splits "http://HOST[:PORT][/PATH]"; 0 or -EINVAL (https and other
 * schemes, no host, a bad port, spaces or control characters). */
int http_parse_url(const char *s, struct http_url *u, char *err, size_t errlen);
/* GETs url, following redirects; 0 when the whole body of a 2xx answer
 * was written, else -errno and g->err.  A non-2xx status is an error
 * named by its status line ("404 Not Found": -ENOENT). */
int http_get(const char *url, struct http_get *g);
/* One request for u on the connected fd and its answer: 0 (body
 * written), 1 (a redirect: its Location in loc), or -errno.  For tests
 * over a socket pair; http_get uses it. */
int http_exchange(int fd, const struct http_url *u, struct http_get *g,
    char *loc, size_t loclen);

#endif
