/*
 * httpd - serves the files under DIR over HTTP/1.1.
 *   httpd [-q] DIR [PORT]     (PORT 80 by default; ports up to 1024 are
 *                              root's)
 * GET and HEAD; a directory gives its index.html or a listing.  Paths
 * are decoded (%XX) and any ".." part is refused, so nothing outside DIR
 * is reachable.  One thread per connection (at most MAX_CONN at once),
 * one request per connection (Connection: close).  Each request is
 * logged on stdout unless -q.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include "net/tools/netutil.h"

#define MAX_CONN 32

static const char *root;
static int quiet;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t room = PTHREAD_COND_INITIALIZER;
static int active;

static const char *
mime(const char *path)
{
	static const struct { const char *ext, *type; } t[] = {
		{ ".html", "text/html" }, { ".htm", "text/html" }, { ".txt", "text/plain" },
		{ ".css", "text/css" }, { ".js", "text/javascript" }, { ".json", "application/json" },
		{ ".png", "image/png" }, { ".jpg", "image/jpeg" }, { ".gif", "image/gif" },
		{ ".svg", "image/svg+xml" }, { ".c", "text/plain" }, { ".md", "text/plain" },
	};
	const char *dot = strrchr(path, '.');
	for (size_t i = 0; dot && i < sizeof t / sizeof t[0]; i++)
		if (!strcasecmp(dot, t[i].ext))
			return t[i].type;
	return "application/octet-stream";
}

static int
hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	    c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* Decodes the request path into out; -1 if malformed or it climbs. */
static int
clean_path(const char *in, char *out, size_t n)
{
	size_t o = 0;
	if (*in != '/')
		return -1;
	for (; *in && *in != '?' && *in != '#'; in++) {
		char c = *in;
		if (c == '%') {
			int h = hexval(in[1]), l = h < 0 ? -1 : hexval(in[2]);
			if (l < 0)
				return -1;
			c = (char)(h * 16 + l);
			in += 2;
		}
		if (c == 0 || o + 1 >= n)
			return -1;
		out[o++] = c;
	}
	out[o] = 0;
	for (char *p = out; (p = strstr(p, "..")); p += 2)
		if ((p == out || p[-1] == '/') && (p[2] == 0 || p[2] == '/'))
			return -1;
	return 0;
}

static void
reply_head(int s, int code, const char *why, const char *type, long long len)
{
	char h[512];
	int n = snprintf(h, sizeof h, "HTTP/1.1 %d %s\r\nServer: redox-httpd\r\nContent-Type: %s\r\n"
	    "Content-Length: %lld\r\nConnection: close\r\n\r\n", code, why, type, len);
	if (n > 0 && (size_t)n < sizeof h)
		net_write_all(s, h, (size_t)n);
}

static void
reply_error(int s, int code, const char *why, int head)
{
	char body[128];
	int n = snprintf(body, sizeof body, "<h1>%d %s</h1>\n", code, why);
	reply_head(s, code, why, "text/html", n);
	if (!head)
		net_write_all(s, body, (size_t)n);
}

static long long
listing(int s, const char *fs, const char *url, int head)
{
	DIR *d = opendir(fs);
	if (!d) {
		reply_error(s, 403, "Forbidden", head);
		return -403;
	}
	size_t cap = 4096, len = 0;
	char *b = malloc(cap);
	struct dirent *e;
	if (b)
		len = (size_t)snprintf(b, cap, "<html><body><h1>%s</h1><ul>\n", url);
	while (b && (e = readdir(d))) {
		if (!strcmp(e->d_name, "."))
			continue;
		size_t need = 2 * strlen(e->d_name) + strlen(url) + 64;
		if (len + need >= cap) {
			char *nb = realloc(b, cap * 2 + need);
			if (!nb) {
				free(b);
				b = NULL;
				break;
			}
			b = nb;
			cap = cap * 2 + need;
		}
		len += (size_t)snprintf(b + len, cap - len, "<li><a href=\"%s%s%s\">%s</a></li>\n",
		    url, url[strlen(url) - 1] == '/' ? "" : "/", e->d_name, e->d_name);
	}
	closedir(d);
	if (!b || len + 32 >= cap) {
		free(b);
		reply_error(s, 500, "Internal Server Error", head);
		return -500;
	}
	len += (size_t)snprintf(b + len, cap - len, "</ul></body></html>\n");
	reply_head(s, 200, "OK", "text/html", (long long)len);
	if (!head)
		net_write_all(s, b, len);
	free(b);
	return (long long)len;
}

