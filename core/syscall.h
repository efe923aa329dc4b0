/* syscall.h - the handlers core_syscall() dispatches to. */
#ifndef CORE_SYSCALL_H
#define CORE_SYSCALL_H

long sys_open(long path, long len, long flags);
long sys_close(long fd);
long sys_read(long fd, long buf, long len);
long sys_write(long fd, long buf, long len);
long sys_read2(long fd, long buf, long len, long off, long flags);
long sys_write2(long fd, long buf, long len, long off, long flags);
long sys_lseek(long fd, long off, long whence);
long sys_dup(long fd, long buf, long len);
long sys_dup2(long fd, long newfd, long buf, long len);
long sys_pipe2(long fds, long flags);
long sys_fstat(long fd, long st, long size);
long sys_fstatvfs(long fd, long st, long size);
long sys_fsync(long fd);
long sys_ftruncate(long fd, long len);
long sys_fpath(long fd, long buf, long len);
long sys_fchmod(long fd, long mode);
long sys_fchown(long fd, long uid, long gid);
long sys_frename(long fd, long path, long len);
long sys_futimens(long fd, long ts, long size);
long sys_unlink_common(long path, long len, int dir);
long sys_mkdir(long path, long len, long mode);
long sys_getdents(long fd, long buf, long len);
long sys_chdir(long path, long len);
long sys_getcwd(long buf, long len);
long sys_fcntl(long fd, long cmd, long arg);
long sys_umask(long mask);

long sys_spawn(long args, long size);
long sys_execve(long path, long len, long argv, long envp);
long sys_waitpid(long pid, long status, long flags);
long sys_wait4(long pid, long status, long flags, long uru);
long sys_setreuid(long ruid, long euid);
long sys_setregid(long rgid, long egid);
long sys_setpgid(long pid, long pgid);
long sys_getpgid(long pid);
long sys_setsid(void);
long sys_getsid(long pid);

long sys_mmap(long addr, long len, long flags, long fd, long off);
long sys_munmap(long addr, long len);
long sys_mprotect(long addr, long len, long flags);
long sys_brk(long addr);
long sys_mremap(long addr, long old_len, long new_len, long flags, long new_addr);

long sys_vfork(long entry, long stack, long arg);

long sys_set_tp(long tp, long flags);
/* A new thread's first step: user mode at t->entry on t->stack. */
struct thread;
void sys_thread_start(struct thread *t);
long sys_clone_thread(long entry, long stack, long arg, long tp);
long sys_exit_thread(long status, long clear);
long sys_gettid(void);
long sys_futex(long addr, long op, long val, long timeout);
long sys_clock_gettime(long clock, long ts);
long sys_nanosleep(long req, long rem);

#include <stdbool.h>
#include <stdint.h>
/* Runs syscall nr(args) again for the running thread (SA_RESTART). */
long syscall_redo(long nr, const int64_t args[5]);
/* Logs every syscall and its result (cmdline word "trace"). */
void syscall_trace(bool on);

#endif
