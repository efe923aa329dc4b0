/*
 * limits.h - resource limits: each process's getrlimit/setrlimit values
 * (inherited through spawn) and the system-wide caps that keep room for
 * root, so a runaway unprivileged program gets EAGAIN, ENOMEM or EMFILE
 * while root, init and the daemons keep working.
 */
#ifndef CORE_LIMITS_H
#define CORE_LIMITS_H

#include <stddef.h>

#include "core/abi.h"

#define PROC_MAX		256	/* processes in the table, root included */
#define PROC_ROOT_RESERVE	16	/* the last slots are root's */
#define NPROC_DEFAULT		128	/* RLIMIT_NPROC for everyone else */
/* 1/16 of the pages are kept for root and the kernel's own allocations. */
#define MEM_RESERVE_DIV		16
/* What a spawned process needs before it runs: stack, image, tables. */
#define SPAWN_PAGES		320

struct proc;

/* The limits a process starts with when it has no parent (init). */
void limits_defaults(struct redox_rlimit *rl);
/* Copies the parent's limits into a new process (spawn inherits them). */
void limits_inherit(struct proc *child, const struct proc *parent);
/* May p spawn one more process?  0 or -EAGAIN. */
int limits_spawn_check(const struct proc *p);
/* May p commit npages more pages of user memory?  0 or -ENOMEM. */
int limits_mem_check(const struct proc *p, size_t npages);
/* Would a mapping of npages more stay inside p's RLIMIT_AS?  0 or -ENOMEM. */
int limits_as_check(const struct proc *p, size_t npages);
/* May p make the kernel allocate npages pages for it?  0 or -ENOMEM. */
int limits_kmem_check(const struct proc *p, size_t npages);

long sys_getrlimit(long res, long urlim);
long sys_setrlimit(long res, long urlim);

#endif
