/*
 * chardev.h - the answers every character-device daemon gives alike
 * (null:, zero:, rand:): open, close and dup succeed with handle 0; fstat
 * says a character device; fevent says always ready; fpath gives
 * "name:".  chardev_answer() handles those; 0 if the op is not one.
 * Reads and writes, plain or positioned, are the daemon's: as on Linux,
 * a character device takes pread/pwrite and ignores the offset.
 */
#ifndef SCHEMES_LIB_CHARDEV_H
#define SCHEMES_LIB_CHARDEV_H

#include "schemes/lib/serve.h"

int chardev_answer(const char *name, const struct scheme_request *rq, void *out,
    uint32_t *out_len, int64_t *result);

#endif