/* Serves one request on s; returns what to log (bytes, or -status). */
static long long
serve(int s, char *method, char *target)
{
	char path[1024], fs[1400];
	int head = !strcmp(method, "HEAD");
	if (!head && strcmp(method, "GET")) {
		reply_error(s, 405, "Method Not Allowed", 0);
		return -405;
	}
	if (clean_path(target, path, sizeof path) < 0) {
		reply_error(s, 400, "Bad Request", head);
		return -400;
	}
	snprintf(fs, sizeof fs, "%s%s", root, path);
	struct stat st;
	if (stat(fs, &st) < 0) {
		reply_error(s, 404, "Not Found", head);
		return -404;
	}
	if (S_ISDIR(st.st_mode)) {
		char idx[1420];
		snprintf(idx, sizeof idx, "%s/index.html", fs);
		if (stat(idx, &st) < 0)
			return listing(s, fs, path, head);
		snprintf(fs, sizeof fs, "%s", idx);
	}
	int fd = open(fs, O_RDONLY);
	if (fd < 0) {
		reply_error(s, errno == EACCES ? 403 : 404, errno == EACCES ? "Forbidden" : "Not Found", head);
		return errno == EACCES ? -403 : -404;
	}
	reply_head(s, 200, "OK", mime(fs), (long long)st.st_size);
	long long sent = 0;
	size_t cap = 65536;
	char *buf = head ? NULL : malloc(cap);
	ssize_t n;
	while (buf && (n = read(fd, buf, cap)) > 0) {
		if (net_write_all(s, buf, (size_t)n) < 0)
			break;
		sent += n;
	}
	free(buf);
	close(fd);
	return sent;
}

static void *
conn_main(void *arg)
{
	int s = (int)(intptr_t)arg;
	char req[4096];
	size_t len = 0;
	/* The request head, up to the blank line. */
	while (len + 1 < sizeof req) {
		ssize_t n = recv(s, req + len, sizeof req - 1 - len, 0);
		if (n <= 0)
			break;
		len += (size_t)n;
		req[len] = 0;
		if (strstr(req, "\r\n\r\n") || strstr(req, "\n\n"))
			break;
	}
	req[len] = 0;
	char method[16], target[2048];
	if (len > 0) {
		long long r;
		if (sscanf(req, "%15s %2047s HTTP/%*d.%*d", method, target) != 2) {
			reply_error(s, 400, "Bad Request", 0);
			r = -400;
			snprintf(method, sizeof method, "?");
			snprintf(target, sizeof target, "?");
		} else {
			r = serve(s, method, target);
		}
		if (!quiet) {
			pthread_mutex_lock(&lock);
			if (r >= 0)
				printf("%s %s 200 %lld bytes\n", method, target, r);
			else
				printf("%s %s %lld\n", method, target, -r);
			fflush(stdout);
			pthread_mutex_unlock(&lock);
		}
	}
	close(s);
	pthread_mutex_lock(&lock);
	active--;
	pthread_cond_signal(&room);
	pthread_mutex_unlock(&lock);
	return NULL;
}

int
main(int argc, char **argv)
{
	int c;
	net_prog = "httpd";
	while ((c = getopt(argc, argv, "q")) != -1) {
		if (c != 'q') {
			fprintf(stderr, "usage: httpd [-q] DIR [PORT]\n");
			return 2;
		}
		quiet = 1;
	}
	if (argc - optind < 1 || argc - optind > 2) {
		fprintf(stderr, "usage: httpd [-q] DIR [PORT]\n");
		return 2;
	}
	root = argv[optind];
	struct stat st;
	if (stat(root, &st) < 0 || !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "httpd: %s: not a directory\n", root);
		return 1;
	}
	const char *port = argc - optind == 2 ? argv[optind + 1] : "80";
	int ls = net_listen(port, SOCK_STREAM);
	if (ls < 0)
		return 1;
	if (!quiet) {
		printf("httpd: serving %s on port %s\n", root, port);
		fflush(stdout);
	}
	for (;;) {
		int s = accept(ls, NULL, NULL);
		if (s < 0) {
			if (errno == EINTR || errno == ECONNABORTED)
				continue;
			perror("httpd: accept");
			return 1;
		}
		pthread_mutex_lock(&lock);
		while (active >= MAX_CONN)
			pthread_cond_wait(&room, &lock);
		active++;
		pthread_mutex_unlock(&lock);
		pthread_t t;
		if (pthread_create(&t, NULL, conn_main, (void *)(intptr_t)s) != 0) {
			close(s);
			pthread_mutex_lock(&lock);
			active--;
			pthread_mutex_unlock(&lock);
			continue;
		}
		pthread_detach(t);
	}
}
