/* Process ids, user ids, groups and sessions. */
#include <unistd.h>
#include <errno.h>
#include "../internal/libc.h"

pid_t getpid(void) { return (pid_t)__syscall0(SYS_GETPID); }
pid_t getppid(void) { return (pid_t)__syscall0(SYS_GETPPID); }
pid_t gettid(void) { return (pid_t)__syscall0(SYS_GETTID); }
uid_t getuid(void) { return (uid_t)__syscall0(SYS_GETUID); }
uid_t geteuid(void) { return (uid_t)__syscall0(SYS_GETEUID); }
gid_t getgid(void) { return (gid_t)__syscall0(SYS_GETGID); }
gid_t getegid(void) { return (gid_t)__syscall0(SYS_GETEGID); }

/* -1 means "unchanged", as the kernel wants. */
int setreuid(uid_t ruid, uid_t euid)
{
	return (int)__syscall_ret(__syscall2(SYS_SETREUID, (int)ruid, (int)euid));
}

int setregid(gid_t rgid, gid_t egid)
{
	return (int)__syscall_ret(__syscall2(SYS_SETREGID, (int)rgid, (int)egid));
}

int setuid(uid_t uid) { return setreuid(uid, uid); }
int setgid(gid_t gid) { return setregid(gid, gid); }
int seteuid(uid_t uid) { return setreuid((uid_t)-1, uid); }
int setegid(gid_t gid) { return setregid((gid_t)-1, gid); }

/* Supplementary groups are not in the ABI: just the primary one. */
int getgroups(int n, gid_t *list)
{
	if (n == 0)
		return 1;
	if (n < 1) {
		errno = EINVAL;
		return -1;
	}
	list[0] = getegid();
	return 1;
}

int setpgid(pid_t pid, pid_t pgid)
{
	return (int)__syscall_ret(__syscall2(SYS_SETPGID, pid, pgid));
}

pid_t getpgid(pid_t pid)
{
	return (pid_t)__syscall_ret(__syscall1(SYS_GETPGID, pid));
}

pid_t getpgrp(void) { return getpgid(0); }
int setpgrp(void) { return setpgid(0, 0); }

pid_t setsid(void)
{
	return (pid_t)__syscall_ret(__syscall0(SYS_SETSID));
}

pid_t getsid(pid_t pid)
{
	return (pid_t)__syscall_ret(__syscall1(SYS_GETSID, pid));
}

mode_t umask(mode_t mask)
{
	return (mode_t)__syscall1(SYS_UMASK, mask);
}

/* vfork.S's parent path ends here with the syscall's result. */
long __vfork_result(long r);
long __vfork_result(long r)
{
	return __syscall_ret(r);
}
