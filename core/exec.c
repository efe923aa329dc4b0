/*
 * exec.c - spawn and execve: arguments into the kernel, the image from its
 * scheme, segments into a fresh address space, relocations, the stack.
 *
 * spawn makes the child and lets the child's own first kernel step load
 * the image, with the child's address space active; the parent waits for
 * the verdict so a missing or malformed program is an error from spawn.
 */
#include "core/abi.h"
#include "core/cputime.h"
#include "core/elf.h"
#include "core/exec.h"
#include "core/fd.h"
#include "core/file.h"
#include "core/kmem.h"
#include "core/log.h"
#include "core/proc.h"
#include "core/signal.h"
#include "core/url.h"
#include "core/str.h"
#include "core/usercopy.h"
#include "core/vfs.h"
#include "core/vm.h"
#include "hal/hal.h"

#define PAGE ((uint64_t)HAL_PAGE_SIZE)
#define IMAGE_MAX (64u * 1024 * 1024)
#define STACK_GUARD (64 * 1024)

void
exec_args_free(struct exec_args *a)
{
	if (!a)
		return;
	kmem_free(a->path);
	kmem_free(a->strs);
	kmem_free(a);
}

static int strs_room(struct exec_args *a, size_t need);

static struct exec_args *
args_new(const char *path, size_t len)
{
	struct exec_args *a = kmem_alloc(sizeof *a);
	if (!a)
		return NULL;
	a->path = kmem_alloc(len + 1);
	if (a->path)
		memcpy(a->path, path, str_nlen(path, len));
	a->path_len = len;
	/* Most argument lists are short: ARG_MAX at once would cost every
	 * spawn a fresh mapping and its munmap (a TLB flush). */
	a->strs_cap = URL_MAX * 2;
	a->strs = kmem_alloc(a->strs_cap);
	if (!a->path || !a->strs) {
		exec_args_free(a);
		return NULL;
	}
	return a;
}

struct exec_args *
exec_args_simple(const char *path, size_t len)
{
	struct exec_args *a = args_new(path, len);
	if (!a)
		return NULL;
	if (strs_room(a, len + 1) != 0) {
		exec_args_free(a);
		return NULL;
	}
	memcpy(a->strs, path, len);
	a->strs[len] = 0;
	a->strs_len = len + 1;
	a->argc = 1;
	return a;
}

/* Room for need more bytes of strings: 0, or -E2BIG past ARG_MAX. */
static int
strs_room(struct exec_args *a, size_t need)
{
	if (need > ARG_MAX - a->strs_len)
		return -E2BIG;
	if (a->strs_len + need <= a->strs_cap)
		return 0;
	size_t cap = a->strs_cap;
	while (cap < a->strs_len + need)
		cap *= 2;
	if (cap > ARG_MAX)
		cap = ARG_MAX;
	char *n = kmem_alloc(cap);
	if (!n)
		return -ENOMEM;
	memcpy(n, a->strs, a->strs_len);
	kmem_free(a->strs);
	a->strs = n;
	a->strs_cap = cap;
	return 0;
}

/* Appends the strings of a user NULL-terminated array; returns the count. */
static int
capture_vec(struct exec_args *a, uintptr_t vec)
{
	int n = 0;
	if (!vec)
		return 0;
	for (;; n++) {
		uint64_t sp;
		if (n >= ARGC_MAX)
			return -E2BIG;
		if (uc_copy_in(&sp, vec + (uintptr_t)n * 8, 8) != 0)
			return -EFAULT;
		if (!sp)
			return n;
		size_t room = ARG_MAX - a->strs_len;
		if (room == 0)
			return -E2BIG;
		long len = uc_strlen(sp, room - 1, -E2BIG);
		if (len < 0)
			return (int)len;
		int e = strs_room(a, (size_t)len + 1);
		if (e)
			return e;
		if (uc_copy_in(a->strs + a->strs_len, sp, (size_t)len) != 0)
			return -EFAULT;
		a->strs[a->strs_len + (size_t)len] = 0;
		a->strs_len += (size_t)len + 1;
	}
}

