/* pipe.h - pipe: and pipe2(): a byte ring between a read end and a write end. */
#ifndef CORE_PIPE_H
#define CORE_PIPE_H

#include <stdint.h>

struct file;

int pipe_init(void);
/* Makes both ends (each with one reference). */
int pipe_create(uint32_t flags, struct file **rd, struct file **wr);

#endif
