/* socket_impl.h - shared by the socket files of libc (not installed). */
#ifndef LIBC_SOCKET_IMPL_H
#define LIBC_SOCKET_IMPL_H

#include <netinet/in.h>
#include <stddef.h>

/* The fd's URL into url (NUL-terminated); SOCK_STREAM for tcp:,
 * SOCK_DGRAM for udp:, else -1 with errno (ENOTSOCK). */
int __sock_url(int fd, char *url, size_t n);
/* SOCK_STREAM, SOCK_DGRAM, or -1 with errno: __sock_url's answer, kept
 * per fd until close or dup2 forgets it. */
int __sock_kind(int fd);
/* "A.B.C.D:PORT" (len bytes, or up to a '/'); empty is 0.0.0.0:0.  0 or -1. */
int __sock_endpoint(const char *s, size_t len, struct sockaddr_in *out);

#endif