int
exec_args_capture(uintptr_t path, size_t path_len, uintptr_t argv,
    uintptr_t envp, struct exec_args **out)
{
	if (path_len == 0)
		return -ENOENT;
	if (path_len >= URL_MAX)
		return -ENAMETOOLONG;
	struct exec_args *a = args_new("", path_len);
	if (!a)
		return -ENOMEM;
	if (uc_copy_in(a->path, path, path_len) != 0) {
		exec_args_free(a);
		return -EFAULT;
	}
	const char *kpath = a->path;
	int n = capture_vec(a, argv);
	if (n >= 0) {
		a->argc = n;
		n = capture_vec(a, envp);
		a->envc = n;
	}
	if (n < 0) {
		exec_args_free(a);
		return n;
	}
	if (a->argc == 0) {
		/* Programs may rely on argv[0]; give them the path. */
		struct exec_args *b = exec_args_simple(kpath, path_len);
		exec_args_free(a);
		if (!b)
			return -ENOMEM;
		n = capture_vec(b, envp);
		if (n < 0) {
			exec_args_free(b);
			return n;
		}
		b->envc = n;
		a = b;
	}
	*out = a;
	return 0;
}

/* Applies RELR relocations: *where += base, where every entry says. */
static int
apply_relr(const struct elf_info *e, const uint8_t *img, uint64_t base)
{
	const uint64_t *r = (const uint64_t *)(img + e->relr_off);
	uint64_t where = 0;
	for (uint64_t i = 0; i < e->relr_size / 8; i++) {
		uint64_t bits = r[i], nbits = 1;
		if (!(bits & 1)) {
			where = bits;
		} else {
			bits >>= 1;
			nbits = 63;
		}
		for (uint64_t k = 0; k < nbits; k++, bits >>= 1) {
			if (!(bits & 1) && nbits != 1)
				continue;
			uint64_t at = where + k * 8, v;
			if (at < e->span_lo || at + 8 > e->span_hi)
				return -ENOEXEC;
			if (hal_copy_from_user(&v, base + at, 8) != 0)
				return -ENOEXEC;
			v += base;
			if (hal_copy_to_user(base + at, &v, 8) != 0)
				return -ENOEXEC;
		}
		where += nbits == 1 ? 8 : 63 * 8;
	}
	return 0;
}

static int
load_image(struct vm *vm, const uint8_t *img, size_t len, uint64_t *base_out,
    struct elf_info *e)
{
	int err = elf_parse(img, len, e);
	if (err)
		return err;
	uintptr_t addr = 0;
	size_t span = e->span_hi - e->span_lo;
	err = vm_map(vm, &addr, span, HAL_PROT_READ | HAL_PROT_WRITE, R_IMAGE);
	if (err)
		return err;
	uint64_t base = addr - e->span_lo;
	for (int i = 0; i < e->nseg; i++) {
		const struct elf_seg *s = &e->seg[i];
		uint64_t lo = (base + s->vaddr) & ~(PAGE - 1);
		hal_prefault(vm->as, lo, base + s->vaddr + s->filesz - lo);
		if (hal_copy_to_user(base + s->vaddr, img + s->offset, s->filesz) != 0)
			return -EFAULT;
	}
	const struct { uint64_t off, info; int64_t add; } *r = (const void *)(img + e->rela_off);
	for (uint64_t i = 0; i < e->rela_count; i++) {
		uint64_t v = base + (uint64_t)r[i].add;
		if (hal_copy_to_user(base + r[i].off, &v, 8) != 0)
			return -EFAULT;
	}
	if (e->relr_size && (err = apply_relr(e, img, base)) != 0)
		return err;
	/* Per-segment protection; a page two segments share gets both. */
	for (int i = 0; i < e->nseg; i++) {
		const struct elf_seg *s = &e->seg[i];
		uint64_t lo = s->vaddr & ~(PAGE - 1);
		uint64_t hi = (s->vaddr + s->memsz + PAGE - 1) & ~(PAGE - 1);
		int prot = s->prot;
		if (i > 0) {
			const struct elf_seg *p = &e->seg[i - 1];
			if (((p->vaddr + p->memsz - 1) & ~(PAGE - 1)) == lo)
				prot |= p->prot;
		}
		if (i + 1 < e->nseg && (e->seg[i + 1].vaddr & ~(PAGE - 1)) == hi - PAGE)
			prot |= e->seg[i + 1].prot;
		if (prot == (HAL_PROT_READ | HAL_PROT_WRITE))
			continue;	/* mapped so */
		if ((err = vm_protect(vm, base + lo, hi - lo, prot)) != 0)
			return err;
	}
	*base_out = base;
	return 0;
}

