/*
 * usercopy.h - moving bytes across the user boundary.  Every (pointer,
 * length) is checked against the current process's regions first; the
 * HAL's copy then turns any remaining fault into -EFAULT.
 */
#ifndef CORE_USERCOPY_H
#define CORE_USERCOPY_H

#include <stddef.h>
#include <stdint.h>

int uc_copy_in(void *dst, uintptr_t src, size_t len);
int uc_copy_out(uintptr_t dst, const void *src, size_t len);
/* Length of the NUL-terminated user string at p, at most max:
 * -EFAULT, or -E2BIG/-ENAMETOOLONG (errmax) when longer than max. */
long uc_strlen(uintptr_t p, size_t max, int errmax);
/* True if the whole user range is readable (or writable). */
int uc_check(uintptr_t p, size_t len, int write);

#endif
