/*
 * Host tests of net/http: URLs, and answers written into one end of a
 * socket pair for http_exchange to read from the other: bodies of each
 * kind, statuses, redirects, and servers that misbehave (garbage, huge
 * headers, short bodies, overflowing chunk sizes, silence).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "net/http/http.h"

static int pass, failed;

#define CHECK(c, ...) do { if (c) pass++; else { failed++; \
	printf("FAIL %s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); \
	printf("\n"); } } while (0)

struct body {
	char buf[65536];
	size_t len;
	int begun;
	long long length;
};

static int
b_begin(void *arg, long long length)
{
	struct body *b = arg;

	b->begun = 1;
	b->length = length;
	return 0;
}

static int
b_write(void *arg, const void *buf, size_t len)
{
	struct body *b = arg;

	if (len > sizeof b->buf - b->len)
		return -EFBIG;
	memcpy(b->buf + b->len, buf, len);
	b->len += len;
	return 0;
}

/* Serves answer (then closes its end, unless hold) and runs one
 * exchange for http://h:8080/x; the result, with the body and loc. */
static int
run(const char *answer, size_t alen, int hold, struct body *b,
    struct http_get *g, char *loc, size_t loclen, char *req, size_t reqlen)
{
	struct http_url u = { "h", "8080", "/x" };
	struct timeval tv = { 0, 300000 };
	int sv[2], r;
	ssize_t n;

	memset(b, 0, sizeof *b);
	memset(g, 0, sizeof *g);
	g->begin = b_begin;
	g->write = b_write;
	g->arg = b;
	snprintf(g->url, sizeof g->url, "http://h:8080/x");
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) {
		perror("socketpair");
		exit(1);
	}
	if (setsockopt(sv[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) != 0 ||
	    write(sv[1], answer, alen) != (ssize_t)alen) {
		perror("http_unit: setting up");
		exit(1);
	}
	if (!hold)
		shutdown(sv[1], SHUT_WR);
	r = http_exchange(sv[0], &u, g, loc, loclen);
	n = read(sv[1], req, reqlen - 1);
	req[n > 0 ? n : 0] = '\0';
	close(sv[0]);
	close(sv[1]);
	return r;
}

#define RUN(s) run(s, sizeof(s) - 1, 0, &b, &g, loc, sizeof loc, req, sizeof req)

static void
test_urls(void)
{
	static const struct { const char *in, *host, *port, *path; } ok[] = {
		{ "http://example.org", "example.org", "80", "/" },
		{ "HTTP://a:8080/b/c?d=1#frag", "a", "8080", "/b/c?d=1" },
		{ "http://1.2.3.4:65535/", "1.2.3.4", "65535", "/" },
		{ "http://h?q", "h", "80", "/?q" },
	};
	static const char *const bad[] = { "https://a/", "ftp://a/", "a/b",
	    "http://", "http:///x", "http://a:0/", "http://a:65536/",
	    "http://a:/", "http://a:80x/", "http://a b/", "http://a/b c",
	    "http://u@a/", "http://[::1]/", "http://a/\r\nX: y" };
	struct http_url u;
	char err[256];
	size_t i;

	for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
		int r = http_parse_url(ok[i].in, &u, err, sizeof err);
		CHECK(r == 0 && !strcmp(u.host, ok[i].host) && !strcmp(u.port, ok[i].port) &&
		    !strcmp(u.path, ok[i].path), "%s: %d %s %s %s", ok[i].in, r,
		    u.host, u.port, u.path);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		CHECK(http_parse_url(bad[i], &u, err, sizeof err) == -EINVAL && err[0],
		    "%s accepted", bad[i]);
	CHECK(http_parse_url("https://a/", &u, err, sizeof err) == -EINVAL &&
	    strstr(err, "https is not supported"), "https: %s", err);
	char longurl[3000];
	memset(longurl, 'x', sizeof longurl);
	memcpy(longurl, "http://a/", 9);
	longurl[2000] = '\0';
	CHECK(http_parse_url(longurl, &u, err, sizeof err) == -EINVAL, "a long path accepted");
}

/* A server on 127.0.0.1 (a child process) answering each of count
 * connections with the next of answers (the last one repeated), where
 * "%s" in an answer is the port.  The port in port; the child's pid. */
static pid_t
serve(int count, const char *const *answers, int nans, char *port, size_t portlen)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	socklen_t alen = sizeof a;
	int ls, i;
	pid_t pid;

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if ((ls = socket(AF_INET, SOCK_STREAM, 0)) < 0 ||
	    bind(ls, (struct sockaddr *)&a, sizeof a) != 0 || listen(ls, 8) != 0 ||
	    getsockname(ls, (struct sockaddr *)&a, &alen) != 0) {
		perror("http_unit: a loopback server");
		exit(1);
	}
	snprintf(port, portlen, "%u", ntohs(a.sin_port));
	if ((pid = fork()) < 0) {
		perror("http_unit: fork");
		exit(1);
	}
	if (pid > 0) {
		close(ls);
		return pid;
	}
	alarm(10);	/* never outlives a broken test */
	for (i = 0; i < count; i++) {
		char req[4096], out[1024];
		int c = accept(ls, NULL, NULL);
		if (c < 0)
			_exit(1);
		if (read(c, req, sizeof req) <= 0)
			_exit(1);
		int n = snprintf(out, sizeof out, answers[i < nans ? i : nans - 1], port);
		if (n < 0 || write(c, out, (size_t)n) != n)
			_exit(1);
		close(c);
	}
	_exit(0);
}