/* Lays out argc, argv, envp and auxv at the top of the new stack. */
static int
build_stack(struct proc *p, struct vm *vm, const struct exec_args *a,
    const struct elf_info *e, uint64_t base, uintptr_t *sp_out)
{
	uintptr_t lo = 0;
	int err = vm_map(vm, &lo, USER_STACK + STACK_GUARD,
	    HAL_PROT_READ | HAL_PROT_WRITE, R_STACK);
	if (err)
		return err;
	if ((err = vm_protect(vm, lo, STACK_GUARD, 0)) != 0)
		return err;
	uintptr_t top = lo + STACK_GUARD + USER_STACK;

	uint64_t auxv[][2] = {
		{ AT_PHDR, base + e->phdr }, { AT_PHENT, e->phent }, { AT_PHNUM, e->phnum },
		{ AT_PAGESZ, PAGE }, { AT_ENTRY, base + e->entry },
		{ AT_UID, p->uid }, { AT_EUID, p->euid }, { AT_GID, p->gid },
		{ AT_EGID, p->egid }, { AT_RANDOM, 0 },
		{ AT_REDOX_SYSCALL, hal_syscall_entry(vm->as) }, { AT_NULL, 0 },
	};
	size_t nauxv = sizeof auxv / sizeof auxv[0];
	size_t nptr = 1 + (size_t)a->argc + 1 + (size_t)a->envc + 1 + 2 * nauxv;
	uintptr_t strs = (top - a->strs_len - 16) & ~(uintptr_t)15;
	uintptr_t rnd = strs + a->strs_len;	/* 16 random bytes after them */
	uintptr_t sp = (strs - nptr * 8) & ~(uintptr_t)15;
	if (sp < lo + STACK_GUARD + 4096)
		return -E2BIG;
	uint64_t *vec = kmem_alloc(nptr * 8);
	if (!vec)
		return -ENOMEM;
	size_t k = 0, off = 0;
	vec[k++] = (uint64_t)a->argc;
	for (int i = 0; i < a->argc + a->envc; i++) {
		vec[k++] = strs + off;
		off += str_len(a->strs + off) + 1;
		if (i == a->argc - 1)
			vec[k++] = 0;	/* end of argv */
	}
	vec[k++] = 0;		/* end of envp */
	auxv[9][1] = rnd;
	for (size_t i = 0; i < nauxv; i++) {
		vec[k++] = auxv[i][0];
		vec[k++] = auxv[i][1];
	}
	uint8_t seed[16];
	hal_random_seed(seed, sizeof seed);
	err = 0;
	if (hal_copy_to_user(strs, a->strs, a->strs_len) != 0 ||
	    hal_copy_to_user(rnd, seed, sizeof seed) != 0 ||
	    hal_copy_to_user(sp, vec, nptr * 8) != 0)
		err = -EFAULT;
	kmem_free(vec);
	*sp_out = sp;
	return err;
}

