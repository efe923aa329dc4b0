/* LZ4 block format (no frame), as lz4_flex reads and writes it. */
#ifndef REDOXFS_LZ4_H
#define REDOXFS_LZ4_H

#include <stddef.h>
#include <stdint.h>

/*
 * Decompress one LZ4 block of `srclen` bytes into `dst` (room for
 * `dstcap` bytes).  Returns the number of bytes produced, or -EIO if the
 * block is malformed or would overflow `dst`.
 */
long lz4_decompress(const uint8_t *src, size_t srclen, uint8_t *dst,
    size_t dstcap);

/*
 * Compress src into one LZ4 block in dst (room for dstcap bytes).
 * Returns the compressed size, or -ENOSPC if it does not fit.
 */
long lz4_compress(const uint8_t *src, size_t srclen, uint8_t *dst,
    size_t dstcap);

#endif
