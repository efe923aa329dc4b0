/*
 * kt_users - credentials: root drops to uid 1000, cannot come back, may
 * not register a scheme or open disk:0; a set-uid root program run by the
 * user gets euid 0.
 */
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int bad;

static void
check(const char *what, int ok)
{
	if (!ok) {
		printf("kt_users: FAIL %s (errno %d)\n", what, errno);
		bad = 1;
	}
}

int
main(void)
{
	check("starts as root", getuid() == 0 && geteuid() == 0);
	check("setgid(100)", setgid(100) == 0 && getgid() == 100 && getegid() == 100);
	check("setuid(1000)", setuid(1000) == 0 && getuid() == 1000 && geteuid() == 1000);
	check("setuid(0) is refused", setuid(0) == -1 && errno == EPERM);
	check("a user may not register a scheme",
	    open(":kt_users", O_CREAT | O_RDWR) == -1 && errno == EACCES);
	check("a user may not open disk:0", open("disk:0", O_RDWR) == -1 &&
	    (errno == EACCES || errno == ENOENT));
	check("kill init is refused", kill(1, 0) == -1 && errno == EPERM);

	int p[2];
	check("pipe", pipe(p) == 0);
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[1], 1);
	char *args[] = { "kt_whoami", NULL };
	pid_t pid;
	check("spawn kt_whoami", posix_spawnp(&pid, "kt_whoami", &fa, NULL, args, environ) == 0);
	close(p[1]);
	char buf[128] = "";
	ssize_t n = read(p[0], buf, sizeof buf - 1);
	if (n > 0)
		buf[n] = 0;
	waitpid(pid, NULL, 0);
	printf("kt_users: set-uid child says: %s", buf);
	check("set-uid root gives euid 0 and keeps uid", strncmp(buf, "uid 1000 euid 0", 15) == 0);
	printf(bad ? "kt_users: FAILED\n" : "kt_users: credentials ok\n");
	return bad;
}