int
exec_load(struct proc *p, struct exec_args *a, uintptr_t *entry, uintptr_t *sp)
{
	struct file *f;
	struct redox_stat st;
	uint8_t *img = NULL;
	size_t len;
	struct elf_info *e = NULL;
	uint64_t base = 0;

	int err = vfs_open(a->path, a->path_len, O_RDONLY, &f);
	if (err)
		return err;
	err = vfs_fstat(f, &st);
	if (!err && (st.st_mode & MODE_TYPE) != MODE_FILE)
		err = (st.st_mode & MODE_TYPE) == MODE_DIR ? -EISDIR : -EACCES;
	if (!err && !(st.st_mode & 0111))
		err = -EACCES;
	if (!err)
		err = vfs_read_all(f, st.st_size, IMAGE_MAX, &img, &len);
	file_put(f);
	if (err)
		return err;

	/*
	 * A spawned child's space is still empty: the image goes straight
	 * into it, which saves reserving a second space and freeing the
	 * first (an munmap, a TLB flush).  A child whose load fails dies.
	 */
	struct vm *old = p->vm, *vm = NULL;
	e = kmem_alloc(sizeof *e);
	if (e)
		vm = vm_empty(old) ? old : vm_new();
	if (!vm) {
		err = -ENOMEM;
		goto out;
	}
	hal_as_activate(vm->as);
	err = load_image(vm, img, len, &base, e);
	if (!err)
		err = vm_brk_reserve(vm, USER_BRK);
	if (!err)
		err = build_stack(p, vm, a, e, base, sp);
	if (err) {
		hal_as_activate(old->as);
		if (vm == old)
			vm = NULL;	/* the child's own, freed with it */
		goto out;
	}
	p->vm = vm;
	vm = vm == old ? NULL : old;
	if (p->vfork_parent) {
		vm = NULL;	/* a vfork child's was its parent's: give it back */
		proc_vfork_release(p);
	}
	cputime_leave_vm(p, vm);
	*entry = base + e->entry;
	if (st.st_mode & MODE_SETUID)
		p->euid = st.st_uid;
	if (st.st_mode & MODE_SETGID)
		p->egid = st.st_gid;
	/* The name is the program's last path component. */
	size_t i = a->path_len;
	while (i > 0 && a->path[i - 1] != '/' && a->path[i - 1] != ':')
		i--;
	str_copy(p->name, sizeof p->name, a->path + i, a->path_len - i);
out:
	vm_free(vm);
	kmem_free(e);
	kmem_free(img);
	return err;
}

/* Keeps a copy of the environment for env: */
void
exec_keep_env(struct proc *p, const struct exec_args *a)
{
	const char *s = a->strs;
	for (int i = 0; i < a->argc; i++)
		s += str_len(s) + 1;
	char **env = kmem_alloc(((size_t)a->envc + 1) * sizeof *env);
	if (!env)
		return;
	for (int i = 0; i < a->envc; i++) {
		size_t n = str_len(s);
		env[i] = kmem_strndup(s, n);
		s += n + 1;
	}
	for (int i = 0; p->env && p->env[i]; i++)
		kmem_free(p->env[i]);
	kmem_free(p->env);
	p->env = env;
}

void
exec_set_stack(struct thread *t)
{
	struct vm *vm = t->proc->vm;
	struct list *l;
	list_for_each(l, &vm->regions) {
		struct region *r = list_entry(l, struct region, link);
		if (r->kind == R_STACK && (r->prot & HAL_PROT_WRITE)) {
			hal_thread_set_stack(t->hal, r->start, r->start + r->len);
			return;
		}
	}
}

void
exec_first_step(struct thread *t)
{
	struct proc *p = t->proc;
	struct exec_args *a = p->exec;
	uintptr_t entry = 0, sp = 0;

	p->exec = NULL;
	int err = exec_load(p, a, &entry, &sp);
	if (!err)
		exec_keep_env(p, a);
	exec_args_free(a);
	p->exec_result = err;
	waitq_wake(&p->exec_wait, -1);
	if (err)
		proc_exit(W_EXITED(127));
	hal_thread_set_tp(t->hal, 0, 0);
	exec_set_stack(t);
	hal_user_enter(entry, sp, sp);
}

struct proc *
exec_spawn_new(struct proc *parent, struct exec_args *a)
{
	struct proc *c = proc_new(parent, a->path, a->path_len);
	if (!c) {
		exec_args_free(a);
		return NULL;
	}
	c->exec = a;
	c->exec_result = 1;
	return c;
}

long
exec_spawn_start(struct proc *parent, struct proc *c, uint64_t sigmask)
{
	struct thread *t = proc_thread_new(c, exec_first_step);
	if (!t) {
		exec_args_free(c->exec);
		c->exec = NULL;
		proc_discard(c);
		return -ENOMEM;
	}
	t->sigmask = sigmask & ~SIG_UNBLOCKABLE;
	sched_ready(t);
	if (!parent)
		return c->pid;
	/* Killable: the image may come from a scheme this very process
	 * serves, and then only its end can break the wait.  The child goes
	 * on alone (its load fails once the scheme is gone). */
	while (c->exec_result == 1)
		if (waitq_sleep_killable(&c->exec_wait) == -EINTR)
			return -EINTR;
	if (c->exec_result == 0)
		return c->pid;
	int err = c->exec_result, st, pid = c->pid;
	while (proc_wait(pid, &st, 0, NULL) == -EINTR)
		;
	return err;
}
