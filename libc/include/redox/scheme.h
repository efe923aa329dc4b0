/* redox/scheme.h - a small loop helper for user-space scheme daemons.
 *
 *   int fd = scheme_register("vec");          // opens ":vec" with O_CREAT
 *   struct scheme_msg m;
 *   while (scheme_next(fd, &m) == 0) {
 *           ... look at m.req (op, a..d) and m.data/m.req.len ...
 *           scheme_reply(fd, &m, result, payload, payload_len);
 *   }
 */
#ifndef _REDOX_SCHEME_H
#define _REDOX_SCHEME_H

#include <features.h>
#include <stddef.h>
#include <stdint.h>
#include <redox/abi.h>

struct scheme_msg {
	struct scheme_request req;
	unsigned char *data;	/* req.len payload bytes (inside buf) */
	unsigned char *buf;	/* header + payload, malloc'd, reused */
	size_t cap;
};

__BEGIN_DECLS
int scheme_register(const char *name);
/* Reads the next request into m (allocating m->buf on first use).
 * Returns 0, or -1 with errno set (EOF gives errno 0). */
int scheme_next(int fd, struct scheme_msg *m);
/* Answers m's request: result (>= 0 or -errno) and an optional payload. */
int scheme_reply(int fd, const struct scheme_msg *m, int64_t result,
    const void *payload, size_t len);
void scheme_msg_free(struct scheme_msg *m);
__END_DECLS

#endif
