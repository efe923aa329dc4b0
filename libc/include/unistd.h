/* unistd.h - POSIX process, file descriptor and path calls. */
#ifndef _UNISTD_H
#define _UNISTD_H

#include <features.h>
#include <stddef.h>
#include <sys/types.h>
#include <redox/abi.h>

__BEGIN_DECLS

#define STDIN_FILENO	0
#define STDOUT_FILENO	1
#define STDERR_FILENO	2

#define F_OK	0
#define X_OK	1
#define W_OK	2
#define R_OK	4

#define _SC_PAGESIZE		1
#define _SC_PAGE_SIZE		_SC_PAGESIZE
#define _SC_OPEN_MAX		2
#define _SC_NPROCESSORS_ONLN	3
#define _SC_NPROCESSORS_CONF	4
#define _SC_CLK_TCK		5
#define _SC_ARG_MAX		6
#define _SC_HOST_NAME_MAX	7
#define _SC_LOGIN_NAME_MAX	8
#define _SC_NGROUPS_MAX		9
#define _SC_LINE_MAX		10
#define _SC_IOV_MAX		11
#define _SC_GETPW_R_SIZE_MAX	12
#define _SC_GETGR_R_SIZE_MAX	13
#define _SC_TTY_NAME_MAX	14
#define _SC_SYMLOOP_MAX		15
#define _SC_VERSION		16
#define _SC_CHILD_MAX		17
#define _SC_RE_DUP_MAX		18

#define _PC_LINK_MAX		0
#define _PC_MAX_CANON		1
#define _PC_MAX_INPUT		2
#define _PC_NAME_MAX		3
#define _PC_PATH_MAX		4
#define _PC_PIPE_BUF		5
#define _PC_CHOWN_RESTRICTED	6
#define _PC_NO_TRUNC		7
#define _PC_VDISABLE		8
#define _PC_FILESIZEBITS	13
#define _PC_SYMLINK_MAX		19

#define _CS_PATH		0

extern char **environ;
extern char *optarg;
extern int optind, opterr, optopt;

ssize_t read(int fd, void *buf, size_t n);
ssize_t write(int fd, const void *buf, size_t n);
ssize_t pread(int fd, void *buf, size_t n, off_t off);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off);
int close(int fd);
off_t lseek(int fd, off_t off, int whence);
int dup(int fd);
int dup2(int fd, int newfd);
int dup3(int fd, int newfd, int flags);
int pipe(int fds[2]);
int pipe2(int fds[2], int flags);
int fsync(int fd);
int fdatasync(int fd);
int ftruncate(int fd, off_t len);
int truncate(const char *path, off_t len);
int isatty(int fd);
/* lockf: record locks from the position (fcntl's, so they mix with them). */
#define F_ULOCK	0
#define F_LOCK	1
#define F_TLOCK	2
#define F_TEST	3
int lockf(int fd, int cmd, off_t len);
char *ttyname(int fd);
int ttyname_r(int fd, char *buf, size_t len);

int access(const char *path, int mode);
int chdir(const char *path);
int fchdir(int fd);
char *getcwd(char *buf, size_t n);
int unlink(const char *path);
int rmdir(const char *path);
int link(const char *from, const char *to);
int symlink(const char *target, const char *path);
ssize_t readlink(const char *restrict path, char *restrict buf, size_t n);
/* The *at() calls join a relative path to the directory's URL. */
int faccessat(int dirfd, const char *path, int mode, int flags);
int unlinkat(int dirfd, const char *path, int flags);
ssize_t readlinkat(int dirfd, const char *restrict path, char *restrict buf, size_t n);
int symlinkat(const char *target, int dirfd, const char *path);
int fchownat(int dirfd, const char *path, uid_t uid, gid_t gid, int flags);
int linkat(int fromfd, const char *from, int tofd, const char *to, int flags);
int chown(const char *path, uid_t uid, gid_t gid);
int lchown(const char *path, uid_t uid, gid_t gid);
int fchown(int fd, uid_t uid, gid_t gid);

/* The child shares this process's memory and must only execve or _exit;
 * the caller is suspended until it does (see libc/README.md). */
pid_t vfork(void);
pid_t getpid(void);
pid_t getppid(void);
pid_t gettid(void);
uid_t getuid(void);
uid_t geteuid(void);
gid_t getgid(void);
gid_t getegid(void);
int setuid(uid_t uid);
int setgid(gid_t gid);
int seteuid(uid_t uid);
int setegid(gid_t gid);
int setreuid(uid_t ruid, uid_t euid);
int setregid(gid_t rgid, gid_t egid);
int getgroups(int n, gid_t *list);
int setpgid(pid_t pid, pid_t pgid);
pid_t getpgid(pid_t pid);
pid_t getpgrp(void);
int setpgrp(void);
pid_t setsid(void);
pid_t getsid(pid_t pid);
pid_t tcgetpgrp(int fd);
int tcsetpgrp(int fd, pid_t pgid);

int execve(const char *path, char *const argv[], char *const envp[]);
int execv(const char *path, char *const argv[]);
int execvp(const char *file, char *const argv[]);
int execvpe(const char *file, char *const argv[], char *const envp[]);
int execl(const char *path, const char *arg, ...);
int execlp(const char *file, const char *arg, ...);
int execle(const char *path, const char *arg, ...);
__noreturn void _exit(int status);

unsigned sleep(unsigned sec);
int usleep(useconds_t usec);
unsigned alarm(unsigned secs);
useconds_t ualarm(useconds_t usecs, useconds_t interval);
int pause(void);
long sysconf(int name);
long pathconf(const char *path, int name);
long fpathconf(int fd, int name);
size_t confstr(int name, char *buf, size_t len);
int getdtablesize(void);
int getentropy(void *buf, size_t len);
int getpagesize(void);
int gethostname(char *name, size_t n);
char *getlogin(void);
int getlogin_r(char *buf, size_t n);
int getopt(int argc, char *const argv[], const char *opts);

/* Redox: tell init that a daemon is ready (see <redox.h>). */
int daemon_ready(void);

char *crypt(const char *key, const char *setting);
__END_DECLS

#endif
