/* SeaHash (crate seahash 4.x, default seeds): RedoxFS's checksum. */
#ifndef REDOXFS_SEAHASH_H
#define REDOXFS_SEAHASH_H

#include <stddef.h>
#include <stdint.h>

uint64_t seahash(const void *buf, size_t len);

#endif
