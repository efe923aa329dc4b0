/* A read-handle-reply loop helper for scheme daemons (<redox/scheme.h>). */
#include <redox/scheme.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

int scheme_register(const char *name)
{
	char url[256];
	size_t n = strlen(name);

	if (n + 2 > sizeof(url)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	url[0] = ':';
	memcpy(url + 1, name, n + 1);
	return open(url, O_CREAT | O_RDWR | O_CLOEXEC, 0);
}

int scheme_next(int fd, struct scheme_msg *m)
{
	ssize_t r;

	if (m->buf == NULL) {
		/* one request per read, at most a header and a full payload */
		m->cap = sizeof(struct scheme_request) + SCHEME_PAYLOAD_MAX;
		m->buf = malloc(m->cap);
		if (m->buf == NULL)
			return -1;
	}
	r = read(fd, m->buf, m->cap);
	if (r < 0)
		return -1;
	if (r == 0) {
		errno = 0;
		return -1;
	}
	if ((size_t)r < sizeof(m->req)) {
		errno = EIO;
		return -1;
	}
	memcpy(&m->req, m->buf, sizeof(m->req));
	if (m->req.len > (size_t)r - sizeof(m->req)) {
		errno = EIO;
		return -1;
	}
	m->data = m->buf + sizeof(m->req);
	return 0;
}

int scheme_reply(int fd, const struct scheme_msg *m, int64_t result,
    const void *payload, size_t len)
{
	struct scheme_response resp;
	unsigned char stackbuf[512], *out = stackbuf;
	size_t total = sizeof(resp) + len;
	ssize_t r;

	memset(&resp, 0, sizeof(resp));
	resp.id = m->req.id;
	resp.result = result;
	resp.len = (uint32_t)len;
	/* header and payload go in one write: one write is one reply */
	if (total > sizeof(stackbuf) && (out = malloc(total)) == NULL)
		return -1;
	memcpy(out, &resp, sizeof(resp));
	if (len)
		memcpy(out + sizeof(resp), payload, len);
	r = write(fd, out, total);
	if (out != stackbuf)
		free(out);
	return r == (ssize_t)total ? 0 : -1;
}

void scheme_msg_free(struct scheme_msg *m)
{
	free(m->buf);
	m->buf = NULL;
	m->cap = 0;
}
