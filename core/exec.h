/* exec.h - loading programs: spawn, execve and the ELF loader. */
#ifndef CORE_EXEC_H
#define CORE_EXEC_H

#include <stddef.h>
#include <stdint.h>

struct proc;
struct thread;

#define ARG_MAX (256 * 1024)
#define ARGC_MAX 4096
#define USER_STACK (1024 * 1024)
#define USER_BRK (64ull * 1024 * 1024)

/* argv and envp copied into the kernel: strings back to back. */
struct exec_args {
	char *path;
	size_t path_len;
	char *strs;
	size_t strs_len, strs_cap;	/* grows up to ARG_MAX */
	int argc, envc;
};

/* Copies path, argv and envp from user memory; -EFAULT, -E2BIG, ... */
int exec_args_capture(uintptr_t path, size_t path_len, uintptr_t argv,
    uintptr_t envp, struct exec_args **out);
/* Kernel-made arguments (for init): argv[0] = path, envp empty. */
struct exec_args *exec_args_simple(const char *path, size_t len);
void exec_args_free(struct exec_args *a);

/* Replaces p's image with the program (current process only). */
int exec_load(struct proc *p, struct exec_args *a, uintptr_t *entry, uintptr_t *sp);
/* A child that will run a (taken over); set its fds and cwd, then start
 * it.  exec_spawn_start returns its pid, or -errno if the image failed to
 * load (the child is then gone). */
struct proc *exec_spawn_new(struct proc *parent, struct exec_args *a);
long exec_spawn_start(struct proc *parent, struct proc *child, uint64_t sigmask);
/* Tells the HAL where the thread's (main) user stack is. */
void exec_set_stack(struct thread *t);
/* The first kernel step of a spawned process. */
void exec_first_step(struct thread *t);

/* Keeps a copy of a's environment for env:. */
void exec_keep_env(struct proc *p, const struct exec_args *a);

#endif
