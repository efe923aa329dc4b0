/* A Linux TAP device (IFF_TAP | IFF_NO_PI): whole Ethernet frames. */
#ifndef NET_HOST_TAP_H
#define NET_HOST_TAP_H

#include <stddef.h>
#include <sys/types.h>

/* Attaches to (or creates) the TAP device name; a non-blocking fd or
 * -errno. */
int tap_open(const char *name);
/* One frame, or -EAGAIN when none is waiting. */
ssize_t tap_read(int fd, void *buf, size_t n);
int tap_write(int fd, const void *frame, size_t n);

#endif