static int redirects;

static void
count_redirect(void *arg, const char *url)
{
	(void)arg;
	(void)url;
	redirects++;
}

/* http_get against a real loopback server: redirect chains. */
static void
test_redirects(void)
{
	static const char *const chain[] = {
		"HTTP/1.1 302 Found\r\nLocation: /dir/b\r\n\r\n",
		"HTTP/1.1 301 Moved\r\nLocation: c\r\nContent-Length: 0\r\n\r\n",
		"HTTP/1.1 307 Temporary\r\nLocation: http://127.0.0.1:%s/end\r\n\r\n",
		"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
	};
	static const char *const loop[] = {
		"HTTP/1.1 302 Found\r\nLocation: /again\r\n\r\n",
	};
	struct http_get g = { .begin = b_begin, .write = b_write, .redirect = count_redirect };
	static struct body b;
	char port[8], url[64], want[64];
	int r, st;
	pid_t pid;

	g.arg = &b;
	pid = serve(4, chain, 4, port, sizeof port);
	snprintf(url, sizeof url, "http://127.0.0.1:%s/a", port);
	snprintf(want, sizeof want, "http://127.0.0.1:%s/end", port);
	memset(&b, 0, sizeof b);
	redirects = 0;
	r = http_get(url, &g);
	CHECK(r == 0 && b.len == 2 && !memcmp(b.buf, "ok", 2) && redirects == 3 &&
	    !strcmp(g.url, want), "a chain of redirects: %d %s %s", r, g.err, g.url);
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "the chain's server: %d", st);

	pid = serve(HTTP_REDIRECTS + 1, loop, 1, port, sizeof port);
	snprintf(url, sizeof url, "http://127.0.0.1:%s/", port);
	memset(&b, 0, sizeof b);
	redirects = 0;
	r = http_get(url, &g);
	CHECK(r == -ELOOP && redirects == HTTP_REDIRECTS && strstr(g.err, "redirects") &&
	    !b.begun, "a redirect loop: %d %d %s", r, redirects, g.err);
	CHECK(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	    "the loop's server asked %d times: %d", HTTP_REDIRECTS + 1, st);
}

