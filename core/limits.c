/*
 * limits.c - resource limits and the reserves kept for root.
 *
 * Per process: RLIMIT_NOFILE (the fd table stops there: EMFILE),
 * RLIMIT_AS (mmap beyond it: ENOMEM), RLIMIT_NPROC (spawn once the real
 * uid has that many processes, zombies included: EAGAIN; root exempt, as
 * on Linux).  System-wide, for everyone but root (euid 0): the last
 * PROC_ROOT_RESERVE process slots and 1/MEM_RESERVE_DIV of the pages, so
 * root can still spawn a shell or `shutdown` and the kernel can still
 * allocate for the daemons when a user program has run away.
 */
#include "core/abi.h"
#include "core/exec.h"
#include "core/fd.h"
#include "core/limits.h"
#include "core/proc.h"
#include "core/usercopy.h"
#include "core/vm.h"
#include "hal/hal.h"

void
limits_defaults(struct redox_rlimit *rl)
{
	for (int i = 0; i < RLIMIT_NLIMITS; i++)
		rl[i].rlim_cur = rl[i].rlim_max = RLIMIT_INFINITY;
	rl[RLIMIT_NPROC].rlim_cur = rl[RLIMIT_NPROC].rlim_max = NPROC_DEFAULT;
	rl[RLIMIT_NOFILE].rlim_cur = rl[RLIMIT_NOFILE].rlim_max = FD_MAX;
	rl[RLIMIT_STACK].rlim_cur = rl[RLIMIT_STACK].rlim_max = USER_STACK;
}

void
limits_inherit(struct proc *child, const struct proc *parent)
{
	if (parent) {
		for (int i = 0; i < RLIMIT_NLIMITS; i++)
			child->rlim[i] = parent->rlim[i];
	} else {
		limits_defaults(child->rlim);
	}
	fd_set_limit(child->fds, child->rlim[RLIMIT_NOFILE].rlim_cur);
}

static bool
privileged(const struct proc *p)
{
	return !p || p->euid == 0;
}

/* Processes (zombies too: they hold a slot until reaped) of real uid. */
static uint64_t
count_uid(uint32_t uid)
{
	uint64_t n = 0;
	for (struct proc *q = proc_next(NULL); q; q = proc_next(q))
		n += q->uid == uid;
	return n;
}

/* Pages not to be handed to unprivileged users. */
static size_t
mem_reserve(size_t total)
{
	return total / MEM_RESERVE_DIV;
}

int
limits_spawn_check(const struct proc *p)
{
	int n = proc_count();
	if (n >= PROC_MAX)
		return -EAGAIN;
	if (privileged(p))
		return 0;
	if (n >= PROC_MAX - PROC_ROOT_RESERVE)
		return -EAGAIN;
	if (count_uid(p->uid) >= p->rlim[RLIMIT_NPROC].rlim_cur)
		return -EAGAIN;
	/* The child's stack and image come out of the same pages. */
	if (limits_mem_check(p, SPAWN_PAGES) != 0)
		return -EAGAIN;
	return 0;
}

/* Would npages more HAL pages eat into the reserve? */
static int
hal_room(size_t npages)
{
	size_t total, used;
	hal_page_counts(&total, &used);
	size_t room = total - mem_reserve(total);
	if (npages > room || used > room - npages)
		return -ENOMEM;
	return 0;
}

/*
 * Two counts, since a backend may or may not count user pages among the
 * HAL's used pages (x86_64 does, hosted does not): neither the HAL's
 * used pages nor the user pages committed by all processes may eat into
 * the reserve.
 */
int
limits_mem_check(const struct proc *p, size_t npages)
{
	if (privileged(p))
		return 0;
	if (hal_room(npages) != 0)
		return -ENOMEM;
	size_t total, used;
	hal_page_counts(&total, &used);
	size_t room = total - mem_reserve(total);
	if (vm_committed() > room - npages)
		return -ENOMEM;
	return 0;
}

int
limits_as_check(const struct proc *p, size_t npages)
{
	uint64_t max = p->rlim[RLIMIT_AS].rlim_cur;
	if (max == RLIMIT_INFINITY)
		return 0;
	uint64_t have = p->vm ? p->vm->pages : 0;
	if (npages > max / HAL_PAGE_SIZE || have > max / HAL_PAGE_SIZE - npages)
		return -ENOMEM;
	return 0;
}

int
limits_kmem_check(const struct proc *p, size_t npages)
{
	return privileged(p) ? 0 : hal_room(npages);
}

long
sys_getrlimit(long res, long urlim)
{
	struct proc *p = proc_current();
	if (res < 0 || res >= RLIMIT_NLIMITS)
		return -EINVAL;
	if (uc_copy_out((uintptr_t)urlim, &p->rlim[res], sizeof p->rlim[res]) != 0)
		return -EFAULT;
	return 0;
}

/* Anyone may lower a limit; only root may raise a hard one. */
long
sys_setrlimit(long res, long urlim)
{
	struct proc *p = proc_current();
	struct redox_rlimit rl;
	if (res < 0 || res >= RLIMIT_NLIMITS)
		return -EINVAL;
	if (uc_copy_in(&rl, (uintptr_t)urlim, sizeof rl) != 0)
		return -EFAULT;
	if (rl.rlim_cur > rl.rlim_max)
		return -EINVAL;
	if (rl.rlim_max > p->rlim[res].rlim_max && p->euid != 0)
		return -EPERM;
	/* The table holds FD_MAX at most, as Linux's nr_open. */
	if (res == RLIMIT_NOFILE && rl.rlim_max > FD_MAX)
		return -EPERM;
	p->rlim[res] = rl;
	if (res == RLIMIT_NOFILE)
		fd_set_limit(p->fds, rl.rlim_cur);
	return 0;
}
