/*
 * event.h - event: readiness queues.  A program writes struct redox_event
 * records to a queue to watch fds, and reads the ones that became ready.
 * Schemes call event_trigger() when one of their handles becomes readable
 * or writable.
 */
#ifndef CORE_EVENT_H
#define CORE_EVENT_H

#include <stdbool.h>
#include <stdint.h>

struct file;
struct scheme;

int event_init(void);
void event_trigger(struct scheme *s, uint64_t handle, uint32_t flags);
/* A handle closed: its watches go. */
void event_forget(struct scheme *s, uint64_t handle);
/* Is f an event: queue (poll/select wait on one; SA_RESTART skips it)? */
bool event_is_queue(const struct file *f);

#endif