int
main(void)
{
	struct body b;
	struct http_get g;
	char loc[512], req[4096], *big;
	int r;

	test_urls();
	test_redirects();

	r = RUN("HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhelloEXTRA");
	CHECK(r == 0 && b.len == 5 && !memcmp(b.buf, "hello", 5) && b.length == 5 &&
	    g.got == 5, "content-length: %d %zu", r, b.len);
	CHECK(strstr(req, "GET /x HTTP/1.1\r\nHost: h:8080\r\n") == req &&
	    strstr(req, "\r\nConnection: close\r\n\r\n"), "request: %s", req);

	r = RUN("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "5\r\nhello\r\n6;name=v\r\n world\r\n0\r\nX-Trailer: y\r\n\r\n");
	CHECK(r == 0 && b.len == 11 && !memcmp(b.buf, "hello world", 11) && b.length == -1,
	    "chunked: %d %zu %s", r, b.len, g.err);

	r = RUN("HTTP/1.0 200 OK\nServer: x\n\nto the end");
	CHECK(r == 0 && b.len == 10 && !memcmp(b.buf, "to the end", 10), "to the end: %d", r);

	r = RUN("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
	CHECK(r == 0 && b.len == 2, "100 then 200: %d %s", r, g.err);

	r = RUN("HTTP/1.1 204 No Content\r\n\r\n");
	CHECK(r == 0 && b.begun && b.len == 0, "204: %d", r);

	r = RUN("HTTP/1.1 404 Not Found\r\nContent-Length: 9\r\n\r\nnot here!");
	CHECK(r == -ENOENT && !strcmp(g.err, "404 Not Found") && !b.begun && g.status == 404,
	    "404: %d '%s'", r, g.err);
	r = RUN("HTTP/1.1 500 Internal Server Error\r\n\r\n");
	CHECK(r == -EIO && !strcmp(g.err, "500 Internal Server Error"), "500: %d %s", r, g.err);
	r = RUN("HTTP/1.1 403 Forbidden\r\n\r\n");
	CHECK(r == -EACCES, "403: %d", r);

	r = RUN("HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\nContent-Length: 0\r\n\r\n");
	CHECK(r == 1 && !strcmp(loc, "/elsewhere") && !b.begun, "302: %d %s", r, loc);
	r = RUN("HTTP/1.1 301 Moved Permanently\r\n\r\n");
	CHECK(r == -EPROTO && strstr(g.err, "without a Location"), "301 alone: %d %s", r, g.err);

	/* Servers that misbehave. */
	r = RUN("");
	CHECK(r == -EPROTO && strstr(g.err, "closed"), "empty: %d %s", r, g.err);
	r = RUN("SSH-2.0-OpenSSH\r\n\r\n");
	CHECK(r == -EPROTO && strstr(g.err, "not an HTTP"), "garbage: %d %s", r, g.err);
	r = RUN("HTTP/1.1 2000 OK\r\n\r\n");
	CHECK(r == -EPROTO, "a 4-digit status: %d", r);
	r = RUN("HTTP/1.1 200 OK\r\nno colon here\r\n\r\n");
	CHECK(r == -EPROTO && strstr(g.err, "malformed"), "no colon: %d %s", r, g.err);
	r = RUN("HTTP/1.1 200 OK\r\n\0X: y\r\n\r\nbody");
	CHECK(r == -EPROTO && strstr(g.err, "NUL"), "a NUL in the headers: %d %s", r, g.err);
	r = RUN("HTTP/1.1 200 OK\r\nContent-Length: 12x\r\n\r\n");
	CHECK(r == -EPROTO && strstr(g.err, "Content-Length"), "bad length: %d", r);
	r = RUN("HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n");
	CHECK(r == -EPROTO, "negative length: %d", r);
	r = RUN("HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999\r\n\r\n");
	CHECK(r == -EPROTO, "overflowing length: %d", r);
	r = RUN("HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd");
	CHECK(r == -EPROTO, "two lengths: %d", r);
	r = RUN("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly ten b");
	CHECK(r == -EPIPE && g.got == 10 && strstr(g.err, "after 10 of 100 bytes"),
	    "short body: %d %s", r, g.err);
	r = RUN("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
	    "ffffffffffffffffffff\r\nabc");
	CHECK(r == -EPROTO && strstr(g.err, "chunk size"), "overflowing chunk: %d %s", r, g.err);
	r = RUN("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n");
	CHECK(r == -EPROTO, "garbage chunk size: %d", r);
	r = RUN("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabcdef\r\n0\r\n\r\n");
	CHECK(r == -EPROTO && strstr(g.err, "longer than its size"), "long chunk: %d", r);
	r = RUN("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n10\r\nabc");
	CHECK(r == -EPIPE, "short chunk: %d", r);
	r = RUN("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n");
	CHECK(r == -EPROTO, "unknown coding: %d", r);

	/* A line past HTTP_LINE_MAX, and headers past HTTP_HEAD_MAX. */
	big = malloc(HTTP_HEAD_MAX * 2);
	if (big == NULL)
		return 1;
	size_t n = (size_t)snprintf(big, 64, "HTTP/1.1 200 OK\r\nX: ");
	memset(big + n, 'a', HTTP_LINE_MAX);
	memcpy(big + n + HTTP_LINE_MAX, "\r\n\r\n", 4);
	r = run(big, n + HTTP_LINE_MAX + 4, 0, &b, &g, loc, sizeof loc, req, sizeof req);
	CHECK(r == -EPROTO && strstr(g.err, "header line is longer"), "long line: %d %s", r, g.err);
	n = (size_t)snprintf(big, 64, "HTTP/1.1 200 OK\r\n");
	while (n + 100 < HTTP_HEAD_MAX * 2 - 8) {
		memcpy(big + n, "X-Pad: 01234567890123456789012345678901234567890\r\n", 50);
		n += 50;
	}
	memcpy(big + n, "\r\n", 2);
	r = run(big, n + 2, 0, &b, &g, loc, sizeof loc, req, sizeof req);
	CHECK(r == -EPROTO && strstr(g.err, "headers are longer"), "huge headers: %d %s", r, g.err);
	free(big);

	/* A server that says nothing more: the read timeout ends it. */
	static const char silent[] = "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc";
	r = run(silent, sizeof silent - 1, 1, &b, &g, loc, sizeof loc, req, sizeof req);
	CHECK(r == -ETIMEDOUT && g.got == 3, "silent server: %d %s", r, g.err);
	r = run("HTTP/1.1 200", 12, 1, &b, &g, loc, sizeof loc, req, sizeof req);
	CHECK(r == -ETIMEDOUT, "silent in the headers: %d %s", r, g.err);

	/* http_get: a refused connection and a bad URL are errors too. */
	memset(&g, 0, sizeof g);
	g.write = b_write;
	g.arg = &b;
	r = http_get("http://127.0.0.1:1/", &g);
	CHECK(r == -ECONNREFUSED && strstr(g.err, "connecting to 127.0.0.1 port 1"),
	    "refused: %d %s", r, g.err);
	r = http_get("https://127.0.0.1/", &g);
	CHECK(r == -EINVAL, "https: %d", r);

	printf("http_unit: %d passed, %d failed\n", pass, failed);
	return failed != 0;
}
