/* netutil.h - what the network tools share (netutil.c). */
#ifndef NET_TOOLS_NETUTIL_H
#define NET_TOOLS_NETUTIL_H

#include <netinet/in.h>
#include <stddef.h>

/* Writes all of buf (retrying short writes); 0 or -1 with errno. */
int net_write_all(int fd, const void *buf, size_t len);
/* Resolves host and connects a socket of type to it, with reads (and
 * the connect) bounded by timeout_ms (0: none); the fd, or -errno with
 * the reason in err.  Prints nothing: libraries use it too. */
int net_dial(const char *host, const char *port, int type, int timeout_ms,
    char *err, size_t errlen);
/* Resolves host and connects a socket of type to it; the fd, or -1
 * after saying why on stderr (prefixed with the program's name). */
int net_connect(const char *host, const char *port, int type);
/* A socket of type bound to port on every address (TCP: listening). */
int net_listen(const char *port, int type);
/* "A.B.C.D:PORT". */
void net_addr_text(const struct sockaddr_in *a, char *buf, size_t n);
/* The first IPv4 address of host; 0, or -1 after saying why. */
int net_resolve(const char *host, struct in_addr *out);
/* The program name for messages (set by the tool, "net" by default). */
extern const char *net_prog;

#endif
