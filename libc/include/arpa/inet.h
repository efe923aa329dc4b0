/* arpa/inet.h - IPv4 address text conversions. */
#ifndef _ARPA_INET_H
#define _ARPA_INET_H

#include <features.h>
#include <netinet/in.h>

__BEGIN_DECLS
in_addr_t inet_addr(const char *cp);
int inet_aton(const char *cp, struct in_addr *inp);
char *inet_ntoa(struct in_addr in);
int inet_pton(int af, const char *src, void *dst);
const char *inet_ntop(int af, const void *src, char *dst, socklen_t size);
__END_DECLS

#endif
