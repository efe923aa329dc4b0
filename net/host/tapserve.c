/* Echo and HTTP file servers over net/stack handles (tapserve.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "net/host/tapserve.h"
#include "net/stack/sock.h"

enum { KIND_ECHO, KIND_HTTP };
enum { ST_REQUEST, ST_SEND, ST_DONE };

#define OUT_MAX 65536

struct tapserve_conn {
	struct tapserve_conn *next;
	int h, kind, state;
	char req[2048];
	size_t rlen;
	int fd;
	uint8_t out[OUT_MAX];
	size_t opos, olen;
	int eof;		/* echo: the peer finished */
};

int
tapserve_start(struct tapserve *sv, struct netstack *st, uint16_t echo_port,
    uint16_t http_port, const char *root)
{
	memset(sv, 0, sizeof(*sv));
	sv->st = st;
	sv->root = root;
	sv->echo_h = sv->http_h = -1;
	if (echo_port != 0 &&
	    (sv->echo_h = ns_tcp_listen(st, 0, echo_port, 64)) < 0)
		return sv->echo_h;
	if (http_port != 0 &&
	    (sv->http_h = ns_tcp_listen(st, 0, http_port, 64)) < 0)
		return sv->http_h;
	return 0;
}

static void
conn_reply(struct tapserve_conn *c, const char *status)
{
	int n = snprintf((char *)c->out, OUT_MAX,
	    "HTTP/1.0 %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
	    status);

	c->olen = n > 0 ? (size_t)n : 0;
	c->opos = 0;
	c->state = ST_SEND;
}

/* A complete request is in c->req: opens the file, queues the header. */
static void
conn_request(struct tapserve *sv, struct tapserve_conn *c)
{
	char path[1024], full[2048];
	struct stat sb;
	int n;

	if (sscanf(c->req, "GET %1023s HTTP/1.", path) != 1 || path[0] != '/') {
		conn_reply(c, "400 Bad Request");
		return;
	}
	if (strstr(path, "..") != NULL) {
		conn_reply(c, "403 Forbidden");
		return;
	}
	n = snprintf(full, sizeof(full), "%s%s", sv->root, path);
	if (n < 0 || (size_t)n >= sizeof(full)) {
		conn_reply(c, "414 URI Too Long");
		return;
	}
	c->fd = open(full, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (c->fd < 0 || fstat(c->fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		if (c->fd >= 0)
			close(c->fd);
		c->fd = -1;
		conn_reply(c, "404 Not Found");
		return;
	}
	n = snprintf((char *)c->out, OUT_MAX, "HTTP/1.0 200 OK\r\n"
	    "Content-Type: application/octet-stream\r\n"
	    "Content-Length: %lld\r\nConnection: close\r\n\r\n",
	    (long long)sb.st_size);
	c->olen = n > 0 ? (size_t)n : 0;
	c->opos = 0;
	c->state = ST_SEND;
}

/* Moves what it can; returns whether anything moved. */
static int
conn_step(struct tapserve *sv, struct tapserve_conn *c)
{
	struct netstack *st = sv->st;
	char sink[4096];
	int moved = 0;
	ssize_t n;

	if (c->kind == KIND_HTTP && c->state == ST_REQUEST) {
		n = ns_read(st, c->h, c->req + c->rlen,
		    sizeof(c->req) - 1 - c->rlen);
		if (n == -EAGAIN)
			return 0;
		if (n <= 0) {
			c->state = ST_DONE;
			return 1;
		}
		c->rlen += (size_t)n;
		c->req[c->rlen] = '\0';
		if (strstr(c->req, "\r\n\r\n") != NULL)
			conn_request(sv, c);
		else if (c->rlen == sizeof(c->req) - 1)
			conn_reply(c, "431 Request Header Fields Too Large");
		return 1;
	}
	if (c->kind == KIND_ECHO && c->olen == 0 && !c->eof) {
		n = ns_read(st, c->h, c->out, OUT_MAX);
		if (n > 0) {
			c->olen = (size_t)n;
			c->opos = 0;
			moved = 1;
		} else if (n == 0) {
			c->eof = 1;
		} else if (n != -EAGAIN) {
			c->state = ST_DONE;
			return 1;
		}
	}
	if (c->kind == KIND_HTTP) {
		/* Whatever else the client sends is read and dropped, so
		 * closing never finds unread data (which would reset). */
		while ((n = ns_read(st, c->h, sink, sizeof(sink))) > 0)
			moved = 1;
	}
	while (c->opos < c->olen) {
		n = ns_write(st, c->h, c->out + c->opos, c->olen - c->opos);
		if (n == -EAGAIN)
			return moved;
		if (n < 0) {
			c->state = ST_DONE;
			return 1;
		}
		c->opos += (size_t)n;
		moved = 1;
		if (c->opos == c->olen && c->kind == KIND_HTTP && c->fd >= 0) {
			n = read(c->fd, c->out, OUT_MAX);
			if (n < 0) {
				fprintf(stderr, "netstack-tap: read: %s\n",
				    strerror(errno));
				c->state = ST_DONE;
				return 1;
			}
			c->opos = 0;
			c->olen = (size_t)n;
		}
	}
	c->opos = c->olen = 0;
	if (c->kind == KIND_HTTP || c->eof)
		c->state = ST_DONE;
	return moved;
}

static void
conn_close(struct tapserve *sv, struct tapserve_conn *c)
{
	/* The data queued in the stack still goes out before the FIN. */
	ns_close(sv->st, c->h);
	if (c->fd >= 0)
		close(c->fd);
	free(c);
}

static int
accept_all(struct tapserve *sv, int lh, int kind)
{
	int h, n = 0;

	while (lh >= 0 && (h = ns_accept(sv->st, lh)) >= 0) {
		struct tapserve_conn *c = calloc(1, sizeof(*c));

		if (c == NULL) {
			ns_close(sv->st, h);
			continue;
		}
		c->h = h;
		c->kind = kind;
		c->fd = -1;
		c->next = sv->conns;
		sv->conns = c;
		sv->served++;
		n++;
	}
	return n;
}

int
tapserve_poll(struct tapserve *sv)
{
	struct tapserve_conn **pp = &sv->conns, *c;
	int busy = accept_all(sv, sv->echo_h, KIND_ECHO) +
	    accept_all(sv, sv->http_h, KIND_HTTP);

	while ((c = *pp) != NULL) {
		busy |= conn_step(sv, c);
		if (c->state == ST_DONE) {
			*pp = c->next;
			conn_close(sv, c);
			continue;
		}
		pp = &c->next;
	}
	return busy != 0;
}

void
tapserve_stop(struct tapserve *sv)
{
	struct tapserve_conn *c, *n;

	for (c = sv->conns; c != NULL; c = n) {
		n = c->next;
		conn_close(sv, c);
	}
	sv->conns = NULL;
	if (sv->echo_h >= 0)
		ns_close(sv->st, sv->echo_h);
	if (sv->http_h >= 0)
		ns_close(sv->st, sv->http_h);
}
